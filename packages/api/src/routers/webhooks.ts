import * as core from '@switchboard/core'
import type { TRPCRouterRecord } from '@trpc/server'
import { z } from 'zod'
import { WebhookDeliveryOut, WebhookDeliveryPageOut, WebhookOut, WebhookWithSecretOut } from '../outputs.ts'
import { protectedProcedure } from '../trpc.ts'

const Id = z.object({ id: z.string().min(1).max(200) })

/** The twin of the REST routes under /api/v1/webhooks: the same core functions. */
export const webhooksRouter = {
  list: protectedProcedure
    .meta({ access: 'webhooks:read' })
    .output(z.array(WebhookOut))
    .query(({ ctx }) => core.listWebhooks(ctx.deps, ctx.principal)),
  get: protectedProcedure
    .meta({ access: 'webhooks:read' })
    .input(Id)
    .output(WebhookOut)
    .query(({ ctx, input }) => core.getWebhook(ctx.deps, ctx.principal, input.id)),
  create: protectedProcedure
    .meta({ access: 'webhooks:write' })
    .input(core.CreateWebhookInput)
    .output(WebhookWithSecretOut)
    .mutation(({ ctx, input }) => core.createWebhook(ctx.deps, ctx.principal, input)),
  update: protectedProcedure
    .meta({ access: 'webhooks:write' })
    .input(core.UpdateWebhookInput.extend(Id.shape))
    .output(WebhookOut)
    .mutation(({ ctx, input: { id, ...patch } }) => core.updateWebhook(ctx.deps, ctx.principal, id, patch)),
  delete: protectedProcedure
    .meta({ access: 'webhooks:write' })
    .input(Id)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await core.deleteWebhook(ctx.deps, ctx.principal, input.id)
      return { ok: true as const }
    }),
  rotateSecret: protectedProcedure
    .meta({ access: 'webhooks:write' })
    .input(Id)
    .output(WebhookWithSecretOut)
    .mutation(({ ctx, input }) => core.rotateWebhookSecret(ctx.deps, ctx.principal, input.id)),
  test: protectedProcedure
    .meta({ access: 'webhooks:write' })
    .input(Id)
    .output(z.object({ delivery: WebhookDeliveryOut }))
    .mutation(({ ctx, input }) => core.sendTestWebhook(ctx.deps, ctx.principal, input.id)),
  deliveries: protectedProcedure
    .meta({ access: 'webhooks:read' })
    .input(core.ListDeliveriesInput.extend(Id.shape))
    .output(WebhookDeliveryPageOut)
    .query(({ ctx, input: { id, ...query } }) =>
      core.listWebhookDeliveries(ctx.deps, ctx.principal, id, query),
    ),
  retryDelivery: protectedProcedure
    .meta({ access: 'webhooks:write' })
    .input(Id.extend({ deliveryId: z.string().min(1).max(200) }))
    .output(z.object({ delivery: WebhookDeliveryOut }))
    .mutation(({ ctx, input }) =>
      core.retryWebhookDelivery(ctx.deps, ctx.principal, input.id, input.deliveryId),
    ),
  replay: protectedProcedure
    .meta({ access: 'webhooks:write' })
    .input(core.ReplayWebhookInput.extend(Id.shape))
    .output(z.object({ replayed: z.number(), more: z.boolean() }))
    .mutation(({ ctx, input: { id, ...body } }) => core.replayWebhook(ctx.deps, ctx.principal, id, body)),
} satisfies TRPCRouterRecord
