import { apiScopes, type Principal } from '../auth/principal.ts'
import type { BearerResolver } from '../auth/resolve-principal.ts'
import type { CoreDeps } from '../deps.ts'
import { findOAuthModel } from './model-store.ts'

/**
 * The resource indicator (RFC 8707) of Switchboard's API: the audience of every access token
 * the authorization server issues, and the only one this resolver accepts.
 */
export function oauthApiResource(deps: CoreDeps): string {
  return `${deps.config.publicUrl}/api`
}

/** The organization a user belongs to: the one their grants and tokens act on. */
export async function organizationOfUser(deps: CoreDeps, userId: string): Promise<string | undefined> {
  const row = await deps.db
    .selectFrom('users')
    .select('organizationId')
    .where('id', '=', userId)
    .executeTakeFirst()
  return row?.organizationId
}

// oidc-provider's opaque tokens: 43 base64url characters (256 bits).
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,128}$/

/**
 * `Authorization: Bearer <token>` for access tokens our authorization server issued: looked
 * up by hash, unexpired, for our API's audience, of an app that still exists, for a user still
 * in the organization the token was issued for. Anything else is not ours (null → 401).
 */
export const resolveOAuthAccessToken: BearerResolver = async (deps, token): Promise<Principal | null> => {
  if (!TOKEN_SHAPE.test(token)) return null
  const payload = await findOAuthModel(deps, 'AccessToken', token)
  if (!payload) return null
  const { clientId, accountId, scope, aud, exp, extra } = payload as {
    clientId?: unknown
    accountId?: unknown
    scope?: unknown
    aud?: unknown
    exp?: unknown
    extra?: { organizationId?: unknown }
  }
  if (typeof exp !== 'number' || exp * 1000 <= deps.clock.now().getTime()) return null
  const audiences = Array.isArray(aud) ? aud : [aud]
  if (!audiences.includes(oauthApiResource(deps))) return null
  if (typeof clientId !== 'string' || typeof accountId !== 'string') return null
  const organizationId = extra?.organizationId
  if (typeof organizationId !== 'string') return null
  if ((await organizationOfUser(deps, accountId)) !== organizationId) return null
  const client = await deps.db
    .selectFrom('oauthClients')
    .select('id')
    .where('clientId', '=', clientId)
    .executeTakeFirst()
  if (!client) return null
  const granted = typeof scope === 'string' ? scope.split(' ') : []
  return {
    kind: 'oauthToken',
    organizationId,
    clientId,
    userId: accountId,
    scopes: apiScopes.filter((s) => granted.includes(s)),
  }
}
