import { ProxyStatsRecorder } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// The overview's traffic through the real server: calls proxied to the loopback upstream are
// counted (a 200 and a scripted 404), written by the flush, and read back by tRPC
// stats.overview with their errors and p95, for this organization only.

describe('stats.overview traffic', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
    h.t.deps.proxyStats = new ProxyStatsRecorder(h.t.deps.clock)
  })
  afterAll(async () => {
    await h?.close()
  })

  const overview = async (key: string | null = null, input: object = {}) => {
    const res = await h.api(`/trpc/stats.overview?input=${encodeURIComponent(JSON.stringify(input))}`, {
      ...(key !== null && { key }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
    return ((await res.json()) as { result: { data: { traffic: { totals: Record<string, unknown> } } } })
      .result.data
  }

  it('counts proxied calls with their 4xx, and p95, once flushed', async () => {
    const { connectionId } = await connectAcme(h)
    const proxy = () => h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url: '/me' } })
    expect((await proxy()).status).toBe(200)
    h.upstream.failNext(1, 404)
    expect((await proxy()).status).toBe(404)
    expect((await overview()).traffic.totals.calls).toBe(0)
    await h.t.deps.proxyStats?.flush(h.t.deps.db)
    const o = await overview(null, { range: '7d' })
    expect(o.traffic.totals).toMatchObject({ calls: 2, clientErrors: 1, serverErrors: 0 })
    expect(o.traffic.totals.p95Ms).toEqual(expect.any(Number))
  })
})
