import type { CoreDeps } from '../deps.ts'

/** Default of SWITCHBOARD_EVENT_RETENTION_DAYS. */
export const DEFAULT_EVENT_RETENTION_DAYS = 90

/** Deliveries the worker still owes: their event stays, whatever its age. */
const UNFINISHED = ['PENDING', 'DELIVERING'] as const

/**
 * Event retention: deletes events older than `retentionDays` (SWITCHBOARD_EVENT_RETENTION_DAYS,
 * default 90), in batches, with the finished (DELIVERED or FAILED) webhook deliveries that
 * carried them. An event with a delivery still PENDING or DELIVERING is kept until that
 * delivery ends, so retention never loses an event a receiver has not got yet. Run by the
 * background job under a job lease (one instance per interval); deleting is idempotent anyway.
 */
export async function pruneEvents(
  deps: Pick<CoreDeps, 'db' | 'clock' | 'config'>,
  options: { retentionDays?: number; batchSize?: number; signal?: AbortSignal } = {},
): Promise<{ deleted: number }> {
  const days = options.retentionDays ?? deps.config.eventRetentionDays ?? DEFAULT_EVENT_RETENTION_DAYS
  const cutoff = new Date(deps.clock.now().getTime() - days * 86_400_000).toISOString()
  const batchSize = options.batchSize ?? 1000
  let deleted = 0
  for (;;) {
    if (options.signal?.aborted) break
    const batch = await deps.db.transaction().execute(async (trx) => {
      const ids = (
        await trx
          .selectFrom('events')
          .select('id')
          .where('occurredAt', '<', cutoff)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('webhookDeliveries')
                  .select('webhookDeliveries.id')
                  .whereRef('webhookDeliveries.eventId', '=', 'events.id')
                  .where('webhookDeliveries.status', 'in', UNFINISHED),
              ),
            ),
          )
          .orderBy('occurredAt')
          .limit(batchSize)
          .execute()
      ).map((r) => r.id)
      if (ids.length === 0) return { selected: 0, deleted: 0 }
      await trx
        .deleteFrom('webhookDeliveries')
        .where('eventId', 'in', ids)
        .where('status', 'not in', UNFINISHED)
        .execute()
      // A delivery enqueued meanwhile (a replay) keeps its event: checked again at the delete.
      const r = await trx
        .deleteFrom('events')
        .where('id', 'in', ids)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('webhookDeliveries')
                .select('webhookDeliveries.id')
                .whereRef('webhookDeliveries.eventId', '=', 'events.id'),
            ),
          ),
        )
        .executeTakeFirst()
      return { selected: ids.length, deleted: Number(r.numDeletedRows) }
    })
    deleted += batch.deleted
    // A short batch was the last; a full one that deleted nothing would only repeat itself.
    if (batch.selected < batchSize || batch.deleted === 0) break
  }
  return { deleted }
}
