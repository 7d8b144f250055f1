import { useQuery } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { useDeferredValue, useState } from 'react'
import { Link } from 'react-router'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { Logo } from '../../components/logo.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { SearchField } from '../../components/search-field.tsx'
import { trpc } from '../../trpc.ts'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { authTypeLabels } from './auth-types.ts'

type Integration = inferOutput<typeof trpc.integrations.list>[number]

/** 0: the name starts with the query, 1: the name contains it, 2: only the description does. */
function rank(integration: Integration, query: string): number {
  const q = query.toLowerCase()
  const name = integration.displayName.toLowerCase()
  if (name.startsWith(q) || integration.name.startsWith(q)) return 0
  if (name.includes(q) || integration.name.includes(q)) return 1
  return 2
}

function matches(integration: Integration, query: string, category: string): boolean {
  if (category && !integration.categories.includes(category)) return false
  if (!query) return true
  const q = query.toLowerCase()
  return (
    integration.displayName.toLowerCase().includes(q) ||
    integration.name.includes(q) ||
    (integration.description?.toLowerCase().includes(q) ?? false)
  )
}

export function IntegrationsPage() {
  useDocumentTitle('Integrations')
  const canWrite = useSession().can('integrations:write')
  const integrations = useQuery(trpc.integrations.list.queryOptions())
  const [search, setSearch] = useState('')
  const [category, setCategory] = useState('')
  const query = useDeferredValue(search.trim())

  const all = integrations.data ?? []
  const categories = [...new Set(all.flatMap((i) => i.categories))].sort()
  const shown = all
    .filter((i) => matches(i, query, category))
    .sort((a, b) => (query ? rank(a, query) - rank(b, query) : 0))

  return (
    <div className="page">
      <PageHeader
        title="Integrations"
        description="The services your end users can connect: the built-in catalog and your organization's custom integrations."
        actions={
          canWrite && (
            <Link to="/app/integrations/new" className="button button-primary">
              New custom integration
            </Link>
          )
        }
      />
      {integrations.isPending && <LoadingState label="Loading integrations…" />}
      {integrations.isError && (
        <ErrorState
          title="Integrations could not be loaded"
          error={integrations.error}
          onRetry={() => void integrations.refetch()}
        />
      )}
      {integrations.isSuccess && (
        <>
          <div className="filters">
            <SearchField
              id="integrations-search"
              label="Search"
              value={search}
              onChange={setSearch}
              placeholder="Name or description"
            />
            <div className="filter">
              <label htmlFor="integrations-category">Category</label>
              <select
                id="integrations-category"
                value={category}
                onChange={(e) => setCategory(e.target.value)}
              >
                <option value="">All categories</option>
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <p className="filters-count" role="status">
              {shown.length} of {all.length}
            </p>
          </div>
          {shown.length === 0 ? (
            <EmptyState title="No integrations match">Try another search or category.</EmptyState>
          ) : (
            <ul className="integration-grid">
              {shown.map((i) => (
                <IntegrationCard key={i.id} integration={i} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  )
}

function IntegrationCard({ integration }: { integration: Integration }) {
  return (
    <li className="integration-card">
      <div className="integration-card-head">
        <Logo
          src={integration.logoUrl ?? undefined}
          name={integration.displayName}
          size={36}
          loading="lazy"
        />
        <div className="integration-card-title">
          <Link
            to={`/app/integrations/${encodeURIComponent(integration.name)}`}
            className="cell-title card-link"
          >
            {integration.displayName}
          </Link>
          <code className="cell-sub">{integration.name}</code>
        </div>
      </div>
      {integration.description && <p className="integration-card-text">{integration.description}</p>}
      <div className="integration-card-meta">
        <span className="badge">{authTypeLabels[integration.authType]}</span>
        {integration.custom && <span className="badge badge-info">Custom</span>}
      </div>
      <Readiness integration={integration} />
    </li>
  )
}

const blockedLabels = {
  NO_OAUTH_APP: { badge: 'Needs an OAuth app', action: 'Add your OAuth app' },
  CUSTOM_OAUTH_APP_PLAN_REQUIRED: { badge: 'Needs the Team plan', action: 'See what to do' },
} as const

/**
 * Whether a connection can start now, as the server decides it (integration.readiness, from the
 * connect flow's own OAuth-app rule), and for an OAuth integration a link to its setup.
 */
function Readiness({ integration }: { integration: Integration }) {
  const { ready, oauthApp, blockedBy } = integration.readiness
  const setup = `/app/integrations/${encodeURIComponent(integration.name)}#oauth-app`
  if (ready) {
    const detail =
      oauthApp === 'TENANT'
        ? 'with your OAuth app'
        : oauthApp === 'PLATFORM'
          ? 'with Switchboard’s shared app'
          : null
    return (
      <p className="integration-card-readiness" data-testid="readiness">
        <span className="badge badge-success">Ready</span>
        {detail && <span className="cell-sub"> {detail}</span>}
      </p>
    )
  }
  const labels = blockedLabels[blockedBy ?? 'NO_OAUTH_APP']
  return (
    <p className="integration-card-readiness" data-testid="readiness">
      <span className="badge badge-warning">{labels.badge}</span>{' '}
      <Link to={setup} className="card-inner-link">
        {labels.action}
      </Link>
    </p>
  )
}
