import type { Database } from '@switchboard/db'
import type { Transaction } from 'kysely'
import type { Principal } from '../auth/principal.ts'
import { randomToken } from '../crypto/random.ts'
import type { CoreDeps } from '../deps.ts'

/**
 * The agreed interface of the event log (issue 22, branch `events`): `appendEvent(trx, event)`
 * writes an event in the change's transaction and hands it to every `deps.eventSinks` entry
 * in that same transaction. Until that lands on this branch, `emitEvent` below builds the
 * stored event itself and runs the sinks, so the webhook outbox is exercised end to end; when
 * it lands, `emitEvent` calls `appendEvent` instead and these types come from there.
 */
export interface EventActor {
  type: 'user' | 'api_key' | 'oauth_client' | 'end_user' | 'system'
  id: string | null
}

export interface StoredEvent {
  id: string
  organizationId: string
  workspaceId: string | null
  type: string
  occurredAt: string
  actor: EventActor
  connectionId: string | null
  data: Record<string, unknown>
  /** The log's monotonic sequence, when it has one. */
  sequence?: number | bigint | null
}

export type EventSink = (trx: Transaction<Database>, event: StoredEvent) => Promise<void>

export type DepsWithSinks = CoreDeps & { eventSinks?: EventSink[] | undefined }

export function newEventId(): string {
  return `evt_${randomToken(18)}`
}

export function actorOf(principal: Principal): EventActor {
  if (principal.kind === 'apiKey') return { type: 'api_key', id: principal.apiKeyId }
  if (principal.kind === 'user') return { type: 'user', id: principal.userId }
  return { type: 'oauth_client', id: principal.clientId }
}

export interface NewEvent {
  organizationId: string
  type: string
  actor: EventActor
  workspaceId?: string | null
  connectionId?: string | null
  data: Record<string, unknown>
}

/** Records an event in `trx` (the change's transaction) and runs the sinks. */
export async function emitEvent(
  deps: CoreDeps,
  trx: Transaction<Database>,
  event: NewEvent,
): Promise<StoredEvent> {
  const stored: StoredEvent = {
    id: newEventId(),
    organizationId: event.organizationId,
    workspaceId: event.workspaceId ?? null,
    type: event.type,
    occurredAt: deps.clock.now().toISOString(),
    actor: event.actor,
    connectionId: event.connectionId ?? null,
    data: event.data,
  }
  for (const sink of (deps as DepsWithSinks).eventSinks ?? []) await sink(trx, stored)
  return stored
}
