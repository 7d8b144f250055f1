import { createHash, randomBytes } from 'node:crypto'
import { handleOAuthCallback, secretAt, sha256 } from '@switchboard/core'
import { completeAuthorization } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CUSTOMER_ORIGIN, type Harness, startHarness } from './testing/harness.ts'

/**
 * The OAuth dance's security (docs/oauth-security checklist items 1–8): state is single-use,
 * bound, short-lived; PKCE S256 with a server-side verifier; iss checked; provider errors
 * consume the state and make no token call; no referrer leaks.
 */
describe('hosted OAuth flow: state, PKCE, iss and failure handling', () => {
  let h: Harness

  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  const tokenCalls = () => h.provider.stats.tokenRequests.authorization_code
  const callbackPrefix = () => `${h.url}/oauth2/callback`
  const invalidState = () => `${h.url}/connect?result=error&code=INVALID_STATE`

  async function newSession(extra: Record<string, unknown> = {}) {
    const res = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-idp',
        connectionName: 'Acme account',
        externalId: `conn_${randomBytes(6).toString('hex')}`,
        workspaceId: h.org.workspaceId,
        ...extra,
      },
    })
    expect(res.status).toBe(201)
    return (await res.json()) as { token: string; sessionId: string; connectUrl: string }
  }

  async function authorize(token: string): Promise<URL> {
    const res = await h.api(`/api/v1/connect/authorize?token=${encodeURIComponent(token)}`, { key: null })
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get('location') ?? '')
    expect(location.origin + location.pathname).toBe(h.provider.authorizationUrl)
    return location
  }

  /** Logs in and consents at the provider; returns the callback URL (not yet requested). */
  async function consent(providerUrl: URL, decision: 'allow' | 'deny' = 'allow') {
    return completeAuthorization(providerUrl, { stopAt: callbackPrefix(), decision })
  }

  async function callback(url: URL | string) {
    const res = await fetch(url, { redirect: 'manual' })
    expect(res.status).toBe(302)
    return { res, location: res.headers.get('location') ?? '' }
  }

  async function session(sessionId: string) {
    return h.t.deps.db
      .selectFrom('connectSessions')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow()
  }

  async function connectionCount() {
    const row = await h.t.deps.db
      .selectFrom('connections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async function poll(token: string) {
    const res = await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
    return (await res.json()) as { status: string; connectionId: string | null; error: string | null }
  }

  it('a replayed callback (same state twice) is INVALID_STATE and makes no second token request', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    const before = tokenCalls()
    const first = await callback(callbackUrl)
    expect(first.location).toContain('result=done')
    expect(tokenCalls()).toBe(before + 1)
    const connections = await connectionCount()

    const second = await callback(callbackUrl)
    expect(second.location).toBe(invalidState())
    expect(tokenCalls()).toBe(before + 1)
    expect(await connectionCount()).toBe(connections)
    expect((await poll(s.token)).status).toBe('COMPLETED')
  })

  it('two concurrent callbacks with one state: one completes, the other is INVALID_STATE, one token request', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    const before = tokenCalls()
    const results = await Promise.all([callback(callbackUrl), callback(callbackUrl)])
    const locations = results.map((r) => r.location).sort()
    expect(locations.filter((l) => l === invalidState())).toHaveLength(1)
    expect(locations.filter((l) => l.includes('result=done'))).toHaveLength(1)
    expect(tokenCalls()).toBe(before + 1)
  })

  it('the state claim is a compare-and-swap: two callbacks racing inside core exchange the code once', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    const query = Object.fromEntries(callbackUrl.searchParams)
    const before = tokenCalls()
    // Started together, both read the session before either claims it.
    const outcomes = await Promise.all([
      handleOAuthCallback(h.t.deps, query),
      handleOAuthCallback(h.t.deps, query),
    ])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['COMPLETED', 'FAILED'])
    expect(outcomes.find((o) => o.status === 'FAILED')?.error).toBe('INVALID_STATE')
    expect(tokenCalls()).toBe(before + 1)
    expect((await poll(s.token)).status).toBe('COMPLETED')
  })

  it('a forged (random) state is INVALID_STATE with no token request, and leaves the real flow intact', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    const forged = new URL(callbackUrl)
    forged.searchParams.set('state', randomBytes(32).toString('base64url'))
    const before = tokenCalls()
    expect((await callback(forged)).location).toBe(invalidState())
    expect(tokenCalls()).toBe(before)
    expect((await session(s.sessionId)).status).toBe('PENDING')
    // The genuine callback still works.
    expect((await callback(callbackUrl)).location).toContain('result=done')
    expect((await poll(s.token)).status).toBe('COMPLETED')
  })

  it('a callback without state (or with an empty one) is INVALID_STATE with no token request', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    const before = tokenCalls()
    const missing = new URL(callbackUrl)
    missing.searchParams.delete('state')
    expect((await callback(missing)).location).toBe(invalidState())
    const empty = new URL(callbackUrl)
    empty.searchParams.set('state', '')
    expect((await callback(empty)).location).toBe(invalidState())
    expect((await callback(`${callbackPrefix()}`)).location).toBe(invalidState())
    expect(tokenCalls()).toBe(before)
    expect((await session(s.sessionId)).status).toBe('PENDING')
  })

  it('the user denying access: FAILED with the error, no token request, state consumed, sent to errorRedirectUri', async () => {
    const s = await newSession({ errorRedirectUri: `${CUSTOMER_ORIGIN}/connect-failed?from=app` })
    const { callbackUrl } = await consent(await authorize(s.token), 'deny')
    expect(callbackUrl.searchParams.get('error')).toBe('access_denied')
    const before = tokenCalls()
    const { location } = await callback(callbackUrl)
    const landing = new URL(location)
    expect(landing.origin + landing.pathname).toBe(`${CUSTOMER_ORIGIN}/connect-failed`)
    expect(landing.searchParams.get('from')).toBe('app')
    expect(landing.searchParams.get('error')).toMatch(/^access_denied/)
    expect(landing.searchParams.get('sessionId')).toBe(s.sessionId)
    expect(tokenCalls()).toBe(before)

    const polled = await poll(s.token)
    expect(polled.status).toBe('FAILED')
    expect(polled.error).toMatch(/^access_denied/)
    expect(polled.connectionId).toBeNull()
    const row = await session(s.sessionId)
    expect(row.stateHash).toBeNull()
    expect(row.pkceVerifierCiphertext).toBeNull()

    // The state is spent: the same callback again is INVALID_STATE.
    expect((await callback(callbackUrl)).location).toBe(invalidState())
    expect(tokenCalls()).toBe(before)
  })

  it('a provider error without errorRedirectUri goes to the connect page, with the description kept as data', async () => {
    const s = await newSession()
    const providerUrl = await authorize(s.token)
    const state = providerUrl.searchParams.get('state') ?? ''
    const cb = new URL(callbackPrefix())
    cb.searchParams.set('state', state)
    cb.searchParams.set('error', 'access_denied')
    cb.searchParams.set('error_description', '<script>alert(1)</script>\r\nSet-Cookie: x=1')
    cb.searchParams.set('iss', h.provider.issuer)
    const { res, location } = await callback(cb)
    expect(location).toBe(`${h.url}/connect?result=error&sessionId=${s.sessionId}`)
    expect(res.headers.get('set-cookie')).toBeNull()
    const polled = await poll(s.token)
    expect(polled.status).toBe('FAILED')
    expect(polled.error).toContain('access_denied')
  })

  it('an iss that is not the provider’s: FAILED, no token request', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    expect(callbackUrl.searchParams.get('iss')).toBe(h.provider.issuer)
    const tampered = new URL(callbackUrl)
    tampered.searchParams.set('iss', 'https://attacker.example')
    const before = tokenCalls()
    const { location } = await callback(tampered)
    expect(location).toBe(`${h.url}/connect?result=error&sessionId=${s.sessionId}`)
    expect(tokenCalls()).toBe(before)
    const polled = await poll(s.token)
    expect(polled.status).toBe('FAILED')
    expect(polled.error).toMatch(/issuer/i)
    // And the state is spent: the untampered callback cannot be used afterwards.
    expect((await callback(callbackUrl)).location).toBe(invalidState())
    expect(tokenCalls()).toBe(before)
  })

  it('a missing iss (the provider advertises it, so it is required): FAILED, no token request', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    const stripped = new URL(callbackUrl)
    stripped.searchParams.delete('iss')
    const before = tokenCalls()
    await callback(stripped)
    expect(tokenCalls()).toBe(before)
    expect((await poll(s.token)).status).toBe('FAILED')
  })

  it('an iss differing only in a trailing slash is a mismatch (simple string comparison)', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    const tampered = new URL(callbackUrl)
    tampered.searchParams.set('iss', `${h.provider.issuer}/`)
    const before = tokenCalls()
    await callback(tampered)
    expect(tokenCalls()).toBe(before)
    expect((await poll(s.token)).status).toBe('FAILED')
  })

  it('a state used 11 minutes after authorize has expired: FAILED, no token request', async () => {
    const s = await newSession()
    const providerUrl = await authorize(s.token)
    const { callbackUrl } = await consent(providerUrl)
    h.clock.advance(11 * 60 * 1000)
    const before = tokenCalls()
    await callback(callbackUrl)
    expect(tokenCalls()).toBe(before)
    const polled = await poll(s.token)
    expect(polled.status).toBe('FAILED')
    expect(polled.error).toMatch(/too long/)
  })

  it('a state used just under 10 minutes after authorize still works', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    h.clock.advance(10 * 60 * 1000 - 1000)
    expect((await callback(callbackUrl)).location).toContain('result=done')
    expect((await poll(s.token)).status).toBe('COMPLETED')
  })

  it('a state never outlives its connect session (authorize 5 minutes before the token expires)', async () => {
    const s = await newSession()
    h.clock.advance(4 * 3600 * 1000 - 5 * 60 * 1000)
    const { callbackUrl } = await consent(await authorize(s.token))
    h.clock.advance(6 * 60 * 1000)
    const before = tokenCalls()
    await callback(callbackUrl)
    expect(tokenCalls()).toBe(before)
    expect((await session(s.sessionId)).status).toBe('FAILED')
  })

  it('PKCE S256: a 43-char challenge of a fresh server-side verifier that never appears in any URL', async () => {
    const s = await newSession()
    const providerUrl = await authorize(s.token)
    expect(providerUrl.searchParams.get('code_challenge_method')).toBe('S256')
    const challenge = providerUrl.searchParams.get('code_challenge') ?? ''
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const state = providerUrl.searchParams.get('state') ?? ''
    // ≥ 256 bits of state, stored only as a hash.
    expect(state).toMatch(/^[A-Za-z0-9_-]{43,}$/)
    const stored = await session(s.sessionId)
    expect(stored.stateHash).not.toBe(state)
    expect(stored.stateHash).toBe(sha256(state))
    const ciphertext = stored.pkceVerifierCiphertext ?? ''
    const verifier = h.t.deps.cipher.decrypt(ciphertext, secretAt.pkceVerifier(s.sessionId))
    expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/)
    expect(ciphertext).not.toContain(verifier)
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge)

    // A second authorize gets a fresh verifier and state.
    const again = await authorize(s.token)
    expect(again.searchParams.get('code_challenge')).not.toBe(challenge)
    expect(again.searchParams.get('state')).not.toBe(state)
    const verifier2 = h.t.deps.cipher.decrypt(
      (await session(s.sessionId)).pkceVerifierCiphertext ?? '',
      secretAt.pkceVerifier(s.sessionId),
    )

    const { callbackUrl, visited } = await consent(again)
    const logStart = h.provider.tokenLog.length
    const { location } = await callback(callbackUrl)
    const urls = [again.href, callbackUrl.href, location, ...visited]
    for (const u of urls) {
      expect(u).not.toContain(verifier2)
      expect(u).not.toContain('code_verifier')
    }
    // The token request carried that verifier and the same redirect_uri as the authorize request.
    const request = h.provider.tokenLog.slice(logStart).find((r) => r.grantType === 'authorization_code')
    expect(request?.params.code_verifier).toBe(verifier2)
    expect(request?.params.redirect_uri).toBe(again.searchParams.get('redirect_uri'))
    expect(request?.params.client_secret).toBeUndefined()
    // Once used, the verifier is gone from the database.
    expect((await session(s.sessionId)).pkceVerifierCiphertext).toBeNull()
  })

  it('a completed token cannot start another flow (authorize → SESSION_NOT_ACTIVE; submit → SESSION_NOT_ACTIVE)', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    await callback(callbackUrl)
    expect((await poll(s.token)).status).toBe('COMPLETED')
    const before = await session(s.sessionId)

    const res = await h.api(`/api/v1/connect/authorize?token=${encodeURIComponent(s.token)}`, { key: null })
    expect(res.status).toBe(302)
    const landing = new URL(res.headers.get('location') ?? '')
    expect(landing.origin + landing.pathname).toBe(`${h.url}/connect`)
    expect(landing.searchParams.get('result')).toBe('error')
    expect(landing.searchParams.get('code')).toBe('SESSION_NOT_ACTIVE')
    const after = await session(s.sessionId)
    expect(after.status).toBe('COMPLETED')
    expect(after.stateHash).toBeNull()
    expect(after.connectionId).toBe(before.connectionId)

    const rest = await h.api('/api/v1/connect/submit', {
      method: 'POST',
      key: null,
      json: { token: s.token, credentials: { apiKey: 'sk-x' } },
    })
    expect(rest.status).toBe(400)
    expect(((await rest.json()) as { error: { code: string } }).error.code).toBe('SESSION_NOT_ACTIVE')

    const trpc = await h.api('/trpc/connect.submit', {
      method: 'POST',
      key: null,
      json: { token: s.token, credentials: { apiKey: 'sk-x' } },
    })
    expect(trpc.status).toBe(400)
    const body = (await trpc.json()) as { error: { data: { appCode: string } } }
    expect(body.error.data.appCode).toBe('SESSION_NOT_ACTIVE')
  })

  it('authorize with a missing or unknown token sends the person to the connect page with the code', async () => {
    const missing = await h.api('/api/v1/connect/authorize', { key: null })
    expect(missing.status).toBe(302)
    expect(new URL(missing.headers.get('location') ?? '').searchParams.get('code')).toBe('MISSING_TOKEN')
    const unknown = await h.api('/api/v1/connect/authorize?token=cst_nope', { key: null })
    expect(new URL(unknown.headers.get('location') ?? '').searchParams.get('code')).toBe('INVALID_TOKEN')
  })

  it('two authorize calls: only the newest state works', async () => {
    const s = await newSession()
    const first = await authorize(s.token)
    const second = await authorize(s.token)
    const cb1 = (await consent(first)).callbackUrl
    const cb2 = (await consent(second)).callbackUrl
    const before = tokenCalls()
    expect((await callback(cb1)).location).toBe(invalidState())
    expect(tokenCalls()).toBe(before)
    expect((await callback(cb2)).location).toContain('result=done')
    expect(tokenCalls()).toBe(before + 1)
    expect((await poll(s.token)).status).toBe('COMPLETED')
  })

  it('a failing token endpoint (invalid_grant): FAILED with the provider’s error, nothing stored; a retry can succeed', async () => {
    const s = await newSession({
      successRedirectUri: `${CUSTOMER_ORIGIN}/ok`,
      errorRedirectUri: `${CUSTOMER_ORIGIN}/ko`,
    })
    const { callbackUrl } = await consent(await authorize(s.token))
    const connections = await connectionCount()
    h.provider.failNext('authorization_code', {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'grant request is invalid' },
    })
    const before = tokenCalls()
    const { location } = await callback(callbackUrl)
    expect(tokenCalls()).toBe(before + 1)
    const landing = new URL(location)
    expect(landing.origin + landing.pathname).toBe(`${CUSTOMER_ORIGIN}/ko`)
    expect(landing.searchParams.get('error')).toContain('invalid_grant')
    const polled = await poll(s.token)
    expect(polled).toMatchObject({ status: 'FAILED', connectionId: null })
    expect(polled.error).toContain('invalid_grant')
    expect(await connectionCount()).toBe(connections)
    expect((await session(s.sessionId)).pkceVerifierCiphertext).toBeNull()

    // The same connect link may try again after a failure.
    const retry = await consent(await authorize(s.token))
    const done = new URL((await callback(retry.callbackUrl)).location)
    expect(done.origin + done.pathname).toBe(`${CUSTOMER_ORIGIN}/ok`)
    expect(done.searchParams.get('status')).toBe('COMPLETED')
    expect((await poll(s.token)).status).toBe('COMPLETED')
    expect(await connectionCount()).toBe(connections + 1)
  })

  it('a token endpoint 5xx: FAILED with a generic message (no provider body echoed), nothing stored', async () => {
    const s = await newSession()
    const { callbackUrl } = await consent(await authorize(s.token))
    const connections = await connectionCount()
    h.provider.failNext('authorization_code', { status: 503, body: { error: 'internal secret detail xyz' } })
    await callback(callbackUrl)
    const polled = await poll(s.token)
    expect(polled.status).toBe('FAILED')
    expect(polled.error).not.toContain('secret detail')
    expect(await connectionCount()).toBe(connections)
  })

  it('callback, authorize and connect responses carry Referrer-Policy: no-referrer and are not cached', async () => {
    const s = await newSession()
    const auth = await h.api(`/api/v1/connect/authorize?token=${encodeURIComponent(s.token)}`, { key: null })
    expect(auth.headers.get('referrer-policy')).toBe('no-referrer')
    expect(auth.headers.get('cache-control')).toBe('no-store')
    const providerUrl = new URL(auth.headers.get('location') ?? '')
    const { callbackUrl } = await consent(providerUrl)
    const { res } = await callback(callbackUrl)
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('cache-control')).toBe('no-store')
    // The callback redirects away, so the code leaves the address bar.
    expect(res.headers.get('location')).not.toContain('code=')

    const bad = await fetch(`${callbackPrefix()}?state=nope&code=x`, { redirect: 'manual' })
    expect(bad.headers.get('referrer-policy')).toBe('no-referrer')

    const page = await fetch(s.connectUrl, { redirect: 'manual' })
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    await page.body?.cancel()
    const pollRes = await h.api('/api/v1/connect/session/poll', {
      method: 'POST',
      json: { token: s.token },
      key: null,
    })
    expect(pollRes.headers.get('referrer-policy')).toBe('no-referrer')
  })
})
