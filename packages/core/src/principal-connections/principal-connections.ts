import type { Connection } from '@switchboard/db'
import { z } from 'zod'
import { type Principal, requireScope } from '../auth/principal.ts'
import { createConnectToken } from '../connect/connect-sessions.ts'
import { startAuthorization } from '../connect/oauth-flow.ts'
import { createConnection, removeConnection } from '../connections/connections.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { actorOf } from '../events/types.ts'
import { type ResolvedIntegration, requireIntegration } from '../integrations/integrations.ts'
import {
  type ForwardedCall,
  type ProxyCall,
  type ProxyOptions,
  type ProxyResult,
  proxyResolved,
} from '../proxy/proxy-request.ts'
import { cachedRead } from '../util/read-cache.ts'
import type { Actor } from './actor.ts'

export type SharingMode = 'PER_USER' | 'SHARED'

export async function sharingModeOf(
  deps: CoreDeps,
  organizationId: string,
  integrationName: string,
): Promise<SharingMode> {
  const row = await deps.db
    .selectFrom('integrationSettings')
    .select('sharingMode')
    .where('organizationId', '=', organizationId)
    .where('integrationName', '=', integrationName)
    .executeTakeFirst()
  return row?.sharingMode ?? 'PER_USER'
}

export const SharingModeInput = z.object({ sharingMode: z.enum(['PER_USER', 'SHARED']) })

export async function setSharingMode(
  deps: CoreDeps,
  principal: Principal,
  nameOrId: string,
  mode: SharingMode,
) {
  requireScope(principal, 'integrations:write')
  const integration = await requireIntegration(deps, principal.organizationId, nameOrId)
  await deps.db
    .insertInto('integrationSettings')
    .values({
      organizationId: principal.organizationId,
      integrationName: integration.name,
      sharingMode: mode,
    })
    .onConflict((oc) => oc.columns(['organizationId', 'integrationName']).doUpdateSet({ sharingMode: mode }))
    .execute()
  return { integrationName: integration.name, sharingMode: mode }
}

/** The connection seed 002 means by "the current connection" for this actor and integration. */
async function findCurrent(
  deps: CoreDeps,
  actor: Actor,
  integration: ResolvedIntegration,
): Promise<Connection | null> {
  const mode = await sharingModeOf(deps, actor.organizationId, integration.name)
  let q = deps.db
    .selectFrom('connections')
    .selectAll()
    .where('organizationId', '=', actor.organizationId)
    .where('integrationName', '=', integration.name)
  if (mode === 'SHARED') {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('scope', '=', 'WORKSPACE'), eb('workspaceId', '=', actor.workspaceId)]),
        eb('scope', '=', 'ORGANIZATION'),
      ]),
    )
    // This workspace's own connection first, then an organization-wide one.
    const rows = await q.orderBy('createdAt').orderBy('id').execute()
    return rows.find((c) => c.workspaceId === actor.workspaceId) ?? rows[0] ?? null
  }
  q = q.where('scope', '=', 'USER').where('workspaceId', '=', actor.workspaceId)
  if (actor.endUserId) q = q.where('endUserId', '=', actor.endUserId)
  else if (actor.userId) q = q.where('ownerUserId', '=', actor.userId).where('endUserId', 'is', null)
  else
    throw new AppError(
      'VALIDATION_ERROR',
      'Per-user integrations need X-End-User-Id when called with an API key',
    )
  // The first one connected; the id breaks a tie of timestamps, so the answer never flips.
  return (await q.orderBy('createdAt').orderBy('id').executeTakeFirst()) ?? null
}

export async function requireCurrent(
  deps: CoreDeps,
  actor: Actor,
  integration: ResolvedIntegration,
): Promise<Connection> {
  const c = await findCurrent(deps, actor, integration)
  if (!c) {
    throw new AppError(
      'CONNECTION_NOT_FOUND',
      `No ${integration.definition.displayName} connection yet; connect it with GET /api/integrations/${integration.name}/connect`,
    )
  }
  return c
}

/** Seed 002's connection shape. */
export interface Seed002Connection {
  id: string
  integrationId: string
  ownerId: string | null
  isShared: boolean
  tokenExpiresAt: string | null
  refreshTokenExpiresAt: string | null
  lastAuthorizedAt: string | null
  apiBaseUri: string | null
  data: Record<string, unknown>
  createdAt: string
  updatedAt: string
}

async function ownerIdOf(deps: CoreDeps, c: Connection): Promise<string | null> {
  if (c.endUserId) {
    const eu = await deps.db
      .selectFrom('endUsers')
      .select('externalId')
      .where('id', '=', c.endUserId)
      .executeTakeFirst()
    if (eu) return eu.externalId
  }
  return c.ownerUserId
}

export async function toSeed002Connection(
  deps: CoreDeps,
  c: Connection,
  integrationId: string,
): Promise<Seed002Connection> {
  return {
    id: c.id,
    integrationId,
    ownerId: await ownerIdOf(deps, c),
    isShared: c.scope !== 'USER',
    tokenExpiresAt: c.tokenExpiresAt,
    refreshTokenExpiresAt: c.refreshTokenExpiresAt,
    lastAuthorizedAt: c.lastAuthorizedAt,
    apiBaseUri: c.apiBaseUri,
    data: JSON.parse(c.metadata) as Record<string, unknown>,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }
}

export async function getCurrentConnection(
  deps: CoreDeps,
  principal: Principal,
  actor: Actor,
  integrationId: string,
) {
  requireScope(principal, 'connections:read')
  const integration = await requireIntegration(deps, actor.organizationId, integrationId)
  return toSeed002Connection(deps, await requireCurrent(deps, actor, integration), integration.id)
}

function ownerScope(mode: SharingMode, actor: Actor) {
  if (mode === 'SHARED') return { scope: 'WORKSPACE' as const, externalId: 'shared' }
  const owner = actor.endUserExternalId ?? actor.userId
  if (!owner)
    throw new AppError(
      'VALIDATION_ERROR',
      'Per-user integrations need X-End-User-Id when called with an API key',
    )
  return {
    scope: 'USER' as const,
    externalId: actor.endUserExternalId ? `user:${owner}` : `dashboard-user:${owner}`,
  }
}

export const DirectConnectQuery = z.object({
  successRedirectUri: z.url().max(2000).optional(),
  errorRedirectUri: z.url().max(2000).optional(),
})

/** GET /api/integrations/:id/connect: the same state/PKCE machinery as the hosted flow, then 302. */
export async function startDirectConnect(
  deps: CoreDeps,
  principal: Principal,
  actor: Actor,
  integrationId: string,
  query: z.infer<typeof DirectConnectQuery>,
): Promise<URL> {
  const integration = await requireIntegration(deps, actor.organizationId, integrationId)
  if (integration.definition.authType !== 'OAUTH2') {
    throw new AppError(
      'VALIDATION_ERROR',
      `${integration.definition.displayName} uses typed-in credentials: POST /api/integrations/${integration.name}/connect`,
    )
  }
  const mode = await sharingModeOf(deps, actor.organizationId, integration.name)
  const { scope, externalId } = ownerScope(mode, actor)
  const existing = await findCurrent(deps, actor, integration).catch(() => null)
  const { token } = await createConnectToken(
    deps,
    principal,
    {
      integrationName: integration.name,
      connectionName: integration.definition.displayName,
      externalId: existing?.externalId ?? externalId,
      workspaceId: existing?.workspaceId ?? actor.workspaceId,
      scope: existing?.scope ?? scope,
      ...(actor.endUserExternalId !== null && scope === 'USER' && { endUserId: actor.endUserExternalId }),
      ...(query.successRedirectUri !== undefined && { successRedirectUri: query.successRedirectUri }),
      ...(query.errorRedirectUri !== undefined && { errorRedirectUri: query.errorRedirectUri }),
      ...(existing && { connectionId: existing.id }),
    },
    { ownerUserId: actor.userId },
  )
  return startAuthorization(deps, token)
}

export const DirectConnectBody = z.record(z.string(), z.unknown())

/** POST /api/integrations/:id/connect: a connection from supplied credentials or tokens. */
export async function createDirectConnection(
  deps: CoreDeps,
  principal: Principal,
  actor: Actor,
  integrationId: string,
  body: Record<string, unknown>,
): Promise<Seed002Connection> {
  const integration = await requireIntegration(deps, actor.organizationId, integrationId)
  const def = integration.definition
  const mode = await sharingModeOf(deps, actor.organizationId, integration.name)
  const { scope, externalId } = ownerScope(mode, actor)
  const common = {
    integrationName: integration.name,
    workspaceId: actor.workspaceId,
    externalId,
    scope,
    ...(actor.endUserExternalId !== null && scope === 'USER' && { endUserId: actor.endUserExternalId }),
  }
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined)
  let input: Parameters<typeof createConnection>[2]
  if (def.authType === 'OAUTH2') {
    const accessToken = str('accessToken') ?? str('access_token')
    if (!accessToken) {
      throw new AppError('VALIDATION_ERROR', 'accessToken is required', [
        { path: 'accessToken', message: 'required' },
      ])
    }
    const refreshToken = str('refreshToken') ?? str('refresh_token')
    const expiresAt = str('expiresAt')
    input = {
      type: 'OAUTH2',
      ...common,
      accessToken,
      ...(refreshToken !== undefined && { refreshToken }),
      ...(expiresAt !== undefined && { expiresAt }),
    }
  } else {
    const fields = Object.fromEntries(
      Object.entries(body).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>
    input = { type: 'CUSTOM', ...common, fields } as never
    if (def.authType === 'SECRET_TEXT') {
      const secretText = fields[def.fields[0]?.key ?? 'apiKey'] ?? fields.secretText
      if (!secretText)
        throw new AppError('VALIDATION_ERROR', 'apiKey is required', [
          { path: 'apiKey', message: 'required' },
        ])
      input = { type: 'SECRET_TEXT', ...common, secretText }
    } else if (def.authType === 'BASIC') {
      input = { type: 'BASIC', ...common, username: fields.username ?? '', password: fields.password ?? '' }
    }
  }
  const { connection } = await createConnection(deps, principal, {
    ...input,
    verify: def.authType !== 'OAUTH2',
  })
  const row = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('id', '=', connection.id)
    .executeTakeFirstOrThrow()
  if (actor.userId && !row.ownerUserId) {
    await deps.db
      .updateTable('connections')
      .set({ ownerUserId: actor.userId })
      .where('id', '=', row.id)
      .execute()
    row.ownerUserId = actor.userId
  }
  return toSeed002Connection(deps, row, integration.id)
}

/** DELETE /api/integrations/:id/connection: the owner (or a superuser) revokes and deletes. */
export async function deleteCurrentConnection(
  deps: CoreDeps,
  principal: Principal,
  actor: Actor,
  integrationId: string,
) {
  requireScope(principal, 'connections:write')
  const integration = await requireIntegration(deps, actor.organizationId, integrationId)
  const c = await requireCurrent(deps, actor, integration)
  const owner = await ownerIdOf(deps, c)
  const isOwner = owner !== null && owner === actor.ownerId
  // API keys act for the organization; shared connections belong to it.
  const orgCredential = principal.kind === 'apiKey' && (c.scope !== 'USER' || isOwner)
  if (!isOwner && !actor.isSuperuser && !orgCredential) {
    throw new AppError('FORBIDDEN', 'Only the owner of this connection (or a superuser) can disconnect it')
  }
  return removeConnection(deps, c, actorOf(principal))
}

/** GET /api/integration-connections: HAL+JSON with start/count/total paging. */
export async function listActorConnections(
  deps: CoreDeps,
  principal: Principal,
  actor: Actor,
  paging: { start: number; count: number },
) {
  requireScope(principal, 'connections:read')
  let q = deps.db
    .selectFrom('connections')
    .where('organizationId', '=', actor.organizationId)
    .where((eb) => {
      const shared = [
        eb.and([eb('scope', '=', 'WORKSPACE'), eb('workspaceId', '=', actor.workspaceId)]),
        eb('scope', '=', 'ORGANIZATION'),
      ]
      // Without a user or end user there is no "own" USER connection to list.
      const mine = actor.endUserId
        ? eb('endUserId', '=', actor.endUserId)
        : actor.userId
          ? eb.and([eb('ownerUserId', '=', actor.userId), eb('endUserId', 'is', null)])
          : null
      if (!mine) return eb.or(shared)
      return eb.or([
        eb.and([eb('scope', '=', 'USER'), eb('workspaceId', '=', actor.workspaceId), mine]),
        ...shared,
      ])
    })
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  q = q.orderBy('createdAt').orderBy('id')
  const rows = await q.selectAll().limit(paging.count).offset(paging.start).execute()
  const items = []
  for (const c of rows) {
    const integration = await requireIntegration(deps, actor.organizationId, c.integrationName).catch(
      () => null,
    )
    const full = await toSeed002Connection(deps, c, integration?.id ?? c.integrationName)
    items.push({
      id: full.id,
      integrationId: full.integrationId,
      ownerId: full.ownerId,
      isShared: full.isShared,
      tokenExpiresAt: full.tokenExpiresAt,
      lastAuthorizedAt: full.lastAuthorizedAt,
      _embedded: {
        'inf:integration': { id: full.integrationId, name: c.displayName, type: c.integrationName },
      },
    })
  }
  return {
    _links: { self: { href: '/api/integration-connections' } },
    _embedded: { 'inf:integration-connection': items },
    start: paging.start,
    count: items.length,
    total,
  }
}

/** POST /api/integrations/:id/request and GET …/request/*: proxy through the current connection. */
export async function proxyForActor(
  deps: CoreDeps,
  principal: Principal,
  actor: Actor,
  integrationId: string,
  call: ProxyCall | ForwardedCall,
  options: Pick<ProxyOptions, 'signal'> = {},
): Promise<ProxyResult> {
  requireScope(principal, 'proxy')
  // Kept under the actor (the same object while its own read is cached), by integration.
  const { integration, connection } = await cachedRead(
    deps,
    'currentConnection',
    integrationId,
    async () => {
      const integration = await requireIntegration(deps, actor.organizationId, integrationId)
      return { integration, connection: await requireCurrent(deps, actor, integration) }
    },
    actor,
  )
  // Awaited, not returned: an async function that returns a promise adopts it through a job
  // of its own and two more turns of the microtask queue, where an await takes one.
  return await proxyResolved(deps, connection, integration, call, options.signal)
}
