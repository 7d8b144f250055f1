import { CONNECTING_STALE_MS, IDLE_REFRESH_MS, refreshDueAt, secretAt } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildServer } from './testing/child-server.ts'
import {
  type AcmeOrg,
  connectThrough,
  createAcmeOrg,
  type ProcessFixture,
  startProcessFixture,
} from './testing/processes.ts'

const CONNECTIONS = 10
const SESSIONS = 20

/**
 * Three server processes on one PostgreSQL database run their background jobs on the same
 * rows at the same moments (a pass every second, and the recovery at start-up): every due
 * connection is refreshed once (due by its token's expiry, or by keep-alive after a day idle),
 * every interrupted session ends once with one connect_session.failed, and the tokens every interrupted connect session held are
 * revoked once, by whichever process claimed the item first.
 */
describe('background jobs on three server processes sharing one PostgreSQL', () => {
  let f: ProcessFixture
  let org: AcmeOrg
  let first: ChildServer
  const connectionIds: string[] = []
  const sessionIds: string[] = []

  beforeAll(async () => {
    f = await startProcessFixture('postgres')
    first = await f.startServer()
    org = await createAcmeOrg(f)
    for (let i = 0; i < CONNECTIONS; i++)
      connectionIds.push(await connectThrough(first, org, undefined, `jobs-${i}`))
    for (let i = 0; i < SESSIONS; i++) {
      const res = await fetch(`${first.url}/api/v1/connect/token`, {
        method: 'POST',
        headers: org.headers,
        body: JSON.stringify({
          integrationName: 'acme-idp',
          connectionName: 'Acme',
          externalId: `interrupted-${i}`,
          workspaceId: org.workspaceId,
        }),
      })
      if (res.status !== 201) throw new Error(`connect token: ${res.status} ${await res.text()}`)
      sessionIds.push(((await res.json()) as { sessionId: string }).sessionId)
    }
    await first.stop()
  }, 120_000)

  afterAll(async () => {
    await f?.close()
  })

  it('refresh each due connection once, announce each expiring one once and revoke each held token once', async () => {
    const db = f.database.db
    const stale = new Date(Date.now() - CONNECTING_STALE_MS - 60_000).toISOString()
    // Sessions whose exchange obtained tokens that no connection will hold (a crash between
    // the exchange and the commit, or a revocation that failed): half still CONNECTING, half
    // already FAILED with the tokens kept for a later revocation attempt.
    for (const [i, id] of sessionIds.entries()) {
      const tokens = { accessToken: `at-${i}`, refreshToken: `rt-${i}`, tokenType: 'Bearer' }
      await db
        .updateTable('connectSessions')
        .set({
          status: i % 2 === 0 ? 'CONNECTING' : 'FAILED',
          tokensCiphertext: f.deps.cipher.encrypt(JSON.stringify(tokens), secretAt.sessionTokens(id)),
          updatedAt: stale,
        })
        .where('id', '=', id)
        .execute()
    }
    // Every connection due for its proactive refresh.
    const before = new Map(
      (await db.selectFrom('connections').select(['id', 'credentialsVersion']).execute()).map((r) => [
        r.id,
        r.credentialsVersion,
      ]),
    )
    await db
      .updateTable('connections')
      // And its refresh token ends within the connection.expiring window (the leased job).
      .set({
        refreshDueAt: new Date(Date.now() - 1000).toISOString(),
        refreshTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
        expiringNotifiedAt: null,
      })
      .where('id', 'in', connectionIds)
      .execute()
    // Half of them are due by keep-alive instead: the access token is good for another day, but
    // the connection was last authorized and refreshed longer than IDLE_REFRESH_MS ago.
    const idle = connectionIds.filter((_, i) => i % 2 === 1)
    const idleSince = new Date(Date.now() - IDLE_REFRESH_MS - 60_000).toISOString()
    const idleInputs = {
      type: 'OAUTH2',
      status: 'ACTIVE',
      tokenExpiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      lastAuthorizedAt: idleSince,
      lastRefreshedAt: idleSince,
      nextRefreshAt: null,
    }
    const idleDue = refreshDueAt(idleInputs)
    expect(idleDue !== null && idleDue < new Date().toISOString()).toBe(true)
    await db
      .updateTable('connections')
      .set({ ...idleInputs, type: 'OAUTH2', status: 'ACTIVE', refreshDueAt: idleDue })
      .where('id', 'in', idle)
      .execute()
    f.provider.resetStats()
    f.provider.revocationLog.length = 0

    await Promise.all([1, 2, 3].map(() => f.startServer({ SWITCHBOARD_REFRESH_INTERVAL_SECONDS: '1' })))

    const settled = async () => {
      const held = await db
        .selectFrom('connectSessions')
        .select('id')
        .where('id', 'in', sessionIds)
        .where('tokensCiphertext', 'is not', null)
        .execute()
      const rows = await db.selectFrom('connections').select(['id', 'credentialsVersion']).execute()
      const refreshed = rows.filter((r) => r.credentialsVersion !== before.get(r.id)).length
      return { held: held.length, refreshed }
    }
    await expect
      .poll(settled, { timeout: 30_000, interval: 250 })
      .toEqual({ held: 0, refreshed: CONNECTIONS })
    // Several more passes on every process: nothing is done again.
    await new Promise((r) => setTimeout(r, 3000))

    expect(f.provider.stats.tokenRequests.refresh_token).toBe(CONNECTIONS)
    // connection.expiring: one event per connection, whichever process's pass sent it.
    const expiring = await db
      .selectFrom('events')
      .select(['connectionId'])
      .where('type', '=', 'connection.expiring')
      .where('connectionId', 'in', connectionIds)
      .execute()
    expect(expiring.map((e) => e.connectionId).sort()).toEqual([...connectionIds].sort())
    const rows = await db.selectFrom('connections').select(['id', 'credentialsVersion', 'status']).execute()
    for (const row of rows) {
      expect(row.status).toBe('ACTIVE')
      expect(Number(row.credentialsVersion) - Number(before.get(row.id))).toBe(1)
    }
    const revoked = new Map<string, number>()
    for (const r of f.provider.revocationLog)
      revoked.set(String(r.token), (revoked.get(String(r.token)) ?? 0) + 1)
    const expected = new Map(sessionIds.flatMap((_, i) => [[`rt-${i}`, 1] as const, [`at-${i}`, 1] as const]))
    expect(Object.fromEntries(revoked)).toEqual(Object.fromEntries(expected))
    const sessions = await db
      .selectFrom('connectSessions')
      .select(['status'])
      .where('id', 'in', sessionIds)
      .execute()
    expect(sessions.every((s) => s.status === 'FAILED')).toBe(true)
    // Session recovery: each interrupted CONNECTING session ended once, with one connect_session.failed.
    const failedEvents = await db
      .selectFrom('events')
      .select(['connectSessionId'])
      .where('type', '=', 'connect_session.failed')
      .where('connectSessionId', 'in', sessionIds)
      .execute()
    expect(failedEvents.map((e) => e.connectSessionId).sort()).toEqual(
      sessionIds.filter((_, i) => i % 2 === 0).sort(),
    )
  }, 120_000)
})
