import type { Database } from '@switchboard/db'
import type { Kysely, Transaction } from 'kysely'
import { randomToken } from '../crypto/random.ts'
import { type CoreDeps, clockMs } from '../deps.ts'
import type { EventSink } from '../events/types.ts'
import type { OutboxEvent } from './event-seam.ts'
import { endpointWants } from './event-types.ts'
import { filterAdmits, workspaceFilterOf } from './workspace-filter.ts'

let lastSeq = 0

/**
 * Orders deliveries that share an ordering key: the log's sequence when the event has one,
 * else microseconds of the clock (strictly increasing within a process).
 */
function nextSeq(deps: CoreDeps, event: Pick<OutboxEvent, 'seq'>): number {
  if (event.seq !== undefined) return Number(event.seq)
  lastSeq = Math.max(lastSeq + 1, clockMs(deps.clock) * 1000)
  return lastSeq
}

export function newDeliveryId(): string {
  return `whd_${randomToken(18)}`
}

/** The exact body a receiver gets: `{type, timestamp, data}`. */
export function webhookPayload(event: OutboxEvent): string {
  const data: Record<string, unknown> = { organizationId: event.organizationId }
  if (event.workspaceId) data.workspaceId = event.workspaceId
  if (event.connectionId) data.connectionId = event.connectionId
  if (event.connectSessionId) data.connectSessionId = event.connectSessionId
  if (event.endUserId) data.endUserId = event.endUserId
  if (event.integrationId) data.integrationId = event.integrationId
  data.actor = event.actor
  Object.assign(data, event.data)
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt, data })
}

/** Writes one PENDING delivery of `event` for each endpoint id, in `db` (the change's transaction). */
export async function enqueueDeliveries(
  deps: CoreDeps,
  db: Kysely<Database> | Transaction<Database>,
  event: OutboxEvent,
  endpointIds: readonly string[],
): Promise<string[]> {
  if (endpointIds.length === 0) return []
  const now = deps.clock.now().toISOString()
  const payload = webhookPayload(event)
  const seq = nextSeq(deps, event)
  const rows = endpointIds.map((endpointId) => ({
    id: newDeliveryId(),
    organizationId: event.organizationId,
    endpointId,
    eventId: event.id,
    eventType: event.type,
    payload,
    orderingKey: event.connectionId,
    seq,
    status: 'PENDING' as const,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  }))
  await db.insertInto('webhookDeliveries').values(rows).execute()
  return rows.map((r) => r.id)
}

/**
 * The outbox's event sink: in the event's own transaction, one delivery per enabled endpoint
 * of the organization that wants the type and whose workspace filter admits the event's
 * workspace (a filtered endpoint gets none of the organization's own events). `wake` tells this process's worker after commit.
 */
export function createWebhookSink(deps: CoreDeps): EventSink {
  return async (trx, event) => {
    const endpoints = await trx
      .selectFrom('webhookEndpoints')
      .select(['id', 'events', 'workspaceIds'])
      .where('organizationId', '=', event.organizationId)
      .where('enabled', '=', 1)
      .execute()
    const ids = endpoints
      .filter((e) => endpointWants(e.events === null ? null : (JSON.parse(e.events) as string[]), event.type))
      .filter((e) => filterAdmits(workspaceFilterOf(e), event.workspaceId))
      .map((e) => e.id)
    if (ids.length === 0) return
    await enqueueDeliveries(deps, trx, event, ids)
    deps.webhookWake?.()
  }
}
