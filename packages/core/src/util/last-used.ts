/** lastUsedAt columns are rewritten at most this often: a busy key or connection is not a write per call. */
export const LAST_USED_GRANULARITY_MS = 60_000

/** Each row's lastUsedAt as a time, parsed once (hot-path rows are cached objects). */
const lastUsedMs = new WeakMap<object, number>()

/**
 * Whether a row's lastUsedAt is due to be written: when it is, sets it to `now` (on the row,
 * which the caller then saves) and returns true.
 */
export function touchDue(row: { lastUsedAt: string | null }, now: Date): boolean {
  const nowMs = now.getTime()
  let last = lastUsedMs.get(row)
  if (last === undefined) {
    last = row.lastUsedAt ? Date.parse(row.lastUsedAt) : Number.NaN
    lastUsedMs.set(row, last)
  }
  if (nowMs - last < LAST_USED_GRANULARITY_MS) return false
  row.lastUsedAt = now.toISOString()
  lastUsedMs.set(row, nowMs)
  return true
}
