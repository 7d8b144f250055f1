import { notifyExpiringConnections } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { acmeIntegration, type Harness, startHarness } from './testing/harness.ts'

// connection.expiring (issue 22): the refresh token's lifetime comes from the token answer
// (oidc-provider sending refresh_token_expires_in) or from the integration's
// refreshTokenLifetimeDays; the connection answers `expiring: true` within
// SWITCHBOARD_EXPIRING_DAYS (7) of its end, and the job emits connection.expiring once.

const DAY = 86_400_000

interface ConnectionJson {
  refreshTokenExpiresAt: string | null
  expiring: boolean
}

async function connection(h: Harness, id: string): Promise<ConnectionJson> {
  const res = await h.api(`/api/v1/connections/${id}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { connection: ConnectionJson }).connection
}

async function expiringEvents(h: Harness, connectionId: string) {
  const res = await h.api(`/api/v1/events?type=connection.expiring&connectionId=${connectionId}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { events: Array<{ actor: unknown; data: Record<string, unknown> }> }).events
}

describe('refresh-token lifetime from the token answer (refresh_token_expires_in)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({
      provider: { announceRefreshTokenLifetime: true, refreshTokenTtlSeconds: (10 * DAY) / 1000 },
    })
  })
  afterAll(async () => {
    await h.close()
  })

  it('sets refreshTokenExpiresAt, answers expiring inside the window, and emits connection.expiring once', async () => {
    const { connectionId } = await connectAcme(h)
    const fresh = await connection(h, connectionId)
    const endsAt = Date.parse(fresh.refreshTokenExpiresAt as string)
    expect(Math.abs(endsAt - (h.clock.nowMs() + 10 * DAY))).toBeLessThan(60_000)
    expect(fresh.expiring).toBe(false)
    await notifyExpiringConnections(h.t.deps)
    expect(await expiringEvents(h, connectionId)).toEqual([])

    h.clock.advance(3.5 * DAY)
    expect((await connection(h, connectionId)).expiring).toBe(true)
    await notifyExpiringConnections(h.t.deps)
    await notifyExpiringConnections(h.t.deps)
    const events = await expiringEvents(h, connectionId)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      actor: { type: 'system', id: null },
      data: {
        daysLeft: 6,
        expired: false,
        resolution: 'END_USER_RECONNECT',
        refreshTokenExpiresAt: fresh.refreshTokenExpiresAt,
      },
    })
  })
})

describe('refresh-token lifetime from the integration (refreshTokenLifetimeDays)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  it('without a lifetime anywhere the connection never counts as expiring; with the catalog field it does', async () => {
    const before = await connectAcme(h)
    expect(await connection(h, before.connectionId)).toMatchObject({
      refreshTokenExpiresAt: null,
      expiring: false,
    })

    const definition = acmeIntegration(h.provider, h.upstream)
    const put = await h.api('/api/v1/integrations/acme-idp', {
      method: 'PUT',
      json: { ...definition, oauth2: { ...definition.oauth2, refreshTokenLifetimeDays: 5 } },
    })
    expect(put.status).toBe(200)
    const { connectionId } = await connectAcme(h)
    const c = await connection(h, connectionId)
    expect(
      Math.abs(Date.parse(c.refreshTokenExpiresAt as string) - (h.clock.nowMs() + 5 * DAY)),
    ).toBeLessThan(60_000)
    // Five days is inside the default seven-day window from the start.
    expect(c.expiring).toBe(true)
    await notifyExpiringConnections(h.t.deps)
    expect(await expiringEvents(h, connectionId)).toHaveLength(1)
    expect(await expiringEvents(h, before.connectionId)).toHaveLength(0)

    const bad = await h.api('/api/v1/integrations/acme-idp', {
      method: 'PUT',
      json: { ...definition, oauth2: { ...definition.oauth2, refreshTokenLifetimeDays: 0 } },
    })
    expect(bad.status).toBe(400)
  })
})
