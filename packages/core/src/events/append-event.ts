import { randomBytes } from 'node:crypto'
import type { Database, EventRow } from '@switchboard/db'
import type { Kysely, Transaction } from 'kysely'
import type { Clock } from '../deps.ts'
import type { EventSink, EventType, NewEvent, StoredEvent } from './types.ts'

/** What appendEvent needs: the transaction of the change, the clock, and the sinks. */
export interface EventDeps {
  db: Kysely<Database>
  clock: Clock
  eventSinks?: readonly EventSink[] | undefined
}

/** `evt_` + 128 random bits (base64url). */
export function newEventId(): string {
  return `evt_${randomBytes(16).toString('base64url')}`
}

/**
 * Appends one event in the transaction of the state change it records (`deps.db` must be a
 * transaction: no event without its change, no change without its event), then hands it to
 * every sink in that same transaction. On PostgreSQL the answered seq is provisional: the commit
 * renumbers the event in commit order (migration 0023), so a reader paging by seq never skips it.
 */
export async function appendEvent(deps: EventDeps, event: NewEvent): Promise<StoredEvent> {
  if (!deps.db.isTransaction) {
    throw new Error(`appendEvent(${event.type}) outside a transaction: pass the transaction of the change`)
  }
  const trx = deps.db as Transaction<Database>
  const row = await trx
    .insertInto('events')
    .values({
      id: newEventId(),
      organizationId: event.organizationId,
      workspaceId: event.workspaceId ?? null,
      type: event.type,
      occurredAt: deps.clock.now().toISOString(),
      actorType: event.actor.type,
      actorId: event.actor.id,
      connectionId: event.connectionId ?? null,
      connectSessionId: event.connectSessionId ?? null,
      endUserId: event.endUserId ?? null,
      integrationId: event.integrationId ?? null,
      data: JSON.stringify(event.data ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const stored = storedEvent(row)
  for (const sink of deps.eventSinks ?? []) await sink(trx, stored)
  return stored
}

/** A row of `events` as the API shape. */
export function storedEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    organizationId: row.organizationId,
    workspaceId: row.workspaceId,
    type: row.type as EventType,
    occurredAt: row.occurredAt,
    actor: { type: row.actorType, id: row.actorId },
    connectionId: row.connectionId,
    connectSessionId: row.connectSessionId,
    endUserId: row.endUserId,
    integrationId: row.integrationId,
    data: JSON.parse(row.data) as Record<string, unknown>,
  }
}

/**
 * Runs `fn` in a transaction of `deps.db` (or in the one `deps.db` already is), with deps whose
 * db is that transaction: for a change and its event.
 */
export async function inTransaction<D extends { db: Kysely<Database> }, T>(
  deps: D,
  fn: (tx: D & { db: Transaction<Database> }) => Promise<T>,
): Promise<T> {
  if (deps.db.isTransaction) return fn(deps as D & { db: Transaction<Database> })
  return deps.db.transaction().execute((trx) => fn({ ...deps, db: trx }))
}
