import type { inferOutput } from '@trpc/tanstack-react-query'
import type { trpc } from '../../trpc.ts'

/** A webhook endpoint as the list shows it (never its secret). */
export type Webhook = inferOutput<typeof trpc.webhooks.list>[number]
/** One delivery of an event to an endpoint, with its attempts. */
export type Delivery = inferOutput<typeof trpc.webhooks.deliveries>['deliveries'][number]
