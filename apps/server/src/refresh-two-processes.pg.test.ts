import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildServer } from './testing/child-server.ts'
import {
  connectThroughServer,
  expireAccessToken,
  type ProcessFixture,
  startProcessFixture,
} from './testing/processes.ts'

describe('two server processes on one PostgreSQL database', () => {
  let f: ProcessFixture
  let servers: ChildServer[] = []

  beforeAll(async () => {
    f = await startProcessFixture('postgres')
    servers = await Promise.all([f.startServer(), f.startServer()])
  }, 90_000)

  afterAll(async () => {
    await f?.close()
  })

  it('1,000 concurrent proxied calls on an expired token, split over both processes, make exactly one refresh', async () => {
    const [a, b] = servers
    if (!a || !b) throw new Error('servers did not start')
    const { connectionId, headers } = await connectThroughServer(f, a)

    // Warm both processes up (connections, caches) so their requests really overlap.
    const warm = (server: ChildServer) =>
      fetch(`${server.url}/api/v1/proxy`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ connectionId, url: '/me' }),
      }).then((r) => r.status)
    expect(await Promise.all([warm(a), warm(b)])).toEqual([200, 200])

    await expireAccessToken(f, connectionId)
    f.provider.resetStats()
    f.provider.setTokenDelay(300)

    const call = (server: ChildServer) =>
      fetch(`${server.url}/api/v1/proxy`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ connectionId, url: '/me' }),
      }).then(async (r) => {
        await r.body?.cancel()
        return r.status
      })
    const statuses = await Promise.all(Array.from({ length: 1000 }, (_, i) => call(i % 2 === 0 ? a : b)))
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    expect(f.provider.stats.tokenRequests.refresh_token).toBe(1)
    const row = await f.database.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('ACTIVE')
    expect(row.refreshLeaseOwner).toBeNull()
  }, 120_000)
})
