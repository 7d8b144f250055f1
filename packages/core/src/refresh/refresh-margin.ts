/**
 * When to renew an access token ahead of its expiry: when a quarter of its lifetime is left,
 * but never closer than 30 s to the expiry nor earlier than 10 minutes before it. A 5-minute
 * token is renewed with 75 s left (once per lifetime), a 1-hour token with 10 minutes left.
 */
export const REFRESH_SHARE_OF_LIFETIME = 0.25
export const MIN_REFRESH_MARGIN_MS = 30_000
export const MAX_REFRESH_MARGIN_MS = 10 * 60_000

/** How long before its expiry a token that lives `lifetimeMs` is renewed. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(
    MAX_REFRESH_MARGIN_MS,
    Math.max(MIN_REFRESH_MARGIN_MS, Math.round(lifetimeMs * REFRESH_SHARE_OF_LIFETIME)),
  )
}

/** A connection not refreshed for this long is refreshed anyway, so its refresh token does not age out. */
export const IDLE_REFRESH_MS = 24 * 3600_000

/** The columns `connections.refreshDueAt` is computed from. */
export interface RefreshDueInputs {
  type: string
  status: string
  tokenExpiresAt: string | null
  lastAuthorizedAt: string | null
  lastRefreshedAt: string | null
  nextRefreshAt: string | null
}

/**
 * When the background refresher next picks the connection up, for `connections.refreshDueAt`
 * (the one rule; every write of an input column stores its result, and the refresher's due
 * query is an index range `refresh_due_at <= now`):
 * - only OAuth2 connections that are ACTIVE or UNHEALTHY (an UNHEALTHY one's refresh token must
 *   not age out either); null for every other;
 * - the token is renewed `refreshMarginMs` of its lifetime before it expires, counted from its
 *   issue (the later of the last authorization and the last refresh);
 * - a connection idle for IDLE_REFRESH_MS is refreshed anyway;
 * - never before `nextRefreshAt`, the back-off after a failed refresh.
 * null when none of these ever makes it due. Migration 0021 backfilled the column with this rule.
 */
export function refreshDueAt(c: RefreshDueInputs): string | null {
  if (c.type !== 'OAUTH2' || (c.status !== 'ACTIVE' && c.status !== 'UNHEALTHY')) return null
  const times = [c.lastAuthorizedAt, c.lastRefreshedAt].filter((t) => t !== null).map((t) => Date.parse(t))
  const issued = times.length > 0 ? Math.max(...times) : null
  let due = Number.POSITIVE_INFINITY
  if (c.tokenExpiresAt !== null) {
    const expires = Date.parse(c.tokenExpiresAt)
    due = expires - refreshMarginMs(issued === null ? 0 : expires - issued)
  }
  if (issued !== null) due = Math.min(due, issued + IDLE_REFRESH_MS)
  if (due === Number.POSITIVE_INFINITY) return null
  if (c.nextRefreshAt !== null) due = Math.max(due, Date.parse(c.nextRefreshAt))
  return new Date(due).toISOString()
}
