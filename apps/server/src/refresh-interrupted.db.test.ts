import { decryptCredentials } from '@switchboard/core'
import { testDialect, tokenFingerprint } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildServer } from './testing/child-server.ts'
import {
  connectThrough,
  createAcmeOrg,
  expireAccessToken,
  type ProcessFixture,
  startProcessFixture,
} from './testing/processes.ts'

/**
 * A server process that stops while the provider is answering a refresh: the rotated refresh
 * token exists only in that process's memory until it is committed. Told to stop (SIGTERM: a
 * deploy, a scale-down), the process commits before it exits. Killed (SIGKILL: a crash, an OOM
 * kill), it commits nothing; the next server takes the refresh over and first asks the provider
 * (RFC 7662 introspection, `oauth2.introspectionUrl`) whether the old refresh token is still active:
 * - killed after a strict provider (rotation with reuse detection, no grace) rotated the token:
 *   the rotated token died with the process, the old one is inactive and never sent again (that
 *   would be reuse: the provider revokes the grant), and the connection asks for a reconnect;
 * - killed after a provider with a refresh-token reuse grace (as Okta, Auth0) rotated the token:
 *   the old one is still active, the next server sends it once more, and the connection keeps working;
 * - killed before the provider acted: the old token is still active, and the next server refreshes with it.
 * Real processes, on SQLite (`unit`) and PostgreSQL (`pg`).
 */

/** Helpers over a describe block's fixture, read when they run (it starts in `beforeAll`). */
function crashHelpers(fixture: () => ProcessFixture) {
  async function credentialsOf(connectionId: string) {
    const f = fixture()
    const row = await f.database.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow()
    const creds = decryptCredentials(f.deps, row)
    if (creds.kind !== 'oauth2') throw new Error('not an OAuth2 connection')
    return { row, creds }
  }

  /** A server, an organization and a connection made through it, with the provider's stats reset. */
  async function connectedServer(env: Record<string, string> = {}) {
    const f = fixture()
    const server = await f.startServer(env)
    const org = await createAcmeOrg(f)
    const connectionId = await connectThrough(server, org)
    const before = await credentialsOf(connectionId)
    f.provider.resetStats()
    return { server, org, connectionId, headers: org.headers, before }
  }

  const proxyMe = (server: ChildServer, connectionId: string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/v1/proxy`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ connectionId, url: '/me' }),
    })

  /** SIGKILL: nothing runs on the way out, as in a crash or an OOM kill. */
  async function kill(server: ChildServer): Promise<void> {
    const exited = new Promise((resolve) => server.process.once('exit', resolve))
    server.process.kill('SIGKILL')
    await exited
  }

  /** Starts a refresh on `server` and kills it while the provider holds the token request. */
  async function killDuringRefresh(
    server: ChildServer,
    connectionId: string,
    headers: Record<string, string>,
  ) {
    const f = fixture()
    const hold = f.provider.holdNext('refresh_token')
    await expireAccessToken(f, connectionId)
    const call = proxyMe(server, connectionId, headers).catch((e: unknown) => e)
    await hold.reached
    await kill(server)
    expect(await call).toBeInstanceOf(Error)
    // The dead refresher's lease is no longer renewed and runs out within 15 s (LEASE_TTL_MS);
    // these tests need not wait for it (the test above does).
    await f.database.db
      .updateTable('connections')
      .set({ refreshLeaseUntil: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', connectionId)
      .execute()
    return hold
  }

  const refreshTokensSent = () =>
    fixture()
      .provider.tokenLog.filter((r) => r.grantType === 'refresh_token')
      .map((r) => r.params.refresh_token)

  return { credentialsOf, connectedServer, proxyMe, kill, killDuringRefresh, refreshTokensSent }
}

describe('stopping or killing a server while a token refresh is under way (strict provider: rotation with reuse detection, no grace)', () => {
  let f: ProcessFixture

  beforeAll(async () => {
    f = await startProcessFixture(testDialect())
  }, 60_000)

  afterAll(async () => {
    await f?.close()
  })

  const { credentialsOf, connectedServer, proxyMe, kill, killDuringRefresh, refreshTokensSent } =
    crashHelpers(() => f)

  /** Sends SIGTERM while the provider holds the refresh; releases it once the process is still alive. */
  async function stopDuringRefresh(server: ChildServer, release: () => void): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve))
    server.process.kill('SIGTERM')
    // The process must still be waiting for the provider's answer…
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r('alive'), 500))])
    expect(early).toBe('alive')
    release()
    // …and exit cleanly once it has committed what the provider sent.
    return exited
  }

  /** The rotated token was committed, the old one is dead, and a new process uses what was committed. */
  async function expectRotationCommitted(
    connectionId: string,
    headers: Record<string, string>,
    before: Awaited<ReturnType<typeof credentialsOf>>,
  ) {
    const after = await credentialsOf(connectionId)
    expect(after.row.credentialsVersion).toBe(before.row.credentialsVersion + 1)
    expect(after.row.refreshLeaseOwner).toBeNull()
    expect(after.creds.refreshToken).not.toBe(before.creds.refreshToken)
    expect(await f.provider.introspect(after.creds.refreshToken as string)).toBe(true)
    expect(await f.provider.introspect(before.creds.refreshToken as string)).toBe(false)

    const next = await f.startServer()
    const res = await fetch(`${next.url}/api/v1/proxy`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ connectionId, url: '/me' }),
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { authorizedAs: string }).authorizedAs).toBe(
      `bearer:${tokenFingerprint(after.creds.accessToken)}`,
    )
    // One refresh in all, and the rotated-out refresh token was never presented again.
    const refreshes = f.provider.tokenLog.filter((r) => r.grantType === 'refresh_token')
    expect(refreshes.map((r) => r.params.refresh_token)).toEqual([before.creds.refreshToken])
    await next.stop()
  }

  it("SIGTERM during the background refresher's refresh: the process commits the rotated token, then exits 0", async () => {
    const { server, connectionId, headers, before } = await connectedServer({
      SWITCHBOARD_REFRESH_INTERVAL_SECONDS: '1',
    })
    const hold = f.provider.holdNext('refresh_token')
    await expireAccessToken(f, connectionId)
    await hold.reached

    expect(await stopDuringRefresh(server, hold.release)).toBe(0)
    await expectRotationCommitted(connectionId, headers, before)
  }, 60_000)

  it('SIGTERM during a refresh whose caller hung up: the process still commits before it exits', async () => {
    const { server, connectionId, headers, before } = await connectedServer()
    const hold = f.provider.holdNext('refresh_token')
    await expireAccessToken(f, connectionId)
    const caller = new AbortController()
    const call = fetch(`${server.url}/api/v1/proxy`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ connectionId, url: '/me' }),
      signal: caller.signal,
    }).catch((e: unknown) => e)
    await hold.reached
    caller.abort()
    expect(await call).toBeInstanceOf(Error)

    expect(await stopDuringRefresh(server, hold.release)).toBe(0)
    await expectRotationCommitted(connectionId, headers, before)
  }, 60_000)

  it('a shutdown that outlasts SWITCHBOARD_SHUTDOWN_GRACE_SECONDS exits 1 instead of hanging', async () => {
    const { server, connectionId, headers } = await connectedServer({
      SWITCHBOARD_SHUTDOWN_GRACE_SECONDS: '1',
    })
    const hold = f.provider.holdNext('refresh_token')
    await expireAccessToken(f, connectionId)
    const call = fetch(`${server.url}/api/v1/proxy`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ connectionId, url: '/me' }),
    }).catch((e: unknown) => e)
    await hold.reached
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', resolve))
    const started = Date.now()
    server.process.kill('SIGTERM')
    expect(await exited).toBe(1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    hold.release()
    await call
  }, 60_000)

  it('killed after a strict provider rotated the token, before the commit: the old token is never sent again, the connection asks for a reconnect, and reconnecting in place restores it', async () => {
    const { server: a, org, connectionId, before } = await connectedServer()
    const hold = await killDuringRefresh(a, connectionId, org.headers)
    // The provider rotates the refresh token and answers a process that is gone.
    hold.release()
    await expect.poll(() => f.provider.introspect(before.creds.refreshToken as string)).toBe(false)

    const b = await f.startServer()
    const res = await proxyMe(b, connectionId, org.headers)
    expect(res.status).toBe(400)
    const { error } = (await res.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('INVALID_CREDENTIALS')
    expect(error.message).toMatch(/reconnect/i)
    const failed = (await credentialsOf(connectionId)).row
    expect(failed.status).toBe('REFRESH_FAILED')
    expect(failed.statusReason).toMatch(/interrupted.*Reconnect/)
    // Sent once, by the killed process; b asked the provider (introspection) instead of reusing it.
    expect(refreshTokensSent()).toEqual([before.creds.refreshToken])

    expect(await connectThrough(b, org, connectionId)).toBe(connectionId)
    const ok = await proxyMe(b, connectionId, org.headers)
    expect(ok.status).toBe(200)
    await ok.body?.cancel()
    expect((await credentialsOf(connectionId)).row.status).toBe('ACTIVE')
    await b.stop()
  }, 60_000)

  it('killed mid-refresh, its lease left as it was: a call on another server takes the lease over once it is no longer renewed and answers with a fresh token, not a 504', async () => {
    const { server: a, connectionId, headers, before } = await connectedServer()
    const hold = f.provider.holdNext('refresh_token')
    await expireAccessToken(f, connectionId)
    const call = proxyMe(a, connectionId, headers).catch((e: unknown) => e)
    await hold.reached
    await kill(a)
    expect(await call).toBeInstanceOf(Error)
    hold.drop()
    // The dead refresher's lease is still in the database, unexpired.
    const leased = (await credentialsOf(connectionId)).row
    expect(leased.refreshLeaseOwner).not.toBeNull()
    expect(Date.parse(leased.refreshLeaseUntil as string)).toBeGreaterThan(Date.now())

    const b = await f.startServer()
    const res = await proxyMe(b, connectionId, headers)
    const body = (await res.json()) as { authorizedAs?: string; error?: { code: string } }
    expect(body.error?.code).toBeUndefined()
    expect(res.status).toBe(200)
    const after = await credentialsOf(connectionId)
    expect(body.authorizedAs).toBe(`bearer:${tokenFingerprint(after.creds.accessToken)}`)
    expect(after.row).toMatchObject({
      status: 'ACTIVE',
      credentialsVersion: before.row.credentialsVersion + 1,
      refreshLeaseOwner: null,
    })
    expect(refreshTokensSent()).toEqual([before.creds.refreshToken, before.creds.refreshToken])
    await b.stop()
  }, 90_000)

  it('killed before the provider acted on the refresh (any provider): the next server refreshes with the same, still valid token', async () => {
    const { server: a, connectionId, headers, before } = await connectedServer()
    const hold = await killDuringRefresh(a, connectionId, headers)
    hold.drop()
    expect(await f.provider.introspect(before.creds.refreshToken as string)).toBe(true)

    const b = await f.startServer()
    const res = await proxyMe(b, connectionId, headers)
    expect(res.status).toBe(200)
    await res.body?.cancel()
    const after = await credentialsOf(connectionId)
    expect(after.row).toMatchObject({
      status: 'ACTIVE',
      credentialsVersion: before.row.credentialsVersion + 1,
    })
    expect(after.row.refreshLeaseOwner).toBeNull()
    expect(await f.provider.introspect(after.creds.refreshToken as string)).toBe(true)
    // The first request never reached the provider's logic, so the second is not a reuse.
    expect(refreshTokensSent()).toEqual([before.creds.refreshToken, before.creds.refreshToken])
    expect(f.provider.stats.tokenSuccesses.refresh_token).toBe(1)
    await b.stop()
  }, 60_000)
})

describe('killing a server while a token refresh is under way, against a provider with a refresh-token reuse grace (as Okta, Auth0)', () => {
  let f: ProcessFixture

  beforeAll(async () => {
    f = await startProcessFixture(testDialect(), { refreshTokenReuseGraceSeconds: 60 })
  }, 60_000)

  afterAll(async () => {
    await f?.close()
  })

  const { credentialsOf, connectedServer, proxyMe, killDuringRefresh, refreshTokensSent } = crashHelpers(
    () => f,
  )

  it('killed after the provider rotated the token, before the commit: the next server finds the old token still active, sends it once more, and the connection keeps working', async () => {
    const { server: a, org, connectionId, before } = await connectedServer()
    const oldToken = before.creds.refreshToken as string
    const hold = await killDuringRefresh(a, connectionId, org.headers)
    // The provider rotates the refresh token and answers a process that is gone.
    hold.release()
    await expect.poll(() => f.provider.stats.tokenSuccesses.refresh_token).toBe(1)

    // Whether b asked the provider about the old token by the time it sends it again.
    const introspectionsBefore = f.provider.stats.introspections
    let introspectionsAtResend: number | undefined
    const resend = f.provider.holdNext('refresh_token')
    void resend.reached.then(() => {
      introspectionsAtResend = f.provider.stats.introspections
      resend.release()
    })

    const b = await f.startServer()
    const res = await proxyMe(b, connectionId, org.headers)
    expect(res.status).toBe(200)
    const after = await credentialsOf(connectionId)
    expect(((await res.json()) as { authorizedAs: string }).authorizedAs).toBe(
      `bearer:${tokenFingerprint(after.creds.accessToken)}`,
    )
    expect(introspectionsAtResend).toBe(introspectionsBefore + 1)
    // No reconnect: the same connection, still ACTIVE, with b's rotated token committed.
    expect(after.row).toMatchObject({
      id: connectionId,
      status: 'ACTIVE',
      statusReason: null,
      credentialsVersion: before.row.credentialsVersion + 1,
      refreshLeaseOwner: null,
    })
    expect(after.creds.refreshToken).not.toBe(oldToken)
    // Sent twice, by the killed process and by b, inside the grace: no reuse detection fired,
    // the grant is alive.
    expect(refreshTokensSent()).toEqual([oldToken, oldToken])
    expect(f.provider.stats.tokenSuccesses.refresh_token).toBe(2)
    expect(await f.provider.introspect(after.creds.refreshToken as string)).toBe(true)
    expect(f.provider.serverErrors).toEqual([])
    await b.stop()
  }, 60_000)
})
