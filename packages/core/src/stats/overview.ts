import { z } from 'zod'
import { type Principal, requireScope } from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'

export const OverviewInput = z.object({
  workspaceId: z.uuid().optional(),
  days: z.number().int().min(1).max(90).default(14),
})

/**
 * Counts for the dashboard's overview: health at a glance, what needs attention, and for an
 * organization that has no connection yet, which getting-started steps are done.
 */
export async function getOverview(deps: CoreDeps, principal: Principal, raw: z.input<typeof OverviewInput>) {
  requireScope(principal, 'connections:read')
  const input = OverviewInput.parse(raw)
  const org = principal.organizationId
  const now = deps.clock.now()
  const since = new Date(now.getTime() - input.days * 86_400_000)
  const soon = new Date(now.getTime() + 24 * 3600_000).toISOString()

  let connections = deps.db.selectFrom('connections').where('organizationId', '=', org)
  if (input.workspaceId) connections = connections.where('workspaceId', '=', input.workspaceId)
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
  if (input.workspaceId) sessions = sessions.where('workspaceId', '=', input.workspaceId)
  const sessionRows = await sessions.execute()
  const failures = await deps.db
    .selectFrom('events')
    .select('occurredAt as createdAt')
    .where('organizationId', '=', org)
    .where('type', '=', 'connection.refresh_failed')
    .where('occurredAt', '>=', since.toISOString())
    .execute()

  const gettingStarted = await gettingStartedSteps(deps, org, input.workspaceId, byStatus.length > 0)

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
    needsAttention: attention.map((c) => ({
      ...c,
      nextStep:
        c.status === 'REFRESH_FAILED'
          ? 'Reconnect: the provider rejected the refresh token'
          : c.status === 'UNHEALTHY'
            ? 'Check the integration\u2019s permissions, then reconnect'
            : 'The refresh token expires within a day: reconnect to renew it',
    })),
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
  workspaceId: string | undefined,
  connectionCreated: boolean,
) {
  let sessions = deps.db
    .selectFrom('connectSessions')
    .select('id')
    .where('organizationId', '=', organizationId)
  if (workspaceId) sessions = sessions.where('workspaceId', '=', workspaceId)
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
