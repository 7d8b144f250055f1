/** lastUsedAt columns are rewritten at most this often: a busy key or connection is not a write per call. */
export const LAST_USED_GRANULARITY_MS = 60_000

/** Each row's lastUsedAt as a time, parsed once (hot-path rows are cached objects). */
const lastUsedMs = new WeakMap<object, number>()

/**
 * Whether a row's lastUsedAt is due to be written at `nowMs`: when it is, sets it to that time
 * (on the row, which the caller then saves) and returns true.
 */
export function touchDue(row: { lastUsedAt: string | null }, nowMs: number): boolean {
  let last = lastUsedMs.get(row)
  if (last === undefined) {
    last = row.lastUsedAt ? Date.parse(row.lastUsedAt) : Number.NaN
    lastUsedMs.set(row, last)
  }
  if (nowMs - last < LAST_USED_GRANULARITY_MS) return false
  row.lastUsedAt = new Date(nowMs).toISOString()
  lastUsedMs.set(row, nowMs)
  return true
}
