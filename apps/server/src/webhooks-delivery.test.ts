import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  REPLAY_LIMIT,
  refreshDueConnections,
  verifyWebhook,
  WebhookVerificationError,
} from '@switchboard/core'
import { completeAuthorization, startWebhookReceiver, type WebhookReceiver } from '@switchboard/testing'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// Delivery of webhooks (issue 22) from a real server to real loopback receivers: Standard
// Webhooks signatures checked with the `standardwebhooks` package's own verifier, the retry
// schedule on the harness's ManualClock (nothing here waits for a retry in real time),
// Retry-After, redirects, egress rules, FAILED and disabling, per-connection order, rotation.

const SECOND = 1000
const HOUR = 3600 * SECOND

interface Body {
  type: string
  timestamp: string
  data: Record<string, unknown>
}
interface WebhookJson {
  id: string
  enabled: boolean
  disabledReason: string | null
}
interface DeliveryJson {
  id: string
  eventId: string
  eventType: string
  status: string
  attempts: number
  nextAttemptAt: string | null
  lastStatusCode: number | null
  lastError: string | null
  lastResponse: string | null
  attemptHistory: Array<{ statusCode: number | null; error: string | null; latencyMs: number }>
}

async function createEndpoint(h: Harness, url: string, events?: string[]) {
  const res = await h.api('/api/v1/webhooks', { method: 'POST', json: { url, ...(events && { events }) } })
  expect(res.status).toBe(201)
  return (await res.json()) as { webhook: WebhookJson; secret: string }
}

async function deliveries(h: Harness, webhookId: string): Promise<DeliveryJson[]> {
  const res = await h.api(`/api/v1/webhooks/${webhookId}/deliveries?limit=100`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { deliveries: DeliveryJson[] }).deliveries
}

async function onlyDelivery(h: Harness, webhookId: string): Promise<DeliveryJson> {
  const list = await deliveries(h, webhookId)
  expect(list).toHaveLength(1)
  return list[0] as DeliveryJson
}

/** A harness whose webhook worker polls every 20 ms, with no retry jitter (schedules are exact). */
const startDeliveryHarness = () => startHarness({ webhooks: { pollMs: 20, jitter: 0 } })

/** Lets the worker (polling every 20 ms) run many times; nothing due must go out meanwhile. */
const settle = () => new Promise((r) => setTimeout(r, 300))

const parsed = (r: { body: string }) => JSON.parse(r.body) as Body
const headersOf = (r: { headers: Record<string, unknown> }) => r.headers as Record<string, string>

describe('webhook delivery', () => {
  let h: Harness
  let receiver: WebhookReceiver
  beforeAll(async () => {
    h = await startDeliveryHarness()
  })
  afterAll(async () => {
    await h.close()
  })
  afterEach(async () => {
    await receiver?.close()
  })

  it('the hosted connect flow delivers connect_session.completed and connection.created, verified by standardwebhooks, within 2 s', async () => {
    receiver = await startWebhookReceiver()
    const { secret } = await createEndpoint(h, receiver.url, [
      'connect_session.completed',
      'connection.created',
    ])
    const tokenRes = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-idp',
        connectionName: 'Acme',
        externalId: 'hook-1',
        workspaceId: h.org.workspaceId,
      },
    })
    const { token } = (await tokenRes.json()) as { token: string }
    const { callbackUrl } = await completeAuthorization(`${h.url}/api/v1/connect/authorize?token=${token}`, {
      stopAt: `${h.url}/oauth2/callback`,
    })
    const cb = await fetch(callbackUrl, { redirect: 'manual' })
    await cb.body?.cancel()
    // The callback's answer comes after the commit of the change (the connection).
    const changedAt = Date.now()
    const got = await receiver.waitFor(2, 5000)
    const wh = new Webhook(secret)
    const bodies = got.map((r) => wh.verify(r.body, headersOf(r)) as Body)
    expect(bodies.map((b) => b.type).sort()).toEqual(['connect_session.completed', 'connection.created'])
    for (const r of got) expect(r.at - changedAt).toBeLessThan(2000)
    const poll = await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
    const { connectionId } = (await poll.json()) as { connectionId: string }
    for (const b of bodies)
      expect(b.data).toMatchObject({ organizationId: h.org.organizationId, connectionId })
    // webhook-id is the event's id in the log.
    const ids = await h.t.deps.db
      .selectFrom('events')
      .select('id')
      .where('connectionId', '=', connectionId)
      .where('type', 'in', ['connect_session.completed', 'connection.created'])
      .execute()
    expect(got.map((r) => r.headers['webhook-id']).sort()).toEqual(ids.map((e) => e.id).sort())
    // A tampered body does not verify.
    const first = got[0] as (typeof got)[number]
    expect(() => wh.verify(first.body.replace('"data"', '"dat\\u0061"'), headersOf(first))).toThrow()
  })

  it('500, 500, 200: the same webhook-id three times, after 5 s then 1 min on the clock; then DELIVERED with 3 attempts', async () => {
    receiver = await startWebhookReceiver()
    receiver.answers.push({ status: 500, body: 'boom' }, { status: 500, body: 'still down' })
    receiver.fallback = { status: 200, body: 'ok' }
    const { webhook } = await createEndpoint(h, receiver.url, undefined)
    // Subscribed to every default type: its own creation event is the one delivered.
    await receiver.waitFor(1)
    let d = await onlyDelivery(h, webhook.id)
    await expect.poll(async () => (await onlyDelivery(h, webhook.id)).attempts).toBe(1)
    d = await onlyDelivery(h, webhook.id)
    expect(d).toMatchObject({
      eventType: 'webhook_endpoint.created',
      status: 'PENDING',
      lastStatusCode: 500,
      lastResponse: 'boom',
    })
    expect(Date.parse(d.nextAttemptAt ?? '')).toBe(h.clock.nowMs() + 5 * SECOND)

    await settle()
    expect(receiver.received).toHaveLength(1)
    h.clock.advance(5 * SECOND - 1)
    await settle()
    expect(receiver.received).toHaveLength(1)
    h.clock.advance(1)
    await receiver.waitFor(2)
    await expect.poll(async () => (await onlyDelivery(h, webhook.id)).attempts).toBe(2)
    d = await onlyDelivery(h, webhook.id)
    expect(Date.parse(d.nextAttemptAt ?? '')).toBe(h.clock.nowMs() + 60 * SECOND)

    h.clock.advance(30 * SECOND)
    await settle()
    expect(receiver.received).toHaveLength(2)
    h.clock.advance(30 * SECOND)
    const got = await receiver.waitFor(3)
    await expect.poll(async () => (await onlyDelivery(h, webhook.id)).status).toBe('DELIVERED')
    d = await onlyDelivery(h, webhook.id)
    expect(d.attempts).toBe(3)
    expect(d.attemptHistory.map((a) => a.statusCode)).toEqual([500, 500, 200])
    expect(new Set(got.map((r) => r.headers['webhook-id']))).toEqual(new Set([d.eventId]))
    // Each attempt is signed anew at its own time; the body is the same bytes.
    const stamps = got.map((r) => Number(r.headers['webhook-timestamp']))
    expect([(stamps[1] ?? 0) - (stamps[0] ?? 0), (stamps[2] ?? 0) - (stamps[1] ?? 0)]).toEqual([5, 60])
    expect(new Set(got.map((r) => r.body)).size).toBe(1)
    await settle()
    expect(receiver.received).toHaveLength(3)
  })

  it('honours Retry-After (seconds and an HTTP date) when it is longer than the schedule', async () => {
    receiver = await startWebhookReceiver()
    receiver.answers.push({ status: 503, headers: { 'retry-after': '120' } })
    const { webhook } = await createEndpoint(h, receiver.url, ['connection.created'])
    const test = await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })
    expect(test.status).toBe(202)
    await receiver.waitFor(1)
    await expect.poll(async () => (await onlyDelivery(h, webhook.id)).attempts).toBe(1)
    expect(Date.parse((await onlyDelivery(h, webhook.id)).nextAttemptAt ?? '')).toBe(
      h.clock.nowMs() + 120 * SECOND,
    )
    h.clock.advance(60 * SECOND)
    await settle()
    expect(receiver.received).toHaveLength(1)
    receiver.answers.push({
      status: 429,
      headers: { 'retry-after': new Date(h.clock.nowMs() + 60 * SECOND + 600 * SECOND).toUTCString() },
    })
    h.clock.advance(60 * SECOND)
    await receiver.waitFor(2)
    await expect.poll(async () => (await onlyDelivery(h, webhook.id)).attempts).toBe(2)
    // The second delay would be 1 min; the receiver asked for 10 min (an HTTP date: whole seconds).
    const next = Date.parse((await onlyDelivery(h, webhook.id)).nextAttemptAt ?? '')
    expect(next).toBeGreaterThan(h.clock.nowMs() + 599 * SECOND)
    expect(next).toBeLessThanOrEqual(h.clock.nowMs() + 600 * SECOND)
  })

  it('does not follow a redirect: a 3xx is a failed attempt and the target gets nothing', async () => {
    receiver = await startWebhookReceiver()
    const target = await startWebhookReceiver()
    try {
      receiver.fallback = { status: 307, headers: { location: target.url } }
      const { webhook } = await createEndpoint(h, receiver.url, ['connection.created'])
      await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })
      await receiver.waitFor(1)
      await expect.poll(async () => (await onlyDelivery(h, webhook.id)).attempts).toBe(1)
      const d = await onlyDelivery(h, webhook.id)
      expect(d).toMatchObject({ status: 'PENDING', lastStatusCode: 307 })
      expect(d.lastError).toMatch(/307/)
      await settle()
      expect(target.received).toHaveLength(0)
    } finally {
      await target.close()
    }
  })

  it('refuses a private address at send time unless SWITCHBOARD_EGRESS_ALLOW allows it', async () => {
    receiver = await startWebhookReceiver()
    const { webhook } = await createEndpoint(h, receiver.url, ['connection.created'])
    const allow = h.t.deps.config.egressAllow
    h.t.deps.config.egressAllow = []
    try {
      await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })
      await expect.poll(async () => (await onlyDelivery(h, webhook.id)).attempts).toBe(1)
      const d = await onlyDelivery(h, webhook.id)
      expect(d).toMatchObject({ status: 'PENDING', lastStatusCode: null })
      expect(d.lastError).toMatch(/internal address|https/)
      expect(receiver.received).toHaveLength(0)
    } finally {
      h.t.deps.config.egressAllow = allow
    }
    // Allowed again: the retry goes out.
    h.clock.advance(5 * SECOND)
    await receiver.waitFor(1)
    await expect.poll(async () => (await onlyDelivery(h, webhook.id)).status).toBe('DELIVERED')
  })

  it('per connection, a later event waits for the earlier one; other connections do not wait', async () => {
    receiver = await startWebhookReceiver()
    receiver.answers.push({ status: 500 })
    await createEndpoint(h, receiver.url, ['connection.created', 'connection.deleted'])
    const a = await connectAcme(h, { externalId: 'order-a' })
    await receiver.waitFor(1)
    const b = await connectAcme(h, { externalId: 'order-b' })
    await receiver.waitFor(2)
    const del = await h.api(`/api/v1/connections/${a.connectionId}`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    await settle()
    const seen = () =>
      receiver.received.map((r) => {
        const body = parsed(r)
        return `${body.type}:${body.data.connectionId === a.connectionId ? 'a' : body.data.connectionId === b.connectionId ? 'b' : '?'}`
      })
    // a's deletion is held back while a's creation is still undelivered.
    expect(seen()).toEqual(['connection.created:a', 'connection.created:b'])
    h.clock.advance(5 * SECOND)
    await receiver.waitFor(4)
    expect(seen()).toEqual([
      'connection.created:a',
      'connection.created:b',
      'connection.created:a',
      'connection.deleted:a',
    ])
  })

  it('connection.refreshed reaches only an endpoint that lists it', async () => {
    receiver = await startWebhookReceiver()
    const other = await startWebhookReceiver()
    try {
      const all = await createEndpoint(h, other.url)
      const { connectionId } = await connectAcme(h, { externalId: 'refresh-1' })
      const explicit = await createEndpoint(h, receiver.url, ['connection.refreshed'])
      h.clock.advance(2 * HOUR)
      await refreshDueConnections(h.t.deps)
      // Every connection due was refreshed (earlier tests' too): one delivery each, all refreshed.
      const refreshed = await h.t.deps.db
        .selectFrom('events')
        .select(['id', 'connectionId'])
        .where('type', '=', 'connection.refreshed')
        .execute()
      expect(refreshed.map((e) => e.connectionId)).toContain(connectionId)
      const got = await receiver.waitFor(refreshed.length)
      expect(new Set(got.map((g) => parsed(g).type))).toEqual(new Set(['connection.refreshed']))
      expect(got.map((g) => g.headers['webhook-id']).sort()).toEqual(refreshed.map((e) => e.id).sort())
      const toAll = await deliveries(h, all.webhook.id)
      expect(toAll.map((d) => d.eventType)).toContain('connection.created')
      expect(toAll.map((d) => d.eventType)).not.toContain('connection.refreshed')
      const toExplicit = (await deliveries(h, explicit.webhook.id)).map((d) => d.eventType)
      expect(toExplicit).toEqual(refreshed.map(() => 'connection.refreshed'))
    } finally {
      await other.close()
    }
  })
})

describe('secret rotation', () => {
  let h: Harness
  let receiver: WebhookReceiver
  beforeAll(async () => {
    h = await startDeliveryHarness()
    receiver = await startWebhookReceiver()
  })
  afterAll(async () => {
    await h.close()
    await receiver.close()
  })

  it('signs with both secrets for 24 h after a rotation, then with the new one only', async () => {
    const { webhook, secret: oldSecret } = await createEndpoint(h, receiver.url, ['connection.created'])
    const rotated = await h.api(`/api/v1/webhooks/${webhook.id}/rotate-secret`, { method: 'POST' })
    const { secret: newSecret } = (await rotated.json()) as { secret: string }

    await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })
    const [during] = await receiver.waitFor(1)
    const sigs = String(during?.headers['webhook-signature']).split(' ')
    expect(sigs).toHaveLength(2)
    for (const s of sigs) expect(s).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    // Receivers on either secret accept it, with the package's own verifier and with ours.
    for (const secret of [oldSecret, newSecret]) {
      expect((new Webhook(secret).verify(during?.body ?? '', headersOf(during as never)) as Body).type).toBe(
        'webhook.test',
      )
      expect(verifyWebhook(during?.body ?? '', headersOf(during as never), secret).type).toBe('webhook.test')
    }

    h.clock.advance(24 * HOUR + SECOND)
    const view = (await (await h.api(`/api/v1/webhooks/${webhook.id}`)).json()) as {
      webhook: { previousSecretExpiresAt: string | null }
    }
    expect(view.webhook.previousSecretExpiresAt).toBeNull()
    await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })
    const after = (await receiver.waitFor(2))[1]
    expect(String(after?.headers['webhook-signature']).split(' ')).toHaveLength(1)
    const nowMs = h.clock.nowMs()
    expect(verifyWebhook(after?.body ?? '', headersOf(after as never), newSecret, { nowMs }).type).toBe(
      'webhook.test',
    )
    expect(() => verifyWebhook(after?.body ?? '', headersOf(after as never), oldSecret, { nowMs })).toThrow(
      WebhookVerificationError,
    )
  })
})

describe('a receiver that never answers 2xx', () => {
  let h: Harness
  let receiver: WebhookReceiver
  beforeAll(async () => {
    h = await startDeliveryHarness()
    receiver = await startWebhookReceiver()
    receiver.fallback = { status: 500 }
  })
  afterAll(async () => {
    await h.close()
    await receiver.close()
  })

  /** Moves the clock to each next attempt until the delivery is no longer PENDING. */
  async function runOut(webhookId: string, deliveryId: string): Promise<DeliveryJson> {
    for (let i = 0; i < 50; i++) {
      const d = (await deliveries(h, webhookId)).find((x) => x.id === deliveryId) as DeliveryJson
      if (d.status !== 'PENDING' && d.status !== 'DELIVERING') return d
      if (d.status === 'PENDING' && d.nextAttemptAt && Date.parse(d.nextAttemptAt) > h.clock.nowMs()) {
        const before = d.attempts
        h.clock.set(new Date(Date.parse(d.nextAttemptAt)))
        await expect
          .poll(
            async () =>
              ((await deliveries(h, webhookId)).find((x) => x.id === deliveryId) as DeliveryJson).attempts,
          )
          .toBe(before + 1)
      } else await settle()
    }
    throw new Error('the delivery never ended')
  }

  it('runs the schedule out to FAILED in about 3 days; after 3 days of nothing delivered the endpoint is disabled, with an event', async () => {
    const start = h.clock.nowMs()
    const { webhook } = await createEndpoint(h, receiver.url, ['connection.created'])
    const first = (await (await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })).json()) as {
      delivery: DeliveryJson
    }
    const failed = await runOut(webhook.id, first.delivery.id)
    expect(failed.status).toBe('FAILED')
    expect(failed.nextAttemptAt).toBeNull()
    // 5 s, 1 min, 10 min, 1 h, 6 h, then every 12 h while within 3 days: 11 attempts.
    expect(failed.attempts).toBe(11)
    expect(failed.attemptHistory.every((a) => a.statusCode === 500)).toBe(true)
    const span = h.clock.nowMs() - start
    expect(span).toBeGreaterThan(2.5 * 24 * HOUR)
    expect(span).toBeLessThanOrEqual(3 * 24 * HOUR)
    // The endpoint is younger than 3 days: still enabled.
    let view = (await (await h.api(`/api/v1/webhooks/${webhook.id}`)).json()) as { webhook: WebhookJson }
    expect(view.webhook.enabled).toBe(true)

    const second = (await (
      await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })
    ).json()) as {
      delivery: DeliveryJson
    }
    expect((await runOut(webhook.id, second.delivery.id)).status).toBe('FAILED')
    view = (await (await h.api(`/api/v1/webhooks/${webhook.id}`)).json()) as { webhook: WebhookJson }
    expect(view.webhook.enabled).toBe(false)
    expect(view.webhook.disabledReason).toMatch(/3 days/)
    const disabled = await h.t.deps.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'webhook_endpoint.disabled')
      .execute()
    expect(disabled).toHaveLength(1)
    expect(disabled[0]).toMatchObject({ actorType: 'system', organizationId: h.org.organizationId })
    expect(JSON.parse(disabled[0]?.data ?? '{}')).toMatchObject({ webhookId: webhook.id })
    // A disabled endpoint gets no new events.
    await connectAcme(h, { externalId: 'after-disable' })
    await settle()
    expect(await deliveries(h, webhook.id)).toHaveLength(2)
  })

  // Issue 22: an endpoint filtered to workspaces gets the events of those workspaces only;
  // events of other workspaces and of the organization itself (no workspace) go to unfiltered
  // endpoints only. A replay keeps to the filter too.
  it("an endpoint filtered to workspace A receives A's events only: not B's, nor the organization's", async () => {
    receiver = await startWebhookReceiver()
    const everything = await startWebhookReceiver()
    const org = h.org.organizationId
    const A = h.org.workspaceId
    try {
      const made = await h.api('/api/v1/workspaces', { method: 'POST', json: { name: 'B (webhooks)' } })
      expect(made.status).toBe(201)
      const B = ((await made.json()) as { workspace: { id: string } }).workspace.id
      const res = await h.api('/api/v1/webhooks', {
        method: 'POST',
        json: { url: receiver.url, workspaceIds: [A] },
      })
      expect(res.status).toBe(201)
      const filtered = ((await res.json()) as { webhook: WebhookJson & { workspaceIds: string[] | null } })
        .webhook
      expect(filtered.workspaceIds).toEqual([A])
      await createEndpoint(h, everything.url)
      const last = await h.t.deps.db
        .selectFrom('events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirstOrThrow()
      const from = Number(last.seq)

      await connectAcme(h, { workspaceId: B, externalId: 'filter-in-b' })
      const key = await h.api('/api/v1/api-keys', { method: 'POST', json: { name: 'an organization event' } })
      expect(key.status).toBe(201)
      await connectAcme(h, { externalId: 'filter-in-a' })

      const logged = await h.t.deps.db
        .selectFrom('events')
        .select(['id', 'type', 'workspaceId'])
        .where('organizationId', '=', org)
        .where('seq', '>', from)
        .execute()
      const wanted = logged.filter((e) => e.type !== 'connection.refreshed')
      const inA = wanted.filter((e) => e.workspaceId === A)
      expect(inA.length).toBeGreaterThan(0)
      expect(wanted.some((e) => e.workspaceId === B)).toBe(true)
      expect(wanted.some((e) => e.workspaceId === null)).toBe(true)

      // The unfiltered endpoint gets them all; the filtered one exactly A's.
      const idsOf = (got: Array<{ headers: Record<string, unknown> }>) =>
        got.map((r) => String(r.headers['webhook-id'])).sort()
      await expect
        .poll(() => idsOf(everything.received), { timeout: 5000 })
        .toEqual(expect.arrayContaining(wanted.map((e) => e.id)))
      await receiver.waitFor(inA.length)
      await settle()
      expect(idsOf(receiver.received)).toEqual(inA.map((e) => e.id).sort())
      for (const r of receiver.received) expect(parsed(r).data.workspaceId).toBe(A)

      // A replay of everything since the start sends A's events again, none of the others.
      const inAEver = await h.t.deps.db
        .selectFrom('events')
        .select('id')
        .where('organizationId', '=', org)
        .where('workspaceId', '=', A)
        .where('type', '!=', 'connection.refreshed')
        .execute()
      const replay = await h.api(`/api/v1/webhooks/${filtered.id}/replay`, {
        method: 'POST',
        json: { since: new Date(0).toISOString() },
      })
      expect(replay.status).toBe(202)
      expect(await replay.json()).toEqual({ replayed: inAEver.length, more: false })
      const listed = (await (await h.api(`/api/v1/webhooks/${filtered.id}/deliveries?limit=100`)).json()) as {
        deliveries: Array<{ payload: Body }>
      }
      expect(listed.deliveries.length).toBe(Math.min(inAEver.length, 100))
      for (const d of listed.deliveries) expect(d.payload.data.workspaceId).toBe(A)
    } finally {
      await everything.close()
    }
  })
})

/** A loopback receiver that answers as `handle` does (hangs, stalls its body…). */
async function rawReceiver(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => handle(req, res))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

describe('attempt deadline and the answer kept', () => {
  let h: Harness
  beforeAll(async () => {
    // The worker's attempt deadline is an option (10 s by default): 300 ms here.
    h = await startHarness({ webhooks: { pollMs: 20, jitter: 0, timeoutMs: 300 } })
  })
  afterAll(async () => {
    await h.close()
  })

  it('a receiver that never answers fails the attempt at the deadline, and it is retried', async () => {
    const hang = await rawReceiver(() => {})
    try {
      const { webhook } = await createEndpoint(h, hang.url, ['connection.created'])
      await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })
      await expect.poll(async () => (await onlyDelivery(h, webhook.id)).attempts, { timeout: 3000 }).toBe(1)
      const d = await onlyDelivery(h, webhook.id)
      expect(d).toMatchObject({
        status: 'PENDING',
        lastStatusCode: null,
        lastError: 'No answer within 0.3 s',
      })
      expect(d.attemptHistory[0]?.latencyMs).toBeGreaterThanOrEqual(290)
      expect(d.attemptHistory[0]?.latencyMs).toBeLessThan(2000)
      expect(Date.parse(d.nextAttemptAt ?? '')).toBe(h.clock.nowMs() + 5 * SECOND)
    } finally {
      await hang.close()
    }
  })

  it('keeps at most 1 KiB of a large answer', async () => {
    const receiver = await startWebhookReceiver()
    try {
      receiver.fallback = { status: 200, body: 'x'.repeat(100_000) }
      const { webhook } = await createEndpoint(h, receiver.url, ['connection.created'])
      await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })
      await expect.poll(async () => (await onlyDelivery(h, webhook.id)).status).toBe('DELIVERED')
      const d = await onlyDelivery(h, webhook.id)
      expect(d.lastResponse).toBe('x'.repeat(1024))
    } finally {
      await receiver.close()
    }
  })

  it('a 200 whose body never ends is delivered (the status line counts), once, with what arrived', async () => {
    let arrivals = 0
    const stall = await rawReceiver((_req, res) => {
      arrivals++
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.write('accepted')
    })
    try {
      const { webhook } = await createEndpoint(h, stall.url, ['connection.created'])
      await h.api(`/api/v1/webhooks/${webhook.id}/test`, { method: 'POST' })
      await expect.poll(async () => (await onlyDelivery(h, webhook.id)).attempts, { timeout: 3000 }).toBe(1)
      const d = await onlyDelivery(h, webhook.id)
      expect(d).toMatchObject({ status: 'DELIVERED', lastStatusCode: 200, lastError: null })
      expect(d.lastResponse).toBe('accepted')
      h.clock.advance(HOUR)
      await settle()
      expect(arrivals).toBe(1)
    } finally {
      await stall.close()
    }
  })
})

describe('replay', () => {
  let h: Harness
  let receiver: WebhookReceiver
  beforeAll(async () => {
    h = await startDeliveryHarness()
    receiver = await startWebhookReceiver()
  })
  afterAll(async () => {
    await h.close()
    await receiver.close()
  })

  const replay = async (webhookId: string, since: string) => {
    const res = await h.api(`/api/v1/webhooks/${webhookId}/replay`, { method: 'POST', json: { since } })
    expect(res.status).toBe(202)
    return (await res.json()) as { replayed: number; more: boolean }
  }
  const eventIdOf = async (apiKeyId: string) => {
    const rows = await h.t.deps.db
      .selectFrom('events')
      .select(['id', 'data'])
      .where('type', '=', 'api_key.created')
      .execute()
    return rows.find((r) => (JSON.parse(r.data) as { apiKeyId: string }).apiKeyId === apiKeyId)?.id
  }
  const newKey = async (name: string) => {
    const res = await h.api('/api/v1/api-keys', { method: 'POST', json: { name } })
    expect(res.status).toBe(201)
    return ((await res.json()) as { apiKey: { id: string } }).apiKey.id
  }

  it('resends a delivered event with the same webhook-id, queues one from before the endpoint, skips other types; replayed is the exact count', async () => {
    h.clock.advance(SECOND)
    const since = h.clock.now().toISOString()
    const before = await newKey('before the endpoint')
    // An event of a type the endpoint does not subscribe to.
    expect((await h.api(`/api/v1/api-keys/${before}`, { method: 'DELETE' })).status).toBe(204)
    const { webhook } = await createEndpoint(h, receiver.url, ['api_key.created'])
    const after = await newKey('after the endpoint')
    const [first] = await receiver.waitFor(1)
    expect(first?.headers['webhook-id']).toBe(await eventIdOf(after))
    await expect.poll(async () => (await onlyDelivery(h, webhook.id)).status).toBe('DELIVERED')

    expect(await replay(webhook.id, since)).toEqual({ replayed: 2, more: false })
    const got = await receiver.waitFor(3)
    // Sent at once (no connection orders them): compared as sets.
    expect(
      got
        .slice(1)
        .map((r) => r.headers['webhook-id'] as string)
        .sort(),
    ).toEqual([await eventIdOf(before), await eventIdOf(after)].sort())
    // The resend is the same event: same webhook-id and the same body bytes.
    expect(got.slice(1).find((r) => r.headers['webhook-id'] === first?.headers['webhook-id'])?.body).toBe(
      first?.body,
    )
    await expect
      .poll(async () => (await deliveries(h, webhook.id)).map((d) => `${d.eventType}:${d.status}`))
      .toEqual(['api_key.created:DELIVERED', 'api_key.created:DELIVERED'])
    await settle()
    expect(receiver.received).toHaveLength(3)
  })

  it(`pages at REPLAY_LIMIT (${REPLAY_LIMIT}) events: more is false at exactly the limit, true past it`, async () => {
    const { webhook } = await createEndpoint(h, receiver.url, ['api_key.created'])
    h.clock.advance(SECOND)
    const since = h.clock.now().toISOString()
    // REPLAY_LIMIT events of a type the endpoint does not want (written as rows: no sink, no delivery).
    const row = (type: 'api_key.revoked' | 'api_key.created', at: string) => ({
      id: `evt_${randomUUID()}`,
      organizationId: h.org.organizationId,
      workspaceId: null,
      type,
      occurredAt: at,
      actorType: 'system' as const,
      actorId: null,
      connectionId: null,
      connectSessionId: null,
      endUserId: null,
      integrationId: null,
      data: '{}',
    })
    for (let i = 0; i < REPLAY_LIMIT; i += 500)
      await h.t.deps.db
        .insertInto('events')
        .values(Array.from({ length: 500 }, () => row('api_key.revoked', since)))
        .execute()
    expect(await replay(webhook.id, since)).toEqual({ replayed: 0, more: false })
    // One more, later, that it wants: past the limit, so not in this page.
    h.clock.advance(SECOND)
    const later = h.clock.now().toISOString()
    await h.t.deps.db.insertInto('events').values(row('api_key.created', later)).execute()
    expect(await replay(webhook.id, since)).toEqual({ replayed: 0, more: true })
    // From a later since it is the page's only event.
    expect(await replay(webhook.id, later)).toEqual({ replayed: 1, more: false })
    await expect
      .poll(async () => (await deliveries(h, webhook.id)).map((d) => d.status))
      .toEqual(['DELIVERED'])
  })
})
