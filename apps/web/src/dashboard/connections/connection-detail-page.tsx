import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { type ReactNode, useEffect, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ConfirmDialog } from '../../components/confirm-dialog.tsx'
import { Dialog } from '../../components/dialog.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { Spinner } from '../../components/spinner.tsx'
import { StatusBadge } from '../../components/status-badge.tsx'
import { appCodeOf, messageOf } from '../../errors.ts'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { eventLabel, eventTone } from './connection-events.ts'
import { connectionStatus, scopeLabels } from './connection-status.ts'
import { expiringDetail } from './connections-table.tsx'
import { useConnectPopup } from './use-connect-popup.ts'

type ConnectionDetail = inferOutput<typeof trpc.connections.get>

const SESSION_POLL_MS = 1500

function When({ iso, never = 'Never' }: { iso: string | null; never?: string }) {
  if (!iso) return <span className="muted">{never}</span>
  return <time dateTime={iso}>{formatDateTime(iso)}</time>
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** /app/connections/:id — everything about one connection, its history, Reconnect and Delete. */
export function ConnectionDetailPage() {
  const { id = '' } = useParams()
  const connection = useQuery(trpc.connections.get.queryOptions({ id }))
  useDocumentTitle(connection.data?.displayName ?? 'Connection')
  const [reconnecting, setReconnecting] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const canWrite = useSession().can('connections:write')

  const back = (
    <Link to="/app/connections" className="back-link">
      ← All connections
    </Link>
  )

  if (connection.isPending) {
    return (
      <div className="page">
        {back}
        <LoadingState label="Loading the connection…" />
      </div>
    )
  }
  if (connection.isError) {
    const notFound = appCodeOf(connection.error) === 'NOT_FOUND'
    return (
      <div className="page">
        {back}
        <PageHeader title="Connection" />
        {notFound ? (
          <EmptyState title="This connection does not exist">
            It may have been deleted, or it belongs to another organization. Go back to the list of
            connections.
          </EmptyState>
        ) : (
          <ErrorState
            title="The connection could not be loaded"
            error={connection.error}
            onRetry={() => void connection.refetch()}
          />
        )}
      </div>
    )
  }

  const c = connection.data
  const status = connectionStatus(c.status)
  return (
    <div className="page">
      {back}
      <PageHeader
        title={c.displayName}
        description={
          <>
            {c.integrationName} · <code>{c.externalId}</code>
          </>
        }
        actions={
          canWrite && (
            <>
              <button type="button" className="button" onClick={() => setReconnecting(true)}>
                Reconnect
              </button>
              <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
                Delete
              </button>
            </>
          )
        }
      />
      <div className="stack">
        <section className="card" aria-labelledby="connection-status-heading">
          <h2 id="connection-status-heading" className="card-title">
            Status
          </h2>
          <p className="status-line">
            <StatusBadge tone={status.tone} label={status.label} />
            {c.statusReason && <span className="muted">{c.statusReason}</span>}
            {c.expiring && <StatusBadge tone="warning" label="Expiring" />}
          </p>
          {c.expiring && <p className="small">{expiringDetail(c.refreshTokenExpiresAt)}.</p>}
          {c.status !== 'ACTIVE' && (
            <p className="small">
              Use <strong>Reconnect</strong> to authorize the account again; the connection keeps its ID and
              external ID.
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="connection-details-heading">
          <h2 id="connection-details-heading" className="card-title">
            Details
          </h2>
          <dl className="details">
            <Detail label="Integration">{c.integrationName}</Detail>
            <Detail label="Type">{typeLabels[c.type]}</Detail>
            <Detail label="Scope">{scopeLabels[c.scope]}</Detail>
            <Detail label="External ID">
              <code>{c.externalId}</code>
            </Detail>
            <Detail label="End user">
              <EndUserName endUserId={c.endUserId} />
            </Detail>
            <Detail label="Connection ID">
              <code>{c.id}</code>
            </Detail>
            <Detail label="Granted scopes">
              {c.grantedScopes.length === 0 ? (
                <span className="muted">None recorded</span>
              ) : (
                <span className="scope-list">
                  {c.grantedScopes.map((s) => (
                    <code key={s}>{s}</code>
                  ))}
                </span>
              )}
            </Detail>
            <Detail label="Access token expires">
              <When iso={c.tokenExpiresAt} never={c.type === 'OAUTH2' ? 'Not stated' : 'Does not expire'} />
            </Detail>
            <Detail label="Refresh token expires">
              <When iso={c.refreshTokenExpiresAt} never={c.type === 'OAUTH2' ? 'Not stated' : 'Not used'} />
            </Detail>
            <Detail label="Last authorized">
              <When iso={c.lastAuthorizedAt} />
            </Detail>
            <Detail label="Last refreshed">
              <When iso={c.lastRefreshedAt} />
            </Detail>
            <Detail label="Last used">
              <When iso={c.lastUsedAt} />
            </Detail>
            <Detail label="Created">
              <When iso={c.createdAt} />
            </Detail>
            <Detail label="Updated">
              <When iso={c.updatedAt} />
            </Detail>
          </dl>
        </section>
        <ConnectionHistory id={c.id} />
      </div>
      {reconnecting && <ReconnectDialog connection={c} onClose={() => setReconnecting(false)} />}
      <DeleteConnectionDialog connection={deleting ? c : null} onClose={() => setDeleting(false)} />
    </div>
  )
}

const typeLabels: Record<ConnectionDetail['type'], string> = {
  OAUTH2: 'OAuth 2.0',
  SECRET_TEXT: 'API key',
  BASIC: 'Username and password',
  CUSTOM: 'Custom fields',
}

function EndUserName({ endUserId }: { endUserId: string | null }) {
  const endUser = useQuery({
    ...trpc.endUsers.get.queryOptions({ id: endUserId ?? '' }),
    enabled: !!endUserId,
  })
  if (!endUserId) return <span className="muted">None (shared connection)</span>
  if (endUser.isPending) return <span className="muted">Loading…</span>
  if (endUser.isError) return <code>{endUserId}</code>
  const u = endUser.data
  return (
    <>
      {u.displayName ?? u.email ?? u.externalId} <code className="cell-sub">{u.externalId}</code>
    </>
  )
}

function ConnectionHistory({ id }: { id: string }) {
  const events = useQuery(trpc.connections.events.queryOptions({ id }))
  return (
    <section className="card" aria-labelledby="connection-history-heading">
      <h2 id="connection-history-heading" className="card-title">
        History
      </h2>
      {events.isPending && <LoadingState label="Loading the history…" />}
      {events.isError && (
        <ErrorState
          title="The history could not be loaded"
          error={events.error}
          onRetry={() => void events.refetch()}
        />
      )}
      {events.isSuccess && events.data.length === 0 && (
        <p className="muted">Nothing has happened to this connection yet.</p>
      )}
      {events.isSuccess && events.data.length > 0 && (
        <ol className="timeline">
          {events.data.map((e) => (
            <li key={e.id} className="timeline-item">
              <span className={`timeline-dot timeline-${eventTone(e.kind)}`} aria-hidden="true" />
              <div>
                <p className="timeline-title">{eventLabel(e.kind)}</p>
                {e.detail && <p className="timeline-detail">{e.detail}</p>}
                <time className="small muted" dateTime={e.createdAt}>
                  {formatDateTime(e.createdAt)}
                </time>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/** Re-authorizes the account in place: the hosted connect page in a popup, same connection id. */
function ReconnectDialog({ connection, onClose }: { connection: ConnectionDetail; onClose: () => void }) {
  const queryClient = useQueryClient()
  const popup = useConnectPopup()
  const endUser = useQuery({
    ...trpc.endUsers.get.queryOptions({ id: connection.endUserId ?? '' }),
    enabled: !!connection.endUserId,
  })
  const createToken = useMutation({
    ...trpc.connect.createToken.mutationOptions(),
    onSuccess: (result) => popup.open(result.connectUrl),
  })
  const sessionId = createToken.data?.sessionId
  const session = useQuery({
    ...trpc.connect.session.queryOptions({ id: sessionId ?? '' }),
    enabled: sessionId !== undefined,
    refetchInterval: (query) => {
      const s = query.state.data?.status
      return s === 'COMPLETED' || s === 'FAILED' ? false : SESSION_POLL_MS
    },
  })
  const status = session.data?.status

  useEffect(() => {
    if (status !== 'COMPLETED') return
    void queryClient.invalidateQueries(trpc.connections.pathFilter())
  }, [status, queryClient])

  function close() {
    popup.close()
    onClose()
  }

  function start() {
    createToken.mutate({
      integrationName: connection.integrationName,
      connectionName: connection.displayName,
      externalId: connection.externalId,
      workspaceId: connection.workspaceId,
      scope: connection.scope,
      connectionId: connection.id,
      ...(connection.scope === 'USER' && endUser.data ? { endUserId: endUser.data.externalId } : {}),
    })
  }

  const done = status === 'COMPLETED'
  return (
    <Dialog
      open
      title={done ? 'Reconnected' : `Reconnect ${connection.displayName}`}
      onClose={close}
      dismissable={!createToken.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            {done ? 'Done' : 'Cancel'}
          </button>
          {!createToken.isSuccess && (
            <button
              type="button"
              className="button button-primary"
              onClick={start}
              disabled={createToken.isPending || (connection.scope === 'USER' && !endUser.data)}
            >
              {createToken.isPending ? 'Starting…' : 'Open the connect window'}
            </button>
          )}
        </>
      }
    >
      {!createToken.isSuccess && (
        <p>
          A window opens where you authorize {connection.integrationName} again. The connection keeps its ID,
          external ID and scope; only its credentials are replaced.
        </p>
      )}
      {createToken.isError && (
        <div className="alert alert-error" role="alert">
          The connect window could not be opened. {messageOf(createToken.error)}
        </div>
      )}
      {done && (
        <div className="alert alert-success" role="status">
          “{connection.displayName}” is connected again.
        </div>
      )}
      {status === 'FAILED' && (
        <div className="alert alert-error" role="alert">
          Reconnecting failed{session.data?.error ? `: ${session.data.error}` : '.'} Close this dialog and try
          again.
        </div>
      )}
      {createToken.isSuccess && !done && status !== 'FAILED' && (
        <>
          <p className="waiting" role="status">
            <Spinner size="sm" />
            {popup.blocked
              ? 'Your browser blocked the connect window.'
              : popup.closed
                ? 'The connect window was closed before the connection was finished.'
                : 'Waiting for you to finish in the connect window…'}
          </p>
          <p>
            <button type="button" className="button" onClick={() => popup.open(createToken.data.connectUrl)}>
              {popup.blocked || popup.closed ? 'Open the connect window' : 'Show the connect window again'}
            </button>
          </p>
        </>
      )}
    </Dialog>
  )
}

function DeleteConnectionDialog({
  connection,
  onClose,
}: {
  connection: ConnectionDetail | null
  onClose: () => void
}) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const remove = useMutation({
    ...trpc.connections.delete.mutationOptions(),
    onSuccess: async () => {
      queryClient.removeQueries(trpc.connections.get.pathFilter())
      await queryClient.invalidateQueries(trpc.connections.list.pathFilter())
      await queryClient.invalidateQueries(trpc.stats.pathFilter())
      navigate('/app/connections', { replace: true })
    },
  })
  return (
    <ConfirmDialog
      open={connection !== null}
      title="Delete this connection?"
      confirmLabel="Delete connection"
      pendingLabel="Deleting…"
      failureLead="The connection was not deleted."
      action={remove}
      onConfirm={() => connection && remove.mutate({ id: connection.id })}
      onClose={onClose}
    >
      <p>
        “{connection?.displayName}” is removed and its credentials are revoked at{' '}
        {connection?.integrationName} where the provider allows it. Requests that use it fail from now on.
        This cannot be undone; the account can be connected again later.
      </p>
    </ConfirmDialog>
  )
}
