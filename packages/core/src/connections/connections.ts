import { formFieldsFor, type IntegrationDefinition } from '@switchboard/catalog'
import type { Connection } from '@switchboard/db'
import { z } from 'zod'
import {
  type Principal,
  requireScope,
  requireSeenWorkspace,
  seenWorkspaceIds,
  seesEveryone,
} from '../auth/principal.ts'
import { type CoreDeps, clockMs } from '../deps.ts'
import { ExternalIdSchema, matchEndUsers, resolveEndUser } from '../end-users/end-users.ts'
import { AppError } from '../errors.ts'
import { appendConnectionEvent } from '../events/connection-event.ts'
import { actorOf, type EventActor, systemActor } from '../events/types.ts'
import { requireIntegration } from '../integrations/integrations.ts'
import { selectOAuthApp } from '../oauth-apps/oauth-apps.ts'
import { requireWorkspace } from '../tenancy/workspaces.ts'
import { keysetPage } from '../util/cursor.ts'
import { containsText } from '../util/search.ts'
import { decryptCredentials, type StoredCredentials } from './credentials.ts'
import { revokeTokens } from './revoke-tokens.ts'
import { storeConnection } from './store-connection.ts'
import { validateFields, verifyCredentials } from './verify-credentials.ts'
import { type ConnectionView, toConnectionView } from './views.ts'

export const ConnectionScopeSchema = z.enum(['ORGANIZATION', 'WORKSPACE', 'USER'])

export const CONNECTION_METADATA_MAX_BYTES = 16 * 1024

/** The caller's own JSON object on a connection (seed 002's `data`); not a place for secrets. */
export const ConnectionMetadataSchema = z
  .record(z.string(), z.unknown())
  .refine((v) => Buffer.byteLength(JSON.stringify(v)) <= CONNECTION_METADATA_MAX_BYTES, {
    message: `at most ${CONNECTION_METADATA_MAX_BYTES / 1024} KiB of JSON`,
  })

const Common = {
  integrationName: z.string().min(1).max(200),
  workspaceId: z.uuid(),
  externalId: ExternalIdSchema,
  displayName: z.string().trim().min(1).max(255).optional(),
  scope: ConnectionScopeSchema.optional(),
  /** The end user's id or externalId (seed 001); an unknown externalId is registered on first use. */
  endUserId: ExternalIdSchema.optional(),
  /** Run the integration's verify request before saving (default false for imports). */
  verify: z.boolean().optional(),
  metadata: ConnectionMetadataSchema.optional(),
}

export const CreateConnectionInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SECRET_TEXT'), ...Common, secretText: z.string().min(1).max(10_000) }),
  z.object({
    type: z.literal('BASIC'),
    ...Common,
    username: z.string().min(1).max(1000),
    password: z.string().min(1).max(10_000),
  }),
  z.object({ type: z.literal('CUSTOM'), ...Common, fields: z.record(z.string(), z.string().max(10_000)) }),
  z.object({
    type: z.literal('OAUTH2'),
    ...Common,
    accessToken: z.string().min(1).max(20_000),
    refreshToken: z.string().min(1).max(20_000).optional(),
    tokenType: z.string().max(50).optional(),
    expiresAt: z.iso.datetime().optional(),
    scopes: z.array(z.string().max(500)).max(500).optional(),
    oauthAppId: z.uuid().optional(),
  }),
])
export type CreateConnectionInput = z.infer<typeof CreateConnectionInput>

/** USER connections belong to an end user, or (seed 002) to the dashboard user acting. */
export function requireUserScopeOwner(
  scope: Connection['scope'],
  endUserId: string | undefined,
  ownerUserId: string | null,
): void {
  if (scope === 'USER' && endUserId === undefined && ownerUserId === null) {
    throw new AppError('VALIDATION_ERROR', 'USER-scoped connections need endUserId', [
      { path: 'endUserId', message: 'required when scope is USER' },
    ])
  }
}

/**
 * Where a BASIC connection's username and password go in the integration's form: the fields
 * its basic-auth template names (twilio: `{accountSid}`/`{authToken}`), else the form's first two.
 */
function basicFieldKeys(def: IntegrationDefinition): [string, string] {
  const fields = formFieldsFor(def)
  const keyOf = (template: string, fallback: string) =>
    /^\{([A-Za-z][A-Za-z0-9_]*)\}$/.exec(template)?.[1] ?? fallback
  const user = fields[0]?.key ?? 'username'
  const pass = fields[1]?.key ?? 'password'
  const auth = def.api.auth
  return auth.in === 'basic' ? [keyOf(auth.username, user), keyOf(auth.password, pass)] : [user, pass]
}

/** Seed 001's POST /api/v1/connections: typed-in credentials, or OAuth2 tokens being migrated. */
export async function createConnection(
  deps: CoreDeps,
  principal: Principal,
  input: CreateConnectionInput,
): Promise<{ connection: ConnectionView; created: boolean }> {
  requireScope(principal, 'connections:write')
  requireSeenWorkspace(
    principal,
    input.workspaceId,
    () => new AppError('NOT_FOUND', `Workspace ${input.workspaceId} not found in this organization`),
  )
  await requireWorkspace(deps, principal.organizationId, input.workspaceId)
  const integration = await requireIntegration(deps, principal.organizationId, input.integrationName)
  const def = integration.definition
  const expected = def.authType
  if (input.type !== expected) {
    throw new AppError(
      'VALIDATION_ERROR',
      `${def.displayName} connections are of type ${expected}, not ${input.type}`,
      [{ path: 'type', message: `expected ${expected}` }],
    )
  }
  const scope = input.scope ?? (input.endUserId ? 'USER' : 'ORGANIZATION')
  const ownerUserId = principal.kind === 'user' ? principal.userId : null
  requireUserScopeOwner(scope, input.endUserId, ownerUserId)
  let credentials: StoredCredentials
  let oauthAppId: string | null = null
  if (input.type === 'OAUTH2') {
    credentials = {
      kind: 'oauth2',
      accessToken: input.accessToken,
      refreshToken: input.refreshToken ?? null,
      tokenType: input.tokenType ?? 'Bearer',
    }
    oauthAppId = (await selectOAuthApp(deps, principal.organizationId, integration.name, input.oauthAppId)).id
  } else {
    const [userKey, passKey] = basicFieldKeys(def)
    const raw =
      input.type === 'SECRET_TEXT'
        ? { [def.fields[0]?.key ?? 'apiKey']: input.secretText }
        : input.type === 'BASIC'
          ? { [userKey]: input.username, [passKey]: input.password }
          : input.fields
    try {
      credentials = { kind: 'fields', values: validateFields(def, raw) }
    } catch (e) {
      // Name the fields the caller sent (username/password), not the form's own keys.
      if (input.type !== 'BASIC' || !(e instanceof AppError) || !Array.isArray(e.details)) throw e
      const rename = (p: string) => (p === userKey ? 'username' : p === passKey ? 'password' : p)
      const details = (e.details as Array<{ path: string; message: string }>).map((d) => ({
        ...d,
        path: rename(d.path),
      }))
      throw new AppError(
        'VALIDATION_ERROR',
        `Invalid credentials: ${details[0]?.path}: ${details[0]?.message}`,
        details,
      )
    }
  }
  if (input.verify) await verifyCredentials(deps, def, credentials)
  // The end user is registered in the transaction that stores the connection: a write that is
  // refused (another scope, another end user) leaves no end user behind.
  const result = await deps.db.transaction().execute(async (trx) => {
    const tx = { ...deps, db: trx }
    const endUser =
      input.endUserId === undefined
        ? null
        : await resolveEndUser(tx, principal.organizationId, input.endUserId, {
            workspaceId: input.workspaceId,
            register: true,
          })
    return storeConnection(tx, {
      organizationId: principal.organizationId,
      workspaceId: input.workspaceId,
      integrationName: integration.name,
      type: input.type,
      externalId: input.externalId,
      displayName: input.displayName ?? def.displayName,
      scope,
      endUserId: endUser?.id ?? null,
      ownerUserId,
      oauthAppId,
      credentials,
      tokenExpiresAt: input.type === 'OAUTH2' ? (input.expiresAt ?? null) : null,
      refreshTokenExpiresAt: null,
      grantedScopes: input.type === 'OAUTH2' ? (input.scopes ?? []) : [],
      apiBaseUri: def.api.baseUrl,
      metadata: input.metadata,
      actor: actorOf(principal),
    })
  })
  return { connection: toConnectionView(result.connection, viewClock(deps)), created: result.created }
}

export async function requireConnection(
  deps: CoreDeps,
  organizationId: string,
  id: string,
): Promise<Connection> {
  const row = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('id', '=', id)
    .where('organizationId', '=', organizationId)
    .executeTakeFirst()
  if (!row) throw new AppError('CONNECTION_NOT_FOUND', `Connection ${id} not found`)
  return row
}

/** A connection of the principal's organization, in a workspace it may see; else 404. */
export async function requireConnectionFor(
  deps: CoreDeps,
  principal: Principal,
  id: string,
): Promise<Connection> {
  const row = await requireConnection(deps, principal.organizationId, id)
  requireSeenWorkspace(
    principal,
    row.workspaceId,
    () => new AppError('CONNECTION_NOT_FOUND', `Connection ${id} not found`),
  )
  return row
}

export async function getConnection(
  deps: CoreDeps,
  principal: Principal,
  id: string,
): Promise<ConnectionView> {
  requireScope(principal, 'connections:read')
  return toConnectionView(await requireConnectionFor(deps, principal, id), viewClock(deps))
}

export const ListConnectionsInput = z.object({
  integrationName: z.string().max(200).optional(),
  workspaceId: z.uuid().optional(),
  endUserId: z.string().max(255).optional(),
  status: z.enum(['ACTIVE', 'REFRESH_FAILED', 'UNHEALTHY']).optional(),
  scope: ConnectionScopeSchema.optional(),
  search: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type ListConnectionsInput = z.input<typeof ListConnectionsInput>

export async function listConnections(deps: CoreDeps, principal: Principal, raw: ListConnectionsInput) {
  requireScope(principal, 'connections:read')
  const input = ListConnectionsInput.parse(raw)
  let q = deps.db
    .selectFrom('connections')
    .selectAll('connections')
    .where('connections.organizationId', '=', principal.organizationId)
  const visible = seenWorkspaceIds(principal)
  if (visible !== null) q = q.where('workspaceId', 'in', visible)
  if (input.integrationName) q = q.where('integrationName', '=', input.integrationName)
  if (input.workspaceId) q = q.where('workspaceId', '=', input.workspaceId)
  if (input.status) q = q.where('status', '=', input.status)
  if (input.scope) q = q.where('scope', '=', input.scope)
  if (input.endUserId) {
    // Our id or the customer's externalId of the end user (the id wins); none matches none.
    const ids = (await matchEndUsers(deps, principal.organizationId, input.endUserId, input.workspaceId)).map(
      (e) => e.id,
    )
    if (ids.length === 0) return { connections: [], nextCursor: null }
    q = q.where('endUserId', 'in', ids)
  }
  if (input.search) {
    const text = input.search
    q = q.where((eb) =>
      eb.or([
        containsText('displayName', text),
        containsText('externalId', text),
        containsText('integrationName', text),
      ]),
    )
  }
  const { rows, nextCursor } = await keysetPage(q, input.cursor, input.limit)
  // The list names each end user by the customer's id for them, as the dashboard shows it.
  const endUserIds = [...new Set(rows.flatMap((r) => (r.endUserId ? [r.endUserId] : [])))]
  const endUsers =
    endUserIds.length === 0
      ? []
      : await deps.db
          .selectFrom('endUsers')
          .select(['id', 'externalId'])
          .where('id', 'in', endUserIds)
          .execute()
  const externalIds = new Map(endUsers.map((e) => [e.id, e.externalId]))
  const connections: ConnectionListItem[] = rows.map((r) => ({
    ...toConnectionView(r, viewClock(deps)),
    endUserExternalId: r.endUserId ? (externalIds.get(r.endUserId) ?? null) : null,
  }))
  return { connections, nextCursor }
}

/** A connection in a list: the view plus its end user's externalId. */
export interface ConnectionListItem extends ConnectionView {
  endUserExternalId: string | null
}

export const ResolveConnectionInput = z.object({
  integrationName: z.string().min(1).max(200),
  workspaceId: z.uuid(),
  externalId: ExternalIdSchema.optional(),
  endUserId: ExternalIdSchema.optional(),
  scope: ConnectionScopeSchema.optional(),
})
export type ResolveConnectionInput = z.infer<typeof ResolveConnectionInput>

function mismatch(message: string): AppError {
  return new AppError('SCOPE_MISMATCH', message)
}

/**
 * Finds the connection a caller means, by externalId or end user, within a workspace (seed 001,
 * DESIGN.md scope rules). A scope or end user that does not match is rejected, never widened.
 */
export async function resolveConnectionRow(
  deps: CoreDeps,
  organizationId: string,
  input: ResolveConnectionInput,
): Promise<Connection> {
  await requireWorkspace(deps, organizationId, input.workspaceId)
  const integration = await requireIntegration(deps, organizationId, input.integrationName)
  const endUser =
    input.endUserId === undefined
      ? undefined
      : await resolveEndUser(deps, organizationId, input.endUserId, { workspaceId: input.workspaceId })
  let candidates = deps.db
    .selectFrom('connections')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .where('integrationName', '=', integration.name)
  if (input.externalId !== undefined) candidates = candidates.where('externalId', '=', input.externalId)
  else if (endUser) candidates = candidates.where('endUserId', '=', endUser.id).where('scope', '=', 'USER')
  else {
    throw new AppError('VALIDATION_ERROR', 'Pass externalId or endUserId to resolve a connection', [
      { path: 'externalId', message: 'externalId or endUserId is required' },
    ])
  }
  const rows = await candidates.orderBy('createdAt').execute()
  const inWorkspace = rows.find((c) => c.workspaceId === input.workspaceId)
  const connection = inWorkspace ?? rows.find((c) => c.scope === 'ORGANIZATION')
  if (!connection) {
    if (rows.length > 0)
      throw mismatch('That connection belongs to another workspace and is not shared with this one')
    throw new AppError(
      'CONNECTION_NOT_FOUND',
      'No matching connection; create one with POST /api/v1/connect/token',
    )
  }
  if (input.scope !== undefined && input.scope !== connection.scope) {
    throw mismatch(`The connection's scope is ${connection.scope}, not ${input.scope}`)
  }
  if (connection.scope === 'USER') {
    if (!endUser) throw mismatch('This is a USER connection: pass the endUserId it belongs to')
    if (connection.endUserId !== endUser.id) throw mismatch('This connection belongs to another end user')
  } else if (endUser && connection.endUserId !== endUser.id) {
    throw mismatch(
      `The connection is ${connection.scope}-scoped and not linked to end user "${endUser.externalId}"`,
    )
  }
  return connection
}

export async function resolveConnection(
  deps: CoreDeps,
  principal: Principal,
  input: ResolveConnectionInput,
): Promise<ConnectionView> {
  requireScope(principal, 'connections:read')
  const row = await resolveConnectionRow(deps, principal.organizationId, input)
  requireSeenWorkspace(
    principal,
    row.workspaceId,
    () => new AppError('CONNECTION_NOT_FOUND', 'Connection not found'),
  )
  return toConnectionView(row, viewClock(deps))
}

/** RFC 7009 revocation of a connection's refresh token (or access token), with bounded retries. */
export async function revokeAtProvider(
  deps: CoreDeps,
  connection: Connection,
): Promise<'revoked' | 'failed' | 'not-supported'> {
  if (connection.type !== 'OAUTH2' || !connection.oauthAppId) return 'not-supported'
  const creds = decryptCredentials(deps, connection)
  if (creds.kind !== 'oauth2') return 'not-supported'
  return revokeTokens(deps, connection, [
    creds.refreshToken
      ? { token: creds.refreshToken, hint: 'refresh_token' }
      : { token: creds.accessToken, hint: 'access_token' },
  ])
}

export function canDeleteConnection(principal: Principal, connection: Connection): boolean {
  if (principal.kind !== 'user' || seesEveryone(principal)) return true
  return connection.ownerUserId === principal.userId
}

/** Revokes at the provider, then deletes the stored credentials; history keeps the outcome. */
export async function deleteConnection(
  deps: CoreDeps,
  principal: Principal,
  id: string,
): Promise<{ revocation: string }> {
  requireScope(principal, 'connections:write')
  const connection = await requireConnectionFor(deps, principal, id)
  if (!canDeleteConnection(principal, connection)) {
    throw new AppError('FORBIDDEN', 'Only the owner of this connection or an admin can delete it')
  }
  return removeConnection(deps, connection, actorOf(principal))
}

export async function removeConnection(
  deps: CoreDeps,
  connection: Connection,
  actor: EventActor = systemActor,
): Promise<{ revocation: string }> {
  const revocation = await revokeAtProvider(deps, connection)
  await deps.db.transaction().execute(async (trx) => {
    await appendConnectionEvent({ ...deps, db: trx }, connection, 'connection.deleted', {
      actor,
      data: { revocation, externalId: connection.externalId },
    })
    await trx.deleteFrom('connections').where('id', '=', connection.id).execute()
  })
  return { revocation }
}

export interface ConnectionEventView {
  id: string
  kind: string
  detail: string | null
  createdAt: string
}

/** The former connection history's kinds, for the events of the one log. */
const kindOfType: Partial<Record<string, string>> = {
  'connection.created': 'CREATED',
  'connection.refreshed': 'REFRESHED',
  'connection.refresh_failed': 'REFRESH_FAILED',
  'connection.reconnected': 'RECONNECTED',
  'connection.deleted': 'DELETED',
  'connection.unhealthy': 'UNHEALTHY',
  'connection.recovered': 'RECOVERED',
}

/**
 * A connection's history in its former shape (kind, detail), read from the event log, newest
 * first. connection.deleted answers its revocation outcome (REVOKED / REVOKE_FAILED) as the
 * entry before DELETED, as it always did.
 */
export async function listConnectionEvents(
  deps: CoreDeps,
  principal: Principal,
  connectionId: string,
): Promise<ConnectionEventView[]> {
  requireScope(principal, 'connections:read')
  const visible = seenWorkspaceIds(principal)
  const rows = await deps.db
    .selectFrom('events')
    .select(['id', 'type', 'data', 'occurredAt'])
    .where('organizationId', '=', principal.organizationId)
    .where('connectionId', '=', connectionId)
    .where('type', 'in', Object.keys(kindOfType))
    .$if(visible !== null, (q) => q.where('workspaceId', 'in', visible ?? []))
    .orderBy('seq', 'desc')
    .limit(200)
    .execute()
  // History outlives a deleted connection; an id this organization never had is a 404.
  if (rows.length === 0) await requireConnectionFor(deps, principal, connectionId)
  const out: ConnectionEventView[] = []
  for (const r of rows) {
    const data = JSON.parse(r.data) as Record<string, unknown>
    const kind = kindOfType[r.type] ?? r.type
    const detail =
      typeof data.detail === 'string' ? data.detail : typeof data.reason === 'string' ? data.reason : null
    out.push({ id: r.id, kind, detail, createdAt: r.occurredAt })
    if (r.type === 'connection.deleted' && (data.revocation === 'revoked' || data.revocation === 'failed')) {
      out.push({
        id: `${r.id}.revocation`,
        kind: data.revocation === 'revoked' ? 'REVOKED' : 'REVOKE_FAILED',
        detail:
          data.revocation === 'revoked'
            ? 'Token revoked at the provider'
            : 'The provider did not confirm revocation',
        createdAt: r.occurredAt,
      })
    }
  }
  return out
}

/** The time and window a connection view judges `expiring` by. */
export function viewClock(deps: CoreDeps): { nowMs: number; expiringDays?: number | undefined } {
  return { nowMs: clockMs(deps.clock), expiringDays: deps.config.expiringDays }
}
