import type { Connection } from '@switchboard/db'

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

export function toConnectionView(c: Connection): ConnectionView {
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
