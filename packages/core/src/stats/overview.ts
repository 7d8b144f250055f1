import { z } from 'zod'
import {
  hasScope,
  isFirstPartyScope,
  type Principal,
  requireScope,
  requireSeenWorkspace,
  seenWorkspaceIds,
} from '../auth/principal.ts'
import { DEFAULT_EXPIRING_DAYS, healthOf } from '../connections/connection-health.ts'
import { type CoreDeps, clockMs } from '../deps.ts'
import { AppError } from '../errors.ts'
import { seesWebhookEndpoint } from '../webhooks/workspace-filter.ts'
import { bucketUpperMs } from './proxy-stats.ts'

export const OverviewInput = z.object({
  workspaceId: z.uuid().optional(),
  days: z.number().int().min(1).max(90).default(14),
  /** The proxy traffic chart's range: 24 hourly points, or 28 six-hour points over 7 days. */
  range: z.enum(['24h', '7d']).default('24h'),
})

/**
 * Counts for the dashboard's overview: health at a glance, what needs attention, and for an
 * organization that has no connection yet, which getting-started steps are done.
 */
export async function getOverview(deps: CoreDeps, principal: Principal, raw: z.input<typeof OverviewInput>) {
  requireScope(principal, 'connections:read')
  const input = OverviewInput.parse(raw)
  const org = principal.organizationId
  if (input.workspaceId !== undefined) {
    const id = input.workspaceId
    requireSeenWorkspace(
      principal,
      id,
      () => new AppError('NOT_FOUND', `Workspace ${id} not found in this organization`),
    )
  }
  // The workspaces counted: the one asked for, else those the principal sees (null: all).
  const scope = input.workspaceId !== undefined ? [input.workspaceId] : seenWorkspaceIds(principal)
  const now = deps.clock.now()
  const since = new Date(now.getTime() - input.days * 86_400_000)
  const expiringDays = deps.config.expiringDays ?? DEFAULT_EXPIRING_DAYS
  const soon = new Date(now.getTime() + expiringDays * 86_400_000).toISOString()

  let connections = deps.db.selectFrom('connections').where('organizationId', '=', org)
  if (scope) connections = connections.where('workspaceId', 'in', scope)
  const byStatus = await connections
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute()
  const byIntegration = await connections
    .select(['integrationName', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('integrationName')
    .orderBy('integrationName')
    .execute()
  const attention = await connections
    .select([
      'id',
      'displayName',
      'integrationName',
      'status',
      'statusReason',
      'tokenExpiresAt',
      'refreshTokenExpiresAt',
    ])
    .where((eb) =>
      eb.or([
        eb('status', '!=', 'ACTIVE'),
        eb.and([eb('refreshTokenExpiresAt', 'is not', null), eb('refreshTokenExpiresAt', '<=', soon)]),
      ]),
    )
    .orderBy('updatedAt', 'desc')
    .limit(50)
    .execute()

  let sessions = deps.db
    .selectFrom('connectSessions')
    .select(['status', 'createdAt'])
    .where('organizationId', '=', org)
    .where('createdAt', '>=', since.toISOString())
  if (scope) sessions = sessions.where('workspaceId', 'in', scope)
  const sessionRows = await sessions.execute()
  const failures = await deps.db
    .selectFrom('events')
    .select('occurredAt as createdAt')
    .where('organizationId', '=', org)
    .where('type', '=', 'connection.refresh_failed')
    .where('occurredAt', '>=', since.toISOString())
    .$if(scope !== null, (q) => q.where('workspaceId', 'in', scope ?? []))
    .execute()

  const gettingStarted = await gettingStartedSteps(deps, org, scope, byStatus.length > 0)

  const days: Array<{
    date: string
    completed: number
    failed: number
    pending: number
    refreshFailures: number
  }> = []
  for (let i = input.days - 1; i >= 0; i--) {
    days.push({
      date: new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10),
      completed: 0,
      failed: 0,
      pending: 0,
      refreshFailures: 0,
    })
  }
  const byDate = new Map(days.map((d) => [d.date, d]))
  for (const s of sessionRows) {
    const d = byDate.get(s.createdAt.slice(0, 10))
    if (!d) continue
    if (s.status === 'COMPLETED') d.completed++
    else if (s.status === 'FAILED') d.failed++
    else d.pending++
  }
  for (const f of failures) {
    const d = byDate.get(f.createdAt.slice(0, 10))
    if (d) d.refreshFailures++
  }
  return {
    connectionsByStatus: byStatus.map((r) => ({ status: r.status, count: Number(r.count) })),
    connectionsByIntegration: byIntegration.map((r) => ({
      integrationName: r.integrationName,
      count: Number(r.count),
    })),
    needsAttention: attention.map((c) => {
      const health = healthOf(c, now.getTime(), expiringDays)
      return {
        ...c,
        expiring: health.expiring,
        resolution: health.resolution,
        nextStep: nextStepOf(c.status, health.statusDetail?.message, c.refreshTokenExpiresAt, now.getTime()),
      }
    }),
    // The endpoints GET /api/v1/webhooks lists for this principal (a narrowed one: those filtered
    // to its workspaces), and none for one that may not read webhooks (issue 22).
    webhookAttention: mayReadWebhooks(principal) ? await webhookAttention(deps, principal) : [],
    traffic: await proxyTraffic(deps, org, scope, input.range),
    days,
    gettingStarted,
  }
}

/**
 * The first steps of a new organization, each checked from what exists: an integration chosen
 * (a custom one made, or an OAuth app set up, or one a connect token was made for), a connect
 * token made, and a first connection (the last two in the workspace, when one is given).
 */
async function gettingStartedSteps(
  deps: CoreDeps,
  organizationId: string,
  workspaces: string[] | null,
  connectionCreated: boolean,
) {
  let sessions = deps.db
    .selectFrom('connectSessions')
    .select('id')
    .where('organizationId', '=', organizationId)
  if (workspaces) sessions = sessions.where('workspaceId', 'in', workspaces)
  const connectTokenCreated = (await sessions.limit(1).executeTakeFirst()) !== undefined
  const ownIntegrationOrApp = async () => {
    const custom = await deps.db
      .selectFrom('customIntegrations')
      .select('id')
      .where('organizationId', '=', organizationId)
      .limit(1)
      .executeTakeFirst()
    if (custom) return true
    const app = await deps.db
      .selectFrom('oauthApps')
      .select('id')
      .where('organizationId', '=', organizationId)
      .limit(1)
      .executeTakeFirst()
    return app !== undefined
  }
  const integrationChosen = connectTokenCreated || connectionCreated || (await ownIntegrationOrApp())
  return { integrationChosen, connectTokenCreated, connectionCreated }
}

function nextStepOf(
  status: string,
  detail: string | undefined,
  refreshTokenExpiresAt: string | null,
  nowMs: number,
): string {
  if (status !== 'ACTIVE') return detail ?? 'Reconnect the connection'
  if (refreshTokenExpiresAt && Date.parse(refreshTokenExpiresAt) <= nowMs)
    return 'The refresh token has ended: the end user must reconnect'
  return 'The refresh token ends soon: ask the end user to reconnect before then to renew it'
}

/** Whether listWebhooks (webhooks/endpoints.ts) would answer this principal: `requireScope`'s rule. */
function mayReadWebhooks(principal: Principal): boolean {
  if (principal.kind === 'oauthToken' && isFirstPartyScope('webhooks:read')) return false
  return hasScope(principal, 'webhooks:read')
}

/**
 * Webhook endpoints that need someone: disabled ones (with why), and enabled ones whose
 * deliveries failed for good (FAILED) or whose latest attempt failed and is being retried.
 */
async function webhookAttention(deps: CoreDeps, principal: Principal) {
  const organizationId = principal.organizationId
  const endpoints = (
    await deps.db
      .selectFrom('webhookEndpoints')
      .select(['id', 'url', 'enabled', 'disabledReason', 'workspaceIds'])
      .where('organizationId', '=', organizationId)
      .execute()
  ).filter((e) => seesWebhookEndpoint(principal, e))
  if (endpoints.length === 0) return []
  const troubled = await deps.db
    .selectFrom('webhookDeliveries')
    .select([
      'endpointId',
      'status',
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.max('lastAttemptAt').as('lastAttemptAt'),
    ])
    .where('organizationId', '=', organizationId)
    .where((eb) =>
      eb.or([eb('status', '=', 'FAILED'), eb.and([eb('status', '=', 'PENDING'), eb('attempts', '>', 0)])]),
    )
    .groupBy(['endpointId', 'status'])
    .execute()
  const lastCodes = new Map<string, number | null>()
  const shown = new Set(endpoints.map((e) => e.id))
  for (const t of troubled) {
    if (lastCodes.has(t.endpointId) || !shown.has(t.endpointId)) continue
    const last = await deps.db
      .selectFrom('webhookDeliveries')
      .select(['lastStatusCode', 'lastError'])
      .where('endpointId', '=', t.endpointId)
      .where('organizationId', '=', organizationId)
      .where('attempts', '>', 0)
      .where('status', 'in', ['FAILED', 'PENDING'])
      .orderBy('lastAttemptAt', 'desc')
      .limit(1)
      .executeTakeFirst()
    lastCodes.set(t.endpointId, last?.lastStatusCode ?? null)
  }
  const out = []
  for (const e of endpoints) {
    const rows = troubled.filter((t) => t.endpointId === e.id)
    const failed = Number(rows.find((r) => r.status === 'FAILED')?.count ?? 0)
    const retrying = Number(rows.find((r) => r.status === 'PENDING')?.count ?? 0)
    const enabled = Boolean(e.enabled)
    if (enabled && failed === 0 && retrying === 0) continue
    const lastStatusCode = lastCodes.get(e.id) ?? null
    const answered = lastStatusCode === null ? 'could not be reached' : `answered ${lastStatusCode}`
    const nextStep = !enabled
      ? `The endpoint is disabled${e.disabledReason ? ` (${e.disabledReason})` : ''}: fix the receiver, enable it again, then replay what it missed`
      : failed > 0
        ? `The receiver ${answered}: fix it, then retry the failed deliveries or replay them`
        : `The receiver ${answered}; the deliveries are retried on their own. Check the receiver's logs`
    out.push({
      endpointId: e.id,
      url: e.url,
      enabled,
      failedDeliveries: failed,
      retryingDeliveries: retrying,
      lastStatusCode,
      lastAttemptAt:
        rows
          .map((r) => r.lastAttemptAt as string | null)
          .sort()
          .at(-1) ?? null,
      nextStep,
    })
  }
  return out
}

const HOUR = 3600_000

/**
 * The proxy's calls, errors and p95 latency per slot over the range, summed over workspaces
 * (or those given) and server instances from the per-minute rows (stats/proxy-stats.ts).
 */
async function proxyTraffic(
  deps: CoreDeps,
  organizationId: string,
  workspaces: string[] | null,
  range: '24h' | '7d',
) {
  const slotMs = range === '24h' ? HOUR : 6 * HOUR
  const slots = range === '24h' ? 24 : 28
  const nowMs = clockMs(deps.clock)
  const firstMs = nowMs - (nowMs % slotMs) - (slots - 1) * slotMs
  let q = deps.db
    .selectFrom('proxyStats')
    .select(['minute', 'calls', 'clientErrors', 'serverErrors', 'latency'])
    .where('organizationId', '=', organizationId)
    .where('minute', '>=', new Date(firstMs).toISOString())
  if (workspaces) q = q.where('workspaceId', 'in', workspaces)
  const rows = await q.execute()
  const points = Array.from({ length: slots }, (_, i) => ({
    start: new Date(firstMs + i * slotMs).toISOString(),
    calls: 0,
    clientErrors: 0,
    serverErrors: 0,
    latency: [] as number[],
  }))
  const all: number[] = []
  for (const r of rows) {
    const i = Math.floor((Date.parse(r.minute) - firstMs) / slotMs)
    const p = points[i]
    if (!p) continue
    p.calls += Number(r.calls)
    p.clientErrors += Number(r.clientErrors)
    p.serverErrors += Number(r.serverErrors)
    for (const [bucket, n] of Object.entries(JSON.parse(r.latency) as Record<string, number>)) {
      const b = Number(bucket)
      p.latency[b] = (p.latency[b] ?? 0) + n
      all[b] = (all[b] ?? 0) + n
    }
  }
  const sum = (k: 'calls' | 'clientErrors' | 'serverErrors') => points.reduce((n, p) => n + p[k], 0)
  return {
    range,
    slotMinutes: slotMs / 60_000,
    points: points.map(({ latency, ...p }) => ({ ...p, p95Ms: p95(latency) })),
    totals: {
      calls: sum('calls'),
      clientErrors: sum('clientErrors'),
      serverErrors: sum('serverErrors'),
      p95Ms: p95(all),
    },
  }
}

/** The 95th percentile of a latency histogram, as its bucket's upper bound in whole ms; null: no calls. */
export function p95(histogram: number[]): number | null {
  let total = 0
  for (const n of histogram) total += n ?? 0
  if (total === 0) return null
  const rank = Math.ceil(total * 0.95)
  let seen = 0
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] ?? 0
    if (seen >= rank) return Math.max(1, Math.round(bucketUpperMs(i)))
  }
  return null
}
