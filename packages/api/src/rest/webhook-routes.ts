import * as core from '@switchboard/core'
import { z } from 'zod'
import { WebhookDeliveryOut, WebhookDeliveryPageOut, WebhookOut, WebhookWithSecretOut } from '../outputs.ts'
import { errors, noContent } from './responses.ts'
import { type RestRoute, route } from './route.ts'

const IdParam = z.object({ id: z.string().min(1).max(200) })
const DeliveryParams = z.object({
  id: z.string().min(1).max(200),
  deliveryId: z.string().min(1).max(200),
})

/** Webhook endpoints and their deliveries (issue 22); the tRPC router `webhooks` is the twin. */
export const webhookRoutes: RestRoute[] = [
  route({
    method: 'POST',
    path: '/api/v1/webhooks',
    auth: 'required',
    access: 'webhooks:write',
    input: core.CreateWebhookInput,
    status: 201,
    summary:
      'Register a webhook endpoint; the answer holds its signing secret, shown this once. `workspaceIds` keeps it to those workspaces’ events (omitted: the caller’s own workspaces; null: every workspace’s and the organization’s)',
    responses: { 201: WebhookWithSecretOut, ...errors(403, 404) },
    run: (ctx, input) => core.createWebhook(ctx.deps, ctx.principal, input),
  }),
  route({
    method: 'GET',
    path: '/api/v1/webhooks',
    auth: 'required',
    access: 'webhooks:read',
    input: z.object({}),
    responses: { 200: z.object({ webhooks: z.array(WebhookOut), nextCursor: z.null() }) },
    run: async (ctx) => ({ webhooks: await core.listWebhooks(ctx.deps, ctx.principal), nextCursor: null }),
  }),
  route({
    method: 'GET',
    path: '/api/v1/webhooks/:id',
    auth: 'required',
    access: 'webhooks:read',
    input: IdParam,
    responses: { 200: z.object({ webhook: WebhookOut }), ...errors(404) },
    run: async (ctx, input) => ({ webhook: await core.getWebhook(ctx.deps, ctx.principal, input.id) }),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/webhooks/:id',
    auth: 'required',
    access: 'webhooks:write',
    input: core.UpdateWebhookInput.extend(IdParam.shape),
    summary:
      'Change the URL, the event types, the workspace filter, the description, or enable/disable the endpoint',
    responses: { 200: z.object({ webhook: WebhookOut }), ...errors(403, 404) },
    run: async (ctx, { id, ...patch }) => ({
      webhook: await core.updateWebhook(ctx.deps, ctx.principal, id, patch),
    }),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/webhooks/:id',
    auth: 'required',
    access: 'webhooks:write',
    input: IdParam,
    status: 204,
    responses: { 204: noContent, ...errors(404) },
    run: (ctx, input) => core.deleteWebhook(ctx.deps, ctx.principal, input.id),
  }),
  route({
    method: 'POST',
    path: '/api/v1/webhooks/:id/rotate-secret',
    auth: 'required',
    access: 'webhooks:write',
    input: IdParam,
    summary: 'A new signing secret (shown once); the former one keeps signing beside it for 24 hours',
    responses: { 200: WebhookWithSecretOut, ...errors(404) },
    run: (ctx, input) => core.rotateWebhookSecret(ctx.deps, ctx.principal, input.id),
  }),
  route({
    method: 'POST',
    path: '/api/v1/webhooks/:id/test',
    auth: 'required',
    access: 'webhooks:write',
    input: IdParam,
    status: 202,
    summary: 'Send a webhook.test event to this endpoint',
    responses: { 202: z.object({ delivery: WebhookDeliveryOut }), ...errors(404) },
    run: (ctx, input) => core.sendTestWebhook(ctx.deps, ctx.principal, input.id),
  }),
  route({
    method: 'GET',
    path: '/api/v1/webhooks/:id/deliveries',
    auth: 'required',
    access: 'webhooks:read',
    input: core.ListDeliveriesInput.extend(IdParam.shape),
    summary: 'The endpoint’s deliveries, newest first, each with its attempts',
    responses: { 200: WebhookDeliveryPageOut, ...errors(404) },
    run: (ctx, { id, ...query }) => core.listWebhookDeliveries(ctx.deps, ctx.principal, id, query),
  }),
  route({
    method: 'POST',
    path: '/api/v1/webhooks/:id/deliveries/:deliveryId/retry',
    auth: 'required',
    access: 'webhooks:write',
    input: DeliveryParams,
    status: 202,
    summary: 'Send a delivery again now, with a fresh retry schedule',
    responses: { 202: z.object({ delivery: WebhookDeliveryOut }), ...errors(404, 409) },
    run: (ctx, input) => core.retryWebhookDelivery(ctx.deps, ctx.principal, input.id, input.deliveryId),
  }),
  route({
    method: 'POST',
    path: '/api/v1/webhooks/:id/replay',
    auth: 'required',
    access: 'webhooks:write',
    input: core.ReplayWebhookInput.extend(IdParam.shape),
    status: 202,
    summary: 'Send again every event since `since` that the endpoint subscribes to',
    responses: { 202: z.object({ replayed: z.number(), more: z.boolean() }), ...errors(404, 409) },
    run: (ctx, { id, ...body }) => core.replayWebhook(ctx.deps, ctx.principal, id, body),
  }),
]
