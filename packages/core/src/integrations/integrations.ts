import {
  catalog,
  fieldPatternProblem,
  findCatalogIntegration,
  IntegrationDefinition,
  type IntegrationInput,
} from '@switchboard/catalog'
import { type Principal, requireScope } from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { AppError, validationError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { actorOf } from '../events/types.ts'
import {
  type OAuthAppProblem,
  pickDefaultOAuthApp,
  planOf,
  TENANT_APP_PLANS,
} from '../oauth-apps/oauth-app-rule.ts'

/** An integration as the rest of core sees it: a catalog entry or an organization's own. */
export interface ResolvedIntegration {
  /** The catalog name for catalog entries; the row id for custom ones. */
  id: string
  name: string
  custom: boolean
  definition: IntegrationDefinition
}

export interface IntegrationView {
  id: string
  name: string
  displayName: string
  logoUrl: string | null
  description: string | null
  categories: string[]
  authType: IntegrationDefinition['authType']
  custom: boolean
  /** Whether a new connection can start now, and what is missing when it cannot. */
  readiness: IntegrationReadiness
  definition: IntegrationDefinition
}

/**
 * Whether the organization can connect an integration today. API key, basic and custom-field
 * integrations always can; an OAuth2 one needs an OAuth app, chosen by the same rule as the
 * connect flow (pickDefaultOAuthApp): `blockedBy` is the error a connect token would get.
 */
export interface IntegrationReadiness {
  ready: boolean
  /** The app new connections use (OAuth2 only): the organization's own or the platform's. */
  oauthApp: 'TENANT' | 'PLATFORM' | null
  blockedBy: OAuthAppProblem | null
}

const ALWAYS_READY: IntegrationReadiness = { ready: true, oauthApp: null, blockedBy: null }

/**
 * Readiness for the integrations of one organization, from one query: the OAuth apps it may
 * use (its own and the platform's, optionally for one integration) and its plan.
 */
async function readinessOf(
  deps: CoreDeps,
  organizationId: string,
  integrationName?: string,
): Promise<(i: ResolvedIntegration) => IntegrationReadiness> {
  let query = deps.db
    .selectFrom('oauthApps')
    .select(['integrationName', 'organizationId'])
    .where((eb) => eb.or([eb('organizationId', '=', organizationId), eb('organizationId', 'is', null)]))
  if (integrationName !== undefined) query = query.where('integrationName', '=', integrationName)
  const apps = await query.orderBy('createdAt').orderBy('id').execute()
  const planAllowsTenant = TENANT_APP_PLANS.includes(await planOf(deps, organizationId))
  return (i) => {
    if (i.definition.authType !== 'OAUTH2') return ALWAYS_READY
    const picked = pickDefaultOAuthApp(
      apps.filter((a) => a.integrationName === i.name),
      planAllowsTenant,
    )
    if (!picked.app) return { ready: false, oauthApp: null, blockedBy: picked.problem }
    return {
      ready: true,
      oauthApp: picked.app.organizationId === null ? 'PLATFORM' : 'TENANT',
      blockedBy: null,
    }
  }
}

export function toIntegrationView(i: ResolvedIntegration, readiness: IntegrationReadiness): IntegrationView {
  return {
    id: i.id,
    name: i.name,
    displayName: i.definition.displayName,
    logoUrl: i.definition.logoUrl ?? null,
    description: i.definition.description ?? null,
    categories: i.definition.categories,
    authType: i.definition.authType,
    custom: i.custom,
    readiness,
    definition: i.definition,
  }
}

export function parseStoredDefinition(json: string): IntegrationDefinition {
  return IntegrationDefinition.parse(JSON.parse(json))
}

/** Finds an integration by name (slug) or id for an organization; null when there is none. */
export async function findIntegration(
  deps: CoreDeps,
  organizationId: string,
  nameOrId: string,
): Promise<ResolvedIntegration | null> {
  const fromCatalog = findCatalogIntegration(nameOrId)
  if (fromCatalog)
    return { id: fromCatalog.name, name: fromCatalog.name, custom: false, definition: fromCatalog }
  const row = await deps.db
    .selectFrom('customIntegrations')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .where((eb) => eb.or([eb('name', '=', nameOrId), eb('id', '=', nameOrId)]))
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    name: row.name,
    custom: true,
    definition: IntegrationDefinition.parse(JSON.parse(row.definition)),
  }
}

export async function requireIntegration(deps: CoreDeps, organizationId: string, nameOrId: string) {
  const found = await findIntegration(deps, organizationId, nameOrId)
  if (!found) {
    throw new AppError(
      'INTEGRATION_NOT_FOUND',
      `Integration "${nameOrId}" not found; list them with GET /api/v1/integrations`,
    )
  }
  return found
}

/** One integration as the API shows it, with its readiness for the organization. */
export async function getIntegration(
  deps: CoreDeps,
  principal: Principal,
  nameOrId: string,
): Promise<IntegrationView> {
  const found = await requireIntegration(deps, principal.organizationId, nameOrId)
  return viewWithReadiness(deps, principal.organizationId, found)
}

async function viewWithReadiness(deps: CoreDeps, organizationId: string, i: ResolvedIntegration) {
  const readiness = await readinessOf(deps, organizationId, i.name)
  return toIntegrationView(i, readiness(i))
}

export async function listIntegrations(deps: CoreDeps, principal: Principal): Promise<IntegrationView[]> {
  const custom = await deps.db
    .selectFrom('customIntegrations')
    .selectAll()
    .where('organizationId', '=', principal.organizationId)
    .orderBy('name')
    .execute()
  const resolved: ResolvedIntegration[] = [
    ...custom.map((row) => ({
      id: row.id,
      name: row.name,
      custom: true,
      definition: parseStoredDefinition(row.definition),
    })),
    ...catalog.map((d) => ({ id: d.name, name: d.name, custom: false, definition: d })),
  ]
  const readiness = await readinessOf(deps, principal.organizationId)
  return resolved.map((i) => toIntegrationView(i, readiness(i)))
}

/** Every URL of a definition an outbound call may hit, checked against the egress policy. */
function checkDefinitionUrls(deps: CoreDeps, def: IntegrationDefinition): void {
  const policy = { allow: deps.config.egressAllow }
  const urls: Array<[string, string]> = [['api.baseUrl', def.api.baseUrl]]
  if (def.oauth2) {
    urls.push(
      ['oauth2.authorizationUrl', def.oauth2.authorizationUrl],
      ['oauth2.tokenUrl', def.oauth2.tokenUrl],
    )
    if (def.oauth2.revocationUrl) urls.push(['oauth2.revocationUrl', def.oauth2.revocationUrl])
    if (def.oauth2.introspectionUrl) urls.push(['oauth2.introspectionUrl', def.oauth2.introspectionUrl])
  }
  def.api.allowedOrigins.forEach((o, i) => {
    urls.push([`api.allowedOrigins.${i}`, o])
  })
  for (const [path, url] of urls) {
    try {
      checkEgressUrl(policy, url, path)
    } catch (e) {
      if (e instanceof AppError) throw validationError([{ path: path.split('.'), message: e.message }])
      throw e
    }
  }
  for (const [i, origin] of def.api.allowedOrigins.entries()) {
    if (new URL(origin).origin !== origin) {
      throw validationError([
        { path: ['api', 'allowedOrigins', i], message: 'must be an origin (scheme://host[:port])' },
      ])
    }
  }
}

/**
 * Field patterns are tenant input run on every connect-page submit: each must compile on the
 * linear-time engine within its limits (field-pattern.ts), else 400 INVALID_FIELD_PATTERN.
 */
function checkFieldPatterns(def: IntegrationDefinition): void {
  const issues = def.fields.flatMap((f, i) => {
    const problem = f.pattern === undefined ? undefined : fieldPatternProblem(f.pattern)
    return problem === undefined ? [] : [{ path: `fields.${i}.pattern`, message: `pattern ${problem}` }]
  })
  const first = issues[0]
  if (first) {
    throw new AppError('INVALID_FIELD_PATTERN', `Invalid input: ${first.path}: the ${first.message}`, issues)
  }
}

export async function createCustomIntegration(
  deps: CoreDeps,
  principal: Principal,
  input: IntegrationInput,
): Promise<IntegrationView> {
  requireScope(principal, 'integrations:write')
  const parsed = IntegrationDefinition.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const def = parsed.data
  checkFieldPatterns(def)
  checkDefinitionUrls(deps, def)
  if (findCatalogIntegration(def.name)) {
    throw new AppError('ALREADY_EXISTS', `"${def.name}" is a catalog integration; pick another name`)
  }
  const now = deps.clock.now().toISOString()
  const id = deps.newId()
  // The unique (organization, name) decides, so two creates of one name at once give one
  // integration and one ALREADY_EXISTS, never a constraint error.
  const inserted = await inTransaction(deps, async (tx) => {
    const r = await tx.db
      .insertInto('customIntegrations')
      .values({
        id,
        organizationId: principal.organizationId,
        name: def.name,
        definition: JSON.stringify(def),
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.columns(['organizationId', 'name']).doNothing())
      .executeTakeFirst()
    if ((r.numInsertedOrUpdatedRows ?? 0n) > 0n) {
      await appendEvent(tx, integrationEvent(principal, 'integration.created', id, def.name))
    }
    return r
  })
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n)
    throw new AppError('ALREADY_EXISTS', `A custom integration named "${def.name}" already exists`)
  return viewWithReadiness(deps, principal.organizationId, {
    id,
    name: def.name,
    custom: true,
    definition: def,
  })
}

/**
 * Replaces a custom integration's definition. The name stays (connections and OAuth apps
 * refer to an integration by it), and the auth type cannot change while connections use the
 * integration: their stored credentials would no longer fit it.
 */
export async function updateCustomIntegration(
  deps: CoreDeps,
  principal: Principal,
  nameOrId: string,
  input: IntegrationInput,
): Promise<IntegrationView> {
  requireScope(principal, 'integrations:write')
  const found = await findIntegration(deps, principal.organizationId, nameOrId)
  if (!found?.custom) {
    throw new AppError('INTEGRATION_NOT_FOUND', `Custom integration "${nameOrId}" not found`)
  }
  const parsed = IntegrationDefinition.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const def = parsed.data
  if (def.name !== found.name) {
    throw validationError([
      { path: ['name'], message: 'cannot change; connections and OAuth apps refer to the integration by it' },
    ])
  }
  if (def.authType !== found.definition.authType) {
    const inUse = await deps.db
      .selectFrom('connections')
      .select('id')
      .where('organizationId', '=', principal.organizationId)
      .where('integrationName', '=', found.name)
      .limit(1)
      .executeTakeFirst()
    if (inUse) {
      throw new AppError(
        'CONFLICT',
        'The auth type cannot change while connections use this integration; delete them first',
      )
    }
  }
  checkFieldPatterns(def)
  checkDefinitionUrls(deps, def)
  const now = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('customIntegrations')
      .set({ definition: JSON.stringify(def), updatedAt: now })
      .where('id', '=', found.id)
      .where('organizationId', '=', principal.organizationId)
      .execute()
    // Connections made on the old API base move with it: the proxy sends their credentials
    // to the base they hold, and the old host may be gone (or someone else's) by now.
    const oldBase = found.definition.api.baseUrl
    if (def.api.baseUrl !== oldBase) {
      await trx
        .updateTable('connections')
        .set({ apiBaseUri: def.api.baseUrl, updatedAt: now })
        .where('organizationId', '=', principal.organizationId)
        .where('integrationName', '=', found.name)
        .where('apiBaseUri', '=', oldBase)
        .execute()
    }
    await appendEvent(
      { ...deps, db: trx },
      integrationEvent(principal, 'integration.updated', found.id, found.name),
    )
  })
  return viewWithReadiness(deps, principal.organizationId, { ...found, definition: def })
}

export async function deleteCustomIntegration(
  deps: CoreDeps,
  principal: Principal,
  nameOrId: string,
): Promise<void> {
  requireScope(principal, 'integrations:write')
  const found = await findIntegration(deps, principal.organizationId, nameOrId)
  if (!found?.custom)
    throw new AppError('INTEGRATION_NOT_FOUND', `Custom integration "${nameOrId}" not found`)
  const inUse = await deps.db
    .selectFrom('connections')
    .select('id')
    .where('organizationId', '=', principal.organizationId)
    .where('integrationName', '=', found.name)
    .executeTakeFirst()
  if (inUse) throw new AppError('CONFLICT', 'Delete the connections of this integration first')
  await inTransaction(deps, async (tx) => {
    const r = await tx.db.deleteFrom('customIntegrations').where('id', '=', found.id).executeTakeFirst()
    if (r.numDeletedRows > 0n) {
      await appendEvent(tx, integrationEvent(principal, 'integration.deleted', found.id, found.name))
    }
  })
}

function integrationEvent(
  principal: Principal,
  type: 'integration.created' | 'integration.updated' | 'integration.deleted',
  id: string,
  name: string,
) {
  return {
    organizationId: principal.organizationId,
    type,
    actor: actorOf(principal),
    integrationId: name,
    data: { customIntegrationId: id, integration: name },
  }
}
