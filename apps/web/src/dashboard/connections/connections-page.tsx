import { type QueryKey, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { useLocation } from 'react-router'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadMore } from '../../components/load-more.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { SearchField } from '../../components/search-field.tsx'
import { trpc } from '../../trpc.ts'
import { useDebouncedValue } from '../../use-debounced-value.ts'
import { NoWorkspaceNotice } from '../no-workspace-notice.tsx'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { useWorkspace } from '../workspace-context.tsx'
import {
  type ConnectionFilters,
  type ConnectionScope,
  type FilterName,
  filterNames,
  useConnectionFilters,
} from './connection-filters.ts'
import {
  type ConnectionStatus,
  connectionStatus,
  connectionStatuses,
  scopeLabels,
} from './connection-status.ts'
import { ConnectionsTable } from './connections-table.tsx'
import { NewConnectionDialog } from './new-connection-dialog.tsx'
import { wantsNewConnection } from './new-connection-state.ts'

const PAGE_SIZE = 50

export function ConnectionsPage() {
  useDocumentTitle('Connections')
  const { current } = useWorkspace()
  const canWrite = useSession().can('connections:write')
  const location = useLocation()
  const [creating, setCreating] = useState(() => wantsNewConnection(location.state))
  return (
    <div className="page">
      <PageHeader
        title="Connections"
        description="Accounts your end users and your team connected, with their credentials stored encrypted. Organization-wide connections appear in every workspace."
        actions={
          current &&
          canWrite && (
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

/**
 * Changing a filter starts the list over at its first page. React Query keeps each filter
 * combination's pages and would refetch all of them on return, so the list left behind is
 * trimmed to its first page.
 */
function useFirstPageOnChange(queryKey: QueryKey) {
  const queryClient = useQueryClient()
  const previous = useRef<QueryKey | null>(null)
  const keyText = JSON.stringify(queryKey)
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyText stands for queryKey, whose identity changes every render
  useEffect(() => {
    const left = previous.current
    previous.current = queryKey
    if (!left || JSON.stringify(left) === keyText) return
    void queryClient.cancelQueries({ queryKey: left, exact: true }).then(() => {
      queryClient.setQueryData<{ pages: unknown[]; pageParams: unknown[] }>(left, (data) =>
        data && data.pages.length > 1
          ? { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) }
          : data,
      )
    })
  }, [keyText, queryClient])
}

const filterLabels: Record<FilterName, string> = {
  search: 'search',
  status: 'status',
  integration: 'integration',
  scope: 'scope',
  endUser: 'end user',
}

function listOf(parts: string[]): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

function ConnectionsList({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }) {
  const canWrite = useSession().can('connections:write')
  const { filters, update, clearAll } = useConnectionFilters()
  // Typed filters settle before they are sent; the chosen ones apply at once.
  const search = useDebouncedValue(filters.search.trim())
  const endUser = useDebouncedValue(filters.endUser.trim())
  const applied: ConnectionFilters = { ...filters, search, endUser }
  const options = trpc.connections.list.infiniteQueryOptions(
    {
      workspaceId,
      limit: PAGE_SIZE,
      ...(search ? { search } : {}),
      ...(applied.status ? { status: applied.status } : {}),
      ...(applied.integration ? { integrationName: applied.integration } : {}),
      ...(applied.scope ? { scope: applied.scope } : {}),
      ...(endUser ? { endUserId: endUser } : {}),
    },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  )
  useFirstPageOnChange(options.queryKey)
  const connections = useInfiniteQuery(options)
  const integrations = useQuery(trpc.integrations.list.queryOptions())
  const rows = connections.data?.pages.flatMap((p) => p.connections) ?? []

  const integrationName = (name: string) =>
    integrations.data?.find((i) => i.name === name)?.displayName ?? name
  const describe: Record<FilterName, (value: string) => string> = {
    search: (v) => `search “${v}”`,
    status: (v) => `status ${connectionStatus(v as ConnectionStatus).label}`,
    integration: (v) => `integration ${integrationName(v)}`,
    scope: (v) => `scope ${scopeLabels[v as ConnectionScope]}`,
    endUser: (v) => `end user “${v}”`,
  }
  const active = filterNames.filter((name) => applied[name] !== '')
  const anyTyped = filterNames.some((name) => filters[name] !== '')

  return (
    <>
      <ConnectionFilterBar
        workspaceId={workspaceId}
        filters={filters}
        onChange={update}
        integrations={integrations.data ?? []}
        integrationsError={integrations.isError}
        clear={
          anyTyped && (
            <button type="button" className="button button-ghost" onClick={clearAll}>
              Clear filters
            </button>
          )
        }
      />
      {connections.isPending && <LoadingState label="Loading connections…" />}
      {connections.isError && !connections.data && (
        <ErrorState
          title="Connections could not be loaded"
          error={connections.error}
          onRetry={() => void connections.refetch()}
        />
      )}
      {connections.isSuccess && rows.length === 0 && active.length > 0 && (
        <EmptyState
          title="No connections match these filters"
          action={
            <div className="form-actions state-actions">
              {active.map((name) => (
                <button key={name} type="button" className="button" onClick={() => update({ [name]: '' })}>
                  Clear {filterLabels[name]}
                </button>
              ))}
              {active.length > 1 && (
                <button type="button" className="button button-ghost" onClick={clearAll}>
                  Clear all filters
                </button>
              )}
            </div>
          }
        >
          No connection in {workspaceName} matches{' '}
          {listOf(active.map((name) => describe[name](applied[name])))}. Clear{' '}
          {active.length > 1 ? 'a filter' : 'the filter'} to see more.
        </EmptyState>
      )}
      {connections.isSuccess && rows.length === 0 && active.length === 0 && (
        <EmptyState title={`No connections in ${workspaceName} yet`}>
          {canWrite && (
            <>
              Use <strong>New connection</strong> to connect an account yourself.{' '}
            </>
          )}
          End users connect theirs on the hosted connect page: your backend starts a session with{' '}
          <code>POST /api/v1/connect/token</code> and opens the <code>connectUrl</code> it returns.
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

type IntegrationOption = { name: string; displayName: string; custom: boolean }

interface ConnectionFilterBarProps {
  workspaceId: string
  filters: ConnectionFilters
  onChange: (changes: Partial<ConnectionFilters>) => void
  integrations: IntegrationOption[]
  integrationsError: boolean
  clear: ReactNode
}

function ConnectionFilterBar({
  workspaceId,
  filters,
  onChange,
  integrations,
  integrationsError,
  clear,
}: ConnectionFilterBarProps) {
  const byName = (a: IntegrationOption, b: IntegrationOption) => a.displayName.localeCompare(b.displayName)
  const custom = integrations.filter((i) => i.custom).sort(byName)
  const catalog = integrations.filter((i) => !i.custom).sort(byName)
  // A value from the URL stays selectable while the list loads (or if it names nothing we know).
  const unknownIntegration =
    filters.integration !== '' && !integrations.some((i) => i.name === filters.integration)
  return (
    <div className="filters">
      <SearchField
        id="connections-search"
        label="Search"
        value={filters.search}
        onChange={(search) => onChange({ search })}
        placeholder="Name or external ID"
      />
      <div className="filter">
        <label htmlFor="connections-integration">Integration</label>
        <select
          id="connections-integration"
          value={filters.integration}
          onChange={(e) => onChange({ integration: e.target.value })}
          aria-describedby={integrationsError ? 'connections-integration-error' : undefined}
        >
          <option value="">All integrations</option>
          {unknownIntegration && <option value={filters.integration}>{filters.integration}</option>}
          {custom.length > 0 && (
            <optgroup label="Your custom integrations">
              {custom.map((i) => (
                <option key={i.name} value={i.name}>
                  {i.displayName}
                </option>
              ))}
            </optgroup>
          )}
          {catalog.length > 0 && (
            <optgroup label="Catalog">
              {catalog.map((i) => (
                <option key={i.name} value={i.name}>
                  {i.displayName}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {integrationsError && (
          <span id="connections-integration-error" className="field-error">
            The list of integrations could not be loaded; reload the page to pick one.
          </span>
        )}
      </div>
      <div className="filter">
        <label htmlFor="connections-status">Status</label>
        <select
          id="connections-status"
          value={filters.status}
          onChange={(e) => onChange({ status: e.target.value as ConnectionStatus | '' })}
        >
          <option value="">All statuses</option>
          {connectionStatuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="connections-scope">Scope</label>
        <select
          id="connections-scope"
          value={filters.scope}
          onChange={(e) => onChange({ scope: e.target.value as ConnectionScope | '' })}
        >
          <option value="">All scopes</option>
          {(Object.keys(scopeLabels) as ConnectionScope[]).map((scope) => (
            <option key={scope} value={scope}>
              {scopeLabels[scope]}
            </option>
          ))}
        </select>
      </div>
      <EndUserFilter
        workspaceId={workspaceId}
        value={filters.endUser}
        onChange={(endUser) => onChange({ endUser })}
      />
      {clear}
    </div>
  )
}

/** An end user's externalId, typed, with suggestions from the workspace's end users. */
function EndUserFilter({
  workspaceId,
  value,
  onChange,
}: {
  workspaceId: string
  value: string
  onChange: (value: string) => void
}) {
  const search = useDebouncedValue(value.trim())
  const suggestions = useQuery(
    trpc.endUsers.list.queryOptions({ workspaceId, limit: 20, ...(search ? { search } : {}) }),
  )
  return (
    <div className="filter">
      <label htmlFor="connections-end-user">End user</label>
      <input
        id="connections-end-user"
        type="search"
        value={value}
        list="connections-end-user-options"
        placeholder="External ID"
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id="connections-end-user-options">
        {suggestions.data?.endUsers.map((u) => (
          <option key={u.id} value={u.externalId}>
            {u.displayName ?? u.email ?? u.externalId}
          </option>
        ))}
      </datalist>
    </div>
  )
}
