/**
 * Event types an endpoint may subscribe to (docs/webhooks.md has the catalog). An endpoint
 * without a list receives every type except those off by default (noisy ones).
 */
export const webhookEventTypes = [
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
] as const
export type WebhookEventType = (typeof webhookEventTypes)[number]

/** Sent only to endpoints that list them: a refresh happens every few minutes per connection. */
export const offByDefaultEventTypes: readonly string[] = ['connection.refreshed']

/** Sent by `POST /api/v1/webhooks/:id/test`, to that endpoint only, whatever its list. */
export const WEBHOOK_TEST_EVENT = 'webhook.test'

export function endpointWants(events: readonly string[] | null, type: string): boolean {
  if (events === null) return !offByDefaultEventTypes.includes(type)
  return events.includes(type)
}
