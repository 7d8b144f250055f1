import type { inferOutput } from '@trpc/tanstack-react-query'
import { createContext, type ReactNode, useContext } from 'react'
// The one scope vocabulary and the one "wider than yours" rule (docs/access.md): the server's
// own pure functions, so what the dashboard hides is exactly what the server refuses.
import {
  type AccessTarget,
  mayHandleOwners,
  type OwnAccess,
  type Scope,
  type WiderThanOwn,
  widerThanOwn,
} from '../../../../packages/core/src/auth/scopes.ts'
import type { trpc } from '../trpc.ts'

type Me = inferOutput<typeof trpc.auth.me>
export type SessionUser = NonNullable<Me['user']>
export type SessionOrganization = NonNullable<Me['organization']>
export type MyOrganization = Me['organizations'][number]
export type { Scope }

export interface Session {
  user: SessionUser
  organization: SessionOrganization
  /** Every organization the user belongs to, with their role there (the switcher's list). */
  organizations: MyOrganization[]
  /** The workspaces this membership is narrowed to; null: all of them. */
  workspaceIds: readonly string[] | null
  /**
   * Whether `me.scopes` holds this scope: the dashboard hides what the caller may not do (the
   * server refuses it anyway, 403 INSUFFICIENT_SCOPE).
   */
  can: (scope: Scope) => boolean
  /**
   * Whether a member, an invite (role, workspaces) or an API key (scopes, workspaces) is wider
   * than the caller's own access: the server refuses to change, remove or revoke them (403
   * WIDER_THAN_YOURS); null: within.
   */
  widerThanMine: (target: AccessTarget) => WiderThanOwn | null
  /** Whether the caller may make, unmake, remove or invite an owner (owners only: 403 FORBIDDEN). */
  handlesOwners: boolean
}

/** The session's access checks, from the user and the scopes and workspaces `auth.me` returned. */
export function accessChecks(
  user: Pick<SessionUser, 'role' | 'isSuperuser'>,
  own: OwnAccess,
): Pick<Session, 'can' | 'widerThanMine' | 'handlesOwners'> {
  const held = new Set(own.scopes)
  return {
    can: (scope) => held.has(scope),
    widerThanMine: (target) => widerThanOwn(own, target),
    handlesOwners: mayHandleOwners({ kind: 'user', role: user.role, isSuperuser: user.isSuperuser }),
  }
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

/** The signed-in user and organization; only inside the authenticated app shell. */
export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession() is used outside <SessionProvider>')
  return session
}
