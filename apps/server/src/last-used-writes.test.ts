import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// lastUsedAt is not a write per proxied call (issue 22: the proxy stays as fast with events on):
// the connection's lastUsedAt moves at most once a minute however many calls go through, so N
// calls make about N / (calls per minute) writes. Proved by the stored value: while calls keep
// coming with the clock moving inside the minute, the row still holds the first call's time.

describe('lastUsedAt written at most once a minute, not per proxied call', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  const proxy = async (id: string) => {
    const res = await h.api('/api/v1/proxy', { method: 'POST', json: { connectionId: id, url: '/me' } })
    expect(res.status).toBe(200)
    await res.body?.cancel()
  }
  const lastUsedAt = async (id: string) =>
    (
      await h.t.deps.db
        .selectFrom('connections')
        .select('lastUsedAt')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).lastUsedAt
  const settle = () => new Promise((r) => setTimeout(r, 50))

  it('100 calls over 59 s leave the first write in place; the first call after the minute writes again', async () => {
    const { connectionId } = await connectAcme(h)
    expect(await lastUsedAt(connectionId)).toBeNull()
    await proxy(connectionId)
    await settle()
    const first = await lastUsedAt(connectionId)
    expect(first).toBe(h.clock.now().toISOString())

    for (let i = 0; i < 100; i++) {
      h.clock.advance(590)
      await proxy(connectionId)
    }
    await settle()
    // 100 calls, 59 s later: no write (the value is still the first call's time).
    expect(await lastUsedAt(connectionId)).toBe(first)

    h.clock.advance(1_000)
    await proxy(connectionId)
    await settle()
    expect(await lastUsedAt(connectionId)).toBe(h.clock.now().toISOString())
  })
})
