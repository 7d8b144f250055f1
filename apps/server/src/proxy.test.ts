import { decryptCredentials } from '@switchboard/core'
import { tokenFingerprint } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

async function credsOf(h: Harness, id: string) {
  const row = await h.t.deps.db
    .selectFrom('connections')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  const creds = decryptCredentials(h.t.deps, row)
  if (creds.kind !== 'oauth2') throw new Error('expected oauth2 credentials')
  return { row, creds }
}

describe('proxy and refresh against oidc-provider and a token-checking upstream', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  it('injects the bearer token; the caller never sees it', async () => {
    const { connectionId } = await connectAcme(h)
    const { creds } = await credsOf(h, connectionId)
    const res = await h.api('/api/v1/proxy', {
      method: 'POST',
      json: {
        connectionId,
        method: 'GET',
        url: '/me?x=1',
        headers: { Authorization: 'Bearer evil', Cookie: 'a=b' },
      },
    })
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(JSON.parse(text)).toMatchObject({
      ok: true,
      path: '/me',
      authorizedAs: `bearer:${tokenFingerprint(creds.accessToken)}`,
    })
    expect(text).not.toContain(creds.accessToken)
    const seen = h.upstream.requests.at(-1)
    expect(seen?.headers.authorization).toBe(`Bearer ${creds.accessToken}`)
    expect(seen?.headers.cookie).toBeUndefined()
  })

  it('refreshes an expired token transparently and follows rotation', async () => {
    const { connectionId } = await connectAcme(h)
    const before = await credsOf(h, connectionId)
    h.provider.resetStats()
    h.clock.advance(3600 * 1000)
    const res = await h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url: '/me' } })
    expect(res.status).toBe(200)
    const after = await credsOf(h, connectionId)
    expect(h.provider.stats.tokenSuccesses.refresh_token).toBe(1)
    expect(after.creds.accessToken).not.toBe(before.creds.accessToken)
    expect(after.creds.refreshToken).not.toBe(before.creds.refreshToken)
    expect(after.row.credentialsVersion).toBe(before.row.credentialsVersion + 1)
    expect(await h.provider.introspect(after.creds.refreshToken as string)).toBe(true)
    h.clock.advance(-3600 * 1000)
  })

  it('1,000 concurrent proxied calls on an expired token make exactly one refresh and all succeed', async () => {
    const { connectionId } = await connectAcme(h)
    h.provider.expireAllAccessTokens()
    h.provider.resetStats()
    h.provider.setTokenDelay(100)
    h.clock.advance(3600 * 1000)
    try {
      const results = await Promise.all(
        Array.from({ length: 1000 }, () =>
          h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url: '/me' } }).then(async (r) => {
            await r.body?.cancel()
            return r.status
          }),
        ),
      )
      expect(results.filter((s) => s !== 200)).toEqual([])
      expect(h.provider.stats.tokenRequests.refresh_token).toBe(1)
    } finally {
      h.provider.setTokenDelay(0)
      h.clock.advance(-3600 * 1000)
    }
  }, 60_000)
})
