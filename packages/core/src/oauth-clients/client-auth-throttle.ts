import type { Clock } from '../deps.ts'
import { sourceAddressKey } from '../util/source-address.ts'

/** Most (client, address) pairs remembered at once; past it the oldest are forgotten first. */
const MAX_ENTRIES = 100_000

/**
 * Slows down guessing of client secrets (RFC 9700 §2.5, checklist item 29): after
 * `maxFailures` wrong secrets for one client_id from one source address within a window, every
 * attempt for that client from that address fails (even with the right secret) until the
 * window ends. Counted per source address (an IPv6 address by its /64, see sourceAddressKey),
 * so someone who knows a client id and sends it wrong secrets locks out only themselves: the
 * real client, calling from its own address, keeps working. In memory, per instance; the
 * secrets are 256-bit random, so this is defense in depth rather than the only barrier.
 */
export class ClientAuthThrottle {
  private failures = new Map<string, { start: number; count: number }>()
  constructor(
    private readonly clock: Clock,
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
  ) {}

  private key(clientId: string, address: string): string {
    return `${clientId}\n${sourceAddressKey(address)}`
  }

  private current(key: string) {
    const now = this.clock.now().getTime()
    const entry = this.failures.get(key)
    if (!entry || now - entry.start >= this.windowMs) return undefined
    return entry
  }

  isBlocked(clientId: string, address: string): boolean {
    return (this.current(this.key(clientId, address))?.count ?? 0) >= this.maxFailures
  }

  recordFailure(clientId: string, address: string): void {
    const key = this.key(clientId, address)
    const entry = this.current(key)
    if (entry) entry.count++
    else {
      // Re-inserted, so the map's order stays oldest window first.
      this.failures.delete(key)
      this.failures.set(key, { start: this.clock.now().getTime(), count: 1 })
      if (this.failures.size > 10_000) this.prune()
    }
  }

  private prune() {
    for (const key of [...this.failures.keys()]) if (!this.current(key)) this.failures.delete(key)
    // Still too many (a flood from many addresses within one window): forget the oldest.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_ENTRIES) break
      this.failures.delete(key)
    }
  }
}
