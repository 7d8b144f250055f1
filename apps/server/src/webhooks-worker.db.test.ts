import { createWebhook, type Principal } from '@switchboard/core'
import { startWebhookReceiver, testDialect, type WebhookReceiver } from '@switchboard/testing'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAcmeOrg, type ProcessFixture, startProcessFixture } from './testing/processes.ts'

/**
 * The webhook outbox as `pnpm start` runs it (issue 22): a real server process writes a
 * delivery in the transaction of each event and its worker sends it; with the worker turned
 * off (SWITCHBOARD_WEBHOOKS_ENABLED=false) deliveries still wait in the outbox, and another
 * instance sends them. SQLite (`unit`) and PostgreSQL (`pg`).
 */
describe('the webhook worker of a server process', () => {
  let f: ProcessFixture
  let receiver: WebhookReceiver

  beforeAll(async () => {
    f = await startProcessFixture(testDialect())
    receiver = await startWebhookReceiver()
  }, 60_000)
  afterAll(async () => {
    await f?.close()
    await receiver?.close()
  })

  async function endpointFor(organizationId: string) {
    const principal: Principal = { kind: 'apiKey', organizationId, apiKeyId: 'test' }
    return createWebhook(f.deps, principal, { url: receiver.url, events: ['api_key.created'] })
  }

  async function deliveriesOf(webhookId: string) {
    return f.database.db
      .selectFrom('webhookDeliveries')
      .selectAll()
      .where('endpointId', '=', webhookId)
      .where('eventType', '=', 'api_key.created')
      .execute()
  }

  it('delivers an event the server wrote, signed, with the event id as webhook-id', async () => {
    const server = await f.startServer({ SWITCHBOARD_WEBHOOK_POLL_MS: '100' })
    const org = await createAcmeOrg(f)
    const { webhook, secret } = await endpointFor(org.organizationId)
    const before = receiver.received.length
    const res = await fetch(`${server.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: org.headers,
      body: JSON.stringify({ name: 'ci' }),
    })
    expect(res.status).toBe(201)
    const [got] = (await receiver.waitFor(before + 1, 5000)).slice(before)
    const body = new Webhook(secret).verify(got?.body ?? '', got?.headers as Record<string, string>) as {
      type: string
      data: { organizationId: string }
    }
    expect(body.type).toBe('api_key.created')
    expect(body.data.organizationId).toBe(org.organizationId)
    const event = await f.database.db
      .selectFrom('events')
      .select('id')
      .where('organizationId', '=', org.organizationId)
      .where('type', '=', 'api_key.created')
      .executeTakeFirstOrThrow()
    expect(got?.headers['webhook-id']).toBe(event.id)
    await expect.poll(async () => (await deliveriesOf(webhook.id))[0]?.status).toBe('DELIVERED')
    expect((await deliveriesOf(webhook.id))[0]?.attempts).toBe(1)
    await server.stop()
  }, 60_000)

  it('with SWITCHBOARD_WEBHOOKS_ENABLED=false keeps the delivery in the outbox for another instance', async () => {
    const quiet = await f.startServer({ SWITCHBOARD_WEBHOOKS_ENABLED: 'false' })
    const org = await createAcmeOrg(f)
    const { webhook } = await endpointFor(org.organizationId)
    const res = await fetch(`${quiet.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: org.headers,
      body: JSON.stringify({ name: 'ci' }),
    })
    expect(res.status).toBe(201)
    // Written with the event, in its transaction: there when the answer is.
    const [pending] = await deliveriesOf(webhook.id)
    expect(pending?.status).toBe('PENDING')
    const before = receiver.received.length
    const sender = await f.startServer({ SWITCHBOARD_WEBHOOK_POLL_MS: '100' })
    const [got] = (await receiver.waitFor(before + 1, 5000)).slice(before)
    expect(got?.headers['webhook-id']).toBe(pending?.eventId)
    await expect.poll(async () => (await deliveriesOf(webhook.id))[0]?.status).toBe('DELIVERED')
    await Promise.all([quiet.stop(), sender.stop()])
  }, 60_000)
})
