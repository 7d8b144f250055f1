import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../testing/src/deps.ts'
import { RateLimiter } from './rate-limiter.ts'

describe('RateLimiter (fixed window per key)', () => {
  it('allows `perMinute` calls per key per minute, then refuses until the window resets', () => {
    const clock = new ManualClock(new Date('2026-03-01T12:00:10.000Z'))
    const limiter = new RateLimiter(3, clock)
    expect([1, 2, 3].map(() => limiter.take('org-a'))).toEqual([
      { allowed: true, limit: 3, remaining: 2, resetSeconds: 50 },
      { allowed: true, limit: 3, remaining: 1, resetSeconds: 50 },
      { allowed: true, limit: 3, remaining: 0, resetSeconds: 50 },
    ])
    expect(limiter.take('org-a')).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 50 })
    // Keys are independent.
    expect(limiter.take('org-b').allowed).toBe(true)
    clock.advance(49_500)
    expect(limiter.take('org-a')).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 1 })
    clock.advance(500)
    expect(limiter.take('org-a')).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 60 })
  })

  it('refused calls do not use up the next window', () => {
    const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'))
    const limiter = new RateLimiter(1, clock)
    expect(limiter.take('k').allowed).toBe(true)
    for (let i = 0; i < 10; i++) expect(limiter.take('k').allowed).toBe(false)
    clock.advance(60_000)
    expect(limiter.take('k').allowed).toBe(true)
  })

  it('0 means unlimited', () => {
    const limiter = new RateLimiter(0, new ManualClock())
    for (let i = 0; i < 1000; i++) expect(limiter.take('k').allowed).toBe(true)
  })

  it('forgets old windows when many keys were seen', () => {
    const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'))
    const limiter = new RateLimiter(1, clock)
    for (let i = 0; i < 10_001; i++) limiter.take(`k${i}`)
    clock.advance(60_000)
    for (let i = 0; i < 10_002; i++) limiter.take(`n${i}`)
    const size = (limiter as unknown as { windows: Map<string, unknown> }).windows.size
    expect(size).toBeLessThanOrEqual(10_002)
  })
})
