import { useInfiniteQuery } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadMore } from '../../components/load-more.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { SearchField } from '../../components/search-field.tsx'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { useDebouncedValue } from '../../use-debounced-value.ts'
import { NoWorkspaceNotice } from '../no-workspace-notice.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { useWorkspace } from '../workspace-context.tsx'

type EndUser = inferOutput<typeof trpc.endUsers.list>['endUsers'][number]

const PAGE_SIZE = 50

export function EndUsersPage() {
  useDocumentTitle('End users')
  const { current } = useWorkspace()
  return (
    <div className="page">
      <PageHeader
        title="End users"
        description="The people in your product who connect their own accounts. Your backend registers them by their externalId, your own user id."
      />
      {current ? (
        <EndUsersList workspaceId={current.id} workspaceName={current.name} />
      ) : (
        <NoWorkspaceNotice />
      )}
    </div>
  )
}

function EndUsersList({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const [search, setSearch] = useState('')
  const debouncedSearch = useDebouncedValue(search.trim())
  const endUsers = useInfiniteQuery(
    trpc.endUsers.list.infiniteQueryOptions(
      { workspaceId, limit: PAGE_SIZE, ...(debouncedSearch ? { search: debouncedSearch } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  )
  const rows = endUsers.data?.pages.flatMap((p) => p.endUsers) ?? []

  return (
    <>
      <div className="filters">
        <SearchField
          id="end-users-search"
          label="Search"
          value={search}
          onChange={setSearch}
          placeholder="External ID, name or email"
        />
      </div>
      {endUsers.isPending && <LoadingState label="Loading end users…" />}
      {endUsers.isError && !endUsers.data && (
        <ErrorState
          title="End users could not be loaded"
          error={endUsers.error}
          onRetry={() => void endUsers.refetch()}
        />
      )}
      {endUsers.isSuccess && rows.length === 0 && (
        <EmptyState title={debouncedSearch ? 'No end users match' : `No end users in ${workspaceName} yet`}>
          {debouncedSearch ? (
            'Try another search.'
          ) : (
            <>
              Register one with <code>POST /api/v1/end-users</code>, or pass <code>endUserId</code> when you
              create a connect token.
            </>
          )}
        </EmptyState>
      )}
      {rows.length > 0 && (
        <>
          <EndUsersTable endUsers={rows} />
          <LoadMore
            hasMore={endUsers.hasNextPage}
            loading={endUsers.isFetchingNextPage}
            onLoadMore={() => void endUsers.fetchNextPage()}
            error={endUsers.isFetchNextPageError ? endUsers.error : null}
          />
        </>
      )}
    </>
  )
}

function EndUsersTable({ endUsers }: { endUsers: EndUser[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">External ID</th>
            <th scope="col">Name</th>
            <th scope="col" className="col-optional">
              Email
            </th>
            <th scope="col" className="col-optional">
              Created
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {endUsers.map((u) => (
            <tr key={u.id}>
              <th scope="row" className="cell-name">
                <code>{u.externalId}</code>
              </th>
              <td>{u.displayName ?? <span className="muted">—</span>}</td>
              <td className="col-optional">{u.email ?? <span className="muted">—</span>}</td>
              <td className="col-optional" title={u.createdAt}>
                {formatDateTime(u.createdAt)}
              </td>
              <td className="cell-actions">
                <Link
                  to={`/app/connections?endUser=${encodeURIComponent(u.externalId)}`}
                  aria-label={`Connections of ${u.externalId}`}
                >
                  Connections
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
