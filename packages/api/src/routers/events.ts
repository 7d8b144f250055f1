import * as core from '@switchboard/core'
import type { TRPCRouterRecord } from '@trpc/server'
import { EventPageOut } from '../outputs.ts'
import { protectedProcedure } from '../trpc.ts'

export const eventsRouter = {
  list: protectedProcedure
    .meta({ access: 'events:read' })
    .input(core.ListEventsInput)
    .output(EventPageOut)
    .query(({ ctx, input }) => core.listEvents(ctx.deps, ctx.principal, input)),
} satisfies TRPCRouterRecord
