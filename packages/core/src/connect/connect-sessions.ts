import { type FormField, formFieldsFor } from '@switchboard/catalog'
import type { ConnectSession } from '@switchboard/db'
import { z } from 'zod'
import { type Principal, requireScope, requireSeenWorkspace, seenWorkspaceIds } from '../auth/principal.ts'
import {
  ConnectionMetadataSchema,
  ConnectionScopeSchema,
  requireConnectionFor,
  requireUserScopeOwner,
} from '../connections/connections.ts'
import { assertSameOwner } from '../connections/store-connection.ts'
import { randomToken, sha256 } from '../crypto/random.ts'
import type { CoreDeps } from '../deps.ts'
import { ExternalIdSchema, resolveEndUser, resolveEndUserFor } from '../end-users/end-users.ts'
import { AppError } from '../errors.ts'
import { requireIntegration } from '../integrations/integrations.ts'
import { selectOAuthApp } from '../oauth-apps/oauth-apps.ts'
import { requireWorkspace } from '../tenancy/workspaces.ts'

export const CONNECT_SESSION_TTL_MS = 4 * 3600 * 1000

const RedirectUri = z.url({ protocol: /^https?$/ }).max(2000)

export const CreateConnectTokenInput = z.object({
  integrationName: z.string().min(1).max(200),
  connectionName: z.string().trim().min(1).max(255),
  externalId: ExternalIdSchema,
  workspaceId: z.uuid(),
  /** The end user's id or externalId; an unknown externalId is registered on first use. */
  endUserId: ExternalIdSchema.optional(),
  scope: ConnectionScopeSchema.optional(),
  oauthAppId: z.uuid().optional(),
  successRedirectUri: RedirectUri.optional(),
  errorRedirectUri: RedirectUri.optional(),
  /** Re-authorize this existing connection in place (keeps its id and links). */
  connectionId: z.uuid().optional(),
  /** The new connection's metadata (a reconnect that sends none keeps the connection's own). */
  metadata: ConnectionMetadataSchema.optional(),
})
export type CreateConnectTokenInput = z.infer<typeof CreateConnectTokenInput>

export interface ConnectTokenResult {
  token: string
  connectUrl: string
  expiresAt: string
  sessionId: string
}

/** Success and error redirects must start with an origin the organization allowed: no open redirect. */
async function checkRedirects(
  deps: CoreDeps,
  organizationId: string,
  uris: Array<[string, string | undefined]>,
) {
  const present = uris.filter((u): u is [string, string] => u[1] !== undefined)
  if (present.length === 0) return
  const org = await deps.db
    .selectFrom('organizations')
    .select('allowedRedirectOrigins')
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow()
  const allowed = JSON.parse(org.allowedRedirectOrigins) as string[]
  for (const [field, uri] of present) {
    if (!allowed.includes(new URL(uri).origin)) {
      throw new AppError(
        'INVALID_REDIRECT_URI',
        `${field} must start with one of the organization's allowed redirect origins (${allowed.join(', ') || 'none set'}); add the origin with PATCH /api/v1/organization`,
        [{ path: field, message: 'origin not allowed' }],
      )
    }
  }
}

/** Seed 000: a short-lived `cst_` token for the hosted connect page. */
export async function createConnectToken(
  deps: CoreDeps,
  principal: Principal,
  input: CreateConnectTokenInput,
  options: { ownerUserId?: string | null } = {},
): Promise<ConnectTokenResult> {
  requireScope(principal, 'connect:write')
  const organizationId = principal.organizationId
  requireSeenWorkspace(
    principal,
    input.workspaceId,
    () => new AppError('NOT_FOUND', `Workspace ${input.workspaceId} not found in this organization`),
  )
  await requireWorkspace(deps, organizationId, input.workspaceId)
  const integration = await requireIntegration(deps, organizationId, input.integrationName)
  const reconnect =
    input.connectionId !== undefined ? await requireConnectionFor(deps, principal, input.connectionId) : null
  if (reconnect && reconnect.integrationName !== integration.name) {
    throw new AppError('VALIDATION_ERROR', 'connectionId belongs to another integration', [
      { path: 'connectionId', message: `is a ${reconnect.integrationName} connection` },
    ])
  }
  // A reconnect keeps its connection's scope unless the caller names one.
  const scope = input.scope ?? reconnect?.scope ?? 'ORGANIZATION'
  const ownerUserId = options.ownerUserId ?? (principal.kind === 'user' ? principal.userId : null)
  requireUserScopeOwner(scope, input.endUserId, ownerUserId)
  await checkRedirects(deps, organizationId, [
    ['successRedirectUri', input.successRedirectUri],
    ['errorRedirectUri', input.errorRedirectUri],
  ])
  const oauthApp =
    integration.definition.authType === 'OAUTH2'
      ? await selectOAuthApp(deps, organizationId, integration.name, input.oauthAppId)
      : null

  const token = `cst_${randomToken(32)}`
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + CONNECT_SESSION_TTL_MS).toISOString()
  const id = deps.newId()
  await deps.db.transaction().execute(async (trx) => {
    const tx = { ...deps, db: trx }
    const endUser =
      input.endUserId !== undefined
        ? await resolveEndUser(tx, organizationId, input.endUserId, {
            workspaceId: input.workspaceId,
            register: true,
          })
        : null
    // Refused now, before the user is sent to a provider, if the flow could only end in a
    // connection of another scope or end user (storeConnection checks again at the end).
    const existing =
      reconnect ??
      (await trx
        .selectFrom('connections')
        .selectAll()
        .where('workspaceId', '=', input.workspaceId)
        .where('integrationName', '=', integration.name)
        .where('externalId', '=', input.externalId)
        .where('organizationId', '=', organizationId)
        .executeTakeFirst())
    if (existing) assertSameOwner(existing, { scope, endUserId: endUser?.id ?? null, ownerUserId })
    await trx
      .insertInto('connectSessions')
      .values({
        id,
        organizationId,
        workspaceId: input.workspaceId,
        tokenHash: sha256(token),
        integrationName: integration.name,
        connectionName: input.connectionName,
        externalId: input.externalId,
        endUserId: endUser?.id ?? null,
        ownerUserId,
        scope,
        oauthAppId: oauthApp?.id ?? null,
        successRedirectUri: input.successRedirectUri ?? null,
        errorRedirectUri: input.errorRedirectUri ?? null,
        reconnectConnectionId: input.connectionId ?? null,
        status: 'PENDING',
        error: null,
        connectionId: null,
        stateHash: null,
        stateExpiresAt: null,
        pkceVerifierCiphertext: null,
        connectionMetadata: input.metadata === undefined ? null : JSON.stringify(input.metadata),
        expiresAt,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })
      .execute()
  })
  return {
    token,
    connectUrl: `${deps.config.publicUrl}/connect?token=${encodeURIComponent(token)}`,
    expiresAt,
    sessionId: id,
  }
}

/** The metadata a connect token asked for, for the connection its flow stores (undefined: none). */
export function sessionConnectionMetadata(s: ConnectSession): Record<string, unknown> | undefined {
  return s.connectionMetadata === null
    ? undefined
    : (JSON.parse(s.connectionMetadata) as Record<string, unknown>)
}

export const EndUserConnectTokenInput = CreateConnectTokenInput.omit({
  workspaceId: true,
  endUserId: true,
  connectionName: true,
  externalId: true,
}).extend({
  connectionName: z.string().trim().min(1).max(255).optional(),
  externalId: ExternalIdSchema.optional(),
})
export type EndUserConnectTokenInput = z.infer<typeof EndUserConnectTokenInput>

/** Seed 001: a connect token for one end user; the connection is linked to them (USER scope by default). */
export async function createEndUserConnectToken(
  deps: CoreDeps,
  principal: Principal,
  endUserId: string,
  input: EndUserConnectTokenInput,
): Promise<ConnectTokenResult> {
  requireScope(principal, 'connect:write')
  const endUser = await resolveEndUserFor(deps, principal, endUserId)
  const integration = await requireIntegration(deps, principal.organizationId, input.integrationName)
  return createConnectToken(deps, principal, {
    ...input,
    workspaceId: endUser.workspaceId,
    // The id, not the externalId: an id always names this end user (see resolveEndUser).
    endUserId: endUser.id,
    scope: input.scope ?? 'USER',
    connectionName: input.connectionName ?? integration.definition.displayName,
    externalId: input.externalId ?? `${endUser.externalId}:${integration.name}`,
  })
}

export interface ConnectSessionView {
  id: string
  integrationName: string
  connectionName: string
  externalId: string
  status: ConnectSession['status']
  connectionId: string | null
  error: string | null
  expiresAt: string
  createdAt: string
}

export const toConnectSessionView = (s: ConnectSession): ConnectSessionView => ({
  id: s.id,
  integrationName: s.integrationName,
  connectionName: s.connectionName,
  externalId: s.externalId,
  status: s.status,
  connectionId: s.connectionId,
  error: s.error,
  expiresAt: s.expiresAt,
  createdAt: s.createdAt,
})

/** Seed 000: an authenticated lookup by session id; another organization's session is 403. */
export async function getConnectSession(
  deps: CoreDeps,
  principal: Principal,
  sessionId: string,
): Promise<ConnectSessionView> {
  requireScope(principal, 'connections:read')
  const row = await deps.db
    .selectFrom('connectSessions')
    .selectAll()
    .where('id', '=', sessionId)
    .executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', 'Connect session not found')
  if (row.organizationId !== principal.organizationId) {
    throw new AppError('FORBIDDEN', 'This connect session belongs to another organization')
  }
  requireSeenWorkspace(
    principal,
    row.workspaceId,
    () => new AppError('NOT_FOUND', 'Connect session not found'),
  )
  return toConnectSessionView(row)
}

export const ListConnectSessionsInput = z.object({
  workspaceId: z.uuid().optional(),
  status: z.enum(['PENDING', 'CONNECTING', 'COMPLETED', 'FAILED']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export async function listConnectSessions(
  deps: CoreDeps,
  principal: Principal,
  raw: z.input<typeof ListConnectSessionsInput>,
) {
  requireScope(principal, 'connections:read')
  const input = ListConnectSessionsInput.parse(raw)
  let q = deps.db
    .selectFrom('connectSessions')
    .selectAll()
    .where('organizationId', '=', principal.organizationId)
  const visible = seenWorkspaceIds(principal)
  if (visible !== null) q = q.where('workspaceId', 'in', visible)
  if (input.workspaceId) q = q.where('workspaceId', '=', input.workspaceId)
  if (input.status) q = q.where('status', '=', input.status)
  const rows = await q.orderBy('createdAt', 'desc').orderBy('id').limit(input.limit).execute()
  return rows.map(toConnectSessionView)
}

/** The session a `cst_` token names: MISSING_TOKEN without one, INVALID_TOKEN if unknown or expired. */
export async function sessionForToken(
  deps: CoreDeps,
  token: string | undefined | null,
): Promise<ConnectSession> {
  if (token === undefined || token === null || token.trim() === '') {
    throw new AppError(
      'MISSING_TOKEN',
      'Token was not provided: pass the cst_ token from POST /api/v1/connect/token',
    )
  }
  const row = await deps.db
    .selectFrom('connectSessions')
    .selectAll()
    .where('tokenHash', '=', sha256(token.trim()))
    .executeTakeFirst()
  if (!row || row.expiresAt <= deps.clock.now().toISOString()) {
    throw new AppError(
      'INVALID_TOKEN',
      'Token is invalid or expired: ask your backend for a new connect token',
    )
  }
  return row
}

export const PollInput = z.object({ token: z.string().max(500).optional().nullable() })

/** Seed 000's poll: the cst_ token is the credential. */
export async function pollConnectSession(deps: CoreDeps, token: string | undefined | null) {
  const s = await sessionForToken(deps, token)
  return {
    sessionId: s.id,
    status: s.status,
    connectionId: s.connectionId,
    integrationName: s.integrationName,
    externalId: s.externalId,
    error: s.error,
  }
}

export interface ConnectPageInfo {
  session: {
    id: string
    status: ConnectSession['status']
    error: string | null
    connectionId: string | null
    connectionName: string
    expiresAt: string
    integration: {
      name: string
      displayName: string
      logoUrl?: string | undefined
      authType: 'OAUTH2' | 'SECRET_TEXT' | 'BASIC' | 'CUSTOM'
      fields: FormField[]
    }
    organization: {
      name: string
      branding: { logoUrl?: string | undefined; primaryColor?: string | undefined }
    }
    /** The origin the popup may post its result to: the customer's page (never "*"). */
    openerOrigin: string | null
    successRedirectUri: string | null
    errorRedirectUri: string | null
  }
}

/** What the hosted connect page shows. */
export async function describeConnectSession(deps: CoreDeps, token: string): Promise<ConnectPageInfo> {
  const s = await sessionForToken(deps, token)
  const integration = await requireIntegration(deps, s.organizationId, s.integrationName)
  const org = await deps.db
    .selectFrom('organizations')
    .select(['name', 'branding', 'allowedRedirectOrigins'])
    .where('id', '=', s.organizationId)
    .executeTakeFirstOrThrow()
  const allowed = JSON.parse(org.allowedRedirectOrigins) as string[]
  const fromRedirect = s.successRedirectUri ?? s.errorRedirectUri
  const openerOrigin = fromRedirect
    ? new URL(fromRedirect).origin
    : allowed.length === 1
      ? (allowed[0] ?? null)
      : null
  const def = integration.definition
  return {
    session: {
      id: s.id,
      status: s.status,
      error: s.error,
      connectionId: s.connectionId,
      connectionName: s.connectionName,
      expiresAt: s.expiresAt,
      integration: {
        name: integration.name,
        displayName: def.displayName,
        logoUrl: def.logoUrl,
        authType: def.authType,
        fields: def.authType === 'OAUTH2' ? [] : formFieldsFor(def),
      },
      organization: {
        name: org.name,
        branding: JSON.parse(org.branding) as ConnectPageInfo['session']['organization']['branding'],
      },
      openerOrigin,
      successRedirectUri: s.successRedirectUri,
      errorRedirectUri: s.errorRedirectUri,
    },
  }
}
