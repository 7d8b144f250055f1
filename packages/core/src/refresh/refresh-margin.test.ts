import { describe, expect, it } from 'vitest'
import { refreshDueAt, refreshMarginMs } from './refresh-margin.ts'

describe('refresh margin: a quarter of the token lifetime, between 30 s and 10 minutes', () => {
  it.each([
    [10_000, 30_000],
    [60_000, 30_000],
    [120_000, 30_000],
    [300_000, 75_000],
    [1_200_000, 300_000],
    [2_400_000, 600_000],
    [3_600_000, 600_000],
    [86_400_000, 600_000],
  ])('a token living %i ms is renewed %i ms before it expires', (lifetime, margin) => {
    expect(refreshMarginMs(lifetime)).toBe(margin)
  })

  it('schedules the renewal from the issue time and the expiry; none without an expiry', () => {
    const issued = Date.parse('2026-01-15T10:00:00.000Z')
    expect(refreshDueAt(issued, '2026-01-15T10:05:00.000Z')).toBe('2026-01-15T10:03:45.000Z')
    expect(refreshDueAt(issued, '2026-01-15T11:00:00.000Z')).toBe('2026-01-15T10:50:00.000Z')
    expect(refreshDueAt(issued, null)).toBeNull()
  })
})
