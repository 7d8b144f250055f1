import type { Database } from '@switchboard/db'
import type { Transaction } from 'kysely'
import type { CoreDeps } from '../deps.ts'
import { appendEvent } from '../events/append-event.ts'
import type { EventActor, NewEvent, StoredEvent } from '../events/types.ts'

/** What the outbox carries: an event of the log, or a `webhook.test` that is in no log. */
export interface OutboxEvent {
  id: string
  organizationId: string
  workspaceId: string | null
  type: string
  occurredAt: string
  actor: EventActor
  connectionId: string | null
  /** Subjects of a log event, in the payload when set (a receiver finds its end user by them). */
  connectSessionId?: string | null
  endUserId?: string | null
  integrationId?: string | null
  data: Record<string, unknown>
  /** The log's sequence (orders one connection's deliveries); absent for a test event. */
  seq?: number | undefined
}

/** Records an event of the webhook code in `trx` (the change's transaction), through the event log. */
export function emitEvent(deps: CoreDeps, trx: Transaction<Database>, event: NewEvent): Promise<StoredEvent> {
  return appendEvent({ ...deps, db: trx }, event)
}
