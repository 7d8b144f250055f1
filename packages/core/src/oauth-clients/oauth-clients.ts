import type { OAuthClient } from '@switchboard/db'
import { z } from 'zod'
import { type Principal, requireScope } from '../auth/principal.ts'
import { type OAuthClientScope, oauthClientScopes } from '../auth/scopes.ts'
import { constantTimeEqual, randomToken, sha256 } from '../crypto/random.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { WILDCARD_MESSAGE } from '../tenancy/organizations.ts'

/**
 * Third-party apps registered with Switchboard's own authorization server (seed 003).
 * REST (`/api/v1/oauth-clients`) and tRPC (`oauthClients.*`) both call these functions; the
 * authorization server (oidc-provider) reads clients through `findOAuthClientMetadata` and
 * checks secrets with `verifyClientSecret`.
 */

/** What each scope lets an app do, in the words the consent page shows. */
export const oauthScopeDescriptions: Record<OAuthClientScope, string> = {
  'connections:read': 'See your connections and their status',
  'connections:write': 'Create, reconnect and delete connections',
  'connect:write': 'Start connect sessions so people can link their accounts',
  proxy: 'Call connected services on your behalf, using the credentials Switchboard stores',
  'end-users:read': 'See your end users',
  'end-users:write': 'Create and update end users',
  'workspaces:read': 'See your workspaces',
  offline_access: 'Keep this access when you are not using the app, until you revoke it',
}

export function describeOAuthScopes(
  scopes: readonly string[],
): Array<{ scope: string; description: string }> {
  return scopes
    .filter((s): s is OAuthClientScope => (oauthClientScopes as readonly string[]).includes(s))
    .map((scope) => ({ scope, description: oauthScopeDescriptions[scope] }))
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost'])

/**
 * A redirect URI: https, or http on a loopback host only; no fragment, no credentials; and
 * written in its canonical form, because the authorization server compares the exact string.
 */
export const RedirectUriSchema = z
  .string()
  .max(2000)
  .superRefine((value, ctx) => {
    const url = URL.parse(value)
    const problem = (() => {
      if (!url) return 'must be an absolute URL'
      if (url.hostname.includes('*')) return `is matched exactly: ${WILDCARD_MESSAGE}`
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
        return 'must use https (http is allowed only on 127.0.0.1, [::1] or localhost)'
      }
      if (url.username || url.password) return 'must not contain credentials'
      if (url.hash || value.includes('#')) return 'must not contain a fragment (#…)'
      if (url.href !== value) return `must be written in its canonical form: ${url.href}`
      return null
    })()
    if (problem) ctx.addIssue({ code: 'custom', message: `Redirect URI ${problem}` })
  })

const HttpsUrl = z
  .url()
  .max(2000)
  .refine((v) => v.startsWith('https://'), 'logoUrl must be an https URL')

export const CreateOAuthClientInput = z.object({
  name: z.string().trim().min(1).max(100),
  logoUrl: HttpsUrl.nullish(),
  redirectUris: z
    .array(RedirectUriSchema)
    .min(1, 'at least one redirect URI')
    .max(10)
    .refine((uris) => new Set(uris).size === uris.length, 'redirect URIs must be unique'),
  /** A confidential client (a server) gets a secret; a public one (SPA, mobile, CLI) must use PKCE. */
  confidential: z.boolean().default(true),
  scopes: z
    .array(z.enum(oauthClientScopes))
    .min(1, 'at least one scope')
    .transform((s) => [...new Set(s)]),
})
export type CreateOAuthClientInput = z.input<typeof CreateOAuthClientInput>

export interface OAuthClientView {
  id: string
  clientId: string
  name: string
  logoUrl: string | null
  redirectUris: string[]
  confidential: boolean
  scopes: string[]
  /** How the app authenticates at the token endpoint. */
  tokenEndpointAuthMethod: 'client_secret_basic' | 'none'
  createdAt: string
}

export function toOAuthClientView(row: OAuthClient): OAuthClientView {
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    logoUrl: row.logoUrl,
    redirectUris: JSON.parse(row.redirectUris) as string[],
    confidential: row.confidential === 1,
    scopes: JSON.parse(row.scopes) as string[],
    tokenEndpointAuthMethod: row.confidential === 1 ? 'client_secret_basic' : 'none',
    createdAt: row.createdAt,
  }
}

const SECRET_HASH_PREFIX = 'sha256:'

/** Client secrets are 256-bit random strings, so one SHA-256 is enough (as for API keys). */
export function hashClientSecret(secret: string): string {
  return `${SECRET_HASH_PREFIX}${sha256(secret)}`
}

/** Constant-time check of a presented secret against the stored hash. */
export function verifyClientSecret(presented: unknown, storedHash: unknown): boolean {
  if (typeof presented !== 'string' || typeof storedHash !== 'string') return false
  if (!storedHash.startsWith(SECRET_HASH_PREFIX) || presented.length === 0 || presented.length > 1000) {
    return false
  }
  return constantTimeEqual(hashClientSecret(presented), storedHash)
}

/** Registers an app. The secret (confidential apps) is in this answer only; we keep its hash. */
export async function createOAuthClient(
  deps: CoreDeps,
  principal: Principal,
  raw: CreateOAuthClientInput,
): Promise<OAuthClientView & { clientSecret: string | null }> {
  requireScope(principal, 'settings:write')
  const input = CreateOAuthClientInput.parse(raw)
  // Unreserved characters only, so the secret survives every client's Basic encoding.
  const clientSecret = input.confidential ? `sbs_${randomToken(32)}` : null
  const row: OAuthClient = {
    id: deps.newId(),
    organizationId: principal.organizationId,
    clientId: `sbc_${randomToken(18)}`,
    clientSecretHash: clientSecret === null ? null : hashClientSecret(clientSecret),
    name: input.name,
    logoUrl: input.logoUrl ?? null,
    redirectUris: JSON.stringify(input.redirectUris),
    confidential: input.confidential ? 1 : 0,
    scopes: JSON.stringify(input.scopes),
    createdAt: deps.clock.now().toISOString(),
  }
  await deps.db.insertInto('oauthClients').values(row).execute()
  return { ...toOAuthClientView(row), clientSecret }
}

export async function listOAuthClients(deps: CoreDeps, principal: Principal): Promise<OAuthClientView[]> {
  requireScope(principal, 'settings:read')
  const rows = await deps.db
    .selectFrom('oauthClients')
    .selectAll()
    .where('organizationId', '=', principal.organizationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute()
  return rows.map(toOAuthClientView)
}

/**
 * Deletes an app (by its id or its client_id). Every grant, code and token issued to it goes
 * with it (foreign keys), so its access tokens stop working at once.
 */
export async function deleteOAuthClient(deps: CoreDeps, principal: Principal, id: string): Promise<void> {
  requireScope(principal, 'settings:write')
  const result = await deps.db
    .deleteFrom('oauthClients')
    .where('organizationId', '=', principal.organizationId)
    .where((eb) => eb.or([eb('id', '=', id), eb('clientId', '=', id)]))
    .executeTakeFirst()
  if (result.numDeletedRows === 0n) throw new AppError('NOT_FOUND', 'OAuth client not found')
}

/** Client metadata field (registered as extra metadata with oidc-provider) of the app's API scopes. */
export const API_SCOPES_METADATA = 'switchboard_api_scopes'

/** The app as oidc-provider's `Client` model wants it (snake_case metadata), or undefined. */
export async function findOAuthClientMetadata(
  deps: CoreDeps,
  clientId: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await deps.db
    .selectFrom('oauthClients')
    .selectAll()
    .where('clientId', '=', clientId)
    .executeTakeFirst()
  if (!row) return undefined
  const scopes = JSON.parse(row.scopes) as string[]
  return {
    client_id: row.clientId,
    // The hash, never the secret: the provider's secret comparison is replaced by
    // `verifyClientSecret`, and secret-derived (HS*) keys are disabled.
    ...(row.clientSecretHash !== null && { client_secret: row.clientSecretHash }),
    client_name: row.name,
    ...(row.logoUrl !== null && { logo_uri: row.logoUrl }),
    application_type: 'web',
    redirect_uris: JSON.parse(row.redirectUris) as string[],
    response_types: ['code'],
    grant_types: scopes.includes('offline_access')
      ? ['authorization_code', 'refresh_token']
      : ['authorization_code'],
    token_endpoint_auth_method: row.confidential === 1 ? 'client_secret_basic' : 'none',
    // oidc-provider checks `scope` against its own (OpenID) scopes: only offline_access goes
    // there; the API scopes the app may ask for travel in our own metadata field.
    ...(scopes.includes('offline_access') && { scope: 'offline_access' }),
    [API_SCOPES_METADATA]: scopes.filter((s) => s !== 'offline_access').join(' '),
  }
}

/** The app as the consent page shows it. */
export async function findOAuthClientForConsent(deps: CoreDeps, clientId: string) {
  const row = await deps.db
    .selectFrom('oauthClients')
    .innerJoin('organizations', 'organizations.id', 'oauthClients.organizationId')
    .select([
      'oauthClients.clientId',
      'oauthClients.name',
      'oauthClients.logoUrl',
      'oauthClients.scopes',
      'organizations.name as developerName',
    ])
    .where('oauthClients.clientId', '=', clientId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    clientId: row.clientId,
    name: row.name,
    logoUrl: row.logoUrl,
    /** The organization that registered the app. */
    developer: row.developerName,
    allowedScopes: JSON.parse(row.scopes) as string[],
  }
}
