import { AppError } from '../errors.ts'
import type { Principal } from './principal.ts'

/**
 * The one vocabulary of API scopes (seed 003, docs/oauth-server.md's scope table; a doc test
 * keeps the two equal). A third-party app's access token carries some of them; dashboard
 * sessions and API keys hold all of them today.
 */
export const apiScopes = [
  'connections:read',
  'connections:write',
  'connect:write',
  'proxy',
  'end-users:read',
  'end-users:write',
  'workspaces:read',
] as const
export type ApiScope = (typeof apiScopes)[number]

/** Scopes an app can be granted: the API scopes plus `offline_access` (a refresh token). */
export const oauthClientScopes = [...apiScopes, 'offline_access'] as const
export type OAuthClientScope = (typeof oauthClientScopes)[number]

/** What each scope lets an app do: the "Lets the app" column of docs/oauth-server.md. */
export const scopeReach: Record<OAuthClientScope, string> = {
  'connections:read': 'list and read connections, connect sessions and their status',
  'connections:write': 'create, reconnect and delete connections',
  'connect:write': 'create connect tokens (start the hosted connect flow)',
  proxy: 'call connected services through the proxy routes',
  'end-users:read': 'read end users',
  'end-users:write': 'create end users',
  'workspaces:read': 'list and read workspaces',
  offline_access: 'get a refresh token (keep access while the customer is away)',
}

/**
 * What one procedure or route needs, declared once next to it (tRPC `.meta({ access })`,
 * REST `route({ access })`) and checked by one gate before its input is read:
 * - an API scope: any principal that holds it (API keys and dashboard users hold all);
 * - `'first-party'`: Switchboard's own callers only (API keys, dashboard users), never a
 *   third-party app's token (organization settings, API keys, integrations, OAuth apps…);
 * - `'public'`: no credential needed (the hosted connect page, login, the OAuth callback).
 */
export type Access = ApiScope | 'first-party' | 'public'

export const accessLevels: readonly Access[] = [...apiScopes, 'first-party', 'public']

export function isAccess(value: unknown): value is Access {
  return typeof value === 'string' && (accessLevels as readonly string[]).includes(value)
}

/** 403 INSUFFICIENT_SCOPE unless the principal holds `scope`; details name the missing scope. */
export function requireScope(principal: Principal, scope: ApiScope): void {
  if (principal.kind === 'oauthToken' && !principal.scopes.includes(scope)) {
    throw new AppError('INSUFFICIENT_SCOPE', `This access token was not granted the "${scope}" scope`, {
      requiredScope: scope,
    })
  }
}

/**
 * Things only Switchboard's own callers may do (API keys, dashboard users): a third-party app's
 * access token never reads raw upstream tokens or the organization's configuration.
 */
export function requireFirstParty(principal: Principal, what: string): void {
  if (principal.kind === 'oauthToken') {
    throw new AppError('INSUFFICIENT_SCOPE', `Third-party access tokens cannot ${what}`, {
      firstPartyOnly: true,
    })
  }
}

/** The gate every procedure and route passes: the principal may do what `access` declares. */
export function requireAccess(principal: Principal, access: Access): void {
  if (access === 'public') return
  if (access === 'first-party') {
    requireFirstParty(principal, 'call this endpoint (API keys and the dashboard only)')
    return
  }
  requireScope(principal, access)
}
