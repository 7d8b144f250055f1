import type { ConnectSession } from '@switchboard/db'
import { appendEvent, type EventDeps } from './append-event.ts'
import type { EventActor, EventType, StoredEvent } from './types.ts'

/** Who a connect session acts for: its end user, else its dashboard user, else the system. */
export function sessionActor(s: Pick<ConnectSession, 'endUserId' | 'ownerUserId'>): EventActor {
  if (s.endUserId) return { type: 'end_user', id: s.endUserId }
  if (s.ownerUserId) return { type: 'user', id: s.ownerUserId }
  return { type: 'system', id: null }
}

/** connect_session.completed / failed, in the transaction that ends the session. */
export function appendSessionEvent(
  deps: EventDeps,
  s: Pick<
    ConnectSession,
    'id' | 'organizationId' | 'workspaceId' | 'endUserId' | 'ownerUserId' | 'integrationName' | 'externalId'
  >,
  type: Extract<EventType, 'connect_session.completed' | 'connect_session.failed'>,
  data: Record<string, unknown>,
  connectionId: string | null = null,
): Promise<StoredEvent> {
  return appendEvent(deps, {
    organizationId: s.organizationId,
    workspaceId: s.workspaceId,
    type,
    actor: sessionActor(s),
    connectSessionId: s.id,
    connectionId,
    endUserId: s.endUserId,
    integrationId: s.integrationName,
    data: { integration: s.integrationName, externalId: s.externalId, ...data },
  })
}
