import { useInfiniteQuery } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { useState } from 'react'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadMore } from '../../components/load-more.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { formatDateTime } from '../../format.ts'
import { type trpc, trpcClient } from '../../trpc.ts'
import { useDebouncedValue } from '../../use-debounced-value.ts'
import { MissingScopeNotice } from '../missing-scope-notice.tsx'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'

type EventPage = inferOutput<typeof trpc.events.list>
type EventRow = EventPage['events'][number]

const PAGE_SIZE = 50

const description = (
  <>
    The audit log: every change in your organization with who made it — sign-ins, API keys, OAuth apps,
    integrations, connections and their health. The same list as <code>GET /api/v1/events</code>.
  </>
)

export function EventsPage() {
  useDocumentTitle('Events')
  const { can } = useSession()
  return (
    <div className="page">
      <PageHeader title="Events" description={description} />
      {can('events:read') ? <EventsList /> : <MissingScopeNotice what="the audit log" scope="events:read" />}
    </div>
  )
}

function EventsList() {
  const [type, setType] = useState('')
  const [connectionId, setConnectionId] = useState('')
  const [endUserId, setEndUserId] = useState('')
  const applied = {
    type: useDebouncedValue(type.trim()),
    connectionId: useDebouncedValue(connectionId.trim()),
    endUserId: useDebouncedValue(endUserId.trim()),
  }
  const input = {
    limit: PAGE_SIZE,
    ...(applied.type ? { type: applied.type } : {}),
    ...(applied.connectionId ? { connectionId: applied.connectionId } : {}),
    ...(applied.endUserId ? { endUserId: applied.endUserId } : {}),
  }
  // The audit API pages with `after` (its cursor), so the pages are fetched by hand.
  const events = useInfiniteQuery({
    queryKey: ['events.list', input],
    queryFn: ({ pageParam }) =>
      trpcClient.events.list.query({ ...input, ...(pageParam ? { after: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (page: EventPage) => page.nextCursor ?? undefined,
  })
  const rows = events.data?.pages.flatMap((p) => p.events) ?? []
  const filtered = Boolean(applied.type || applied.connectionId || applied.endUserId)

  return (
    <>
      <div className="filters">
        <div className="filter">
          <label htmlFor="events-type">Type</label>
          <input
            id="events-type"
            value={type}
            placeholder="e.g. connection.created, api_key.revoked"
            onChange={(e) => setType(e.target.value)}
          />
        </div>
        <div className="filter">
          <label htmlFor="events-connection">Connection id</label>
          <input
            id="events-connection"
            value={connectionId}
            onChange={(e) => setConnectionId(e.target.value)}
          />
        </div>
        <div className="filter">
          <label htmlFor="events-end-user">End user (id or external id)</label>
          <input id="events-end-user" value={endUserId} onChange={(e) => setEndUserId(e.target.value)} />
        </div>
      </div>
      {events.isPending && <LoadingState label="Loading events…" />}
      {events.isError && (
        <ErrorState
          title="Events could not be loaded"
          error={events.error}
          onRetry={() => void events.refetch()}
        />
      )}
      {events.isSuccess && rows.length === 0 && (
        <EmptyState title={filtered ? 'No events match these filters' : 'No events yet'}>
          {filtered ? 'Change or clear the filters.' : 'Changes you make appear here as they happen.'}
        </EmptyState>
      )}
      {rows.length > 0 && <EventsTable events={rows} />}
      <LoadMore
        hasMore={events.hasNextPage}
        loading={events.isFetchingNextPage}
        onLoadMore={() => void events.fetchNextPage()}
        error={events.isFetchNextPageError ? events.error : null}
      />
    </>
  )
}

function actorLabel(actor: EventRow['actor']): string {
  const kind = {
    user: 'User',
    api_key: 'API key',
    oauth_client: 'OAuth client',
    end_user: 'End user',
    system: 'System',
  }[actor.type]
  return actor.id ? `${kind} ${actor.id}` : kind
}

function subjectOf(e: EventRow): string {
  const parts = [
    e.integrationId ? `integration ${e.integrationId}` : null,
    e.connectionId ? `connection ${e.connectionId}` : null,
    e.endUserId ? `end user ${e.endUserId}` : null,
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(' · ') : '—'
}

function EventsTable({ events }: { events: EventRow[] }) {
  const [open, setOpen] = useState<string | null>(null)
  return (
    <div className="table-wrap">
      <table className="table events-table">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Actor</th>
            <th scope="col">Subject</th>
            <th scope="col" className="col-optional">
              When
            </th>
          </tr>
        </thead>
        <tbody>
          {events.flatMap((e) => {
            const expanded = open === e.id
            const row = (
              <tr key={e.id} data-event-id={e.id}>
                <th scope="row" className="cell-name">
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={expanded}
                    onClick={() => setOpen(expanded ? null : e.id)}
                  >
                    <code>{e.type}</code>
                  </button>
                </th>
                <td className="event-actor">{actorLabel(e.actor)}</td>
                <td className="event-subject">{subjectOf(e)}</td>
                <td className="col-optional" title={e.occurredAt}>
                  {formatDateTime(e.occurredAt)}
                </td>
              </tr>
            )
            if (!expanded) return [row]
            return [
              row,
              <tr key={`${e.id}-data`} className="event-data-row">
                <td colSpan={4}>
                  <pre className="event-data" data-testid="event-data">
                    {JSON.stringify(e.data, null, 2)}
                  </pre>
                </td>
              </tr>,
            ]
          })}
        </tbody>
      </table>
    </div>
  )
}
