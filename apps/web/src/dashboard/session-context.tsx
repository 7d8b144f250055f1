import type { inferOutput } from '@trpc/tanstack-react-query'
import { createContext, type ReactNode, useContext } from 'react'
import type { trpc } from '../trpc.ts'

type Me = inferOutput<typeof trpc.auth.me>
export type SessionUser = NonNullable<Me['user']>
export type SessionOrganization = NonNullable<Me['organization']>

export interface Session {
  user: SessionUser
  organization: SessionOrganization
  /** Owners and admins manage keys, settings and OAuth apps; members use what exists. */
  isAdmin: boolean
  /** Everyone but viewers changes connections and end users; the server refuses the rest anyway. */
  canWrite: boolean
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
