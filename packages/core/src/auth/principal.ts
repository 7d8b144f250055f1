import type { Role } from '@switchboard/db'
import { AppError } from '../errors.ts'

/** Who is calling. Every core use case that reads tenant data takes one. */
export type Principal =
  | { kind: 'apiKey'; organizationId: string; apiKeyId: string }
  | {
      kind: 'user'
      organizationId: string
      userId: string
      role: Role
      isSuperuser: boolean
      sessionId: string
    }
  | {
      kind: 'oauthToken'
      organizationId: string
      clientId: string
      userId: string | null
      scopes: readonly string[]
    }

/** API scopes a third-party app can be granted (seed 003); API keys and dashboard users hold all. */
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
    throw new AppError('INSUFFICIENT_SCOPE', `Third-party access tokens cannot ${what}`)
  }
}

/** Administrative actions (API keys, OAuth apps, settings): API keys, owners and admins. */
export function requireAdmin(principal: Principal): void {
  if (principal.kind === 'oauthToken') {
    throw new AppError('INSUFFICIENT_SCOPE', 'Third-party access tokens cannot manage the organization')
  }
  if (principal.kind === 'user' && principal.role === 'member' && !principal.isSuperuser) {
    throw new AppError('FORBIDDEN', 'Only owners and admins can do this; ask an admin of your organization')
  }
}
