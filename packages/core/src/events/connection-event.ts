import type { Connection } from '@switchboard/db'
import { appendEvent, type EventDeps } from './append-event.ts'
import { type EventActor, type EventType, type StoredEvent, systemActor } from './types.ts'

/** Appends an event about a connection, its subjects taken from the connection's row. */
export function appendConnectionEvent(
  deps: EventDeps,
  c: Pick<Connection, 'id' | 'organizationId' | 'workspaceId' | 'endUserId' | 'integrationName'>,
  type: EventType,
  opts: { actor?: EventActor; connectSessionId?: string | null; data?: Record<string, unknown> } = {},
): Promise<StoredEvent> {
  return appendEvent(deps, {
    organizationId: c.organizationId,
    workspaceId: c.workspaceId,
    type,
    actor: opts.actor ?? systemActor,
    connectionId: c.id,
    connectSessionId: opts.connectSessionId ?? null,
    endUserId: c.endUserId,
    integrationId: c.integrationName,
    data: { integration: c.integrationName, ...opts.data },
  })
}
