import { type Harness, startHarness } from '@switchboard/server/testing/harness'
import { startWebhookReceiver, type WebhookReceiver } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Switchboard, SwitchboardError, verifyWebhook, WebhookVerificationError } from './index.ts'

/**
 * `client.webhooks.*` against a real server (the test harness with its delivery worker) and
 * a real loopback receiver: what the server sends verifies with the SDK's `verifyWebhook`,
 * before and after a rotation.
 */
describe('@switchboard/sdk webhooks', () => {
  let h: Harness
  let receiver: WebhookReceiver
  let client: Switchboard

  beforeAll(async () => {
    h = await startHarness({ webhooks: true })
    receiver = await startWebhookReceiver()
    client = new Switchboard({ baseUrl: h.url, apiKey: h.org.apiKey })
  })
  afterAll(async () => {
    await h?.close()
    await receiver?.close()
  })

  it('create, list, get, update, test (a delivery that verifies), deliveries, retry, replay, rotate, delete', async () => {
    const created = await client.webhooks.create({
      url: receiver.url,
      events: ['webhook_endpoint.updated'],
      description: 'SDK test',
    })
    expect(created.secret).toMatch(/^whsec_/)
    const id = created.webhook.id
    expect(created.webhook).toMatchObject({ url: receiver.url, enabled: true, description: 'SDK test' })

    expect((await client.webhooks.list()).webhooks.map((w) => w.id)).toContain(id)
    expect((await client.webhooks.get(id)).webhook.id).toBe(id)
    const updated = await client.webhooks.update(id, { description: 'SDK test, renamed' })
    expect(updated.webhook.description).toBe('SDK test, renamed')

    // The update is itself a subscribed event; then a test event: two deliveries.
    const tested = await client.webhooks.test(id)
    expect(tested.delivery).toMatchObject({ webhookId: id, eventType: 'webhook.test' })
    const [first, second] = await receiver.waitFor(2)
    const events = [first, second].map((r) => verifyWebhook(r!.body, r!.headers, created.secret))
    expect(events.map((e) => (e as { type: string }).type).sort()).toEqual([
      'webhook.test',
      'webhook_endpoint.updated',
    ])
    // Another secret does not verify it.
    expect(() => verifyWebhook(first!.body, first!.headers, `whsec_${'A'.repeat(43)}=`)).toThrow(
      WebhookVerificationError,
    )

    const page = await client.webhooks.deliveries(id)
    expect(page.deliveries.length).toBeGreaterThanOrEqual(2)
    const testDelivery = page.deliveries.find((d) => d.eventType === 'webhook.test')!
    const sentAgainWait = receiver.waitFor(3)
    // The first delivery's attempt may still be recording: retry once it is DELIVERED.
    await expect
      .poll(async () => (await client.webhooks.deliveries(id, { status: 'DELIVERED' })).deliveries.length)
      .toBeGreaterThanOrEqual(2)
    const retried = await client.webhooks.retry(id, testDelivery.id)
    expect(retried.delivery.id).toBe(testDelivery.id)
    await sentAgainWait

    const beforeReplay = receiver.received.length
    const replayed = await client.webhooks.replay(id, {
      since: new Date(Date.now() - 3_600_000).toISOString(),
    })
    expect(replayed).toMatchObject({ more: false })
    expect(replayed.replayed).toBeGreaterThanOrEqual(1)
    await receiver.waitFor(beforeReplay + replayed.replayed)

    const rotated = await client.webhooks.rotateSecret(id)
    expect(rotated.secret).toMatch(/^whsec_/)
    expect(rotated.secret).not.toBe(created.secret)
    expect(rotated.webhook.previousSecretExpiresAt).not.toBeNull()
    // Deliveries after the rotation (its own webhook_endpoint.updated, then a test) verify
    // with either secret.
    const before = receiver.received.length
    await client.webhooks.test(id)
    const after = (await receiver.waitFor(before + 2)).slice(before)
    for (const secret of [rotated.secret, created.secret]) {
      const types = after.map((r) => (verifyWebhook(r.body, r.headers, secret) as { type: string }).type)
      expect(types.sort()).toEqual(['webhook.test', 'webhook_endpoint.updated'])
    }

    await expect(client.webhooks.delete(id)).resolves.toBeUndefined()
    const gone = await client.webhooks.get(id).catch((e: unknown) => e)
    expect(gone).toBeInstanceOf(SwitchboardError)
    expect(gone).toMatchObject({ status: 404 })
  })
})
