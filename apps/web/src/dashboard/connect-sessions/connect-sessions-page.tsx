import { useQuery } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { useState } from 'react'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { type BadgeTone, StatusBadge } from '../../components/status-badge.tsx'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { NoWorkspaceNotice } from '../no-workspace-notice.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { useWorkspace } from '../workspace-context.tsx'

type ConnectSession = inferOutput<typeof trpc.connect.sessions>[number]
type SessionStatus = ConnectSession['status']

const statuses: ReadonlyArray<{ value: SessionStatus; label: string; tone: BadgeTone }> = [
  { value: 'PENDING', label: 'Pending', tone: 'info' },
  { value: 'CONNECTING', label: 'Connecting', tone: 'warning' },
  { value: 'COMPLETED', label: 'Completed', tone: 'success' },
  { value: 'FAILED', label: 'Failed', tone: 'danger' },
]

/** The most recent sessions; the API returns at most 200 and has no paging. */
const LIMIT = 100

export function ConnectSessionsPage() {
  useDocumentTitle('Connect sessions')
  const { current } = useWorkspace()
  return (
    <div className="page">
      <PageHeader
        title="Connect sessions"
        description="Each time your app opens the hosted connect page it starts a session. Sessions expire after 4 hours; a completed one points at the connection it created."
      />
      {current ? (
        <SessionsList workspaceId={current.id} workspaceName={current.name} />
      ) : (
        <NoWorkspaceNotice />
      )}
    </div>
  )
}

function SessionsList({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const [status, setStatus] = useState<SessionStatus | ''>('')
  const sessions = useQuery(
    trpc.connect.sessions.queryOptions({ workspaceId, limit: LIMIT, ...(status ? { status } : {}) }),
  )

  return (
    <>
      <div className="filters">
        <div className="filter">
          <label htmlFor="sessions-status">Status</label>
          <select
            id="sessions-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as SessionStatus | '')}
          >
            <option value="">All statuses</option>
            {statuses.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {sessions.isPending && <LoadingState label="Loading connect sessions…" />}
      {sessions.isError && (
        <ErrorState
          title="Connect sessions could not be loaded"
          error={sessions.error}
          onRetry={() => void sessions.refetch()}
        />
      )}
      {sessions.isSuccess && sessions.data.length === 0 && (
        <EmptyState
          title={status ? 'No sessions with this status' : `No connect sessions in ${workspaceName} yet`}
        >
          {status ? (
            'Choose another status.'
          ) : (
            <>
              Your backend starts one with <code>POST /api/v1/connect/token</code>.
            </>
          )}
        </EmptyState>
      )}
      {sessions.isSuccess && sessions.data.length > 0 && <SessionsTable sessions={sessions.data} />}
      {sessions.isSuccess && sessions.data.length === LIMIT && (
        <p className="muted small list-note">Showing the {LIMIT} most recent sessions.</p>
      )}
    </>
  )
}

function SessionsTable({ sessions }: { sessions: ConnectSession[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Connection name</th>
            <th scope="col">Integration</th>
            <th scope="col">Status</th>
            <th scope="col" className="col-optional">
              Created
            </th>
            <th scope="col" className="col-optional">
              Expires
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const status = statuses.find((x) => x.value === s.status)
            return (
              <tr key={s.id}>
                <th scope="row" className="cell-name">
                  <span className="cell-title">{s.connectionName}</span>
                  <code className="cell-sub">{s.externalId}</code>
                </th>
                <td>{s.integrationName}</td>
                <td>
                  <StatusBadge
                    tone={status?.tone ?? 'muted'}
                    label={status?.label ?? s.status}
                    detail={s.error}
                  />
                  {s.error && <div className="cell-error">{s.error}</div>}
                </td>
                <td className="col-optional" title={s.createdAt}>
                  {formatDateTime(s.createdAt)}
                </td>
                <td className="col-optional" title={s.expiresAt}>
                  {formatDateTime(s.expiresAt)}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
