import type { Connection, ConnectionScope, ConnectionType } from '@switchboard/db'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendConnectionEvent } from '../events/connection-event.ts'
import type { EventActor } from '../events/types.ts'
import { refreshDueAt } from '../refresh/refresh-margin.ts'
import { encryptCredentials, type StoredCredentials } from './credentials.ts'

export interface ConnectionWrite {
  organizationId: string
  workspaceId: string
  integrationName: string
  type: ConnectionType
  externalId: string
  displayName: string
  scope: ConnectionScope
  endUserId: string | null
  ownerUserId: string | null
  oauthAppId: string | null
  credentials: StoredCredentials
  tokenExpiresAt: string | null
  refreshTokenExpiresAt: string | null
  grantedScopes: readonly string[]
  apiBaseUri: string | null
  /** The caller's own JSON object; left out, a new connection gets `{}` and an existing one keeps its own. */
  metadata?: Record<string, unknown> | undefined
  /** Re-authorize this connection in place instead of upserting by externalId. */
  reconnectConnectionId?: string | null
  /** Who made the connection (its connection.created / reconnected event); the system if left out. */
  actor?: EventActor | undefined
  /** The connect session that authorized it, for its events. */
  connectSessionId?: string | null | undefined
}

/** Who a connection write says the connection is for. */
export interface ConnectionOwner {
  scope: ConnectionScope
  /** Our id of the end user, or null when the write names none. */
  endUserId: string | null
  ownerUserId: string | null
}

/**
 * A connection's scope and end user are fixed when it is created: a write that finds the
 * connection under its externalId (or reconnects it) must name the same scope, and no other end
 * user, or it is refused (409 SCOPE_MISMATCH) before anything is written. Leaving the end user
 * out keeps the connection's own, except on a USER connection, which belongs to exactly one
 * end user or dashboard user.
 */
export function assertSameOwner(existing: Connection, w: ConnectionOwner): void {
  const label = `Connection "${existing.externalId}"`
  if (existing.scope !== w.scope) {
    throw new AppError(
      'SCOPE_MISMATCH',
      `${label} already exists with scope ${existing.scope}, not ${w.scope}: pass scope ${existing.scope} to update it, or use another externalId`,
    )
  }
  if (w.endUserId !== null && w.endUserId !== existing.endUserId) {
    throw new AppError(
      'SCOPE_MISMATCH',
      existing.endUserId === null
        ? `${label} already exists and is not linked to an end user: use another externalId for this end user`
        : `${label} already exists for another end user: use another externalId for this one`,
    )
  }
  if (
    existing.scope === 'USER' &&
    w.endUserId === null &&
    (existing.endUserId !== null || w.ownerUserId !== existing.ownerUserId)
  ) {
    throw new AppError(
      'SCOPE_MISMATCH',
      `${label} is a USER connection of someone else: use another externalId`,
    )
  }
}

/**
 * Writes a freshly authorized connection: a reconnect updates the named connection, otherwise
 * the connection is upserted by (workspace, integration, externalId). Call inside the
 * transaction that also completes the connect session, so neither half can exist alone.
 */
export async function storeConnection(
  deps: CoreDeps,
  w: ConnectionWrite,
): Promise<{ connection: Connection; created: boolean }> {
  const now = deps.clock.now().toISOString()
  let existing: Connection | undefined
  if (w.reconnectConnectionId) {
    existing = await deps.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', w.reconnectConnectionId)
      .where('organizationId', '=', w.organizationId)
      .executeTakeFirst()
    if (!existing) throw new AppError('CONNECTION_NOT_FOUND', 'The connection to reconnect no longer exists')
  } else {
    const id = deps.newId()
    const inserted = await deps.db
      .insertInto('connections')
      .values({
        id,
        organizationId: w.organizationId,
        workspaceId: w.workspaceId,
        integrationName: w.integrationName,
        oauthAppId: w.oauthAppId,
        type: w.type,
        externalId: w.externalId,
        displayName: w.displayName,
        scope: w.scope,
        endUserId: w.endUserId,
        ownerUserId: w.ownerUserId,
        status: 'ACTIVE',
        statusReason: null,
        credentialsCiphertext: encryptCredentials(deps, id, w.credentials),
        credentialsVersion: 1,
        tokenExpiresAt: w.tokenExpiresAt,
        refreshDueAt: refreshDueAt({
          type: w.type,
          status: 'ACTIVE',
          tokenExpiresAt: w.tokenExpiresAt,
          lastAuthorizedAt: now,
          lastRefreshedAt: null,
          nextRefreshAt: null,
        }),
        refreshTokenExpiresAt: w.refreshTokenExpiresAt,
        lastAuthorizedAt: now,
        lastRefreshedAt: null,
        lastUsedAt: null,
        lastHealthyAt: now,
        grantedScopes: JSON.stringify(w.grantedScopes),
        apiBaseUri: w.apiBaseUri,
        metadata: JSON.stringify(w.metadata ?? {}),
        refreshLeaseUntil: null,
        refreshLeaseOwner: null,
        refreshFailures: 0,
        nextRefreshAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.columns(['workspaceId', 'integrationName', 'externalId']).doNothing())
      .executeTakeFirst()
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) {
      const connection = await deps.db
        .selectFrom('connections')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      await appendConnectionEvent(deps, connection, 'connection.created', eventOptions(w, connection))
      return { connection, created: true }
    }
    existing = await deps.db
      .selectFrom('connections')
      .selectAll()
      .where('workspaceId', '=', w.workspaceId)
      .where('integrationName', '=', w.integrationName)
      .where('externalId', '=', w.externalId)
      .executeTakeFirstOrThrow()
    if (existing.organizationId !== w.organizationId)
      throw new AppError('CONFLICT', 'Connection belongs to another organization')
  }
  assertSameOwner(existing, w)
  await deps.db
    .updateTable('connections')
    .set({
      oauthAppId: w.oauthAppId,
      type: w.type,
      displayName: w.displayName,
      endUserId: w.endUserId ?? existing.endUserId,
      ownerUserId: w.ownerUserId ?? existing.ownerUserId,
      status: 'ACTIVE',
      statusReason: null,
      credentialsCiphertext: encryptCredentials(deps, existing.id, w.credentials),
      credentialsVersion: existing.credentialsVersion + 1,
      tokenExpiresAt: w.tokenExpiresAt,
      refreshDueAt: refreshDueAt({
        type: w.type,
        status: 'ACTIVE',
        tokenExpiresAt: w.tokenExpiresAt,
        lastAuthorizedAt: now,
        lastRefreshedAt: existing.lastRefreshedAt,
        nextRefreshAt: null,
      }),
      refreshTokenExpiresAt: w.refreshTokenExpiresAt,
      lastAuthorizedAt: now,
      lastHealthyAt: now,
      // A new refresh token: its expiry has not been announced.
      expiringNotifiedAt: null,
      grantedScopes: JSON.stringify(w.grantedScopes),
      apiBaseUri: w.apiBaseUri,
      ...(w.metadata !== undefined && { metadata: JSON.stringify(w.metadata) }),
      refreshFailures: 0,
      nextRefreshAt: null,
      // New credentials: any refresh of the old ones is moot (its commit will lose the CAS).
      refreshLeaseOwner: null,
      refreshLeaseUntil: null,
      updatedAt: now,
    })
    .where('id', '=', existing.id)
    .execute()
  const connection = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('id', '=', existing.id)
    .executeTakeFirstOrThrow()
  await appendConnectionEvent(deps, connection, 'connection.reconnected', {
    ...eventOptions(w, connection),
    data: { ...eventOptions(w, connection).data, previousStatus: existing.status },
  })
  // A reconnect heals a connection that was unhealthy or failed to refresh.
  if (existing.status !== 'ACTIVE') {
    await appendConnectionEvent(deps, connection, 'connection.recovered', {
      ...eventOptions(w, connection),
      data: { previousStatus: existing.status, via: 'reconnect' },
    })
  }
  return { connection, created: false }
}

function eventOptions(w: ConnectionWrite, c: Connection) {
  return {
    ...(w.actor !== undefined && { actor: w.actor }),
    connectSessionId: w.connectSessionId ?? null,
    data: { type: c.type, scope: c.scope, externalId: c.externalId },
  }
}
