import { decryptCredentials, getFreshCredentials, refreshDueConnections } from '@switchboard/core'
import { openDatabase } from '@switchboard/db'
import { tokenFingerprint } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

const HOUR = 3600_000

async function rowOf(h: Harness, id: string) {
  return h.t.deps.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function credsOf(h: Harness, id: string) {
  const row = await rowOf(h, id)
  const creds = decryptCredentials(h.t.deps, row)
  if (creds.kind !== 'oauth2') throw new Error('expected oauth2 credentials')
  return { row, creds }
}

/** Refresh-grant requests the provider received since `since` (an index into tokenLog). */
function refreshesSince(h: Harness, since: number) {
  return h.provider.tokenLog.slice(since).filter((r) => r.grantType === 'refresh_token')
}

function proxy(h: Harness, connectionId: string, url = '/me') {
  return h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url } })
}

describe('token refresh against oidc-provider (RFC 6749 §6, checklist 11–14)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  it('a refresh response without refresh_token keeps the old refresh token (and it still works)', async () => {
    const { connectionId } = await connectAcme(h)
    const before = await credsOf(h, connectionId)
    expect(before.creds.refreshToken).toEqual(expect.any(String))
    const log = h.provider.tokenLog.length
    h.provider.failNext('refresh_token', {
      status: 200,
      body: { access_token: 'at-without-rotation', token_type: 'Bearer', expires_in: 3600 },
    })
    const fresh = await getFreshCredentials(h.t.deps, before.row, { force: true })
    expect(fresh.credentials).toMatchObject({
      accessToken: 'at-without-rotation',
      refreshToken: before.creds.refreshToken,
    })
    const after = await credsOf(h, connectionId)
    expect(after.creds.accessToken).toBe('at-without-rotation')
    expect(after.creds.refreshToken).toBe(before.creds.refreshToken)
    expect(after.row.credentialsVersion).toBe(before.row.credentialsVersion + 1)
    expect(Date.parse(after.row.tokenExpiresAt as string)).toBe(h.clock.now().getTime() + 3600_000)
    expect(refreshesSince(h, log).map((r) => r.params.refresh_token)).toEqual([before.creds.refreshToken])

    // The kept refresh token is the live one at the provider: the next refresh succeeds with it.
    const again = await getFreshCredentials(h.t.deps, after.row, { force: true })
    const sent = refreshesSince(h, log)
    expect(sent).toHaveLength(2)
    expect(sent[1]).toMatchObject({ canned: false, params: { refresh_token: before.creds.refreshToken } })
    expect(
      await h.provider.introspect(again.credentials.kind === 'oauth2' ? again.credentials.accessToken : ''),
    ).toBe(true)
    const res = await proxy(h, connectionId)
    expect(res.status).toBe(200)
    await res.body?.cancel()
  })

  it('invalid_grant → REFRESH_FAILED with the reason, one attempt, a clear proxy error; the connection is kept and reconnects in place', async () => {
    const { connectionId } = await connectAcme(h)
    const before = await credsOf(h, connectionId)
    const log = h.provider.tokenLog.length
    h.provider.failNext('refresh_token', {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'grant request is invalid' },
    })
    h.clock.advance(2 * HOUR)

    const res = await proxy(h, connectionId)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('INVALID_CREDENTIALS')
    expect(body.error.message).toMatch(/reconnect/i)
    expect(JSON.stringify(body)).not.toContain(before.creds.refreshToken as string)
    expect(refreshesSince(h, log)).toHaveLength(1)

    const view = await h.api(`/api/v1/connections/${connectionId}`)
    expect(view.status).toBe(200)
    const { connection } = (await view.json()) as {
      connection: { status: string; statusReason: string; externalId: string }
    }
    expect(connection.status).toBe('REFRESH_FAILED')
    expect(connection.statusReason).toContain('invalid_grant')

    // No retry loop: later calls fail fast without asking the provider again.
    const second = await proxy(h, connectionId)
    expect(second.status).toBe(400)
    await second.body?.cancel()
    const token = await h.api(`/api/v1/connections/${connectionId}/token`)
    expect(token.status).toBe(400)
    await token.body?.cancel()
    expect(refreshesSince(h, log)).toHaveLength(1)
    const events = await h.api(`/api/v1/connections/${connectionId}/events`)
    const { events: list } = (await events.json()) as { events: Array<{ kind: string }> }
    expect(list.map((e) => e.kind)).toContain('REFRESH_FAILED')

    // Reconnect in place: same id, same externalId, ACTIVE again, and usable.
    const reconnected = await connectAcme(h, { connectionId })
    expect(reconnected.connectionId).toBe(connectionId)
    const afterView = await h.api(`/api/v1/connections/${connectionId}`)
    const after = ((await afterView.json()) as { connection: typeof connection }).connection
    expect(after).toMatchObject({ status: 'ACTIVE', statusReason: null, externalId: connection.externalId })
    const ok = await proxy(h, connectionId)
    expect(ok.status).toBe(200)
    await ok.body?.cancel()
  })

  it('transient 5xx on refresh is retried a bounded number of times, then succeeds', async () => {
    const { connectionId } = await connectAcme(h)
    const successes = h.provider.stats.tokenSuccesses.refresh_token
    const log = h.provider.tokenLog.length
    h.provider.failNext('refresh_token', { status: 503, body: { error: 'temporarily_unavailable' } }, 2)
    h.clock.advance(2 * HOUR)
    const res = await proxy(h, connectionId)
    expect(res.status).toBe(200)
    await res.body?.cancel()
    const sent = refreshesSince(h, log)
    expect(sent.map((r) => r.canned)).toEqual([true, true, false])
    expect(h.provider.stats.tokenSuccesses.refresh_token - successes).toBe(1)
    expect((await rowOf(h, connectionId)).status).toBe('ACTIVE')
  })

  it('a provider that keeps failing gets a bounded number of attempts; the connection stays ACTIVE for a later retry', async () => {
    const { connectionId } = await connectAcme(h)
    const log = h.provider.tokenLog.length
    // One first attempt and three retries (200 ms, 800 ms, 2 s apart), then give up for now.
    h.provider.failNext('refresh_token', { status: 503 }, 4)
    h.clock.advance(2 * HOUR)
    const res = await proxy(h, connectionId)
    expect(res.status).toBe(502)
    // The connection is fine; its token could not be renewed just now: when to try again is said.
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REFRESH_FAILED')
    expect(res.headers.get('retry-after')).toBe('30')
    expect(refreshesSince(h, log).map((r) => r.canned)).toEqual([true, true, true, true])
    const row = await rowOf(h, connectionId)
    expect(row.status).toBe('ACTIVE')
    expect(row.refreshFailures).toBe(1)
    expect(row.refreshLeaseOwner).toBeNull()
    expect(Date.parse(row.nextRefreshAt as string)).toBeGreaterThan(h.clock.now().getTime())
    // Once the provider is back the same connection refreshes normally.
    const ok = await proxy(h, connectionId)
    expect(ok.status).toBe(200)
    await ok.body?.cancel()
    expect(refreshesSince(h, log).map((r) => r.canned)).toEqual([true, true, true, true, false])
    const healed = await rowOf(h, connectionId)
    expect(healed.refreshFailures).toBe(0)
    expect(healed.nextRefreshAt).toBeNull()
  }, 15_000)

  it('a failed commit is retried with the tokens held in memory (beforeCommit throws once)', async () => {
    const { connectionId } = await connectAcme(h)
    const before = await credsOf(h, connectionId)
    const log = h.provider.tokenLog.length
    let failures = 0
    const fresh = await getFreshCredentials(h.t.deps, before.row, {
      force: true,
      hooks: {
        beforeCommit: () => {
          if (failures++ === 0) throw new Error('injected: database unavailable')
        },
      },
    })
    expect(failures).toBe(2)
    expect(refreshesSince(h, log)).toHaveLength(1)
    const after = await credsOf(h, connectionId)
    expect(after.creds).toEqual(fresh.credentials)
    expect(after.creds.refreshToken).not.toBe(before.creds.refreshToken)
    expect(after.row.credentialsVersion).toBe(before.row.credentialsVersion + 1)
    expect(await h.provider.introspect(after.creds.refreshToken as string)).toBe(true)
    // The connection works with what was committed, without another refresh.
    const res = await proxy(h, connectionId)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { authorizedAs: string }).authorizedAs).toBe(
      `bearer:${tokenFingerprint(after.creds.accessToken)}`,
    )
    expect(refreshesSince(h, log)).toHaveLength(1)
  })

  it('a crash after the commit loses nothing: the next call uses the committed token without refreshing', async () => {
    const { connectionId } = await connectAcme(h)
    const before = await credsOf(h, connectionId)
    const log = h.provider.tokenLog.length
    await expect(
      getFreshCredentials(h.t.deps, before.row, {
        force: true,
        hooks: {
          afterCommit: () => {
            throw new Error('injected: crash after commit')
          },
        },
      }),
    ).rejects.toThrow('injected: crash after commit')
    expect(refreshesSince(h, log)).toHaveLength(1)
    const after = await credsOf(h, connectionId)
    expect(after.creds.accessToken).not.toBe(before.creds.accessToken)
    expect(after.creds.refreshToken).not.toBe(before.creds.refreshToken)
    expect(after.row.refreshLeaseOwner).toBeNull()
    const res = await proxy(h, connectionId)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { authorizedAs: string }).authorizedAs).toBe(
      `bearer:${tokenFingerprint(after.creds.accessToken)}`,
    )
    expect(refreshesSince(h, log)).toHaveLength(1)
    // And the rotated refresh token is the live one.
    expect(await h.provider.introspect(after.creds.refreshToken as string)).toBe(true)
    expect(await h.provider.introspect(before.creds.refreshToken as string)).toBe(false)
  })

  /**
   * A refresh whose answer never arrived: it is not retried at once (the first request may still
   * be under way at the provider); the lease is left to run out, and the next refresher asks the
   * provider (introspection) before sending the same refresh token again.
   */
  async function refreshWithLostAnswer(outcome: 'drop' | 'loseAnswer') {
    const { connectionId } = await connectAcme(h)
    const before = await credsOf(h, connectionId)
    const log = h.provider.tokenLog.length
    const hold = h.provider.holdNext('refresh_token')
    const first = getFreshCredentials(h.t.deps, before.row, { force: true }).catch((e: unknown) => e)
    await hold.reached
    hold[outcome]()
    // Retry once the lease the lost request left has run out.
    expect(await first).toMatchObject({ code: 'REFRESH_FAILED', details: { retryAfterSeconds: 20 } })
    expect(refreshesSince(h, log)).toHaveLength(1)
    const settling = await rowOf(h, connectionId)
    expect(settling.refreshLeaseOwner).toBeNull()
    expect(Date.parse(settling.refreshLeaseUntil as string)).toBeGreaterThan(h.clock.now().getTime())
    // Until the lease runs out nobody sends the token again; then the next caller takes over.
    h.clock.advance(60_000)
    const introspections = h.provider.stats.introspections
    const second = await getFreshCredentials(h.t.deps, settling, { force: true }).catch((e: unknown) => e)
    expect(h.provider.stats.introspections - introspections).toBe(1)
    return { connectionId, before, log, second }
  }

  it('an answer lost on the way (the provider rotated, the connection broke): the old token is never resent', async () => {
    const { connectionId, before, log, second } = await refreshWithLostAnswer('loseAnswer')
    expect(second).toMatchObject({ code: 'INVALID_CREDENTIALS' })
    expect(refreshesSince(h, log).map((r) => r.params.refresh_token)).toEqual([before.creds.refreshToken])
    expect(await h.provider.introspect(before.creds.refreshToken as string)).toBe(false)
    const row = await rowOf(h, connectionId)
    expect(row.status).toBe('REFRESH_FAILED')
    expect(row.statusReason).toMatch(/interrupted.*Reconnect/)
    expect(row.refreshLeaseOwner).toBeNull()
  })

  it('a request the provider never acted on (the connection broke first) is sent again after asking, and completes', async () => {
    const successes = h.provider.stats.tokenSuccesses.refresh_token
    const { connectionId, before, log, second } = await refreshWithLostAnswer('drop')
    expect(second).not.toBeInstanceOf(Error)
    expect(refreshesSince(h, log).map((r) => r.params.refresh_token)).toEqual([
      before.creds.refreshToken,
      before.creds.refreshToken,
    ])
    expect(h.provider.stats.tokenSuccesses.refresh_token).toBe(successes + 1)
    const after = await credsOf(h, connectionId)
    expect(after.row.status).toBe('ACTIVE')
    expect(after.row.refreshLeaseUntil).toBeNull()
    expect(await h.provider.introspect(after.creds.refreshToken as string)).toBe(true)
  })

  it('a gateway error (502) may hide a rotation: not retried at once, and the token is checked before it is sent again', async () => {
    const { connectionId } = await connectAcme(h)
    const before = await credsOf(h, connectionId)
    const log = h.provider.tokenLog.length
    h.provider.failNext('refresh_token', { status: 502 })
    const first = await getFreshCredentials(h.t.deps, before.row, { force: true }).catch((e: unknown) => e)
    expect(first).toMatchObject({ code: 'REFRESH_FAILED' })
    expect(refreshesSince(h, log)).toHaveLength(1)
    h.clock.advance(60_000)
    const introspections = h.provider.stats.introspections
    await getFreshCredentials(h.t.deps, await rowOf(h, connectionId), { force: true })
    expect(h.provider.stats.introspections - introspections).toBe(1)
    expect(refreshesSince(h, log).map((r) => r.canned)).toEqual([true, false])
  })

  it('GET /api/v1/connections/:id/token returns a live access token with no-store, refreshing it when expired', async () => {
    const { connectionId } = await connectAcme(h)
    const before = await credsOf(h, connectionId)
    const log = h.provider.tokenLog.length

    const res = await h.api(`/api/v1/connections/${connectionId}/token`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const first = (await res.json()) as { accessToken: string; tokenType: string; expiresAt: string }
    expect(first).toEqual({
      accessToken: before.creds.accessToken,
      tokenType: 'Bearer',
      expiresAt: before.row.tokenExpiresAt,
    })
    expect(await h.provider.introspect(first.accessToken)).toBe(true)
    expect(refreshesSince(h, log)).toHaveLength(0)

    h.clock.advance(2 * HOUR)
    const res2 = await h.api(`/api/v1/connections/${connectionId}/token`)
    expect(res2.status).toBe(200)
    expect(res2.headers.get('cache-control')).toBe('no-store')
    const second = (await res2.json()) as { accessToken: string; expiresAt: string }
    expect(second.accessToken).not.toBe(first.accessToken)
    expect(await h.provider.introspect(second.accessToken)).toBe(true)
    expect(Date.parse(second.expiresAt)).toBeGreaterThan(h.clock.now().getTime())
    expect(refreshesSince(h, log)).toHaveLength(1)
    expect((await credsOf(h, connectionId)).creds.accessToken).toBe(second.accessToken)

    const other = await h.api(`/api/v1/connections/${connectionId}/token`, { key: 'sk_not_a_key' })
    expect(other.status).toBe(401)
    await other.body?.cancel()
  })

  it('concurrent forced refreshes and expired-token proxy calls share one refresh per round', async () => {
    const { connectionId } = await connectAcme(h)
    const log = h.provider.tokenLog.length
    for (let round = 0; round < 3; round++) {
      const row = await rowOf(h, connectionId)
      const results = await Promise.all(
        Array.from({ length: 10 }, () => getFreshCredentials(h.t.deps, row, { force: true })),
      )
      expect(
        new Set(results.map((r) => (r.credentials.kind === 'oauth2' ? r.credentials.accessToken : ''))).size,
      ).toBe(1)
    }
    h.clock.advance(2 * HOUR)
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        proxy(h, connectionId).then(async (r) => {
          await r.body?.cancel()
          return r.status
        }),
      ),
    )
    expect(statuses.every((s) => s === 200)).toBe(true)
    expect(refreshesSince(h, log)).toHaveLength(4)
  })

  // Runs last: every refresh this file caused, canned or real, is in the log.
  it('a refresh token the provider rotated out is never sent again (checklist 11, 12)', () => {
    const sent = h.provider.tokenLog.filter((r) => r.grantType === 'refresh_token')
    expect(sent.length).toBeGreaterThan(10)
    const consumed = new Set<string>()
    for (const r of sent) {
      const token = r.params.refresh_token as string
      expect(token).toEqual(expect.any(String))
      expect(consumed.has(token), 'a rotated-out refresh token was sent again').toBe(false)
      // A canned answer never reached oidc-provider, so the token is still the live one.
      if (!r.canned) consumed.add(token)
    }
    expect(h.provider.serverErrors).toEqual([])
  })
})

describe('background refresher', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  it('renews tokens expiring within the margin and connections idle for over 24 h; concurrent passes refresh each once', async () => {
    // Idle: authorized 25 h ago, its token (per our records) still valid for two hours.
    const idle = await connectAcme(h)
    // Idle too, but refreshed once (25 h ago) since it was authorized.
    const idleRefreshed = await connectAcme(h)
    await getFreshCredentials(h.t.deps, await rowOf(h, idleRefreshed.connectionId), { force: true })
    h.clock.advance(25 * HOUR)
    await h.t.deps.db
      .updateTable('connections')
      .set({ tokenExpiresAt: new Date(h.clock.now().getTime() + 2 * HOUR).toISOString() })
      .where('id', 'in', [idle.connectionId, idleRefreshed.connectionId])
      .execute()
    // Expiring: authorized now, then 55 minutes pass (5 minutes left, inside the 10-minute margin).
    const expiring = await connectAcme(h)
    h.clock.advance(55 * 60_000)
    // Fresh: nothing to do.
    const fresh = await connectAcme(h)
    const before = {
      idle: await rowOf(h, idle.connectionId),
      idleRefreshed: await rowOf(h, idleRefreshed.connectionId),
      expiring: await rowOf(h, expiring.connectionId),
      fresh: await rowOf(h, fresh.connectionId),
    }
    const log = h.provider.tokenLog.length

    // Two passes in this process and one through a second database handle (another instance).
    const second = openDatabase({ sqliteFile: h.t.database.sqliteFile as string })
    try {
      const otherInstance = { ...h.t.deps, db: second.db }
      const results = await Promise.all([
        refreshDueConnections(h.t.deps),
        refreshDueConnections(h.t.deps),
        refreshDueConnections(otherInstance),
      ])
      expect(results.every((r) => r.failed === 0)).toBe(true)
    } finally {
      await second.close()
    }
    const sent = refreshesSince(h, log)
    expect(sent).toHaveLength(3)
    expect(new Set(sent.map((r) => r.params.refresh_token)).size).toBe(3)

    const after = {
      idle: await credsOf(h, idle.connectionId),
      expiring: await credsOf(h, expiring.connectionId),
      fresh: await rowOf(h, fresh.connectionId),
    }
    expect(after.idle.row.credentialsVersion).toBe(before.idle.credentialsVersion + 1)
    expect((await rowOf(h, idleRefreshed.connectionId)).credentialsVersion).toBe(
      before.idleRefreshed.credentialsVersion + 1,
    )
    expect(after.expiring.row.credentialsVersion).toBe(before.expiring.credentialsVersion + 1)
    expect(after.fresh.credentialsVersion).toBe(before.fresh.credentialsVersion)
    expect(after.idle.row.lastRefreshedAt).toBe(h.clock.now().toISOString())
    expect(Date.parse(after.expiring.row.tokenExpiresAt as string)).toBe(h.clock.now().getTime() + HOUR)
    expect(await h.provider.introspect(after.idle.creds.accessToken)).toBe(true)
    expect(await h.provider.introspect(after.expiring.creds.refreshToken as string)).toBe(true)

    // Nothing is due any more.
    expect(await refreshDueConnections(h.t.deps)).toEqual({ refreshed: 0, failed: 0 })
    expect(refreshesSince(h, log)).toHaveLength(3)
  })

  it('skips connections that need a reconnect and backs off after a failed refresh', async () => {
    const broken = await connectAcme(h)
    const flaky = await connectAcme(h)
    // Both due: their tokens expire in 30 s, so renewing them is scheduled for now (the rule,
    // refresh-margin.ts, for a token with 30 s left).
    const soon = new Date(h.clock.now().getTime() + 30_000).toISOString()
    await h.t.deps.db
      .updateTable('connections')
      .set({ tokenExpiresAt: soon, refreshDueAt: h.clock.now().toISOString() })
      .where('id', 'in', [broken.connectionId, flaky.connectionId])
      .execute()
    await h.t.deps.db
      .updateTable('connections')
      .set({ status: 'REFRESH_FAILED', statusReason: 'invalid_grant' })
      .where('id', '=', broken.connectionId)
      .execute()
    const flakyToken = (await credsOf(h, flaky.connectionId)).creds.refreshToken
    const brokenVersion = (await rowOf(h, broken.connectionId)).credentialsVersion
    const log = h.provider.tokenLog.length
    h.provider.failNext('refresh_token', { status: 400, body: { error: 'invalid_request' } })

    expect(await refreshDueConnections(h.t.deps)).toEqual({ refreshed: 0, failed: 1 })
    expect(refreshesSince(h, log).map((r) => r.params.refresh_token)).toEqual([flakyToken])
    const failedRow = await rowOf(h, flaky.connectionId)
    expect(failedRow).toMatchObject({ status: 'ACTIVE', refreshFailures: 1, refreshLeaseOwner: null })

    // Backed off: a pass right away leaves it alone…
    expect(await refreshDueConnections(h.t.deps)).toEqual({ refreshed: 0, failed: 0 })
    expect(refreshesSince(h, log)).toHaveLength(1)
    // …and once the back-off has passed it is refreshed; the broken one never is.
    h.clock.advance(31_000)
    expect(await refreshDueConnections(h.t.deps)).toEqual({ refreshed: 1, failed: 0 })
    expect(refreshesSince(h, log).map((r) => r.params.refresh_token)).toEqual([flakyToken, flakyToken])
    expect(await rowOf(h, broken.connectionId)).toMatchObject({
      status: 'REFRESH_FAILED',
      credentialsVersion: brokenVersion,
    })
  })
})

describe('background refresher with short-lived tokens (5 minutes, as Keycloak issues by default)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ provider: { accessTokenTtlSeconds: 300 } })
  })
  afterAll(async () => {
    await h.close()
  })

  it('over 13 simulated minutes of 30 s ticks a 5-minute token is refreshed about once per lifetime (3 grants, not 26), each time before it expired', async () => {
    const { connectionId } = await connectAcme(h)
    const issued = await rowOf(h, connectionId)
    expect(Date.parse(issued.tokenExpiresAt as string)).toBe(h.clock.now().getTime() + 300_000)
    const log = h.provider.tokenLog.length
    const start = h.clock.now().getTime()
    const refreshedAfterSeconds: number[] = []
    for (let tick = 1; tick <= 26; tick++) {
      h.clock.advance(30_000)
      const before = await rowOf(h, connectionId)
      const pass = await refreshDueConnections(h.t.deps)
      expect(pass.failed).toBe(0)
      if (pass.refreshed === 0) continue
      refreshedAfterSeconds.push((h.clock.now().getTime() - start) / 1000)
      // Renewed while the token was still valid: a quarter of its lifetime (75 s) or less was left.
      const left = Date.parse(before.tokenExpiresAt as string) - h.clock.now().getTime()
      expect(left).toBeGreaterThan(0)
      expect(left).toBeLessThanOrEqual(75_000)
    }
    expect(refreshesSince(h, log)).toHaveLength(3)
    expect(refreshedAfterSeconds).toEqual([240, 480, 720])
    const res = await proxy(h, connectionId)
    expect(res.status).toBe(200)
    await res.body?.cancel()
  })
})
