import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { ConfirmDialog } from '../../components/confirm-dialog.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { messageOf } from '../../errors.ts'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { describeUserAgent } from './user-agent.ts'

type Session = inferOutput<typeof trpc.account.sessions>[number]

/** The user's dashboard sessions: where they are signed in, and the way to end the others. */
export function SessionsSection() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const sessions = useQuery(trpc.account.sessions.queryOptions())
  const [revoking, setRevoking] = useState<Session | null>(null)
  const [confirmOthers, setConfirmOthers] = useState(false)
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() })
  const revoke = useMutation({
    ...trpc.account.revokeSession.mutationOptions(),
    onSuccess: (result) => {
      setRevoking(null)
      if (result.current) {
        queryClient.clear()
        void navigate('/app/login', { replace: true })
      } else void refresh()
    },
  })
  const signOutOthers = useMutation({
    ...trpc.account.signOutOthers.mutationOptions(),
    onSuccess: () => {
      setConfirmOthers(false)
      void refresh()
    },
  })
  const others = sessions.data?.filter((s) => !s.current).length ?? 0

  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <div className="stack">
        <p className="field-help">
          Browsers where you are signed in to this dashboard. End any you do not recognise.
        </p>
        {sessions.isPending && <LoadingState label="Loading sessions…" />}
        {sessions.isError && (
          <ErrorState
            title="Sessions could not be loaded"
            error={sessions.error}
            onRetry={() => void sessions.refetch()}
          />
        )}
        {sessions.isSuccess && sessions.data.length === 0 && (
          <EmptyState title="No active sessions">
            Sign in again to see this browser's session here.
          </EmptyState>
        )}
        {sessions.isSuccess && sessions.data.length > 0 && (
          <div className="table-wrap">
            <table className="table" data-testid="sessions-table">
              <thead>
                <tr>
                  <th scope="col">Browser</th>
                  <th scope="col" className="col-optional">
                    Signed in
                  </th>
                  <th scope="col">Last seen</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((session) => (
                  <tr key={session.id} data-current={session.current}>
                    <th scope="row" className="cell-name" title={session.userAgent ?? undefined}>
                      {describeUserAgent(session.userAgent)}{' '}
                      {session.current && <span className="badge badge-success">This session</span>}
                    </th>
                    <td className="col-optional" title={session.createdAt}>
                      {formatDateTime(session.createdAt)}
                    </td>
                    <td title={session.lastSeenAt ?? undefined}>
                      {session.lastSeenAt ? formatDateTime(session.lastSeenAt) : 'Not since signing in'}
                    </td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-small button-danger-ghost"
                        onClick={() => setRevoking(session)}
                      >
                        {session.current ? 'Sign out' : 'Revoke'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {sessions.isSuccess && (
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={others === 0 || signOutOthers.isPending}
              onClick={() => setConfirmOthers(true)}
            >
              Sign out everywhere else
            </button>
            <span className="saved-notice" role="status">
              {signOutOthers.isSuccess
                ? `${signOutOthers.data.revoked} ${signOutOthers.data.revoked === 1 ? 'session' : 'sessions'} signed out.`
                : others === 0
                  ? 'This is your only session.'
                  : ''}
            </span>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title={revoking?.current ? 'Sign out of this browser?' : 'Revoke this session?'}
        confirmLabel={revoking?.current ? 'Sign out' : 'Revoke session'}
        pendingLabel="Revoking…"
        failureLead="The session was not revoked."
        action={revoke}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onClose={() => setRevoking(null)}
      >
        <p>
          {revoking?.current
            ? 'You will need to sign in again in this browser.'
            : `${describeUserAgent(revoking?.userAgent ?? null)} will be signed out at its next request and must sign in again.`}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmOthers}
        title="Sign out everywhere else?"
        confirmLabel="Sign out other sessions"
        pendingLabel="Signing out…"
        failureLead="The other sessions were not signed out."
        action={signOutOthers}
        onConfirm={() => signOutOthers.mutate()}
        onClose={() => setConfirmOthers(false)}
      >
        <p>
          {others} other {others === 1 ? 'session' : 'sessions'} will be signed out. This browser stays signed
          in.
        </p>
      </ConfirmDialog>
      {revoke.isError && revoking === null && (
        <p className="field-error" role="alert">
          {messageOf(revoke.error)}
        </p>
      )}
    </section>
  )
}
