import type { inferOutput } from '@trpc/tanstack-react-query'
import { createContext, type ReactNode, useContext } from 'react'
// Type only: the one scope vocabulary (docs/access.md), nothing of core reaches the bundle.
import type { Scope } from '../../../../packages/core/src/auth/scopes.ts'
import type { trpc } from '../trpc.ts'

type Me = inferOutput<typeof trpc.auth.me>
export type SessionUser = NonNullable<Me['user']>
export type SessionOrganization = NonNullable<Me['organization']>
export type MyOrganization = Me['organizations'][number]

export interface Session {
  user: SessionUser
  organization: SessionOrganization
  /** Every organization the user belongs to, with their role there (the switcher's list). */
  organizations: MyOrganization[]
  /** Owners and admins manage keys, settings and OAuth apps; members use what exists. */
  isAdmin: boolean
  /**
   * Whether `me.scopes` holds this scope: the dashboard hides what the caller may not do (the
   * server refuses it anyway, 403 INSUFFICIENT_SCOPE).
   */
  can: (scope: Scope) => boolean
}

/** The session's `can`, from the scopes `auth.me` returned. */
export function scopeChecker(scopes: readonly string[]): (scope: Scope) => boolean {
  const held = new Set(scopes)
  return (scope) => held.has(scope)
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
