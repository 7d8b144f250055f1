import { Navigate, useLocation } from 'react-router'
import { ErrorState } from '../components/error-state.tsx'
import { PageLoading } from '../components/page-loading.tsx'
import { AppShell } from './app-shell.tsx'
import { accessChecks, SessionProvider } from './session-context.tsx'
import { useMe } from './use-me.ts'

/** The signed-in part of /app: visitors without a session go to the sign-in page and come back after. */
export function RequireAuth() {
  const me = useMe()
  const location = useLocation()

  if (me.isPending) return <PageLoading />
  if (me.isError) {
    return (
      <main className="centered-page">
        <div className="card narrow-card">
          <ErrorState
            title="The dashboard could not be loaded"
            error={me.error}
            onRetry={() => void me.refetch()}
          />
        </div>
      </main>
    )
  }
  const { user, organization, organizations, scopes, workspaceIds } = me.data
  if (!user || !organization) {
    const from = `${location.pathname}${location.search}`
    return <Navigate to="/app/login" replace state={{ from }} />
  }
  const session = {
    user,
    organization,
    organizations,
    workspaceIds,
    ...accessChecks(user, { scopes, workspaceIds }),
  }
  return (
    <SessionProvider session={session}>
      <AppShell />
    </SessionProvider>
  )
}
