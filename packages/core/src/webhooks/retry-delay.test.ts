import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY_SECONDS, REPEAT_RETRY_SECONDS, RETRY_HORIZON_MS, retryDelayMs } from './deliver.ts'

// The retry schedule's jitter (issue 22) with a fixed random source: random() = 0 is the
// schedule's delay less 10 %, 0.5 the delay itself, 1 the delay plus 10 %.

describe('retryDelayMs', () => {
  it('spreads each delay by ±10 % of it by default', () => {
    expect(retryDelayMs(1, {}, () => 0)).toBe(4500)
    expect(retryDelayMs(1, {}, () => 0.5)).toBe(5000)
    expect(retryDelayMs(1, {}, () => 1)).toBe(5500)
    expect(retryDelayMs(2, {}, () => 0.75)).toBe(63_000)
    expect(retryDelayMs(5, {}, () => 0.25)).toBe(6 * 3600_000 * 0.95)
  })

  it('follows the schedule, then repeats every 12 h, and ends at the 3-day horizon', () => {
    const mid = () => 0.5
    expect(DEFAULT_RETRY_SECONDS.map((_, i) => retryDelayMs(i + 1, {}, mid))).toEqual(
      DEFAULT_RETRY_SECONDS.map((s) => s * 1000),
    )
    expect(retryDelayMs(6, {}, mid)).toBe(REPEAT_RETRY_SECONDS * 1000)
    // After the 11th failed attempt there is none: 5 s + 1 min + 10 min + 1 h + 6 h + 6 × 12 h
    // is past 3 days (with 5 × 12 h it is not).
    let attempts = 1
    while (retryDelayMs(attempts, {}, mid) !== null) attempts++
    expect(attempts).toBe(11)
    let elapsed = 0
    for (let i = 0; i < attempts; i++) elapsed += (DEFAULT_RETRY_SECONDS[i] ?? REPEAT_RETRY_SECONDS) * 1000
    expect(elapsed).toBeGreaterThan(RETRY_HORIZON_MS)
  })

  it('takes its own jitter, schedule and horizon', () => {
    expect(retryDelayMs(1, { jitter: 0 }, () => 0)).toBe(5000)
    expect(retryDelayMs(1, { jitter: 0.5 }, () => 0)).toBe(2500)
    expect(retryDelayMs(3, { retrySeconds: [1, 2], repeatSeconds: 7, jitter: 0 })).toBe(7000)
    expect(retryDelayMs(2, { retrySeconds: [1, 2], horizonMs: 2000 })).toBe(null)
  })
})
