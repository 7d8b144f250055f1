import type { AppError, CoreDeps, Principal } from '@switchboard/core'

/** What every tRPC procedure and REST route receives. Built by the HTTP host per request. */
export interface ApiContext {
  deps: CoreDeps
  principal: Principal | null
  /**
   * The client's address as the host decided it (the TCP peer, or what a proxy listed in
   * SWITCHBOARD_TRUST_PROXY forwarded). Per-address limits count it; when a host does not set
   * it, every such request shares one count (stricter, never laxer).
   */
  sourceAddress?: string | undefined
  /** The request's User-Agent, kept with a dashboard session opened by it. */
  userAgent?: string | undefined
  /** Set when the request carried a credential that did not check out (bad or revoked key). */
  principalError?: AppError | undefined
  /** Dashboard session cookie plumbing; the host decides the cookie's attributes. */
  session: {
    token: string | undefined
    set(token: string, expiresAt: string): void
    clear(): void
  }
}
