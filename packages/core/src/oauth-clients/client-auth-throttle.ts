import type { Clock } from '../deps.ts'

/**
 * Slows down guessing of client secrets (RFC 9700 §2.5, checklist item 29): after
 * `maxFailures` wrong secrets for one client_id within a window, every attempt for that client
 * fails (even with the right secret) until the window ends. In memory, per instance; the
 * secrets are 256-bit random, so this is defense in depth rather than the only barrier.
 */
export class ClientAuthThrottle {
  private failures = new Map<string, { start: number; count: number }>()
  constructor(
    private readonly clock: Clock,
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
  ) {}

  private current(clientId: string) {
    const now = this.clock.now().getTime()
    const entry = this.failures.get(clientId)
    if (!entry || now - entry.start >= this.windowMs) return undefined
    return entry
  }

  isBlocked(clientId: string): boolean {
    return (this.current(clientId)?.count ?? 0) >= this.maxFailures
  }

  recordFailure(clientId: string): void {
    const entry = this.current(clientId)
    if (entry) entry.count++
    else {
      this.failures.set(clientId, { start: this.clock.now().getTime(), count: 1 })
      if (this.failures.size > 10_000) this.prune()
    }
  }

  private prune() {
    for (const id of [...this.failures.keys()]) if (!this.current(id)) this.failures.delete(id)
  }
}
