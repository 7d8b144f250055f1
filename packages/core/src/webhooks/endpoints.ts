import type { Database, WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint } from '@switchboard/db'
import type { ExpressionBuilder, Updateable } from 'kysely'
import { z } from 'zod'
import {
  type Principal,
  requireScope,
  requireWithinOwnAccess,
  seenWorkspaceIds,
  workspacesOf,
} from '../auth/principal.ts'
import { randomToken } from '../crypto/random.ts'
import { secretAt } from '../crypto/secret-location.ts'
import type { CoreDeps } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { AppError } from '../errors.ts'
import { newEventId, storedEvent } from '../events/append-event.ts'
import { actorOf } from '../events/types.ts'
import { requireWorkspace } from '../tenancy/workspaces.ts'
import { keysetPage } from '../util/cursor.ts'
import { emitEvent } from './event-seam.ts'
import { endpointWants, WEBHOOK_TEST_EVENT, webhookEventTypes } from './event-types.ts'
import { enqueueDeliveries } from './outbox.ts'
import { generateWebhookSecret } from './signature.ts'
import { seesWebhookEndpoint, workspaceFilterOf } from './workspace-filter.ts'

/** After a rotation the former secret keeps signing beside the new one for this long. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3600_000

const EventList = z
  .array(z.enum(webhookEventTypes))
  .min(1)
  .max(webhookEventTypes.length)
  .transform((list) => [...new Set(list)])

const WebhookUrl = z.string().trim().min(1).max(2000)

/**
 * The workspaces whose events an endpoint receives (the shape of an API key's restriction);
 * null: every workspace's and the organization's own events.
 */
const WorkspaceFilter = z
  .array(z.uuid())
  .min(1)
  .max(100)
  .transform((ids) => [...new Set(ids)])
  .nullable()

export const CreateWebhookInput = z.object({
  url: WebhookUrl,
  /** Omitted or null: every type except those off by default (connection.refreshed). */
  events: EventList.nullish(),
  description: z.string().trim().max(500).optional(),
  /**
   * Only these workspaces' events; null: every workspace's and the organization's own.
   * Omitted: the caller's own workspaces (null for a caller that sees them all).
   */
  workspaceIds: WorkspaceFilter.optional(),
})
export type CreateWebhookInput = z.input<typeof CreateWebhookInput>

export const UpdateWebhookInput = z.object({
  url: WebhookUrl.optional(),
  events: EventList.nullish(),
  description: z.string().trim().max(500).optional(),
  enabled: z.boolean().optional(),
  /** A new workspace filter (null: every workspace); omitted: unchanged. */
  workspaceIds: WorkspaceFilter.optional(),
})
export type UpdateWebhookInput = z.input<typeof UpdateWebhookInput>

export interface WebhookView {
  id: string
  url: string
  events: string[] | null
  /** The workspaces whose events it receives; null: every workspace's and the organization's. */
  workspaceIds: string[] | null
  description: string
  enabled: boolean
  disabledReason: string | null
  /** Until when the former secret still signs (two signatures), after a rotation. */
  previousSecretExpiresAt: string | null
  createdAt: string
  updatedAt: string
}

export function toWebhookView(row: WebhookEndpoint, nowIso?: string): WebhookView {
  const previous =
    row.previousSecretExpiresAt && (!nowIso || row.previousSecretExpiresAt > nowIso)
      ? row.previousSecretExpiresAt
      : null
  return {
    id: row.id,
    url: row.url,
    events: row.events === null ? null : (JSON.parse(row.events) as string[]),
    workspaceIds: workspaceFilterOf(row),
    description: row.description,
    enabled: row.enabled === 1,
    disabledReason: row.disabledReason,
    previousSecretExpiresAt: previous,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/**
 * The filter an endpoint gets: the one asked for, else the caller's own workspaces. Never wider
 * than the caller's (403 WIDER_THAN_YOURS); each named workspace must exist (404).
 */
async function resolveFilter(
  deps: CoreDeps,
  principal: Principal,
  asked: string[] | null | undefined,
): Promise<string[] | null> {
  const mine = workspacesOf(principal)
  const filter = asked === undefined ? (mine === null ? null : [...mine]) : asked
  if (filter !== null && filter.length === 0) {
    throw new AppError(
      'WIDER_THAN_YOURS',
      'You see no workspace: a webhook endpoint of yours would see them all',
      {
        field: 'workspaceIds',
      },
    )
  }
  requireWithinOwnAccess(principal, { workspaceIds: filter }, 'this webhook endpoint')
  for (const w of filter ?? []) await requireWorkspace(deps, principal.organizationId, w)
  return filter
}

/** Retries and replays wait for a disabled endpoint forever: refuse them, saying what to do. */
function requireEnabled(endpoint: WebhookEndpoint): void {
  if (endpoint.enabled !== 1)
    throw new AppError('CONFLICT', 'The webhook endpoint is disabled; enable it (PATCH enabled: true) first')
}

function checkUrl(deps: CoreDeps, url: string): string {
  return checkEgressUrl({ allow: deps.config.egressAllow }, url, 'webhook URL').toString()
}

async function findEndpoint(deps: CoreDeps, principal: Principal, id: string): Promise<WebhookEndpoint> {
  const row = await deps.db
    .selectFrom('webhookEndpoints')
    .selectAll()
    .where('id', '=', id)
    .where('organizationId', '=', principal.organizationId)
    .executeTakeFirst()
  // One outside the caller's workspaces is as absent as another organization's.
  if (!row || !seesWebhookEndpoint(principal, row))
    throw new AppError('NOT_FOUND', 'Webhook endpoint not found')
  return row
}

export async function createWebhook(
  deps: CoreDeps,
  principal: Principal,
  input: CreateWebhookInput,
): Promise<{ webhook: WebhookView; secret: string }> {
  requireScope(principal, 'webhooks:write')
  const parsed = CreateWebhookInput.parse(input)
  const url = checkUrl(deps, parsed.url)
  const workspaceIds = await resolveFilter(deps, principal, parsed.workspaceIds)
  const id = `whk_${randomToken(18)}`
  const secret = generateWebhookSecret()
  const now = deps.clock.now().toISOString()
  const row: WebhookEndpoint = {
    id,
    organizationId: principal.organizationId,
    url,
    events: parsed.events ? JSON.stringify(parsed.events) : null,
    workspaceIds: workspaceIds === null ? null : JSON.stringify(workspaceIds),
    description: parsed.description ?? '',
    enabled: 1,
    disabledReason: null,
    secretCiphertext: deps.cipher.encrypt(secret, secretAt.webhookSecret(id)),
    previousSecretCiphertext: null,
    previousSecretExpiresAt: null,
    createdAt: now,
    updatedAt: now,
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('webhookEndpoints').values(row).execute()
    await emitEvent(deps, trx, {
      organizationId: principal.organizationId,
      type: 'webhook_endpoint.created',
      actor: actorOf(principal),
      data: { webhookId: id, url, events: parsed.events ?? null, workspaceIds },
    })
  })
  return { webhook: toWebhookView(row), secret }
}

export async function listWebhooks(deps: CoreDeps, principal: Principal): Promise<WebhookView[]> {
  requireScope(principal, 'webhooks:read')
  const rows = await deps.db
    .selectFrom('webhookEndpoints')
    .selectAll()
    .where('organizationId', '=', principal.organizationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute()
  const now = deps.clock.now().toISOString()
  return rows.filter((r) => seesWebhookEndpoint(principal, r)).map((r) => toWebhookView(r, now))
}

export async function getWebhook(deps: CoreDeps, principal: Principal, id: string): Promise<WebhookView> {
  requireScope(principal, 'webhooks:read')
  return toWebhookView(await findEndpoint(deps, principal, id), deps.clock.now().toISOString())
}

export async function updateWebhook(
  deps: CoreDeps,
  principal: Principal,
  id: string,
  input: UpdateWebhookInput,
): Promise<WebhookView> {
  requireScope(principal, 'webhooks:write')
  const parsed = UpdateWebhookInput.parse(input)
  await findEndpoint(deps, principal, id)
  const now = deps.clock.now().toISOString()
  const set: Updateable<Database['webhookEndpoints']> = { updatedAt: now }
  if (parsed.url !== undefined) set.url = checkUrl(deps, parsed.url)
  if (parsed.events !== undefined) set.events = parsed.events === null ? null : JSON.stringify(parsed.events)
  if (parsed.description !== undefined) set.description = parsed.description
  if (parsed.workspaceIds !== undefined) {
    const filter = await resolveFilter(deps, principal, parsed.workspaceIds)
    set.workspaceIds = filter === null ? null : JSON.stringify(filter)
  }
  if (parsed.enabled !== undefined) {
    set.enabled = parsed.enabled ? 1 : 0
    set.disabledReason = parsed.enabled ? null : 'Disabled by an admin'
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('webhookEndpoints')
      .set(set)
      .where('id', '=', id)
      .where('organizationId', '=', principal.organizationId)
      .execute()
    await emitEvent(deps, trx, {
      organizationId: principal.organizationId,
      type: 'webhook_endpoint.updated',
      actor: actorOf(principal),
      data: { webhookId: id, changed: Object.keys(parsed).filter((k) => k !== 'updatedAt') },
    })
    return trx.selectFrom('webhookEndpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  })
  return toWebhookView(row, now)
}

export async function deleteWebhook(deps: CoreDeps, principal: Principal, id: string): Promise<void> {
  requireScope(principal, 'webhooks:write')
  const row = await findEndpoint(deps, principal, id)
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('webhookDeliveryAttempts')
      .where('deliveryId', 'in', (eb) =>
        eb.selectFrom('webhookDeliveries').select('id').where('endpointId', '=', id),
      )
      .execute()
    await trx.deleteFrom('webhookDeliveries').where('endpointId', '=', id).execute()
    await trx.deleteFrom('webhookEndpoints').where('id', '=', id).execute()
    await emitEvent(deps, trx, {
      organizationId: principal.organizationId,
      type: 'webhook_endpoint.deleted',
      actor: actorOf(principal),
      data: { webhookId: id, url: row.url },
    })
  })
}

/** A new secret (returned once); the former one keeps signing beside it for 24 hours. */
export async function rotateWebhookSecret(
  deps: CoreDeps,
  principal: Principal,
  id: string,
): Promise<{ webhook: WebhookView; secret: string }> {
  requireScope(principal, 'webhooks:write')
  const row = await findEndpoint(deps, principal, id)
  const current = deps.cipher.decrypt(row.secretCiphertext, secretAt.webhookSecret(id))
  const secret = generateWebhookSecret()
  const now = deps.clock.now()
  const updated = await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('webhookEndpoints')
      .set({
        secretCiphertext: deps.cipher.encrypt(secret, secretAt.webhookSecret(id)),
        previousSecretCiphertext: deps.cipher.encrypt(current, secretAt.webhookPreviousSecret(id)),
        previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_TTL_MS).toISOString(),
        updatedAt: now.toISOString(),
      })
      .where('id', '=', id)
      // Compare-and-swap: two rotations at once must not both keep "the" former secret.
      .where('secretCiphertext', '=', row.secretCiphertext)
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n)
      throw new AppError('CONFLICT', 'The secret was rotated at the same time; try again')
    await emitEvent(deps, trx, {
      organizationId: principal.organizationId,
      type: 'webhook_endpoint.updated',
      actor: actorOf(principal),
      data: { webhookId: id, changed: ['secret'] },
    })
    return trx.selectFrom('webhookEndpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  })
  return { webhook: toWebhookView(updated, now.toISOString()), secret }
}

/** Queues a `webhook.test` delivery to this endpoint (enabled or not, it goes out). */
export async function sendTestWebhook(
  deps: CoreDeps,
  principal: Principal,
  id: string,
): Promise<{ delivery: DeliveryView }> {
  requireScope(principal, 'webhooks:write')
  const endpoint = await findEndpoint(deps, principal, id)
  const eventId = newEventId()
  const [deliveryId] = await enqueueDeliveries(
    deps,
    deps.db,
    {
      id: eventId,
      organizationId: principal.organizationId,
      workspaceId: null,
      type: WEBHOOK_TEST_EVENT,
      occurredAt: deps.clock.now().toISOString(),
      actor: actorOf(principal),
      connectionId: null,
      data: { webhookId: endpoint.id, message: 'A test event from Switchboard' },
    },
    [endpoint.id],
  )
  deps.webhookWake?.()
  const row = await deps.db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('id', '=', deliveryId ?? '')
    .executeTakeFirstOrThrow()
  return { delivery: toDeliveryView(row, []) }
}

export interface DeliveryAttemptView {
  attemptedAt: string
  statusCode: number | null
  latencyMs: number
  error: string | null
  response: string | null
}

export interface DeliveryView {
  id: string
  webhookId: string
  eventId: string
  eventType: string
  status: WebhookDelivery['status']
  attempts: number
  nextAttemptAt: string | null
  lastAttemptAt: string | null
  lastStatusCode: number | null
  lastLatencyMs: number | null
  lastError: string | null
  lastResponse: string | null
  deliveredAt: string | null
  createdAt: string
  payload: unknown
  attemptHistory: DeliveryAttemptView[]
}

export function toDeliveryView(d: WebhookDelivery, attempts: WebhookDeliveryAttempt[]): DeliveryView {
  return {
    id: d.id,
    webhookId: d.endpointId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'PENDING' || d.status === 'DELIVERING' ? d.nextAttemptAt : null,
    lastAttemptAt: d.lastAttemptAt,
    lastStatusCode: d.lastStatusCode,
    lastLatencyMs: d.lastLatencyMs,
    lastError: d.lastError,
    lastResponse: d.lastResponse,
    deliveredAt: d.deliveredAt,
    createdAt: d.createdAt,
    payload: JSON.parse(d.payload) as unknown,
    attemptHistory: attempts.map((a) => ({
      attemptedAt: a.attemptedAt,
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      error: a.error,
      response: a.response,
    })),
  }
}

export const ListDeliveriesInput = z.object({
  status: z.enum(['PENDING', 'DELIVERING', 'DELIVERED', 'FAILED']).optional(),
  /** The nextCursor of the previous page. */
  after: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
export type ListDeliveriesInput = z.input<typeof ListDeliveriesInput>

/**
 * For a narrowed principal, the deliveries it may read: tests, and those of events in its
 * workspaces. An endpoint it sees only ever gets those, but one that an unrestricted admin
 * narrowed later keeps its older deliveries of every workspace.
 */
function deliverySeenBy(eb: ExpressionBuilder<Database, 'webhookDeliveries'>, principal: Principal) {
  const seen = seenWorkspaceIds(principal)
  if (seen === null) return eb.lit(true)
  return eb.or([
    eb('webhookDeliveries.eventType', '=', WEBHOOK_TEST_EVENT),
    eb(
      'webhookDeliveries.eventId',
      'in',
      eb
        .selectFrom('events')
        .select('events.id')
        .where('events.organizationId', '=', principal.organizationId)
        .where('events.workspaceId', 'in', seen),
    ),
  ])
}

/** One endpoint's deliveries, newest first, each with its attempts. */
export async function listWebhookDeliveries(
  deps: CoreDeps,
  principal: Principal,
  id: string,
  input: ListDeliveriesInput = {},
): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
  requireScope(principal, 'webhooks:read')
  const parsed = ListDeliveriesInput.parse(input)
  await findEndpoint(deps, principal, id)
  let q = deps.db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('endpointId', '=', id)
    .where('organizationId', '=', principal.organizationId)
    .where((eb) => deliverySeenBy(eb, principal))
  if (parsed.status) q = q.where('status', '=', parsed.status)
  const { rows, nextCursor } = await keysetPage(q, parsed.after, parsed.limit)
  const attempts =
    rows.length === 0
      ? []
      : await deps.db
          .selectFrom('webhookDeliveryAttempts')
          .selectAll()
          .where(
            'deliveryId',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('attemptedAt')
          .orderBy('id')
          .execute()
  return {
    deliveries: rows.map((r) =>
      toDeliveryView(
        r,
        attempts.filter((a) => a.deliveryId === r.id),
      ),
    ),
    nextCursor,
  }
}

/** Sends a delivery again now (with a fresh retry schedule), whatever it ended as. */
export async function retryWebhookDelivery(
  deps: CoreDeps,
  principal: Principal,
  id: string,
  deliveryId: string,
): Promise<{ delivery: DeliveryView }> {
  requireScope(principal, 'webhooks:write')
  requireEnabled(await findEndpoint(deps, principal, id))
  const now = deps.clock.now().toISOString()
  const result = await deps.db
    .updateTable('webhookDeliveries')
    .set({ status: 'PENDING', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseExpiresAt: null })
    .where('id', '=', deliveryId)
    .where('endpointId', '=', id)
    .where('organizationId', '=', principal.organizationId)
    .where((eb) => deliverySeenBy(eb, principal))
    .where('status', '!=', 'DELIVERING')
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) {
    const exists = await deps.db
      .selectFrom('webhookDeliveries')
      .select('id')
      .where('id', '=', deliveryId)
      .where('endpointId', '=', id)
      .where((eb) => deliverySeenBy(eb, principal))
      .executeTakeFirst()
    if (!exists) throw new AppError('NOT_FOUND', 'Delivery not found')
    throw new AppError('CONFLICT', 'The delivery is being sent right now; wait for its outcome')
  }
  deps.webhookWake?.()
  const row = await deps.db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .executeTakeFirstOrThrow()
  return { delivery: toDeliveryView(row, []) }
}

export const ReplayWebhookInput = z.object({
  /** ISO-8601 time: every event since then that the endpoint subscribes to is sent again. */
  since: z.iso.datetime({ offset: true }),
})
export type ReplayWebhookInput = z.input<typeof ReplayWebhookInput>

/** At most this many events are replayed per call; `more` says to call again from a later `since`. */
export const REPLAY_LIMIT = 5000

/**
 * Sends again every event of the organization since `since` that the endpoint subscribes to:
 * its delivered and failed deliveries start over (same `webhook-id`: the event's id), and
 * events it has no delivery of (it was disabled, or created later) get one. Deliveries still
 * under way are left alone. Each connection's events still arrive in order.
 */
export async function replayWebhook(
  deps: CoreDeps,
  principal: Principal,
  id: string,
  input: ReplayWebhookInput,
): Promise<{ replayed: number; more: boolean }> {
  requireScope(principal, 'webhooks:write')
  const { since } = ReplayWebhookInput.parse(input)
  const endpoint = await findEndpoint(deps, principal, id)
  requireEnabled(endpoint)
  const sinceIso = new Date(since).toISOString()
  const wanted = endpoint.events === null ? null : (JSON.parse(endpoint.events) as string[])
  const filter = workspaceFilterOf(endpoint)
  const replayed = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString()
    const rows = await trx
      .selectFrom('events as ev')
      .leftJoin('webhookDeliveries as d', (j) =>
        j.onRef('d.eventId', '=', 'ev.id').on('d.endpointId', '=', endpoint.id),
      )
      .selectAll('ev')
      .select(['d.id as deliveryId', 'd.status as deliveryStatus'])
      .where('ev.organizationId', '=', principal.organizationId)
      .where('ev.occurredAt', '>=', sinceIso)
      // A filtered endpoint never gets another workspace's events, nor the organization's own.
      .$if(filter !== null, (q) => q.where('ev.workspaceId', 'in', filter ?? []))
      .orderBy('ev.seq')
      .limit(REPLAY_LIMIT + 1)
      .execute()
    const more = rows.length > REPLAY_LIMIT
    const page = rows.slice(0, REPLAY_LIMIT).filter((r) => endpointWants(wanted, r.type))
    const again = page
      .filter((r) => r.deliveryStatus === 'DELIVERED' || r.deliveryStatus === 'FAILED')
      .map((r) => r.deliveryId as string)
    for (let i = 0; i < again.length; i += 500) {
      await trx
        .updateTable('webhookDeliveries')
        .set({ status: 'PENDING', attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseExpiresAt: null })
        .where('id', 'in', again.slice(i, i + 500))
        .execute()
    }
    const missing = page.filter((r) => r.deliveryId === null)
    for (const r of missing) {
      const { deliveryId: _d, deliveryStatus: _s, ...row } = r
      await enqueueDeliveries(deps, trx, storedEvent(row), [endpoint.id])
    }
    return { replayed: again.length + missing.length, more }
  })
  deps.webhookWake?.()
  return replayed
}
