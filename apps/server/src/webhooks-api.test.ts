import { bootstrapOrganization } from '@switchboard/core'
import { startWebhookReceiver, type WebhookReceiver } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

// The webhook endpoints API (issue 22): REST and its tRPC twin over one core, the secret shown
// once and stored encrypted, URL rules, admin events with their actor, and one organization
// never reaching another's endpoints or deliveries.

interface WebhookJson {
  id: string
  url: string
  events: string[] | null
  description: string
  enabled: boolean
  disabledReason: string | null
  previousSecretExpiresAt: string | null
  createdAt: string
  updatedAt: string
}
interface DeliveryJson {
  id: string
  webhookId: string
  eventId: string
  eventType: string
  status: string
  attempts: number
  payload: { type: string; data: Record<string, unknown> }
}
interface ErrorJson {
  error: { code: string; message: string }
}

describe('/api/v1/webhooks', () => {
  let h: Harness
  let receiver: WebhookReceiver
  let apiKeyId: string
  beforeAll(async () => {
    h = await startHarness()
    receiver = await startWebhookReceiver()
    const key = await h.t.deps.db
      .selectFrom('apiKeys')
      .select('id')
      .where('organizationId', '=', h.org.organizationId)
      .executeTakeFirstOrThrow()
    apiKeyId = key.id
  })
  afterAll(async () => {
    await h.close()
    await receiver.close()
  })

  async function create(body: Record<string, unknown>) {
    const res = await h.api('/api/v1/webhooks', { method: 'POST', json: body })
    return { res, body: (await res.json()) as { webhook: WebhookJson; secret: string } & ErrorJson }
  }
  async function eventsOf(type: string) {
    return h.t.deps.db
      .selectFrom('events')
      .selectAll()
      .where('organizationId', '=', h.org.organizationId)
      .where('type', '=', type)
      .orderBy('seq')
      .execute()
  }

  it('POST → 201 with the secret once (whsec_ + 32 bytes), stored only encrypted, and a created event with the actor', async () => {
    const { res, body } = await create({
      url: receiver.url,
      events: ['connection.created', 'connection.created', 'connection.deleted'],
      description: 'CRM sync',
    })
    expect(res.status).toBe(201)
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(body.secret.slice(6), 'base64')).toHaveLength(32)
    expect(body.webhook).toMatchObject({
      url: receiver.url,
      events: ['connection.created', 'connection.deleted'],
      description: 'CRM sync',
      enabled: true,
      disabledReason: null,
    })
    expect(body.webhook.id).toMatch(/^whk_/)
    const row = await h.t.deps.db
      .selectFrom('webhookEndpoints')
      .selectAll()
      .where('id', '=', body.webhook.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain(body.secret.slice(6))
    // Never again: not in GET, not in the list.
    const got = await h.api(`/api/v1/webhooks/${body.webhook.id}`)
    expect(got.status).toBe(200)
    const gotText = await got.text()
    expect(gotText).not.toContain(body.secret.slice(6))
    expect((JSON.parse(gotText) as { webhook: WebhookJson }).webhook).toEqual(body.webhook)
    const list = await h.api('/api/v1/webhooks')
    const listText = await list.text()
    expect(listText).not.toContain(body.secret.slice(6))
    expect((JSON.parse(listText) as { webhooks: WebhookJson[] }).webhooks.map((w) => w.id)).toContain(
      body.webhook.id,
    )
    const [event] = (await eventsOf('webhook_endpoint.created')).filter(
      (e) => JSON.parse(e.data).webhookId === body.webhook.id,
    )
    expect(event).toMatchObject({ actorType: 'api_key', actorId: apiKeyId })
    expect(event?.data).not.toContain(body.secret.slice(6))
  })

  it.each([
    ['plain http to a public host', 'http://hooks.example.com/in', 'EGRESS_DENIED'],
    ['a private address', 'https://10.0.0.7/in', 'EGRESS_DENIED'],
    ['localhost', 'https://localhost:8443/in', 'EGRESS_DENIED'],
    ['credentials in the URL', 'https://user:pw@hooks.example.com/in', 'EGRESS_DENIED'],
    ['not a URL', 'hooks', 'EGRESS_DENIED'],
    ['ftp', 'ftp://hooks.example.com/in', 'EGRESS_DENIED'],
  ])('refuses %s with 400 and a stable code', async (_what, url, code) => {
    const { res, body } = await create({ url })
    expect(res.status).toBe(400)
    expect(body.error.code).toBe(code)
  })

  it('refuses unknown event types and an empty list (400 VALIDATION_ERROR), accepts https to a public host', async () => {
    const unknown = await create({ url: 'https://hooks.example.com/in', events: ['nope.happened'] })
    expect(unknown.res.status).toBe(400)
    expect(unknown.body.error.code).toBe('VALIDATION_ERROR')
    const empty = await create({ url: 'https://hooks.example.com/in', events: [] })
    expect(empty.res.status).toBe(400)
    const ok = await create({ url: 'https://hooks.example.com/in' })
    expect(ok.res.status).toBe(201)
    expect(ok.body.webhook.events).toBeNull()
  })

  it('PATCH changes fields and enabled, with an updated event; DELETE → 204, then 404, with a deleted event', async () => {
    const { body } = await create({ url: receiver.url })
    const id = body.webhook.id
    const patched = await h.api(`/api/v1/webhooks/${id}`, {
      method: 'PATCH',
      json: { enabled: false, events: ['connection.unhealthy'], description: 'paused' },
    })
    expect(patched.status).toBe(200)
    expect(((await patched.json()) as { webhook: WebhookJson }).webhook).toMatchObject({
      enabled: false,
      disabledReason: 'Disabled by an admin',
      events: ['connection.unhealthy'],
      description: 'paused',
    })
    const badUrl = await h.api(`/api/v1/webhooks/${id}`, {
      method: 'PATCH',
      json: { url: 'http://10.1.1.1/' },
    })
    expect(badUrl.status).toBe(400)
    const updated = (await eventsOf('webhook_endpoint.updated')).filter(
      (e) => JSON.parse(e.data).webhookId === id,
    )
    expect(updated).toHaveLength(1)
    expect(JSON.parse(updated[0]?.data ?? '{}').changed.sort()).toEqual(['description', 'enabled', 'events'])
    expect(updated[0]).toMatchObject({ actorType: 'api_key', actorId: apiKeyId })

    const del = await h.api(`/api/v1/webhooks/${id}`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    expect((await h.api(`/api/v1/webhooks/${id}`)).status).toBe(404)
    const deleted = (await eventsOf('webhook_endpoint.deleted')).filter(
      (e) => JSON.parse(e.data).webhookId === id,
    )
    expect(deleted).toHaveLength(1)
    expect(deleted[0]).toMatchObject({ actorType: 'api_key', actorId: apiKeyId })
  })

  it('rotate-secret answers a new secret once and keeps the former for 24 h', async () => {
    const { body } = await create({ url: receiver.url })
    const res = await h.api(`/api/v1/webhooks/${body.webhook.id}/rotate-secret`, { method: 'POST' })
    expect(res.status).toBe(200)
    const rotated = (await res.json()) as { webhook: WebhookJson; secret: string }
    expect(rotated.secret).toMatch(/^whsec_/)
    expect(rotated.secret).not.toBe(body.secret)
    expect(Date.parse(rotated.webhook.previousSecretExpiresAt ?? '')).toBe(h.clock.nowMs() + 24 * 3600_000)
  })

  it('test, deliveries, retry and replay answer for a real endpoint and refuse what cannot work', async () => {
    // Subscribed to one type only, so its own webhook_endpoint.* events are not queued to it.
    const { body } = await create({ url: receiver.url, events: ['connection.created'] })
    const id = body.webhook.id
    const test = await h.api(`/api/v1/webhooks/${id}/test`, { method: 'POST' })
    expect(test.status).toBe(202)
    const { delivery } = (await test.json()) as { delivery: DeliveryJson }
    expect(delivery).toMatchObject({
      webhookId: id,
      eventType: 'webhook.test',
      status: 'PENDING',
      attempts: 0,
    })
    expect(delivery.payload.type).toBe('webhook.test')
    const page = await h.api(`/api/v1/webhooks/${id}/deliveries?status=PENDING&limit=10`)
    expect(page.status).toBe(200)
    const { deliveries } = (await page.json()) as { deliveries: DeliveryJson[] }
    expect(deliveries.map((d) => d.id)).toEqual([delivery.id])
    const none = (await (await h.api(`/api/v1/webhooks/${id}/deliveries?status=FAILED`)).json()) as {
      deliveries: DeliveryJson[]
    }
    expect(none.deliveries).toEqual([])
    expect((await h.api(`/api/v1/webhooks/${id}/deliveries?status=LOST`)).status).toBe(400)
    expect((await h.api(`/api/v1/webhooks/${id}/deliveries?after=garbage`)).status).toBe(400)

    const retry = await h.api(`/api/v1/webhooks/${id}/deliveries/${delivery.id}/retry`, { method: 'POST' })
    expect(retry.status).toBe(202)
    const unknown = await h.api(`/api/v1/webhooks/${id}/deliveries/whd_nope/retry`, { method: 'POST' })
    expect(unknown.status).toBe(404)

    const replay = await h.api(`/api/v1/webhooks/${id}/replay`, {
      method: 'POST',
      json: { since: 'yesterday' },
    })
    expect(replay.status).toBe(400)
    expect(((await replay.json()) as ErrorJson).error.code).toBe('VALIDATION_ERROR')
    const replayed = await h.api(`/api/v1/webhooks/${id}/replay`, {
      method: 'POST',
      json: { since: new Date(h.clock.nowMs() - 60_000).toISOString() },
    })
    expect(replayed.status).toBe(202)
    expect(await replayed.json()).toMatchObject({ replayed: expect.any(Number), more: false })

    // A disabled endpoint: retry and replay would wait forever, so they are refused.
    await h.api(`/api/v1/webhooks/${id}`, { method: 'PATCH', json: { enabled: false } })
    const refused = await h.api(`/api/v1/webhooks/${id}/deliveries/${delivery.id}/retry`, { method: 'POST' })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as ErrorJson).error.message).toMatch(/enable it/)
  })

  it('the tRPC twin runs the same core: create, list, get, update, deliveries, delete', async () => {
    const call = async (proc: string, input: unknown, method: 'GET' | 'POST' = 'POST') => {
      const url =
        method === 'GET'
          ? `/trpc/${proc}?input=${encodeURIComponent(JSON.stringify(input))}`
          : `/trpc/${proc}`
      const res = await h.api(url, method === 'GET' ? {} : { method: 'POST', json: input })
      const body = (await res.json()) as { result?: { data: unknown } }
      return { status: res.status, body: { result: { data: body.result?.data } } }
    }
    const created = await call('webhooks.create', { url: receiver.url, events: ['connection.created'] })
    expect(created.status).toBe(200)
    const { webhook, secret } = created.body.result.data as { webhook: WebhookJson; secret: string }
    expect(secret).toMatch(/^whsec_/)
    const list = await call('webhooks.list', undefined, 'GET')
    expect((list.body.result.data as WebhookJson[]).map((w) => w.id)).toContain(webhook.id)
    const got = await call('webhooks.get', { id: webhook.id }, 'GET')
    expect(got.body.result.data).toEqual(webhook)
    const upd = await call('webhooks.update', { id: webhook.id, description: 'via tRPC' })
    expect((upd.body.result.data as WebhookJson).description).toBe('via tRPC')
    await call('webhooks.test', { id: webhook.id })
    const dl = await call('webhooks.deliveries', { id: webhook.id }, 'GET')
    expect((dl.body.result.data as { deliveries: DeliveryJson[] }).deliveries).toHaveLength(1)
    const del = await call('webhooks.delete', { id: webhook.id })
    expect(del.body.result.data).toEqual({ ok: true })
    expect((await call('webhooks.get', { id: webhook.id }, 'GET')).status).toBe(404)
  })

  it("another organization's endpoints and deliveries are 404 and never listed", async () => {
    const mine = await create({ url: receiver.url })
    const test = await h.api(`/api/v1/webhooks/${mine.body.webhook.id}/test`, { method: 'POST' })
    const { delivery } = (await test.json()) as { delivery: DeliveryJson }
    const other = await bootstrapOrganization(h.t.deps, { organizationName: 'Globex', plan: 'TEAM' })
    const as = { key: other.apiKey }
    const list = (await (await h.api('/api/v1/webhooks', as)).json()) as { webhooks: WebhookJson[] }
    expect(list.webhooks).toEqual([])
    const id = mine.body.webhook.id
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/webhooks/${id}`],
      ['PATCH', `/api/v1/webhooks/${id}`, { enabled: false }],
      ['DELETE', `/api/v1/webhooks/${id}`],
      ['POST', `/api/v1/webhooks/${id}/rotate-secret`],
      ['POST', `/api/v1/webhooks/${id}/test`],
      ['GET', `/api/v1/webhooks/${id}/deliveries`],
      ['POST', `/api/v1/webhooks/${id}/deliveries/${delivery.id}/retry`],
      ['POST', `/api/v1/webhooks/${id}/replay`, { since: '2020-01-01T00:00:00Z' }],
    ]
    for (const [method, path, json] of attempts) {
      const res = await h.api(path, { method, ...as, ...(json !== undefined && { json }) })
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(await res.text()).not.toContain(receiver.url)
    }
    // Their own endpoint cannot reach my delivery either.
    const theirs = await h.api('/api/v1/webhooks', { method: 'POST', json: { url: receiver.url }, ...as })
    const theirId = ((await theirs.json()) as { webhook: WebhookJson }).webhook.id
    const cross = await h.api(`/api/v1/webhooks/${theirId}/deliveries/${delivery.id}/retry`, {
      method: 'POST',
      ...as,
    })
    expect(cross.status).toBe(404)
    // And mine is untouched.
    expect((await h.api(`/api/v1/webhooks/${id}`)).status).toBe(200)
  })
})
