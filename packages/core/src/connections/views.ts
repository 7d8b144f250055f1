import type { Connection } from '@switchboard/db'
import { healthOf, type Resolution, type StatusDetail } from './connection-health.ts'

/** A connection as callers see it: never a token or secret. */
export interface ConnectionView {
  id: string
  workspaceId: string
  integrationName: string
  type: Connection['type']
  externalId: string
  displayName: string
  scope: Connection['scope']
  endUserId: string | null
  ownerUserId: string | null
  oauthAppId: string | null
  status: Connection['status']
  statusReason: string | null
  /** The status's stable code and what to do (null when ACTIVE). */
  statusDetail: StatusDetail | null
  /** Who can make it work again. */
  resolution: Resolution
  /** The refresh token ends within SWITCHBOARD_EXPIRING_DAYS (or has ended). */
  expiring: boolean
  lastHealthyAt: string | null
  lastUnhealthyAt: string | null
  grantedScopes: string[]
  tokenExpiresAt: string | null
  refreshTokenExpiresAt: string | null
  lastAuthorizedAt: string | null
  lastRefreshedAt: string | null
  lastUsedAt: string | null
  apiBaseUri: string | null
  metadata: Record<string, unknown>
  createdAt: string
  updatedAt: string
}

/** `at`: the time `expiring` is judged at (the deps' clock) and the window's days. */
export function toConnectionView(
  c: Connection,
  at: { nowMs: number; expiringDays?: number | undefined } = { nowMs: Date.now() },
): ConnectionView {
  const health = healthOf(c, at.nowMs, at.expiringDays)
  return {
    id: c.id,
    workspaceId: c.workspaceId,
    integrationName: c.integrationName,
    type: c.type,
    externalId: c.externalId,
    displayName: c.displayName,
    scope: c.scope,
    endUserId: c.endUserId,
    ownerUserId: c.ownerUserId,
    oauthAppId: c.oauthAppId,
    status: c.status,
    statusReason: c.statusReason,
    statusDetail: health.statusDetail,
    resolution: health.resolution,
    expiring: health.expiring,
    lastHealthyAt: c.lastHealthyAt,
    lastUnhealthyAt: c.lastUnhealthyAt,
    grantedScopes: JSON.parse(c.grantedScopes) as string[],
    tokenExpiresAt: c.tokenExpiresAt,
    refreshTokenExpiresAt: c.refreshTokenExpiresAt,
    lastAuthorizedAt: c.lastAuthorizedAt,
    lastRefreshedAt: c.lastRefreshedAt,
    lastUsedAt: c.lastUsedAt,
    apiBaseUri: c.apiBaseUri,
    metadata: JSON.parse(c.metadata) as Record<string, unknown>,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }
}
