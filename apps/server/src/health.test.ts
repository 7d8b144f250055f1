import { eventsOfConnection } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// Truthful health (issue 22): a grant revoked at the provider (oidc-provider) turns the
// connection unhealthy with one event and the resolution, whatever the number of calls; a
// reconnect makes it healthy again with connection.recovered.

interface ConnectionJson {
  status: string
  statusReason: string | null
  statusDetail: { code: string; message: string } | null
  resolution: string
  expiring: boolean
  lastHealthyAt: string | null
  lastUnhealthyAt: string | null
  refreshTokenExpiresAt: string | null
}

describe('connection health', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  const proxy = (id: string) =>
    h.api('/api/v1/proxy', { method: 'POST', json: { connectionId: id, url: '/me' } })
  async function connection(id: string): Promise<ConnectionJson> {
    const res = await h.api(`/api/v1/connections/${id}`)
    expect(res.status).toBe(200)
    return ((await res.json()) as { connection: ConnectionJson }).connection
  }

  it('a new connection is healthy, with nothing to resolve', async () => {
    const { connectionId } = await connectAcme(h)
    const c = await connection(connectionId)
    expect(c).toMatchObject({ status: 'ACTIVE', statusDetail: null, resolution: 'NONE', expiring: false })
    expect(c.lastHealthyAt).not.toBeNull()
    expect(c.lastUnhealthyAt).toBeNull()
  })

  it('revoked at the provider: the next proxied calls emit exactly one connection.unhealthy (END_USER_RECONNECT); a reconnect emits connection.recovered', async () => {
    const { connectionId } = await connectAcme(h)
    const ok = await proxy(connectionId)
    expect(ok.status).toBe(200)
    await ok.body?.cancel()

    expect(h.provider.revokeAllGrants()).toBeGreaterThan(0)
    for (let i = 0; i < 3; i++) {
      const res = await proxy(connectionId)
      expect(res.status).toBeGreaterThanOrEqual(400)
      await res.body?.cancel()
    }
    const unhealthy = (await eventsOfConnection(h.t.deps.db, connectionId)).filter(
      (e) => e.type === 'connection.unhealthy',
    )
    expect(unhealthy).toHaveLength(1)
    expect(unhealthy[0]?.data).toMatchObject({
      resolution: 'END_USER_RECONNECT',
      reason: { code: 'REFRESH_TOKEN_REJECTED' },
    })
    const broken = await connection(connectionId)
    expect(broken).toMatchObject({
      status: 'REFRESH_FAILED',
      resolution: 'END_USER_RECONNECT',
      statusDetail: { code: 'REFRESH_TOKEN_REJECTED' },
    })
    expect(broken.statusDetail?.message).toMatch(/reconnect/i)
    expect(broken.lastUnhealthyAt).not.toBeNull()

    await connectAcme(h, { connectionId })
    const types = (await eventsOfConnection(h.t.deps.db, connectionId)).map((e) => e.type)
    expect(types.slice(-3)).toEqual([
      'connection.reconnected',
      'connection.recovered',
      'connect_session.completed',
    ])
    expect(types.filter((t) => t === 'connection.unhealthy')).toHaveLength(1)
    const healed = await connection(connectionId)
    expect(healed).toMatchObject({ status: 'ACTIVE', statusDetail: null, resolution: 'NONE' })
    const res = await proxy(connectionId)
    expect(res.status).toBe(200)
    await res.body?.cancel()
  })
})
