import { type Clock, clockMs } from '../deps.ts'

export interface RateDecision {
  allowed: boolean
  limit: number
  remaining: number
  /** Seconds until the window resets. */
  resetSeconds: number
}

/**
 * A fixed-window limiter per key (organization), in memory: each instance enforces the limit
 * for the traffic it serves. Good enough to protect providers' quotas from one noisy tenant.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>()
  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  take(key: string): RateDecision {
    if (this.perMinute <= 0) return { allowed: true, limit: 0, remaining: 0, resetSeconds: 0 }
    const now = clockMs(this.clock)
    const windowStart = now - (now % 60_000)
    let w = this.windows.get(key)
    if (!w || w.start !== windowStart) {
      w = { start: windowStart, count: 0 }
      this.windows.set(key, w)
      if (this.windows.size > 10_000) this.prune(windowStart)
    }
    const resetSeconds = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000))
    if (w.count >= this.perMinute)
      return { allowed: false, limit: this.perMinute, remaining: 0, resetSeconds }
    w.count++
    return { allowed: true, limit: this.perMinute, remaining: this.perMinute - w.count, resetSeconds }
  }

  private prune(current: number) {
    for (const [k, w] of this.windows) if (w.start !== current) this.windows.delete(k)
  }
}
