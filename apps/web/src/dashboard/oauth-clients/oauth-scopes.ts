import type { inferInput } from '@trpc/tanstack-react-query'
import type { trpc } from '../../trpc.ts'

export type OAuthClientScope = inferInput<typeof trpc.oauthClients.create>['scopes'][number]

/** The scopes the router accepts (checked against its type below), in plain words. */
export const oauthClientScopes = [
  { scope: 'connections:read', label: 'See connections' },
  { scope: 'connections:write', label: 'Create and delete connections' },
  { scope: 'connect:write', label: 'Start connect sessions' },
  { scope: 'proxy', label: 'Call integrations’ APIs through the proxy' },
  { scope: 'end-users:read', label: 'See end users' },
  { scope: 'end-users:write', label: 'Create end users' },
  { scope: 'workspaces:read', label: 'See workspaces' },
  { scope: 'offline_access', label: 'Stay signed in (refresh tokens)' },
] as const satisfies ReadonlyArray<{ scope: OAuthClientScope; label: string }>

// Fails to compile when the router accepts a scope this list does not offer.
type Missing = Exclude<OAuthClientScope, (typeof oauthClientScopes)[number]['scope']>
const everyScopeOffered: [Missing] extends [never] ? true : Missing = true
void everyScopeOffered

export function scopeLabel(scope: string): string {
  return oauthClientScopes.find((s) => s.scope === scope)?.label ?? scope
}
