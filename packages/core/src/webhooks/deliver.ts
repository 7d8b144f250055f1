import type { Database, WebhookDelivery } from '@switchboard/db'
import type { Transaction } from 'kysely'
import { randomToken } from '../crypto/random.ts'
import { secretAt } from '../crypto/secret-location.ts'
import { type CoreDeps, clockMs } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { emitEvent } from './event-seam.ts'
import { WEBHOOK_TEST_EVENT } from './event-types.ts'
import { webhookHeaders } from './signature.ts'

/** Deadline of one delivery attempt, response included. */
export const WEBHOOK_TIMEOUT_MS = 10_000
/** How much of a receiver's answer is kept (and shown in the deliveries list). */
export const RESPONSE_KEEP_BYTES = 1024
/**
 * How long the body of an answer is read once its status line arrived: a 2xx status is a
 * delivery, whether or not the body that follows ever ends.
 */
export const RESPONSE_BODY_WAIT_MS = 1000
/** A delivery is retried for this long; then it is FAILED. */
export const RETRY_HORIZON_MS = 3 * 24 * 3600_000
/** Delays after the 1st, 2nd… failed attempt (s); after the list, every 12 hours. */
export const DEFAULT_RETRY_SECONDS: readonly number[] = [5, 60, 600, 3600, 6 * 3600]
export const REPEAT_RETRY_SECONDS = 12 * 3600

export interface WebhookWorkerOptions {
  /** Who holds the leases this worker takes (a process id). */
  owner?: string
  /** How long a claimed delivery is ours; a crashed worker's rows are taken again after it. */
  leaseMs?: number
  /** Deliveries claimed per pass. */
  batchSize?: number
  /** Delays after each failed attempt, seconds (default 5 s, 1 min, 10 min, 1 h, 6 h). */
  retrySeconds?: readonly number[]
  /** Random spread of each delay, as a share of it (default 0.1: ±10 %). */
  jitter?: number
  /** The delay once `retrySeconds` is used up, seconds (default 12 h). */
  repeatSeconds?: number
  /**
   * How long a delivery is retried before it is FAILED, and how long every delivery of an
   * endpoint must have failed before the endpoint is disabled (default 3 days).
   */
  horizonMs?: number
  /** Deadline of one attempt until the status line, ms (default 10 s: WEBHOOK_TIMEOUT_MS). */
  timeoutMs?: number
}

/** The delay before attempt `attempts + 1`, or null when the delivery has run out of time. */
export function retryDelayMs(
  attempts: number,
  options: Pick<WebhookWorkerOptions, 'retrySeconds' | 'jitter' | 'repeatSeconds' | 'horizonMs'> = {},
  random: () => number = Math.random,
): number | null {
  const schedule = options.retrySeconds ?? DEFAULT_RETRY_SECONDS
  const repeat = options.repeatSeconds ?? REPEAT_RETRY_SECONDS
  let elapsed = 0
  for (let i = 0; i < attempts; i++) elapsed += (schedule[i] ?? repeat) * 1000
  if (elapsed > (options.horizonMs ?? RETRY_HORIZON_MS)) return null
  const base = (schedule[attempts - 1] ?? repeat) * 1000
  const jitter = options.jitter ?? 0.1
  return Math.round(base * (1 + jitter * (2 * random() - 1)))
}

/** Retry-After as seconds or an HTTP date, in ms from now; capped at 12 hours. */
export function retryAfterMs(value: string | null, nowMs: number): number | null {
  if (!value) return null
  const trimmed = value.trim()
  let ms: number
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000
  else {
    const at = Date.parse(trimmed)
    if (Number.isNaN(at)) return null
    ms = at - nowMs
  }
  return Math.min(Math.max(ms, 0), REPEAT_RETRY_SECONDS * 1000)
}

const defaultOwner = `worker_${randomToken(9)}`

/**
 * Takes up to `batchSize` due deliveries with a lease: PENDING ones whose time has come, and
 * DELIVERING ones whose lease ran out (their worker died). None is taken while an older
 * delivery of the same endpoint and connection is undelivered, so each connection's events
 * arrive in order. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets several instances claim at
 * once without taking the same row; SQLite serializes the statement.
 */
export async function claimDueDeliveries(
  deps: CoreDeps,
  options: WebhookWorkerOptions = {},
): Promise<WebhookDelivery[]> {
  const nowMs = clockMs(deps.clock)
  const now = new Date(nowMs).toISOString()
  const leaseUntil = new Date(nowMs + (options.leaseMs ?? 60_000)).toISOString()
  const owner = options.owner ?? defaultOwner
  return deps.db
    .updateTable('webhookDeliveries')
    .set({ status: 'DELIVERING', leaseOwner: owner, leaseExpiresAt: leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('webhookDeliveries as d')
        .innerJoin('webhookEndpoints as e', 'e.id', 'd.endpointId')
        .select('d.id')
        // A disabled endpoint gets nothing but the test an admin asks for (to check a fix).
        .where((w) => w.or([w('e.enabled', '=', 1), w('d.eventType', '=', WEBHOOK_TEST_EVENT)]))
        .where((w) =>
          w.or([
            w.and([w('d.status', '=', 'PENDING'), w('d.nextAttemptAt', '<=', now)]),
            w.and([w('d.status', '=', 'DELIVERING'), w('d.leaseExpiresAt', '<=', now)]),
          ]),
        )
        .where((w) =>
          w.or([
            w('d.orderingKey', 'is', null),
            w.not(
              w.exists(
                w
                  .selectFrom('webhookDeliveries as o')
                  .select('o.id')
                  .whereRef('o.endpointId', '=', 'd.endpointId')
                  .whereRef('o.orderingKey', '=', 'd.orderingKey')
                  .whereRef('o.seq', '<', 'd.seq')
                  .where('o.status', 'in', ['PENDING', 'DELIVERING']),
              ),
            ),
          ]),
        )
        .orderBy('d.nextAttemptAt')
        .limit(options.batchSize ?? 100)
        .$if(deps.dialect === 'postgres', (q) => q.forUpdate('d').skipLocked()),
    )
    .returningAll()
    .execute()
}

interface AttemptOutcome {
  ok: boolean
  statusCode: number | null
  latencyMs: number
  error: string | null
  response: string | null
  retryAfter: string | null
}

/**
 * Up to RESPONSE_KEEP_BYTES of the answer's body, read for at most `waitMs`: a receiver that
 * stalls or breaks off its body keeps what it sent, and its status counts.
 */
async function readSome(res: Response, waitMs: number): Promise<string> {
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let timer: NodeJS.Timeout | undefined
  const stalled = new Promise<'stalled'>((r) => {
    timer = setTimeout(() => r('stalled'), waitMs)
  })
  try {
    while (size < RESPONSE_KEEP_BYTES) {
      const next = await Promise.race([reader.read(), stalled])
      if (next === 'stalled' || next.done) break
      chunks.push(next.value)
      size += next.value.byteLength
    }
  } catch {
    // The body broke off (or the attempt's deadline passed): what arrived is kept.
  } finally {
    clearTimeout(timer)
    await reader.cancel().catch(() => {})
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_KEEP_BYTES).toString('utf8')
}

/** An endpoint as one claimed batch sends to it: its URL and its signing secrets, decrypted once. */
interface SendTarget {
  url: string
  secrets: string[]
}

/**
 * The endpoints of one claimed batch, each read and its secrets decrypted once for the whole
 * batch instead of once per delivery. A batch lives for one claim, so a rotated secret or a
 * changed URL applies from the next claim on.
 */
export type TargetCache = Map<string, Promise<SendTarget | null>>

async function loadTarget(deps: CoreDeps, endpointId: string): Promise<SendTarget | null> {
  const endpoint = await deps.db
    .selectFrom('webhookEndpoints')
    .selectAll()
    .where('id', '=', endpointId)
    .executeTakeFirst()
  if (!endpoint) return null
  const secrets = [deps.cipher.decrypt(endpoint.secretCiphertext, secretAt.webhookSecret(endpoint.id))]
  if (
    endpoint.previousSecretCiphertext &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > new Date(clockMs(deps.clock)).toISOString()
  ) {
    secrets.push(
      deps.cipher.decrypt(endpoint.previousSecretCiphertext, secretAt.webhookPreviousSecret(endpoint.id)),
    )
  }
  return { url: endpoint.url, secrets }
}

/** Sends one delivery, signed with the endpoint's secret (and the former one within 24 h of a rotation). */
async function attempt(
  deps: CoreDeps,
  delivery: WebhookDelivery,
  targets: TargetCache = new Map(),
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<AttemptOutcome | 'gone'> {
  let target = targets.get(delivery.endpointId)
  if (!target) {
    target = loadTarget(deps, delivery.endpointId)
    targets.set(delivery.endpointId, target)
  }
  const endpoint = await target
  if (!endpoint) return 'gone'
  const started = clockMs(deps.clock)
  const secrets = endpoint.secrets
  const headers = webhookHeaders(secrets, delivery.eventId, Math.floor(started / 1000), delivery.payload)
  const t0 = performance.now()
  try {
    const url = checkEgressUrl({ allow: deps.config.egressAllow }, endpoint.url, 'webhook URL')
    const res = await deps.fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Switchboard-Webhooks/1' },
      body: delivery.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    const response = await readSome(res, Math.min(RESPONSE_BODY_WAIT_MS, timeoutMs))
    return {
      ok: res.status >= 200 && res.status < 300,
      statusCode: res.status,
      latencyMs: Math.round(performance.now() - t0),
      error: res.status >= 200 && res.status < 300 ? null : `The receiver answered ${res.status}`,
      response,
      retryAfter: res.headers.get('retry-after'),
    }
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } }
    const message =
      err.name === 'TimeoutError'
        ? `No answer within ${timeoutMs / 1000} s`
        : err.cause?.code
          ? `Could not reach the receiver (${err.cause.code})`
          : err.message || 'Could not reach the receiver'
    return {
      ok: false,
      statusCode: null,
      latencyMs: Math.round(performance.now() - t0),
      error: message,
      response: null,
      retryAfter: null,
    }
  }
}

type DeliveryStatus = 'DELIVERED' | 'PENDING' | 'FAILED'

/** A sent delivery's outcome and what it makes of the row: delivered, due again at a time, or failed. */
interface Settled {
  delivery: WebhookDelivery
  outcome: AttemptOutcome
  status: DeliveryStatus
  attempts: number
  nextAttemptAt: string
  nowMs: number
}

function settle(
  delivery: WebhookDelivery,
  outcome: AttemptOutcome,
  options: WebhookWorkerOptions,
  nowMs: number,
): Settled {
  const attempts = delivery.attempts + 1
  let status: DeliveryStatus
  let nextAttemptAt = delivery.nextAttemptAt
  if (outcome.ok) status = 'DELIVERED'
  else {
    const delay = retryDelayMs(attempts, options)
    if (delay === null) status = 'FAILED'
    else {
      status = 'PENDING'
      // Retry-After says "not before": a longer one than the schedule's delay is waited out.
      const wait = Math.max(delay, retryAfterMs(outcome.retryAfter, nowMs) ?? 0)
      nextAttemptAt = new Date(nowMs + wait).toISOString()
    }
  }
  return { delivery, outcome, status, attempts, nextAttemptAt, nowMs }
}

function resultOf(status: DeliveryStatus): 'delivered' | 'retry' | 'failed' {
  return status === 'DELIVERED' ? 'delivered' : status === 'FAILED' ? 'failed' : 'retry'
}

/**
 * Records outcomes in one transaction, each only if its lease is still ours: the row, the
 * attempt, and on a final failure the endpoint's disabling.
 */
async function recordOutcomes(
  deps: CoreDeps,
  settled: Settled[],
  options: WebhookWorkerOptions,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    for (const { delivery, outcome, status, attempts, nextAttemptAt, nowMs } of settled) {
      const now = new Date(nowMs).toISOString()
      const owner = delivery.leaseOwner
      const result = await trx
        .updateTable('webhookDeliveries')
        .set({
          status,
          attempts,
          nextAttemptAt,
          leaseOwner: null,
          leaseExpiresAt: null,
          lastAttemptAt: now,
          lastStatusCode: outcome.statusCode,
          lastLatencyMs: outcome.latencyMs,
          lastError: outcome.error,
          lastResponse: outcome.response,
          ...(status === 'DELIVERED' && { deliveredAt: now }),
        })
        .where('id', '=', delivery.id)
        .where('status', '=', 'DELIVERING')
        .where('leaseOwner', owner === null ? 'is' : '=', owner)
        .executeTakeFirst()
      // Another worker took the row after our lease ran out: its outcome counts, not ours.
      if (result.numUpdatedRows === 0n) continue
      await trx
        .insertInto('webhookDeliveryAttempts')
        .values({
          id: `wha_${randomToken(12)}`,
          deliveryId: delivery.id,
          attemptedAt: now,
          statusCode: outcome.statusCode,
          latencyMs: outcome.latencyMs,
          error: outcome.error,
          response: outcome.response,
        })
        .execute()
      if (status === 'FAILED')
        await disableIfAllFailed(deps, trx, delivery.endpointId, nowMs, options.horizonMs ?? RETRY_HORIZON_MS)
    }
  })
}

/** Sends a claimed delivery and records the outcome (in a transaction of its own), if the lease is still ours. */
export async function sendDelivery(
  deps: CoreDeps,
  delivery: WebhookDelivery,
  options: WebhookWorkerOptions = {},
): Promise<'delivered' | 'retry' | 'failed' | 'gone'> {
  const outcome = await attempt(deps, delivery, new Map(), options.timeoutMs)
  if (outcome === 'gone') return 'gone'
  const settled = settle(delivery, outcome, options, clockMs(deps.clock))
  await recordOutcomes(deps, [settled], options)
  return resultOf(settled.status)
}

/**
 * Group commit for outcomes: the outcomes of sends that finish while a write is under way go
 * into the next transaction together. Every commit waits for the disk (SQLite runs with
 * `synchronous = FULL`, PostgreSQL syncs its WAL), so one commit per delivery held the worker
 * to the disk's commit rate (`pnpm bench webhooks`, docs/performance.md). If a shared
 * transaction fails, its outcomes are written one by one, so one bad row holds back no other.
 * Each returned promise settles once its outcome is committed.
 */
function outcomeWriter(
  deps: CoreDeps,
  options: WebhookWorkerOptions = {},
  maxBatch = 200,
): (settled: Settled) => Promise<void> {
  type Queued = { settled: Settled; resolve: () => void; reject: (err: unknown) => void }
  let queue: Queued[] = []
  let writing = false
  const write = async (batch: Queued[]) => {
    try {
      await recordOutcomes(
        deps,
        batch.map((q) => q.settled),
        options,
      )
      for (const q of batch) q.resolve()
    } catch (err) {
      if (batch.length === 1) return batch[0]?.reject(err)
      for (const q of batch) await write([q])
    }
  }
  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch)
      queue = queue.slice(batch.length)
      await write(batch)
    }
    writing = false
  }
  return (settled) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ settled, resolve, reject })
      if (writing) return
      writing = true
      // A write on SQLite runs to its commit without yielding to I/O, so started at once it
      // would take only this outcome. Waiting for the end of this turn of the event loop lets
      // every answer that arrived in it join the same commit.
      setImmediate(() => void drain())
    })
}

type Trx = Transaction<Database>

/**
 * After a delivery failed for good: when nothing reached the endpoint for the whole retry
 * horizon (3 days), the endpoint is disabled and `webhook_endpoint.disabled` is recorded.
 */
async function disableIfAllFailed(
  deps: CoreDeps,
  trx: Trx,
  endpointId: string,
  nowMs: number,
  horizonMs: number,
): Promise<void> {
  const since = new Date(nowMs - horizonMs).toISOString()
  const endpoint = await trx
    .selectFrom('webhookEndpoints')
    .selectAll()
    .where('id', '=', endpointId)
    .where('enabled', '=', 1)
    .executeTakeFirst()
  if (!endpoint || endpoint.createdAt > since) return
  const delivered = await trx
    .selectFrom('webhookDeliveries')
    .select('id')
    .where('endpointId', '=', endpointId)
    .where('deliveredAt', '>=', since)
    .limit(1)
    .executeTakeFirst()
  if (delivered) return
  const reason = 'Every delivery failed for 3 days; fix the receiver, then enable the endpoint again'
  await trx
    .updateTable('webhookEndpoints')
    .set({ enabled: 0, disabledReason: reason, updatedAt: new Date(nowMs).toISOString() })
    .where('id', '=', endpointId)
    .execute()
  await emitEvent(deps, trx, {
    organizationId: endpoint.organizationId,
    type: 'webhook_endpoint.disabled',
    actor: { type: 'system', id: null },
    data: { webhookId: endpointId, url: endpoint.url, reason },
  })
  deps.log.warn({ webhookId: endpointId }, 'webhook endpoint disabled: every delivery failed for 3 days')
}

/** Sends one delivery of a claimed batch and hands its outcome to the batch's writer. */
async function sendAndRecord(
  deps: CoreDeps,
  delivery: WebhookDelivery,
  targets: TargetCache,
  record: (settled: Settled) => Promise<void>,
  options: WebhookWorkerOptions,
): Promise<'delivered' | 'retry' | 'failed' | 'gone'> {
  const outcome = await attempt(deps, delivery, targets, options.timeoutMs)
  if (outcome === 'gone') return 'gone'
  const settled = settle(delivery, outcome, options, clockMs(deps.clock))
  await record(settled)
  return resultOf(settled.status)
}

/** One pass: claims due deliveries and sends them concurrently. Returns how many it claimed. */
export async function deliverDueWebhooks(
  deps: CoreDeps,
  options: WebhookWorkerOptions = {},
): Promise<{ claimed: number; delivered: number }> {
  const claimed = await claimDueDeliveries(deps, options)
  const targets: TargetCache = new Map()
  const record = outcomeWriter(deps, options)
  let delivered = 0
  await Promise.all(
    claimed.map(async (d) => {
      try {
        if ((await sendAndRecord(deps, d, targets, record, options)) === 'delivered') delivered++
      } catch (err) {
        deps.log.error({ err, deliveryId: d.id }, 'webhook delivery failed to settle')
      }
    }),
  )
  return { claimed: claimed.length, delivered }
}

export interface WebhookWorker {
  /** Look for due deliveries shortly (this process enqueued some). */
  wake(): void
  /**
   * Claims nothing more; resolves once every delivery under way has been sent and its outcome
   * recorded (each attempt ends within the 10 s timeout). What is still due stays in the
   * outbox for the next start, or for another instance.
   */
  stop(): Promise<void>
}

export interface StartWebhookWorkerOptions extends WebhookWorkerOptions {
  /** How often to look for deliveries other processes enqueued and retries coming due (default 1000 ms). */
  pollMs?: number
  /** Deliveries being sent at once, at most (default 200). A slow receiver holds only its own. */
  maxInFlight?: number
}

/**
 * Runs claims when woken (this process enqueued deliveries), every `pollMs` (deliveries other
 * processes enqueued, retries coming due), and at once after a full batch or a delivery that
 * may have held back the next one of its connection. Sends do not wait for one another: a
 * claim runs while earlier sends are still under way, up to `maxInFlight`. It sets
 * `deps.webhookWake` so this process's enqueues wake it, and clears it on stop.
 */
export function startWebhookWorker(deps: CoreDeps, options: StartWebhookWorkerOptions = {}): WebhookWorker {
  const owner = options.owner ?? defaultOwner
  const batchSize = options.batchSize ?? 100
  const pollMs = options.pollMs ?? 1000
  const maxInFlight = options.maxInFlight ?? 200
  const sendOptions: WebhookWorkerOptions = { ...options, owner }
  let stopped = false
  let claiming: Promise<void> | null = null
  let again = false
  let timer: NodeJS.Timeout | null = null
  let timerMs = 0
  const sends = new Set<Promise<void>>()
  const record = outcomeWriter(deps, sendOptions, maxInFlight)

  const send = (delivery: WebhookDelivery, targets: TargetCache) => {
    const p: Promise<void> = sendAndRecord(deps, delivery, targets, record, sendOptions)
      .then(
        () => {},
        (err: unknown) =>
          deps.log.error({ err, deliveryId: delivery.id }, 'webhook delivery failed to settle'),
      )
      .finally(() => {
        sends.delete(p)
        // The next delivery of its connection may be due now; or room was short.
        if (delivery.orderingKey !== null || again) schedule(0)
      })
    sends.add(p)
  }

  const run = () => {
    timer = null
    if (stopped) return
    if (claiming) {
      again = true
      return
    }
    const room = Math.min(batchSize, maxInFlight - sends.size)
    if (room <= 0) {
      // A send finishing looks again.
      again = true
      return
    }
    again = false
    claiming = claimDueDeliveries(deps, { ...sendOptions, batchSize: room })
      .then(
        (rows) => {
          const targets: TargetCache = new Map()
          for (const d of rows) send(d, targets)
          if (rows.length >= room) again = true
        },
        (err: unknown) => deps.log.error({ err }, 'webhook delivery claim failed'),
      )
      .finally(() => {
        claiming = null
        if (again) schedule(0)
        else schedule(pollMs)
      })
  }
  const schedule = (ms: number) => {
    if (stopped) return
    if (timer) {
      if (ms >= timerMs) return
      clearTimeout(timer)
    }
    timerMs = ms
    timer = setTimeout(run, ms)
    timer.unref()
  }
  const wake = () => {
    // The enqueueing transaction commits after its sink ran: look a moment later.
    if (claiming) again = true
    schedule(10)
  }
  deps.webhookWake = wake
  schedule(0)
  return {
    wake,
    async stop() {
      stopped = true
      if (deps.webhookWake === wake) deps.webhookWake = undefined
      if (timer) clearTimeout(timer)
      timer = null
      await claiming
      while (sends.size > 0) await Promise.all([...sends])
    },
  }
}
