import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDeps, ManualClock, type TestDeps } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { appendEvent } from '../events/append-event.ts'
import type { EventType } from '../events/types.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { createWorkspace } from '../tenancy/workspaces.ts'
import {
  createWebhook,
  listWebhookDeliveries,
  listWebhooks,
  replayWebhook,
  retryWebhookDelivery,
  updateWebhook,
} from './endpoints.ts'
import { createWebhookSink } from './outbox.ts'

// An endpoint's workspace filter (issue 22) in SQL on SQLite and PostgreSQL: the outbox sink
// admits only the filter's workspaces, a replay keeps to them, and a principal narrowed to A
// reads (and retries) only the deliveries of A's events, even on an endpoint narrowed to A
// after it got every workspace's.

describe(`webhook workspace filter (${process.env.SWITCHBOARD_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestDeps
  let organizationId: string
  let A: string
  let B: string
  let admin: Principal
  let narrowed: Principal
  beforeAll(async () => {
    t = await createTestDeps({ clock: new ManualClock(new Date()) })
    t.deps.eventSinks = [createWebhookSink(t.deps)]
    const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
    organizationId = org.organizationId
    A = org.workspaceId
    admin = { kind: 'apiKey', organizationId, apiKeyId: 'admin' }
    B = (await createWorkspace(t.deps, admin, { name: 'B' })).id
    narrowed = { kind: 'apiKey', organizationId, apiKeyId: 'narrow', workspaceIds: [A] }
  })
  afterAll(async () => {
    await t.close()
  })

  const emit = (workspaceId: string | null, type: EventType = 'connection.created') =>
    t.deps.db
      .transaction()
      .execute((trx) =>
        appendEvent(
          { ...t.deps, db: trx },
          { organizationId, workspaceId, type, actor: { type: 'system', id: null }, data: {} },
        ),
      )
  const eventIdsOf = async (endpointId: string) =>
    (
      await t.deps.db
        .selectFrom('webhookDeliveries')
        .select('eventId')
        .where('endpointId', '=', endpointId)
        .execute()
    )
      .map((d) => d.eventId)
      .sort()

  it('the sink and a replay admit only the filter’s workspaces; a narrowed principal reads only A’s deliveries', async () => {
    const filtered = (await createWebhook(t.deps, admin, { url: 'https://example.com/a', workspaceIds: [A] }))
      .webhook
    const wide = (await createWebhook(t.deps, admin, { url: 'https://example.com/all' })).webhook
    const inA = await emit(A)
    const inB = await emit(B)
    const org = await emit(null, 'api_key.created')
    expect(await eventIdsOf(filtered.id)).toEqual([inA.id])
    expect(await eventIdsOf(wide.id)).toEqual(expect.arrayContaining([inA.id, inB.id, org.id]))

    // A replay since the beginning: A's event again, and nothing of B's or the organization's.
    await t.deps.db.deleteFrom('webhookDeliveries').where('endpointId', '=', filtered.id).execute()
    expect(await replayWebhook(t.deps, admin, filtered.id, { since: new Date(0).toISOString() })).toEqual({
      replayed: 1,
      more: false,
    })
    expect(await eventIdsOf(filtered.id)).toEqual([inA.id])

    // The unfiltered endpoint, narrowed to A afterwards: the narrowed principal now sees it, but
    // of its deliveries only A's event.
    expect((await listWebhooks(t.deps, narrowed)).map((w) => w.id)).toEqual([filtered.id])
    await updateWebhook(t.deps, admin, wide.id, { workspaceIds: [A] })
    expect((await listWebhooks(t.deps, narrowed)).map((w) => w.id).sort()).toEqual(
      [filtered.id, wide.id].sort(),
    )
    const seen = await listWebhookDeliveries(t.deps, narrowed, wide.id, { limit: 100 })
    expect(seen.deliveries.map((d) => d.eventId)).toEqual([inA.id])
    const all = await listWebhookDeliveries(t.deps, admin, wide.id, { limit: 100 })
    const ofB = all.deliveries.find((d) => d.eventId === inB.id)
    expect(ofB).toBeDefined()
    await expect(retryWebhookDelivery(t.deps, narrowed, wide.id, ofB?.id ?? '')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    const ofA = seen.deliveries[0]?.id ?? ''
    expect((await retryWebhookDelivery(t.deps, narrowed, wide.id, ofA)).delivery.id).toBe(ofA)
  })
})
