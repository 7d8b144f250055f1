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

  const at = (minutes: number) =>
    new Date(Date.parse('2026-01-15T10:00:00.000Z') + minutes * 60_000).toISOString()
  const oauth = {
    type: 'OAUTH2',
    status: 'ACTIVE',
    tokenExpiresAt: at(5),
    lastAuthorizedAt: at(0),
    lastRefreshedAt: null,
    nextRefreshAt: null,
  }

  it('schedules the renewal from the issue time (the later of authorization and refresh) and the expiry', () => {
    expect(refreshDueAt(oauth)).toBe('2026-01-15T10:03:45.000Z')
    expect(refreshDueAt({ ...oauth, tokenExpiresAt: at(60) })).toBe(at(50))
    expect(
      refreshDueAt({ ...oauth, lastAuthorizedAt: at(-100), lastRefreshedAt: at(55), tokenExpiresAt: at(60) }),
    ).toBe('2026-01-15T10:58:45.000Z')
  })

  it('a day idle comes first for a long-lived token, and is the only reason without an expiry', () => {
    expect(refreshDueAt({ ...oauth, tokenExpiresAt: at(30 * 1440) })).toBe(at(1440))
    expect(refreshDueAt({ ...oauth, tokenExpiresAt: null })).toBe(at(1440))
    expect(refreshDueAt({ ...oauth, tokenExpiresAt: null, lastAuthorizedAt: null })).toBeNull()
  })

  it('waits out the back-off, and never picks up what the refresher must not refresh', () => {
    expect(refreshDueAt({ ...oauth, nextRefreshAt: at(30) })).toBe(at(30))
    expect(refreshDueAt({ ...oauth, nextRefreshAt: at(1) })).toBe('2026-01-15T10:03:45.000Z')
    expect(refreshDueAt({ ...oauth, status: 'UNHEALTHY' })).toBe('2026-01-15T10:03:45.000Z')
    expect(refreshDueAt({ ...oauth, status: 'REFRESH_FAILED' })).toBeNull()
    expect(refreshDueAt({ ...oauth, type: 'SECRET_TEXT' })).toBeNull()
  })
})
