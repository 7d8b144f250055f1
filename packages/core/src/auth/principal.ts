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

export * from './scopes.ts'

/** Administrative actions (API keys, OAuth apps, settings): API keys, owners and admins. */
export function requireAdmin(principal: Principal): void {
  if (principal.kind === 'oauthToken') {
    throw new AppError('INSUFFICIENT_SCOPE', 'Third-party access tokens cannot manage the organization')
  }
  if (principal.kind === 'user' && principal.role === 'member' && !principal.isSuperuser) {
    throw new AppError('FORBIDDEN', 'Only owners and admins can do this; ask an admin of your organization')
  }
}
