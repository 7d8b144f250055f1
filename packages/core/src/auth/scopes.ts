import { AppError } from '../errors.ts'
import type { Principal } from './principal.ts'

/**
 * The API scopes: the part of the one vocabulary (docs/oauth-server.md's scope table; a doc
 * test keeps the two equal) that a third-party app's access token can carry. Dashboard users
 * hold what their role gives (roleScopes), API keys what they were created with.
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

/**
 * First-party scopes: Switchboard's own callers only (API keys, dashboard users), never a
 * third-party app's token — the organization's configuration, raw upstream tokens, members.
 */
export const firstPartyScopes = [
  'connections:token',
  'integrations:read',
  'integrations:write',
  'webhooks:read',
  'webhooks:write',
  'events:read',
  'workspaces:write',
  'members:read',
  'members:write',
  'api-keys:read',
  'api-keys:write',
  'settings:read',
  'settings:write',
  'account',
] as const
export type FirstPartyScope = (typeof firstPartyScopes)[number]

/** Every permission: one list, in one place (docs/access.md and docs/oauth-server.md show it). */
export const permissionScopes = [...apiScopes, ...firstPartyScopes] as const
export type Scope = (typeof permissionScopes)[number]

/**
 * What an API key can hold: every scope but `account` (a key has no account, no password, no
 * sessions). A key made without scopes holds all of these.
 */
export const apiKeyScopes = permissionScopes.filter((s) => s !== 'account')

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (permissionScopes as readonly string[]).includes(value)
}
export function isFirstPartyScope(value: unknown): value is FirstPartyScope {
  return typeof value === 'string' && (firstPartyScopes as readonly string[]).includes(value)
}

/** A dashboard user's role in an organization. */
export const roles = ['owner', 'admin', 'member', 'viewer'] as const
export type RoleName = (typeof roles)[number]

const viewerScopes: readonly Scope[] = [
  ...permissionScopes.filter((s) => s.endsWith(':read') && s !== 'events:read'),
  'account',
]
const memberScopes: readonly Scope[] = [
  ...viewerScopes,
  'connections:write',
  'connect:write',
  'proxy',
  'end-users:write',
]

/**
 * The one permission table: what each role may do. Owners and admins hold every scope (what
 * only an owner may do — make or unmake an owner — is checked where memberships change);
 * members do the day-to-day work (connections, end users, the proxy); viewers read (not the
 * event log, not raw tokens).
 */
export function roleScopes(role: RoleName): readonly Scope[] {
  switch (role) {
    case 'owner':
    case 'admin':
      return permissionScopes
    case 'member':
      return memberScopes
    case 'viewer':
      return viewerScopes
  }
}

/** What each scope lets its holder do: the "Lets the app" column of docs/oauth-server.md. */
export const scopeReach: Record<OAuthClientScope | FirstPartyScope, string> = {
  'connections:read': 'list and read connections, connect sessions and their status',
  'connections:write': 'create, reconnect and delete connections',
  'connect:write': 'create connect tokens (start the hosted connect flow)',
  proxy: 'call connected services through the proxy routes',
  'end-users:read': 'read end users',
  'end-users:write': 'create end users',
  'workspaces:read': 'list and read workspaces',
  offline_access: 'get a refresh token (keep access while the customer is away)',
  'connections:token': "read a connection's raw upstream access token (first-party only)",
  'integrations:read': 'list and read integrations and OAuth apps (first-party only)',
  'integrations:write': 'create, update and delete integrations, OAuth apps and sharing (first-party only)',
  'webhooks:read': 'list and read webhooks and their deliveries (first-party only)',
  'webhooks:write': 'create, update, delete, test and replay webhooks (first-party only)',
  'events:read': 'read the event log (first-party only)',
  'workspaces:write': 'create, rename and delete workspaces (first-party only)',
  'members:read': 'list members and invites (first-party only)',
  'members:write': 'invite, change and remove members (first-party only)',
  'api-keys:read': 'list API keys (first-party only)',
  'api-keys:write': 'create and revoke API keys (first-party only)',
  'settings:read': 'read the organization, its SSO and its OAuth clients (first-party only)',
  'settings:write': 'change the organization, its SSO and its OAuth clients (first-party only)',
  account: "manage one's own account: password, sessions, organizations (dashboard users)",
}

/**
 * What one procedure or route needs, declared once next to it (tRPC `.meta({ access })`,
 * REST `route({ access })`) and checked by one gate before its input is read:
 * - a scope (permissionScopes): a principal that holds it — a third-party token its granted
 *   API scopes (never a first-party one), a dashboard user what the role gives, an API key
 *   the scopes it was made with (all when made without);
 * - `'public'`: no credential needed (the hosted connect page, login, the OAuth callback).
 */
export type Access = Scope | 'public'

export const accessLevels: readonly Access[] = [...permissionScopes, 'public']

export function isAccess(value: unknown): value is Access {
  return typeof value === 'string' && (accessLevels as readonly string[]).includes(value)
}

/** The scopes a principal holds. */
export function scopesOf(principal: Principal): readonly string[] {
  switch (principal.kind) {
    case 'oauthToken':
      return principal.scopes
    case 'apiKey':
      return principal.scopes ?? apiKeyScopes
    case 'user':
      return principal.isSuperuser ? permissionScopes : roleScopes(principal.role)
  }
}

/** The workspaces a principal may touch; null: all of its organization's. */
export function workspacesOf(principal: Principal): readonly string[] | null {
  if (principal.kind === 'apiKey' || principal.kind === 'user') return principal.workspaceIds ?? null
  return null
}

/** Whether the principal may see a workspace's resources (a narrowed key or membership may not). */
export function seesWorkspace(principal: Principal, workspaceId: string): boolean {
  const allowed = workspacesOf(principal)
  return allowed === null || allowed.includes(workspaceId)
}

/**
 * A resource in a workspace the principal cannot see is not found (404): what is outside a
 * workspace restriction is as invisible as another organization's.
 */
export function requireSeenWorkspace(
  principal: Principal,
  workspaceId: string,
  notFound: () => AppError,
): void {
  if (!seesWorkspace(principal, workspaceId)) throw notFound()
}

/**
 * The workspaces a query must keep to for this principal, for `where('workspaceId', 'in', …)`;
 * null when it sees them all. Never an empty list (SQL's `in ()`): a principal narrowed to no
 * workspace gets a list no row matches.
 */
export function seenWorkspaceIds(principal: Principal): string[] | null {
  const allowed = workspacesOf(principal)
  if (allowed === null) return null
  return allowed.length > 0 ? [...allowed] : ['']
}

/**
 * What a principal hands on (a key's, an invite's, a member's `workspaceIds`; null or undefined:
 * every workspace) is never wider than what it sees: a narrowed principal must name workspaces,
 * all of them its own, else 404 (the others do not exist for it).
 */
export function requireWithinSeenWorkspaces(
  principal: Principal,
  workspaceIds: readonly string[] | null | undefined,
  what: string,
): void {
  const mine = workspacesOf(principal)
  if (mine === null) return
  if (workspaceIds === null || workspaceIds === undefined || workspaceIds.some((w) => !mine.includes(w))) {
    throw new AppError('NOT_FOUND', `Name workspaces you can see for ${what}`, { field: 'workspaceIds' })
  }
}

/**
 * Whether the caller may make, unmake, remove or invite an owner, else 403 FORBIDDEN: an owner, a
 * superuser, or an owner-grade API key (one made by any of these or the CLI). A key never holds
 * more than its maker: an admin's key may not (docs/access.md). Pure, so the dashboard offers no
 * owner control to an admin.
 */
export function mayHandleOwners(who: {
  kind: Principal['kind']
  role?: RoleName | undefined
  isSuperuser?: boolean | undefined
  ownerGrade?: boolean | undefined
}): boolean {
  switch (who.kind) {
    case 'user':
      return who.isSuperuser === true || who.role === 'owner'
    case 'apiKey':
      return who.ownerGrade !== false
    case 'oauthToken':
      return false
  }
}

/** What a principal holds, as the dashboard also knows it (auth.me's `scopes` and `workspaceIds`). */
export interface OwnAccess {
  scopes: readonly string[]
  /** null: every workspace of the organization. */
  workspaceIds: readonly string[] | null
}

/** Why a member or invite is wider than one's own access (widerThanOwn). */
export type WiderThanOwn = { by: 'role' | 'scopes'; missingScopes: Scope[] } | { by: 'workspaces' }

/** What widerThanOwn compares: a member's or invite's role, a key's scopes (null: every key scope), the workspaces. */
export interface AccessTarget {
  role?: RoleName | undefined
  scopes?: readonly string[] | null | undefined
  workspaceIds?: readonly string[] | null | undefined
}

/**
 * The one rule for what a principal hands on or touches (a member, an invite; a key is never
 * wider than its maker the same way): the role's scopes and the workspaces (null: all of them)
 * must lie within one's own. Pure, so the dashboard hides the controls the server would refuse
 * with the very same function (requireWithinOwnAccess). null: within.
 */
export function widerThanOwn(own: OwnAccess, target: AccessTarget): WiderThanOwn | null {
  if (target.role !== undefined) {
    // `account` (one's own password and sessions) is every user's and no key's: not compared.
    const missing = roleScopes(target.role).filter((s) => s !== 'account' && !own.scopes.includes(s))
    if (missing.length > 0) return { by: 'role', missingScopes: missing }
  }
  if (target.scopes !== undefined) {
    const held = (target.scopes ?? apiKeyScopes).filter(isScope)
    const missing = held.filter((s) => !own.scopes.includes(s))
    if (missing.length > 0) return { by: 'scopes', missingScopes: missing }
  }
  const mine = own.workspaceIds
  if (mine === null || target.workspaceIds === undefined) return null
  if (target.workspaceIds === null || target.workspaceIds.some((w) => !mine.includes(w))) {
    return { by: 'workspaces' }
  }
  return null
}

/**
 * 403 WIDER_THAN_YOURS unless the target lies within the principal's own access (widerThanOwn):
 * a narrowed admin cannot change, remove or revoke someone who sees more than they do.
 */
const capitalized = (s: string) => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`

export function requireWithinOwnAccess(principal: Principal, target: AccessTarget, what: string): void {
  const wider = widerThanOwn({ scopes: scopesOf(principal), workspaceIds: workspacesOf(principal) }, target)
  if (wider === null) return
  if (wider.by === 'role') {
    throw new AppError('WIDER_THAN_YOURS', `The ${target.role} role of ${what} is wider than your access`, {
      missingScopes: wider.missingScopes,
    })
  }
  if (wider.by === 'scopes') {
    throw new AppError(
      'WIDER_THAN_YOURS',
      `${capitalized(what)} holds scopes you do not: ${wider.missingScopes.join(', ')}`,
      { missingScopes: wider.missingScopes },
    )
  }
  throw new AppError('WIDER_THAN_YOURS', `${capitalized(what)} sees workspaces you do not`, {
    field: 'workspaceIds',
  })
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return scopesOf(principal).includes(scope)
}

/** 403 INSUFFICIENT_SCOPE unless the principal holds `scope`; details name the missing scope. */
export function requireScope(principal: Principal, scope: Scope): void {
  if (principal.kind === 'oauthToken' && isFirstPartyScope(scope)) {
    throw new AppError(
      'INSUFFICIENT_SCOPE',
      'Third-party access tokens cannot call this endpoint (API keys and the dashboard only)',
      {
        firstPartyOnly: true,
        requiredScope: scope,
      },
    )
  }
  if (hasScope(principal, scope)) return
  const who =
    principal.kind === 'oauthToken'
      ? 'This access token was not granted'
      : principal.kind === 'apiKey'
        ? 'This API key does not have'
        : 'Your role does not include'
  throw new AppError('INSUFFICIENT_SCOPE', `${who} the "${scope}" scope`, { requiredScope: scope })
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
  requireScope(principal, access)
}
