import { describe, expect, it } from 'vitest'
import { touchDue } from './last-used.ts'

describe('touchDue (lastUsedAt at most once a minute)', () => {
  const at = (iso: string) => Date.parse(iso)

  it('a row never used is due, and is then marked used now', () => {
    const row = { lastUsedAt: null as string | null }
    expect(touchDue(row, at('2026-01-01T12:00:00.000Z'))).toBe(true)
    expect(row.lastUsedAt).toBe('2026-01-01T12:00:00.000Z')
  })

  it('within a minute of the last use it is not due; a minute later it is', () => {
    const row = { lastUsedAt: '2026-01-01T12:00:00.000Z' as string | null }
    expect(touchDue(row, at('2026-01-01T12:00:59.999Z'))).toBe(false)
    expect(row.lastUsedAt).toBe('2026-01-01T12:00:00.000Z')
    expect(touchDue(row, at('2026-01-01T12:01:00.000Z'))).toBe(true)
    expect(row.lastUsedAt).toBe('2026-01-01T12:01:00.000Z')
    // The new time counts from here on.
    expect(touchDue(row, at('2026-01-01T12:01:30.000Z'))).toBe(false)
    expect(touchDue(row, at('2026-01-01T12:02:00.000Z'))).toBe(true)
  })
})
