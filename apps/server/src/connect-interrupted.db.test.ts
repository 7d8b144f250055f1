import { CONNECTING_STALE_MS } from '@switchboard/core'
import { completeAuthorization, testDialect } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAcmeOrg, type ProcessFixture, startProcessFixture } from './testing/processes.ts'

/**
 * A server process killed (SIGKILL: a crash, an OOM kill) in the middle of the OAuth callback,
 * while the provider is answering the code exchange: its connect session was claimed
 * (CONNECTING) and nothing will ever finish it. The next server to start ends it FAILED
 * "interrupted", so the app polling it learns the flow failed and can start again. Real
 * processes, on SQLite (`unit`) and PostgreSQL (`pg`).
 */
describe('a server killed during the OAuth code exchange', () => {
  let f: ProcessFixture

  beforeAll(async () => {
    f = await startProcessFixture(testDialect())
  }, 60_000)
  afterAll(async () => {
    await f?.close()
  })

  it('leaves a CONNECTING session that the next server to start recovers as FAILED "interrupted"; the connect link then works again', async () => {
    const a = await f.startServer()
    const org = await createAcmeOrg(f)
    const tokenRes = await fetch(`${a.url}/api/v1/connect/token`, {
      method: 'POST',
      headers: org.headers,
      body: JSON.stringify({
        integrationName: 'acme-idp',
        connectionName: 'Acme',
        externalId: 'killed-1',
        workspaceId: org.workspaceId,
      }),
    })
    expect(tokenRes.status).toBe(201)
    const { token, sessionId } = (await tokenRes.json()) as { token: string; sessionId: string }
    const { callbackUrl } = await completeAuthorization(`${a.url}/api/v1/connect/authorize?token=${token}`, {
      stopAt: `${a.url}/oauth2/callback`,
    })

    const hold = f.provider.holdNext('authorization_code')
    const callback = fetch(callbackUrl, { redirect: 'manual' }).catch((e: unknown) => e)
    await hold.reached
    const exited = new Promise((resolve) => a.process.once('exit', resolve))
    a.process.kill('SIGKILL')
    await exited
    expect(await callback).toBeInstanceOf(Error)
    // The provider never hands its answer to anyone: nothing was issued that could be revoked.
    hold.drop()

    const session = () =>
      f.database.db
        .selectFrom('connectSessions')
        .selectAll()
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow()
    expect(await session()).toMatchObject({ status: 'CONNECTING', tokensCiphertext: null })
    // Time passes (the flow is surely dead by then); the database shows the claim that old.
    await f.database.db
      .updateTable('connectSessions')
      .set({ updatedAt: new Date(Date.now() - CONNECTING_STALE_MS - 1000).toISOString() })
      .where('id', '=', sessionId)
      .execute()

    const b = await f.startServer()
    const poll = async () =>
      (await (
        await fetch(`${b.url}/api/v1/connect/session/poll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token }),
        })
      ).json()) as { status: string; error: string | null; connectionId: string | null }
    await expect.poll(async () => (await poll()).status, { timeout: 10_000 }).toBe('FAILED')
    expect((await poll()).error).toMatch(/^interrupted: .*start again/)

    // The same connect link starts over and completes on the new server.
    const again = await completeAuthorization(`${b.url}/api/v1/connect/authorize?token=${token}`, {
      stopAt: `${b.url}/oauth2/callback`,
    })
    await (await fetch(again.callbackUrl, { redirect: 'manual' })).body?.cancel()
    expect(await poll()).toMatchObject({ status: 'COMPLETED', error: null, connectionId: expect.any(String) })
    expect(f.provider.revocationLog).toEqual([])
    await b.stop()
  }, 90_000)
})
