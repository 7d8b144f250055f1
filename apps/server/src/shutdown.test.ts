import { decryptCredentials } from '@switchboard/core'
import { tokenFingerprint } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildServer } from './testing/child-server.ts'
import {
  connectThroughServer,
  expireAccessToken,
  type ProcessFixture,
  startProcessFixture,
} from './testing/processes.ts'

/**
 * A server process told to stop (a deploy, a scale-down) while the provider is answering a
 * refresh: the rotated refresh token exists only in that process's memory until it is committed,
 * so the process must commit before it exits. Real processes, real SIGTERM, SQLite file.
 */
describe('stopping a server while a token refresh is under way', () => {
  let f: ProcessFixture

  beforeAll(async () => {
    f = await startProcessFixture('sqlite')
  }, 60_000)

  afterAll(async () => {
    await f?.close()
  })

  async function credentialsOf(connectionId: string) {
    const row = await f.database.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow()
    const creds = decryptCredentials(f.deps, row)
    if (creds.kind !== 'oauth2') throw new Error('not an OAuth2 connection')
    return { row, creds }
  }

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
    const server = await f.startServer({ SWITCHBOARD_REFRESH_INTERVAL_SECONDS: '1' })
    const { connectionId, headers } = await connectThroughServer(f, server)
    const before = await credentialsOf(connectionId)
    f.provider.resetStats()
    const hold = f.provider.holdNext('refresh_token')
    await expireAccessToken(f, connectionId)
    await hold.reached

    expect(await stopDuringRefresh(server, hold.release)).toBe(0)
    await expectRotationCommitted(connectionId, headers, before)
  }, 60_000)

  it('SIGTERM during a refresh whose caller hung up: the process still commits before it exits', async () => {
    const server = await f.startServer()
    const { connectionId, headers } = await connectThroughServer(f, server)
    const before = await credentialsOf(connectionId)
    f.provider.resetStats()
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
    const server = await f.startServer({ SWITCHBOARD_SHUTDOWN_GRACE_SECONDS: '1' })
    const { connectionId, headers } = await connectThroughServer(f, server)
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
})
