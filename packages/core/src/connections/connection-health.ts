import type { Connection } from '@switchboard/db'

/** Who can make an unhealthy connection work again. */
export type Resolution = 'END_USER_RECONNECT' | 'PROVIDER' | 'ADMIN_CONFIG' | 'NONE'
export const resolutions = ['END_USER_RECONNECT', 'PROVIDER', 'ADMIN_CONFIG', 'NONE'] as const

/** A stable code and what to do, for a connection that is not ACTIVE. */
export interface StatusDetail {
  code: string
  message: string
}

/** Default of SWITCHBOARD_EXPIRING_DAYS: how far ahead a refresh token's end counts as expiring. */
export const DEFAULT_EXPIRING_DAYS = 7

export interface ConnectionHealth {
  statusDetail: StatusDetail | null
  resolution: Resolution
  /** The refresh token (so the connection) ends within the expiring window, or has ended. */
  expiring: boolean
}

/** Who fixes an UNHEALTHY connection, by its reason's code (the end user, unless listed). */
const unhealthyResolution: Partial<Record<string, Resolution>> = {
  TOKEN_REJECTED: 'END_USER_RECONNECT',
  CREDENTIALS_REJECTED: 'END_USER_RECONNECT',
  EGRESS_REFUSED: 'ADMIN_CONFIG',
}

/**
 * Why a connection is in its status, and who fixes it, read from its status and reason (one
 * place: the views, the events and the overview agree).
 */
export function statusDetailOf(c: Pick<Connection, 'status' | 'statusReason'>): {
  detail: StatusDetail | null
  resolution: Resolution
} {
  if (c.status === 'ACTIVE') return { detail: null, resolution: 'NONE' }
  const reason = c.statusReason ?? ''
  const coded = /^([A-Z][A-Z0-9_]+): (.*)$/s.exec(reason)
  if (c.status === 'UNHEALTHY') {
    const code = coded?.[1] ?? 'TOKEN_REJECTED'
    return {
      detail: {
        code,
        message: coded?.[2] ?? (reason || 'The API refuses the token; reconnect'),
      },
      resolution: unhealthyResolution[code] ?? 'END_USER_RECONNECT',
    }
  }
  // REFRESH_FAILED: the reason is the provider's error ("invalid_grant: …") or ours.
  if (/^(invalid_client|unauthorized_client)\b/.test(reason)) {
    return {
      detail: {
        code: 'OAUTH_APP_REJECTED',
        message: `The provider refused the OAuth app's credentials (${reason}). An admin must fix the OAuth app (client id and secret), then the end user reconnects.`,
      },
      resolution: 'ADMIN_CONFIG',
    }
  }
  if (/^invalid_grant\b/.test(reason)) {
    return {
      detail: {
        code: 'REFRESH_TOKEN_REJECTED',
        message: `The provider no longer accepts this connection's refresh token (${reason}): it was revoked or expired. The end user must reconnect.`,
      },
      resolution: 'END_USER_RECONNECT',
    }
  }
  return {
    detail: {
      code: 'REFRESH_IMPOSSIBLE',
      message: `${reason || 'The token cannot be refreshed'}. The end user must reconnect.`,
    },
    resolution: 'END_USER_RECONNECT',
  }
}

export function isExpiring(
  c: Pick<Connection, 'refreshTokenExpiresAt'>,
  nowMs: number,
  expiringDays: number = DEFAULT_EXPIRING_DAYS,
): boolean {
  if (!c.refreshTokenExpiresAt) return false
  return Date.parse(c.refreshTokenExpiresAt) - nowMs <= expiringDays * 86_400_000
}

export function healthOf(
  c: Pick<Connection, 'status' | 'statusReason' | 'refreshTokenExpiresAt'>,
  nowMs: number,
  expiringDays?: number,
): ConnectionHealth {
  const { detail, resolution } = statusDetailOf(c)
  return { statusDetail: detail, resolution, expiring: isExpiring(c, nowMs, expiringDays) }
}
