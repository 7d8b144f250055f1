import type { AppError, CoreDeps, Principal } from '@switchboard/core'

/** What every tRPC procedure and REST route receives. Built by the HTTP host per request. */
export interface ApiContext {
  deps: CoreDeps
  principal: Principal | null
  /** Set when the request carried a credential that did not check out (bad or revoked key). */
  principalError?: AppError | undefined
  /** Dashboard session cookie plumbing; the host decides the cookie's attributes. */
  session: {
    token: string | undefined
    set(token: string, expiresAt: string): void
    clear(): void
  }
}
