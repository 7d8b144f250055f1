/**
 * The scopes an API key can hold (core's apiKeyScopes, docs/access.md), in plain words. Kept as
 * a list here because the dashboard bundle does not import core; api-key-scopes.test.ts keeps
 * it equal to core's.
 */
export const apiKeyScopeOptions = [
  { scope: 'proxy', label: 'Call integrations’ APIs through the proxy' },
  { scope: 'connections:read', label: 'See connections' },
  { scope: 'connections:write', label: 'Create and delete connections' },
  { scope: 'connections:token', label: 'Read connections’ raw access tokens' },
  { scope: 'connect:write', label: 'Start connect sessions' },
  { scope: 'end-users:read', label: 'See end users' },
  { scope: 'end-users:write', label: 'Create and change end users' },
  { scope: 'integrations:read', label: 'See integrations' },
  { scope: 'integrations:write', label: 'Change integrations and OAuth apps' },
  { scope: 'webhooks:read', label: 'See webhook endpoints' },
  { scope: 'webhooks:write', label: 'Change webhook endpoints' },
  { scope: 'events:read', label: 'Read the event log' },
  { scope: 'workspaces:read', label: 'See workspaces' },
  { scope: 'workspaces:write', label: 'Create, rename and delete workspaces' },
  { scope: 'members:read', label: 'See members and invites' },
  { scope: 'members:write', label: 'Invite, change and remove members' },
  { scope: 'api-keys:read', label: 'See API keys' },
  { scope: 'api-keys:write', label: 'Create and revoke API keys' },
  { scope: 'settings:read', label: 'See organization settings' },
  { scope: 'settings:write', label: 'Change organization settings' },
] as const

export type ApiKeyScope = (typeof apiKeyScopeOptions)[number]['scope']

/** How long a new key lives: the dialog's choices, in days (null: until revoked). */
export const expiryChoices = [
  { days: null, label: 'Never (until revoked)' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
] as const

export function expiresAtFor(days: number | null, now = Date.now()): string | undefined {
  return days === null ? undefined : new Date(now + days * 86_400_000).toISOString()
}
