import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createTestDeps, ManualClock } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { createConnection } from '../connections/connections.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { deliverDueWebhooks } from '../webhooks/deliver.ts'
import { createWebhook } from '../webhooks/endpoints.ts'
import { createWebhookSink } from '../webhooks/outbox.ts'
import { getOverview, p95 } from './overview.ts'
import { latencyBucket, ProxyStatsRecorder, pruneProxyStats } from './proxy-stats.ts'

const MINUTE = 60_000

describe('proxy stats for the overview', () => {
  it('sums per-minute counts over instances into hourly traffic, errors and p95, per organization and workspace', async () => {
    const clock = new ManualClock(new Date('2026-01-15T10:00:30.000Z'))
    const t = await createTestDeps({ clock })
    try {
      const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
      const other = await bootstrapOrganization(t.deps, { organizationName: 'Other', plan: 'TEAM' })
      const p: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'k' }
      const a = new ProxyStatsRecorder(clock, 'instance-a')
      const b = new ProxyStatsRecorder(clock, 'instance-b')
      // Instance a: 19 fast answers and one slow 502; b: two 404s; the other org: 5 calls.
      for (let i = 0; i < 19; i++) a.record(org.organizationId, org.workspaceId, 200, 20)
      a.record(org.organizationId, org.workspaceId, 502, 900)
      b.record(org.organizationId, org.workspaceId, 404, 20)
      for (let i = 0; i < 5; i++) b.record(other.organizationId, other.workspaceId, 200, 5)
      expect(a.pending).toBe(20)
      expect(await a.flush(t.deps.db)).toBe(1)
      expect(await b.flush(t.deps.db)).toBe(2)
      expect(a.pending).toBe(0)
      // Nothing new: nothing written.
      expect(await a.flush(t.deps.db)).toBe(0)
      // More in the same minute rewrites a's row whole (not added twice).
      a.record(org.organizationId, org.workspaceId, 200, 20)
      expect(await a.flush(t.deps.db)).toBe(1)
      // Two hours later, one more call.
      clock.advance(2 * 60 * MINUTE)
      b.record(org.organizationId, org.workspaceId, 200, 20)
      await b.flush(t.deps.db)

      const o = await getOverview(t.deps, p, { range: '24h' })
      expect(o.traffic.points).toHaveLength(24)
      expect(o.traffic.slotMinutes).toBe(60)
      expect(o.traffic.totals).toEqual({
        calls: 23,
        clientErrors: 1,
        serverErrors: 1,
        p95Ms: Math.round(1.25 ** latencyBucket(20)),
      })
      const ten = o.traffic.points.find((x) => x.start === '2026-01-15T10:00:00.000Z')
      expect(ten).toMatchObject({ calls: 22, clientErrors: 1, serverErrors: 1 })
      expect(o.traffic.points.at(-1)).toMatchObject({ start: '2026-01-15T12:00:00.000Z', calls: 1 })
      expect(o.traffic.points.filter((x) => x.calls === 0).every((x) => x.p95Ms === null)).toBe(true)
      // The workspace filter, and 7 days in six-hour slots.
      const ws = await getOverview(t.deps, p, { workspaceId: org.workspaceId, range: '7d' })
      expect(ws.traffic.points).toHaveLength(28)
      expect(ws.traffic.totals.calls).toBe(23)
      const q: Principal = { kind: 'apiKey', organizationId: other.organizationId, apiKeyId: 'k' }
      expect((await getOverview(t.deps, q, {})).traffic.totals.calls).toBe(5)

      // Retention drops rows past 8 days.
      clock.advance(8 * 86_400_000)
      expect(await pruneProxyStats(t.deps)).toBe(4)
    } finally {
      await t.close()
    }
  })

  it('reads p95 from the histogram: the bucket holding the 95th percentile call', () => {
    const h: number[] = []
    h[latencyBucket(10)] = 94
    h[latencyBucket(1000)] = 6
    expect(p95(h)).toBe(Math.round(1.25 ** latencyBucket(1000)))
    h[latencyBucket(10)] = 95
    h[latencyBucket(1000)] = 5
    expect(p95(h)).toBe(Math.round(1.25 ** latencyBucket(10)))
    expect(p95([])).toBeNull()
    // Within 25 % of the true value.
    for (const ms of [3, 47, 250, 4000]) {
      const upper = 1.25 ** latencyBucket(ms)
      expect(upper).toBeGreaterThanOrEqual(ms)
      expect(upper).toBeLessThan(ms * 1.25)
    }
  })

  it('lists endpoints whose deliveries fail (a receiver answering 500) and disabled ones, with what to do', async () => {
    const receiver = createServer((_req, res) => {
      res.statusCode = 500
      res.end('down')
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    const port = (receiver.address() as AddressInfo).port
    const t = await createTestDeps({ egressAllow: ['127.0.0.1', `127.0.0.1:${port}`] })
    t.deps.eventSinks = [createWebhookSink(t.deps)]
    try {
      const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
      const p: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'k' }
      const { webhook } = await createWebhook(t.deps, p, { url: `http://127.0.0.1:${port}/hook` })
      expect((await getOverview(t.deps, p, {})).webhookAttention).toEqual([])
      await createConnection(t.deps, p, {
        type: 'SECRET_TEXT',
        integrationName: 'openai',
        workspaceId: org.workspaceId,
        externalId: 'a',
        secretText: 'sk-test',
      })
      expect((await deliverDueWebhooks(t.deps)).claimed).toBeGreaterThan(0)
      const [row] = (await getOverview(t.deps, p, {})).webhookAttention
      expect(row).toMatchObject({
        endpointId: webhook.id,
        enabled: true,
        failedDeliveries: 0,
        lastStatusCode: 500,
        nextStep: expect.stringMatching(/answered 500/),
      })
      expect(row?.retryingDeliveries).toBeGreaterThan(0)
      await t.deps.db
        .updateTable('webhookEndpoints')
        .set({ enabled: 0, disabledReason: 'every delivery failed for 3 days' })
        .execute()
      await t.deps.db.updateTable('webhookDeliveries').set({ status: 'FAILED' }).execute()
      const [disabled] = (await getOverview(t.deps, p, {})).webhookAttention
      expect(disabled).toMatchObject({
        enabled: false,
        nextStep: expect.stringMatching(/disabled.*enable it again/),
      })
      expect(disabled?.failedDeliveries).toBeGreaterThan(0)
      // Another organization sees none of it.
      const other = await bootstrapOrganization(t.deps, { organizationName: 'Other', plan: 'TEAM' })
      const q: Principal = { kind: 'apiKey', organizationId: other.organizationId, apiKeyId: 'k' }
      expect((await getOverview(t.deps, q, {})).webhookAttention).toEqual([])
    } finally {
      await t.close()
      await new Promise((r) => receiver.close(r))
    }
  })
})
