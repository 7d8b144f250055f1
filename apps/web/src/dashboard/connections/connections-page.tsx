import { useInfiniteQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadMore } from '../../components/load-more.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { SearchField } from '../../components/search-field.tsx'
import { trpc } from '../../trpc.ts'
import { useDebouncedValue } from '../../use-debounced-value.ts'
import { NoWorkspaceNotice } from '../no-workspace-notice.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { useWorkspace } from '../workspace-context.tsx'
import { type ConnectionStatus, connectionStatuses } from './connection-status.ts'
import { ConnectionsTable } from './connections-table.tsx'
import { NewConnectionDialog } from './new-connection-dialog.tsx'

const PAGE_SIZE = 50

export function ConnectionsPage() {
  useDocumentTitle('Connections')
  const { current } = useWorkspace()
  const [creating, setCreating] = useState(false)
  return (
    <div className="page">
      <PageHeader
        title="Connections"
        description="Accounts your end users and your team connected, with their credentials stored encrypted. Organization-wide connections appear in every workspace."
        actions={
          current && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New connection
            </button>
          )
        }
      />
      {current ? (
        <ConnectionsList workspaceId={current.id} workspaceName={current.name} />
      ) : (
        <NoWorkspaceNotice />
      )}
      {current && (
        <NewConnectionDialog open={creating} workspace={current} onClose={() => setCreating(false)} />
      )}
    </div>
  )
}

function ConnectionsList({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const [search, setSearch] = useState('')
  const [status, setStatus] = useState<ConnectionStatus | ''>('')
  const debouncedSearch = useDebouncedValue(search.trim())
  const filtered = debouncedSearch !== '' || status !== ''
  const connections = useInfiniteQuery(
    trpc.connections.list.infiniteQueryOptions(
      {
        workspaceId,
        limit: PAGE_SIZE,
        ...(debouncedSearch ? { search: debouncedSearch } : {}),
        ...(status ? { status } : {}),
      },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  )
  const rows = connections.data?.pages.flatMap((p) => p.connections) ?? []

  return (
    <>
      <div className="filters">
        <SearchField
          id="connections-search"
          label="Search"
          value={search}
          onChange={setSearch}
          placeholder="Name or external ID"
        />
        <div className="filter">
          <label htmlFor="connections-status">Status</label>
          <select
            id="connections-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as ConnectionStatus | '')}
          >
            <option value="">All statuses</option>
            {connectionStatuses.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {connections.isPending && <LoadingState label="Loading connections…" />}
      {connections.isError && !connections.data && (
        <ErrorState
          title="Connections could not be loaded"
          error={connections.error}
          onRetry={() => void connections.refetch()}
        />
      )}
      {connections.isSuccess && rows.length === 0 && (
        <EmptyState title={filtered ? 'No connections match' : `No connections in ${workspaceName} yet`}>
          {filtered ? (
            'Try another search or status.'
          ) : (
            <>
              Use <strong>New connection</strong> to connect an account yourself. End users connect theirs on
              the hosted connect page: your backend starts a session with{' '}
              <code>POST /api/v1/connect/token</code> and opens the <code>connectUrl</code> it returns.
            </>
          )}
        </EmptyState>
      )}
      {rows.length > 0 && (
        <>
          <ConnectionsTable connections={rows} />
          <LoadMore
            hasMore={connections.hasNextPage}
            loading={connections.isFetchingNextPage}
            onLoadMore={() => void connections.fetchNextPage()}
            error={connections.isFetchNextPageError ? connections.error : null}
          />
        </>
      )}
    </>
  )
}
