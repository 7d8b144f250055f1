import type { Database, EventActorType } from '@switchboard/db'
import type { Transaction } from 'kysely'
import { z } from 'zod'
import type { Principal } from '../auth/principal.ts'

/** Every event type Switchboard writes (docs/events.md is the catalog). */
export const eventTypes = [
  'connect_session.completed',
  'connect_session.failed',
  'connection.created',
  'connection.reconnected',
  'connection.refreshed',
  'connection.refresh_failed',
  'connection.recovered',
  'connection.expiring',
  'connection.unhealthy',
  'connection.deleted',
  'connection.token_revealed',
  'end_user.deleted',
  'api_key.created',
  'api_key.revoked',
  'oauth_app.created',
  'oauth_app.updated',
  'oauth_app.deleted',
  'integration.created',
  'integration.updated',
  'integration.deleted',
  'webhook_endpoint.created',
  'webhook_endpoint.updated',
  'webhook_endpoint.deleted',
  'webhook_endpoint.disabled',
  'user.login',
  'user.password_changed',
  'session.revoked',
  'workspace.created',
  'workspace.updated',
  'workspace.deleted',
  'member.updated',
  'member.removed',
  'invite.created',
  'invite.revoked',
  'invite.accepted',
  'sso_settings.updated',
] as const
export type EventType = (typeof eventTypes)[number]
export const EventTypeSchema = z.enum(eventTypes)

export const eventActorTypes = [
  'user',
  'api_key',
  'oauth_client',
  'end_user',
  'system',
] as const satisfies readonly EventActorType[]
export const EventActorTypeSchema = z.enum(eventActorTypes)

export interface EventActor {
  type: EventActorType
  /** The user's, API key's, OAuth client's (client_id) or end user's id; null for the system. */
  id: string | null
}

export const systemActor: EventActor = { type: 'system', id: null }

/** Who a principal is, as an event's actor. */
export function actorOf(principal: Principal): EventActor {
  switch (principal.kind) {
    case 'apiKey':
      return { type: 'api_key', id: principal.apiKeyId }
    case 'user':
      return { type: 'user', id: principal.userId }
    case 'oauthToken':
      return { type: 'oauth_client', id: principal.clientId }
  }
}

/** What a caller hands appendEvent. `data` must never hold a secret. */
export interface NewEvent {
  organizationId: string
  workspaceId?: string | null
  type: EventType
  actor: EventActor
  connectionId?: string | null
  connectSessionId?: string | null
  endUserId?: string | null
  /** The integration's name. */
  integrationId?: string | null
  data?: Record<string, unknown>
}

/** An event as written (and as the audit API and webhook sinks see it). */
export interface StoredEvent {
  id: string
  /**
   * Strictly increasing per database, in commit order within an organization; the cursor order.
   * As appendEvent answers it inside the transaction, on PostgreSQL, provisional: the commit
   * assigns a larger one (migration 0023).
   */
  seq: number
  organizationId: string
  workspaceId: string | null
  type: EventType
  occurredAt: string
  actor: EventActor
  connectionId: string | null
  connectSessionId: string | null
  endUserId: string | null
  integrationId: string | null
  data: Record<string, unknown>
}

/**
 * Called by appendEvent, in the same transaction, for every event written (the webhook outbox
 * writes its delivery rows here). A sink that throws rolls the change and its event back.
 */
export type EventSink = (trx: Transaction<Database>, event: StoredEvent) => Promise<void>
