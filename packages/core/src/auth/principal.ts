import type { Role } from '@switchboard/db'

/** Who is calling. Every core use case that reads tenant data takes one. */
export type Principal =
  | {
      kind: 'apiKey'
      organizationId: string
      apiKeyId: string
      /** The scopes it was made with; null: every scope (a full-access key). */
      scopes?: readonly string[] | null
      /** The workspaces it may touch; null: all of them. */
      workspaceIds?: readonly string[] | null
      /**
       * Whether its maker could make or unmake an owner (an owner, a superuser, the CLI, an
       * owner-grade key); false: an admin's key, which touches no owner. Absent: true.
       */
      ownerGrade?: boolean
    }
  | {
      kind: 'user'
      organizationId: string
      userId: string
      role: Role
      isSuperuser: boolean
      sessionId: string
      /** The workspaces the membership is narrowed to; null/absent: all of them. */
      workspaceIds?: readonly string[] | null
    }
  | {
      kind: 'oauthToken'
      organizationId: string
      clientId: string
      userId: string | null
      scopes: readonly string[]
    }

export * from './scopes.ts'

/** Owners, admins and API keys see everyone's things (grants, connections); others their own. */
export function seesEveryone(principal: Principal): boolean {
  if (principal.kind === 'apiKey') return true
  if (principal.kind !== 'user') return false
  return principal.isSuperuser || principal.role === 'owner' || principal.role === 'admin'
}
