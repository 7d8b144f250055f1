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

/**
 * When the background refresher renews a token issued at `issuedAtMs` that expires at
 * `expiresAt` (ISO), for `connections.refreshDueAt`; null for a token without an expiry.
 */
export function refreshDueAt(issuedAtMs: number, expiresAt: string | null): string | null {
  if (expiresAt === null) return null
  const expires = Date.parse(expiresAt)
  return new Date(expires - refreshMarginMs(expires - issuedAtMs)).toISOString()
}
