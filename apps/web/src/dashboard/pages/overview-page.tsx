import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { StatusBadge } from '../../components/status-badge.tsx'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import {
  type ConnectionStatus,
  connectionStatus,
  connectionStatuses,
} from '../connections/connection-status.ts'
import { NoWorkspaceNotice } from '../no-workspace-notice.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { useWorkspace } from '../workspace-context.tsx'
import { CHART_TEXT, SERIES_COLORS as colors } from './chart-colors.ts'
import { GettingStarted } from './getting-started.tsx'
import { ProxyTraffic, type TrafficRange } from './overview-traffic.tsx'
import { WebhookAttention } from './overview-webhooks.tsx'

const DAYS = 14
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })

function formatDay(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(d.getTime()) ? date : dayFormat.format(d)
}

const tick = { fontSize: 12, fill: CHART_TEXT }

/** Legend labels in the text colour: Recharts would draw each in its series' colour. */
const legendLabel = (value: string) => <span style={{ color: CHART_TEXT }}>{value}</span>

/**
 * /app: health at a glance for the current workspace, and what needs attention; with no
 * connection yet, the getting-started steps instead (never "healthy" about nothing).
 */
export function OverviewPage() {
  useDocumentTitle('Overview')
  const { current } = useWorkspace()
  return (
    <div className="page">
      <PageHeader
        title="Overview"
        description={`Proxy traffic, connections and connect sessions${current ? ` in ${current.name}` : ''}, and what needs attention.`}
      />
      {current ? <Overview workspaceId={current.id} /> : <NoWorkspaceNotice />}
    </div>
  )
}

function Overview({ workspaceId }: { workspaceId: string }) {
  const [range, setRange] = useState<TrafficRange>('24h')
  const stats = useQuery({
    ...trpc.stats.overview.queryOptions({ workspaceId, days: DAYS, range }),
    placeholderData: (previous) => previous,
  })
  if (stats.isPending) return <LoadingState label="Loading the overview…" />
  if (stats.isError)
    return (
      <ErrorState
        title="The overview could not be loaded"
        error={stats.error}
        onRetry={() => void stats.refetch()}
      />
    )
  const {
    connectionsByStatus,
    connectionsByIntegration,
    needsAttention,
    webhookAttention,
    traffic,
    days,
    gettingStarted,
  } = stats.data
  const countOf = (status: string) => connectionsByStatus.find((s) => s.status === status)?.count ?? 0
  const total = connectionsByStatus.reduce((sum, s) => sum + s.count, 0)
  const chartDays = days.map((d) => ({ ...d, label: formatDay(d.date) }))
  const anySessions = days.some((d) => d.completed + d.failed + d.pending + d.refreshFailures > 0)

  return (
    <div className="stack">
      <section aria-labelledby="overview-status-heading">
        <h2 id="overview-status-heading" className="visually-hidden">
          Connections by status
        </h2>
        <div className="stat-grid">
          <div className="card stat-card">
            <p className="stat-label">All connections</p>
            <p className="stat-value" data-testid="stat-total">
              {total}
            </p>
          </div>
          {connectionStatuses.map((s) => (
            <div key={s.value} className="card stat-card">
              <p className="stat-label">
                <StatusBadge tone={s.tone} label={s.label} />
              </p>
              <p className="stat-value" data-testid={`stat-${s.value}`}>
                {countOf(s.value)}
              </p>
            </div>
          ))}
        </div>
      </section>

      {total === 0 && <GettingStarted steps={gettingStarted} />}
      {(total > 0 || webhookAttention.length > 0) && (
        <section className="card" aria-labelledby="overview-attention-heading" data-testid="needs-attention">
          <h2 id="overview-attention-heading" className="card-title">
            Needs attention
          </h2>
          {needsAttention.length === 0 && webhookAttention.length === 0 ? (
            <p className="muted">
              {total === 1 ? 'The connection is healthy.' : `All ${total} connections are healthy.`} No
              webhook deliveries are failing. Nothing to do.
            </p>
          ) : (
            <ul className="attention-list">
              {needsAttention.map((c) => {
                const status = connectionStatus(c.status as ConnectionStatus)
                return (
                  <li key={c.id} className="attention-item">
                    <div className="attention-head">
                      <Link to={`/app/connections/${c.id}`} className="cell-title cell-link">
                        {c.displayName}
                      </Link>
                      <span className="muted small">{c.integrationName}</span>
                      {c.status !== 'ACTIVE' && (
                        <StatusBadge tone={status.tone} label={status.label} detail={c.statusReason} />
                      )}
                      {c.expiring && <StatusBadge tone="warning" label="Expiring" />}
                      {c.refreshTokenExpiresAt && (
                        <span className="small muted">
                          Refresh token ends {formatDateTime(c.refreshTokenExpiresAt)}
                        </span>
                      )}
                    </div>
                    <p className="attention-next">{c.nextStep}</p>
                  </li>
                )
              })}
              <WebhookAttention rows={webhookAttention} />
            </ul>
          )}
        </section>
      )}

      <ProxyTraffic traffic={traffic} range={range} onRange={setRange} updating={stats.isFetching} />

      <div className="chart-grid">
        <section className="card" aria-labelledby="overview-integrations-heading">
          <h2 id="overview-integrations-heading" className="card-title">
            Connections by integration
          </h2>
          {connectionsByIntegration.length === 0 ? (
            <EmptyState title="No connections yet">
              Connect an account under <Link to="/app/connections">Connections</Link> and it is counted here.
            </EmptyState>
          ) : (
            <div className="chart-box" role="img" aria-label={chartSummary(connectionsByIntegration)}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={connectionsByIntegration} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="integrationName" tick={tick} interval={0} />
                  <YAxis allowDecimals={false} tick={tick} />
                  <Tooltip />
                  <Bar
                    isAnimationActive={false}
                    dataKey="count"
                    name="Connections"
                    fill={colors.accent}
                    radius={[4, 4, 0, 0]}
                  />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </section>

        <section className="card" aria-labelledby="overview-sessions-heading">
          <h2 id="overview-sessions-heading" className="card-title">
            Connect sessions and refresh failures per day
          </h2>
          {!anySessions && (
            <p className="muted small">No connect sessions or refresh failures in these days.</p>
          )}
          <div className="chart-box" role="img" aria-label={sessionsSummary(days)}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={chartDays} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" tick={tick} />
                <YAxis allowDecimals={false} tick={tick} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendLabel} />
                <Bar
                  isAnimationActive={false}
                  dataKey="completed"
                  name="Completed"
                  stackId="s"
                  fill={colors.completed}
                />
                <Bar
                  isAnimationActive={false}
                  dataKey="failed"
                  name="Failed"
                  stackId="s"
                  fill={colors.failed}
                />
                <Bar
                  isAnimationActive={false}
                  dataKey="pending"
                  name="Pending"
                  stackId="s"
                  fill={colors.pending}
                />
                <Line
                  isAnimationActive={false}
                  type="monotone"
                  dataKey="refreshFailures"
                  name="Refresh failures"
                  stroke={colors.refresh}
                  strokeWidth={2}
                  dot={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
        </section>
      </div>
    </div>
  )
}

function chartSummary(rows: Array<{ integrationName: string; count: number }>): string {
  return `Connections by integration: ${rows.map((r) => `${r.integrationName} ${r.count}`).join(', ')}`
}

function sessionsSummary(
  days: Array<{ completed: number; failed: number; pending: number; refreshFailures: number }>,
) {
  const sum = (key: 'completed' | 'failed' | 'pending' | 'refreshFailures') =>
    days.reduce((n, d) => n + d[key], 0)
  return `Over ${days.length} days: ${sum('completed')} completed, ${sum('failed')} failed and ${sum('pending')} pending connect sessions; ${sum('refreshFailures')} refresh failures.`
}
