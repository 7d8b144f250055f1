import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { CHART_TEXT, SERIES_COLORS as colors } from './chart-colors.ts'

export type TrafficRange = '24h' | '7d'

interface Traffic {
  range: TrafficRange
  slotMinutes: number
  points: Array<{
    start: string
    calls: number
    clientErrors: number
    serverErrors: number
    p95Ms: number | null
  }>
  totals: { calls: number; clientErrors: number; serverErrors: number; p95Ms: number | null }
}

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const dayHourFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit' })
const tick = { fontSize: 12, fill: CHART_TEXT }
const legendLabel = (value: string) => <span style={{ color: CHART_TEXT }}>{value}</span>
const ranges: Array<{ value: TrafficRange; label: string }> = [
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
]

const formatMs = (ms: number | null) =>
  ms === null ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`
const percent = (n: number, of: number) =>
  of === 0 ? '0 %' : `${((100 * n) / of).toFixed(n === 0 ? 0 : 1)} %`

/** The proxy's calls, errors and p95 latency over 24 hours or 7 days (core stats.overview's traffic). */
export function ProxyTraffic({
  traffic,
  range,
  onRange,
  updating,
}: {
  traffic: Traffic
  range: TrafficRange
  onRange: (r: TrafficRange) => void
  updating: boolean
}) {
  const { totals } = traffic
  const errors = totals.clientErrors + totals.serverErrors
  const label = ranges.find((r) => r.value === traffic.range)?.label.toLowerCase() ?? ''
  const points = traffic.points.map((p) => ({
    ...p,
    ok: p.calls - p.clientErrors - p.serverErrors,
    label: (traffic.range === '24h' ? hourFormat : dayHourFormat).format(new Date(p.start)),
  }))
  return (
    <section className="card" aria-labelledby="overview-traffic-heading" data-testid="proxy-traffic">
      <div className="card-head-row">
        <h2 id="overview-traffic-heading" className="card-title">
          Proxy traffic
        </h2>
        <fieldset className="range-toggle" aria-busy={updating}>
          <legend className="visually-hidden">Range</legend>
          {ranges.map((r) => (
            <button
              key={r.value}
              type="button"
              className={`button ${range === r.value ? 'button-primary' : ''}`}
              aria-pressed={range === r.value}
              onClick={() => onRange(r.value)}
            >
              {r.label}
            </button>
          ))}
        </fieldset>
      </div>
      <div className="stat-grid">
        <div className="stat-card">
          <p className="stat-label">Proxied calls</p>
          <p className="stat-value" data-testid="traffic-calls">
            {totals.calls}
          </p>
        </div>
        <div className="stat-card">
          <p className="stat-label">Errors (4xx / 5xx)</p>
          <p className="stat-value" data-testid="traffic-errors">
            {errors}
          </p>
          <p className="small muted">
            {totals.clientErrors} / {totals.serverErrors} · {percent(errors, totals.calls)}
          </p>
        </div>
        <div className="stat-card">
          <p className="stat-label">p95 latency</p>
          <p className="stat-value" data-testid="traffic-p95">
            {formatMs(totals.p95Ms)}
          </p>
        </div>
      </div>
      {totals.calls === 0 ? (
        <p className="muted" data-testid="traffic-empty">
          No proxied calls in the {label}. Calls through <code>/api/v1/proxy</code> are counted here within
          seconds.
        </p>
      ) : (
        <div
          className="chart-box"
          role="img"
          aria-label={`Over the ${label}: ${totals.calls} proxied calls, ${totals.clientErrors} answered 4xx and ${totals.serverErrors} 5xx or no answer; p95 latency ${formatMs(totals.p95Ms)}.`}
        >
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={points} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={tick} minTickGap={24} />
              <YAxis yAxisId="calls" allowDecimals={false} tick={tick} />
              <YAxis yAxisId="ms" orientation="right" tick={tick} unit=" ms" width={72} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendLabel} />
              <Bar
                isAnimationActive={false}
                yAxisId="calls"
                dataKey="ok"
                name="Answered"
                stackId="c"
                fill={colors.ok}
              />
              <Bar
                isAnimationActive={false}
                yAxisId="calls"
                dataKey="clientErrors"
                name="4xx"
                stackId="c"
                fill={colors.clientErrors}
              />
              <Bar
                isAnimationActive={false}
                yAxisId="calls"
                dataKey="serverErrors"
                name="5xx or no answer"
                stackId="c"
                fill={colors.serverErrors}
              />
              <Line
                isAnimationActive={false}
                yAxisId="ms"
                type="monotone"
                dataKey="p95Ms"
                name="p95 latency"
                stroke={colors.p95}
                strokeWidth={2}
                dot={{ r: 3, fill: colors.p95 }}
                connectNulls
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  )
}
