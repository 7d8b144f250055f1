import { eventTypes } from '../events/types.ts'

/**
 * Event types an endpoint may subscribe to: every type the event log writes (one list, in
 * events/types.ts). An endpoint without a list receives every type except those off by default
 * (noisy ones).
 */
export const webhookEventTypes = eventTypes
export type WebhookEventType = (typeof webhookEventTypes)[number]

/** Sent only to endpoints that list them: a refresh happens every few minutes per connection. */
export const offByDefaultEventTypes: readonly string[] = ['connection.refreshed']

/** Sent by `POST /api/v1/webhooks/:id/test`, to that endpoint only, whatever its list. */
export const WEBHOOK_TEST_EVENT = 'webhook.test'

export function endpointWants(events: readonly string[] | null, type: string): boolean {
  if (events === null) return !offByDefaultEventTypes.includes(type)
  return events.includes(type)
}
