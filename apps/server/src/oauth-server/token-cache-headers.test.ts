import { createHash } from 'node:crypto'
import type { CookieJar } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type OAuthKit,
  postForm,
  REDIRECT_URI,
  type RegisteredClient,
  startOAuthKit,
} from './oauth-test-kit.ts'

const VERIFIER = 'v'.repeat(50)
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url')

/**
 * RFC 6749 §5.1: an answer of the token endpoint carries tokens (or says why not) and must not
 * be cached anywhere: `Cache-Control: no-store` and `Pragma: no-cache`, on success and on every
 * error, whoever answers it (the provider, or our throttle and refusals in front of it).
 */
describe('token endpoint answers are never cached (real in-process authorization server)', () => {
  let kit: OAuthKit
  let jar: CookieJar
  let client: RegisteredClient

  const creds = () => ({ id: client.clientId, secret: client.clientSecret ?? '' })

  function expectUncacheable(res: Response, what: string) {
    expect(res.headers.get('cache-control'), `${what}: Cache-Control`).toBe('no-store')
    expect(res.headers.get('pragma'), `${what}: Pragma`).toBe('no-cache')
  }

  beforeAll(async () => {
    kit = await startOAuthKit()
    jar = await kit.signedInJar()
    client = await kit.register({ scopes: ['connections:read', 'offline_access'] })
  })
  afterAll(async () => {
    await kit.close()
  })

  it('on success: the code exchange and the refresh', async () => {
    const q = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'connections:read offline_access',
      state: 's',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
    })
    const callback = await kit.authorize(jar, `${kit.authorizeUrl}?${q.toString()}`)
    const code = callback.searchParams.get('code') ?? ''
    const exchanged = await postForm(
      kit.tokenUrl,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: VERIFIER },
      creds(),
    )
    expect(exchanged.status).toBe(200)
    expectUncacheable(exchanged, 'code exchange')
    const { refresh_token } = (await exchanged.json()) as { refresh_token: string }
    const refreshed = await postForm(kit.tokenUrl, { grant_type: 'refresh_token', refresh_token }, creds())
    expect(refreshed.status).toBe(200)
    expectUncacheable(refreshed, 'refresh')
  })

  it('on errors: invalid_grant, invalid_client, unsupported_grant_type, a JSON body, a GET', async () => {
    const answers: Array<[string, Response, number[]]> = [
      [
        'invalid_grant',
        await postForm(kit.tokenUrl, { grant_type: 'refresh_token', refresh_token: 'nope' }, creds()),
        [400],
      ],
      [
        'invalid_client',
        await postForm(
          kit.tokenUrl,
          { grant_type: 'refresh_token', refresh_token: 'nope' },
          { id: client.clientId, secret: 'wrong' },
        ),
        [401],
      ],
      ['unsupported_grant_type', await postForm(kit.tokenUrl, { grant_type: 'password' }, creds()), [400]],
      [
        'JSON body',
        await fetch(kit.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }),
        }),
        [400],
      ],
      ['GET', await fetch(`${kit.tokenUrl}?grant_type=refresh_token`), [404, 405]],
    ]
    for (const [what, res, statuses] of answers) {
      expect(statuses, `${what}: status`).toContain(res.status)
      expectUncacheable(res, what)
    }
  })

  it('on the revocation endpoint too (it reads tokens)', async () => {
    const res = await postForm(kit.revocationUrl, { token: 'nope' }, creds())
    expect(res.status).toBe(200)
    expectUncacheable(res, 'revocation')
  })
})
