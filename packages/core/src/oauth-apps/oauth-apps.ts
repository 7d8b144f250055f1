import type { OAuthApp } from '@switchboard/db'
import { z } from 'zod'
import { type Principal, requireFirstParty, requireScope } from '../auth/principal.ts'
import { secretAt } from '../crypto/secret-location.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { actorOf } from '../events/types.ts'
import { requireIntegration } from '../integrations/integrations.ts'
import { noOAuthApp, pickDefaultOAuthApp, planOf, planRequired, TENANT_APP_PLANS } from './oauth-app-rule.ts'

export { TENANT_APP_PLANS }

export interface OAuthAppView {
  id: string
  integrationName: string
  clientId: string
  scopes: string[]
  owner: 'TENANT' | 'PLATFORM'
  createdAt: string
}

export function toOAuthAppView(app: OAuthApp): OAuthAppView {
  return {
    id: app.id,
    integrationName: app.integrationName,
    clientId: app.clientId,
    scopes: JSON.parse(app.scopes) as string[],
    owner: app.organizationId === null ? 'PLATFORM' : 'TENANT',
    createdAt: app.createdAt,
  }
}

export const CreateOAuthAppInput = z.object({
  integrationName: z.string().min(1).max(200),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  scopes: z.array(z.string().min(1).max(200)).max(100).optional(),
})
export type CreateOAuthAppInput = z.infer<typeof CreateOAuthAppInput>

async function insertOAuthApp(deps: CoreDeps, organizationId: string | null, input: CreateOAuthAppInput) {
  const integration = await requireIntegration(deps, organizationId ?? '', input.integrationName)
  if (integration.definition.authType !== 'OAUTH2') {
    throw new AppError('VALIDATION_ERROR', `${integration.definition.displayName} does not use OAuth2`, [
      { path: 'integrationName', message: 'not an OAuth2 integration' },
    ])
  }
  const id = deps.newId()
  const row = {
    id,
    organizationId,
    integrationName: integration.name,
    clientId: input.clientId,
    clientSecretCiphertext: deps.cipher.encrypt(input.clientSecret, secretAt.oauthAppSecret(id)),
    scopes: JSON.stringify(input.scopes ?? []),
    createdAt: deps.clock.now().toISOString(),
  }
  await deps.db.insertInto('oauthApps').values(row).execute()
  return toOAuthAppView(row)
}

/** A tenant-owned OAuth app (plans TEAM, SCALE, ENTERPRISE). */
export async function createOAuthApp(deps: CoreDeps, principal: Principal, input: CreateOAuthAppInput) {
  requireScope(principal, 'integrations:write')
  if (!TENANT_APP_PLANS.includes(await planOf(deps, principal.organizationId))) throw planRequired()
  return inTransaction(deps, async (tx) => {
    const app = await insertOAuthApp(tx, principal.organizationId, input)
    await appendEvent(tx, {
      organizationId: principal.organizationId,
      type: 'oauth_app.created',
      actor: actorOf(principal),
      integrationId: app.integrationName,
      data: { oauthAppId: app.id, integration: app.integrationName, clientId: app.clientId },
    })
    return app
  })
}

/** A platform-managed app, available to every organization (operator CLI). */
export async function addPlatformOAuthApp(deps: CoreDeps, input: CreateOAuthAppInput) {
  return insertOAuthApp(deps, null, input)
}

/** The organization's own apps and the platform's (without secrets). */
export async function listOAuthApps(deps: CoreDeps, principal: Principal): Promise<OAuthAppView[]> {
  requireFirstParty(principal, "read the organization's OAuth apps")
  const rows = await deps.db
    .selectFrom('oauthApps')
    .selectAll()
    .where((eb) =>
      eb.or([eb('organizationId', '=', principal.organizationId), eb('organizationId', 'is', null)]),
    )
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
  return rows.map(toOAuthAppView)
}

export const UpdateOAuthAppInput = z.object({
  clientId: z.string().trim().min(1).max(500).optional(),
  /** Replaces the stored secret (encrypted again); never answered. */
  clientSecret: z.string().min(1).max(2000).optional(),
  scopes: z.array(z.string().min(1).max(200)).max(100).optional(),
})
export type UpdateOAuthAppInput = z.infer<typeof UpdateOAuthAppInput>

/**
 * PATCH /api/v1/oauth-apps/:id: changes a tenant app's client id, secret or scopes (the app the
 * organization's connections already use keeps its id). The event names what changed, never the
 * secret.
 */
export async function updateOAuthApp(
  deps: CoreDeps,
  principal: Principal,
  id: string,
  raw: UpdateOAuthAppInput,
): Promise<OAuthAppView> {
  requireScope(principal, 'integrations:write')
  const input = UpdateOAuthAppInput.parse(raw)
  if (input.clientId === undefined && input.clientSecret === undefined && input.scopes === undefined) {
    throw new AppError('VALIDATION_ERROR', 'Send at least one of clientId, clientSecret, scopes', [
      { path: 'clientId', message: 'nothing to change' },
    ])
  }
  return inTransaction(deps, async (tx) => {
    const app = await tx.db
      .selectFrom('oauthApps')
      .selectAll()
      .where('id', '=', id)
      .where('organizationId', '=', principal.organizationId)
      .executeTakeFirst()
    if (!app) throw new AppError('OAUTH_APP_NOT_FOUND', 'OAuth app not found')
    const changes = {
      ...(input.clientId !== undefined && { clientId: input.clientId }),
      ...(input.clientSecret !== undefined && {
        clientSecretCiphertext: deps.cipher.encrypt(input.clientSecret, secretAt.oauthAppSecret(id)),
      }),
      ...(input.scopes !== undefined && { scopes: JSON.stringify(input.scopes) }),
    }
    await tx.db.updateTable('oauthApps').set(changes).where('id', '=', id).execute()
    const updated = { ...app, ...changes }
    await appendEvent(tx, {
      organizationId: principal.organizationId,
      type: 'oauth_app.updated',
      actor: actorOf(principal),
      integrationId: app.integrationName,
      data: {
        oauthAppId: id,
        integration: app.integrationName,
        clientId: updated.clientId,
        changed: Object.keys(input).sort(),
      },
    })
    return toOAuthAppView(updated)
  })
}

export async function deleteOAuthApp(deps: CoreDeps, principal: Principal, id: string): Promise<void> {
  requireScope(principal, 'integrations:write')
  const result = await inTransaction(deps, async (tx) => {
    const deleted = await tx.db
      .deleteFrom('oauthApps')
      .where('id', '=', id)
      .where('organizationId', '=', principal.organizationId)
      .returning(['integrationName', 'clientId'])
      .executeTakeFirst()
    if (deleted) {
      await appendEvent(tx, {
        organizationId: principal.organizationId,
        type: 'oauth_app.deleted',
        actor: actorOf(principal),
        integrationId: deleted.integrationName,
        data: { oauthAppId: id, integration: deleted.integrationName, clientId: deleted.clientId },
      })
    }
    return { numDeletedRows: deleted ? 1n : 0n }
  })
  if (result.numDeletedRows === 0n) throw new AppError('OAUTH_APP_NOT_FOUND', 'OAuth app not found')
}

/**
 * Which OAuth app a new connection uses (seed 000 and DESIGN.md):
 * an explicit app must exist and be available (else 404 OAUTH_APP_NOT_FOUND); without one an
 * eligible tenant-owned app wins, then a platform-managed one, else 400 NO_OAUTH_APP. Tenant
 * apps need a TEAM+ plan (403 CUSTOM_OAUTH_APP_PLAN_REQUIRED), and when the organization has an
 * eligible tenant app, picking the platform app explicitly is refused (409 TENANT_OAUTH_APP_REQUIRED).
 */
export async function selectOAuthApp(
  deps: CoreDeps,
  organizationId: string,
  integrationName: string,
  oauthAppId?: string,
): Promise<OAuthApp> {
  const candidates = await deps.db
    .selectFrom('oauthApps')
    .selectAll()
    .where('integrationName', '=', integrationName)
    .where((eb) => eb.or([eb('organizationId', '=', organizationId), eb('organizationId', 'is', null)]))
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
  const tenantApps = candidates.filter((a) => a.organizationId === organizationId)
  const planAllowsTenant = TENANT_APP_PLANS.includes(await planOf(deps, organizationId))

  if (oauthAppId !== undefined) {
    const chosen = candidates.find((a) => a.id === oauthAppId)
    if (!chosen) {
      throw new AppError(
        'OAUTH_APP_NOT_FOUND',
        `OAuth app ${oauthAppId} does not exist for ${integrationName} or is not available to this organization`,
      )
    }
    if (chosen.organizationId !== null && !planAllowsTenant) throw planRequired()
    if (chosen.organizationId === null && planAllowsTenant && tenantApps.length > 0) {
      throw new AppError(
        'TENANT_OAUTH_APP_REQUIRED',
        'Your organization has its own OAuth app for this integration; new connections must use it (omit oauthAppId)',
      )
    }
    return chosen
  }
  const picked = pickDefaultOAuthApp(candidates, planAllowsTenant)
  if (picked.app) return picked.app
  throw picked.problem === 'CUSTOM_OAUTH_APP_PLAN_REQUIRED' ? planRequired() : noOAuthApp(integrationName)
}

export function oauthAppSecret(deps: CoreDeps, app: OAuthApp): string {
  return deps.cipher.decrypt(app.clientSecretCiphertext, secretAt.oauthAppSecret(app.id))
}
