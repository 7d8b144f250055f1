import * as core from '@switchboard/core'
import { EventPageOut } from '../outputs.ts'
import { type RestRoute, route } from './route.ts'

/** The audit log (issue 22): the organization's events, cursor-paged on seq. */
export const eventRoutes: RestRoute[] = [
  route({
    method: 'GET',
    path: '/api/v1/events',
    auth: 'required',
    access: 'events:read',
    input: core.ListEventsInput,
    responses: { 200: EventPageOut },
    run: (ctx, input) => core.listEvents(ctx.deps, ctx.principal, input),
  }),
]
