import type { WebhookDelivery } from '@switchboard/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDeps, ManualClock, type TestDeps } from '../../../testing/src/deps.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../../../testing/src/webhook-receiver.ts'
import type { Principal } from '../auth/principal.ts'
import { newEventId } from '../events/append-event.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { claimDueDeliveries, deliverDueWebhooks, sendDelivery } from './deliver.ts'
import { createWebhook } from './endpoints.ts'
import { enqueueDeliveries } from './outbox.ts'

// The outbox claim (issue 22) on SQLite and PostgreSQL: two workers claiming at once never
// take the same delivery (FOR UPDATE SKIP LOCKED on PostgreSQL, serialized writes on SQLite);
// a lease that runs out lets another worker take the row, and the first worker's late outcome
// is dropped; one connection's deliveries are claimed one at a time, in order.

describe(`claimDueDeliveries (${process.env.SWITCHBOARD_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestDeps
  let clock: ManualClock
  let receiver: WebhookReceiver
  let organizationId: string
  let principal: Principal
  beforeAll(async () => {
    clock = new ManualClock(new Date())
    t = await createTestDeps({ clock })
    receiver = await startWebhookReceiver()
    organizationId = (await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' }))
      .organizationId
    principal = { kind: 'apiKey', organizationId, apiKeyId: 'test' }
  })
  afterAll(async () => {
    await receiver.close()
    await t.close()
  })

  let seq = 1
  async function enqueue(endpointId: string, connectionId: string | null = null): Promise<string> {
    const [id] = await enqueueDeliveries(
      t.deps,
      t.deps.db,
      {
        id: newEventId(),
        organizationId,
        workspaceId: null,
        type: 'connection.created',
        occurredAt: clock.now().toISOString(),
        actor: { type: 'system', id: null },
        connectionId,
        data: {},
        seq: seq++,
      },
      [endpointId],
    )
    return id as string
  }
  const endpoint = async () => (await createWebhook(t.deps, principal, { url: receiver.url })).webhook.id
  const drain = async (owner: string, claimed: WebhookDelivery[]) => {
    for (;;) {
      const rows = await claimDueDeliveries(t.deps, { owner, batchSize: 7 })
      if (rows.length === 0) return
      claimed.push(...rows)
    }
  }

  it('two workers claiming at once never take the same delivery, and together take all', async () => {
    const id = await endpoint()
    const ids = new Set<string>()
    for (let i = 0; i < 200; i++) ids.add(await enqueue(id))
    const a: WebhookDelivery[] = []
    const b: WebhookDelivery[] = []
    await Promise.all([
      drain('worker-a', a),
      drain('worker-b', b),
      drain('worker-a', a),
      drain('worker-b', b),
    ])
    const all = [...a, ...b].map((d) => d.id)
    expect(all).toHaveLength(200)
    expect(new Set(all)).toEqual(ids)
    for (const [owner, list] of [
      ['worker-a', a],
      ['worker-b', b],
    ] as const) {
      for (const d of list) expect(d).toMatchObject({ status: 'DELIVERING', leaseOwner: owner })
    }
    const rows = await t.deps.db
      .selectFrom('webhookDeliveries')
      .selectAll()
      .where('endpointId', '=', id)
      .execute()
    const ownerOf = new Map<string, string>([
      ...a.map((d): [string, string] => [d.id, 'worker-a']),
      ...b.map((d): [string, string] => [d.id, 'worker-b']),
    ])
    for (const r of rows) expect(r.leaseOwner).toBe(ownerOf.get(r.id))
    // Settled, so their leases do not run out under the next tests.
    await t.deps.db
      .updateTable('webhookDeliveries')
      .set({ status: 'DELIVERED' })
      .where('endpointId', '=', id)
      .execute()
  })

  it('a lease that ran out is taken by another worker; the first worker’s late outcome is dropped', async () => {
    const id = await endpoint()
    const deliveryId = await enqueue(id)
    const [mine] = await claimDueDeliveries(t.deps, { owner: 'slow', leaseMs: 60_000 })
    expect(mine?.id).toBe(deliveryId)
    expect(await claimDueDeliveries(t.deps, { owner: 'other' })).toEqual([])
    clock.advance(60_001)
    const [taken] = await claimDueDeliveries(t.deps, { owner: 'other' })
    expect(taken?.id).toBe(deliveryId)
    // The slow worker finally sends: the receiver gets it (at least once), its outcome is not kept.
    expect(await sendDelivery(t.deps, mine as WebhookDelivery)).toBe('delivered')
    const row = await t.deps.db
      .selectFrom('webhookDeliveries')
      .selectAll()
      .where('id', '=', deliveryId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'DELIVERING', leaseOwner: 'other', attempts: 0 })
    const attempts = await t.deps.db
      .selectFrom('webhookDeliveryAttempts')
      .selectAll()
      .where('deliveryId', '=', deliveryId)
      .execute()
    expect(attempts).toEqual([])
    // The owner of the lease records its outcome.
    expect(await sendDelivery(t.deps, taken as WebhookDelivery)).toBe('delivered')
    const done = await t.deps.db
      .selectFrom('webhookDeliveries')
      .selectAll()
      .where('id', '=', deliveryId)
      .executeTakeFirstOrThrow()
    expect(done).toMatchObject({ status: 'DELIVERED', leaseOwner: null, attempts: 1 })
  })

  it('claims one connection’s deliveries one at a time, oldest first, even with two workers', async () => {
    const id = await endpoint()
    const c1 = [await enqueue(id, 'conn_1'), await enqueue(id, 'conn_1'), await enqueue(id, 'conn_1')]
    const c2 = await enqueue(id, 'conn_2')
    const [x, y] = await Promise.all([
      claimDueDeliveries(t.deps, { owner: 'worker-a' }),
      claimDueDeliveries(t.deps, { owner: 'worker-b' }),
    ])
    const claimed = [...(x ?? []), ...(y ?? [])].map((d) => d.id).sort()
    expect(claimed).toEqual([c1[0], c2].sort())
    // Until the first is settled, the second is not due; then it is, and only it.
    expect(await claimDueDeliveries(t.deps, { owner: 'worker-a' })).toEqual([])
    const first = [...(x ?? []), ...(y ?? [])].find((d) => d.id === c1[0]) as WebhookDelivery
    expect(await sendDelivery(t.deps, first)).toBe('delivered')
    const next = await claimDueDeliveries(t.deps, { owner: 'worker-b' })
    expect(next.map((d) => d.id)).toEqual([c1[1]])
  })

  it('one pass records every outcome of its batch, delivered and failed alike, in group commits', async () => {
    const id = await endpoint()
    const ids: string[] = []
    for (let i = 0; i < 40; i++) ids.push(await enqueue(id))
    const before = receiver.received.length
    // The receiver's next 10 answers are 500s, then its fallback (204).
    receiver.answers.push(...Array.from({ length: 10 }, () => ({ status: 500 })))
    const pass = await deliverDueWebhooks(t.deps, { owner: 'batch', batchSize: 100 })
    expect(pass).toEqual({ claimed: 40, delivered: 30 })
    expect(receiver.received.length - before).toBe(40)
    const rows = await t.deps.db
      .selectFrom('webhookDeliveries')
      .selectAll()
      .where('endpointId', '=', id)
      .execute()
    expect(rows).toHaveLength(40)
    const byStatus = (status: string) => rows.filter((r) => r.status === status)
    expect(byStatus('DELIVERED')).toHaveLength(30)
    expect(byStatus('PENDING')).toHaveLength(10)
    for (const r of rows) expect(r).toMatchObject({ attempts: 1, leaseOwner: null, leaseExpiresAt: null })
    for (const r of byStatus('PENDING')) {
      expect(r.lastStatusCode).toBe(500)
      expect(r.nextAttemptAt > clock.now().toISOString()).toBe(true)
    }
    const attempts = await t.deps.db
      .selectFrom('webhookDeliveryAttempts')
      .select(['deliveryId', 'statusCode'])
      .where('deliveryId', 'in', ids)
      .execute()
    expect(attempts).toHaveLength(40)
    expect(attempts.filter((a) => a.statusCode === 500)).toHaveLength(10)
  })
})
