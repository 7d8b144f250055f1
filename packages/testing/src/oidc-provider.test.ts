import { createHash, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthorizationFlowError, completeAuthorization } from './browserless-oauth.ts'
import { closeServer, listenOnLoopback, sleep } from './http-helpers.ts'
import type { TestClient, TestProvider } from './oidc-provider.ts'
import { clientSecretBasic, startOidcProvider } from './oidc-provider.ts'
import type { TestUpstream } from './upstream.ts'
import { startUpstream, tokenFingerprint } from './upstream.ts'

// Port 9 (discard) is never requested: completeAuthorization stops before following the callback.
const REDIRECT_URI = 'http://127.0.0.1:9/callback/test'

interface TokenResponse {
  access_token?: string
  refresh_token?: string
  scope?: string
  expires_in?: number
  error?: string
}

function authorizationRequest(provider: TestProvider, client: TestClient = provider.client) {
  const verifier = randomBytes(32).toString('base64url')
  const state = randomBytes(16).toString('base64url')
  const url = new URL(provider.authorizationUrl)
  url.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid offline_access api:read',
    prompt: 'consent',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString()
  return { url, verifier, state }
}

async function tokenRequest(
  provider: TestProvider,
  params: Record<string, string>,
  client: TestClient = provider.client,
): Promise<{ status: number; body: TokenResponse }> {
  const form = new URLSearchParams(params)
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  if (client.tokenEndpointAuthMethod === 'client_secret_post') {
    form.set('client_id', client.clientId)
    form.set('client_secret', client.clientSecret)
  } else {
    headers.authorization = clientSecretBasic(client.clientId, client.clientSecret)
  }
  const response = await fetch(provider.tokenUrl, { method: 'POST', headers, body: form })
  return { status: response.status, body: (await response.json()) as TokenResponse }
}

async function authorizeAndExchange(provider: TestProvider, client: TestClient = provider.client) {
  const { url, verifier, state } = authorizationRequest(provider, client)
  const { callbackUrl } = await completeAuthorization(url, { stopAt: REDIRECT_URI })
  expect(callbackUrl.searchParams.get('state')).toBe(state)
  const code = callbackUrl.searchParams.get('code')
  expect(code).toBeTruthy()
  const { status, body } = await tokenRequest(
    provider,
    { grant_type: 'authorization_code', code: code!, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    client,
  )
  expect(status).toBe(200)
  return body
}

async function revoke(provider: TestProvider, token: string, hint: string): Promise<number> {
  const response = await fetch(provider.revocationUrl, {
    method: 'POST',
    headers: {
      authorization: clientSecretBasic(provider.client.clientId, provider.client.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ token, token_type_hint: hint }),
  })
  await response.body?.cancel()
  return response.status
}

describe('startOidcProvider with login and consent pages', () => {
  let provider: TestProvider

  beforeAll(async () => {
    provider = await startOidcProvider({
      redirectUris: [REDIRECT_URI],
      additionalClients: [
        { clientId: 'post-client', tokenEndpointAuthMethod: 'client_secret_post' },
        { clientId: 'machine-client', grantTypes: ['client_credentials'] },
      ],
    })
  })
  afterAll(async () => {
    expect(provider.serverErrors).toEqual([])
    await provider.close()
  })

  it('issues the code via the HTML forms and carries iss on the callback', async () => {
    const { url, state } = authorizationRequest(provider)
    const { callbackUrl, visited } = await completeAuthorization(url, { stopAt: REDIRECT_URI })
    expect(callbackUrl.href.startsWith(REDIRECT_URI)).toBe(true)
    expect(callbackUrl.searchParams.get('iss')).toBe(provider.issuer)
    expect(callbackUrl.searchParams.get('state')).toBe(state)
    expect(visited.filter((v) => v.startsWith('POST')).length).toBe(2) // login, then consent
  })

  it('serves the login and consent pages with stable element ids', async () => {
    const { url } = authorizationRequest(provider)
    const first = await fetch(url, { redirect: 'manual' })
    const interaction = new URL(first.headers.get('location')!, provider.issuer)
    expect(interaction.pathname).toMatch(/^\/interaction\//)
    const page = await fetch(interaction, {
      headers: {
        cookie: first.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      },
    })
    const html = await page.text()
    for (const id of ['login', 'password', 'submit']) expect(html).toContain(`id="${id}"`)
  })

  it('exchanges the code, rotates the refresh token and revokes it', async () => {
    provider.resetStats()
    const tokens = await authorizeAndExchange(provider)
    expect(tokens.refresh_token).toBeTruthy()
    expect(tokens.access_token).toBeTruthy()
    expect(tokens.scope).toBe('openid offline_access api:read')
    expect(await provider.introspect(tokens.access_token!)).toBe(true)

    const refreshed = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
    })
    expect(refreshed.status).toBe(200)
    const rotated = refreshed.body.refresh_token!
    expect(rotated).toBeTruthy()
    expect(rotated).not.toBe(tokens.refresh_token)
    expect(await provider.introspect(rotated)).toBe(true)
    expect(await provider.introspect(tokens.refresh_token!)).toBe(false)

    expect(await revoke(provider, rotated, 'refresh_token')).toBe(200)
    expect(await provider.introspect(rotated)).toBe(false)
    // Revoking the refresh token also kills the grant's access tokens.
    expect(await provider.introspect(refreshed.body.access_token!)).toBe(false)

    const reused = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
    })
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })

    expect(provider.stats.tokenRequests).toMatchObject({ authorization_code: 1, refresh_token: 2 })
    expect(provider.stats.tokenSuccesses).toMatchObject({ authorization_code: 1, refresh_token: 1 })
    expect(provider.stats.revocations).toBe(1)
    expect(provider.revocationLog[0]).toMatchObject({ token: rotated, tokenTypeHint: 'refresh_token' })
  })

  it('kills the whole grant when a rotated-out refresh token is reused', async () => {
    const tokens = await authorizeAndExchange(provider)
    const refreshed = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
    })
    const reused = await tokenRequest(provider, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
    })
    expect(reused.body.error).toBe('invalid_grant')
    expect(await provider.introspect(refreshed.body.refresh_token!)).toBe(false)
  })

  it('logs in as the account typed into the login form', async () => {
    const { url, verifier } = authorizationRequest(provider)
    const { callbackUrl } = await completeAuthorization(url, { stopAt: REDIRECT_URI, login: 'alice' })
    const { body } = await tokenRequest(provider, {
      grant_type: 'authorization_code',
      code: callbackUrl.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    })
    expect(await provider.introspection(body.access_token!)).toMatchObject({ active: true, sub: 'alice' })
  })

  it('lets only one of two concurrent refreshes with the same token win, and kills the grant', async () => {
    const tokens = await authorizeAndExchange(provider)
    const before = provider.stats.tokenRequests.refresh_token
    provider.setTokenDelay(100)
    const refresh = () =>
      tokenRequest(provider, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })
    const results = await Promise.all([refresh(), refresh()])
    provider.setTokenDelay(0)
    expect(results.map((r) => r.status).sort()).toEqual([200, 400])
    const winner = results.find((r) => r.status === 200)!
    expect(await provider.introspect(winner.body.refresh_token!)).toBe(false)
    expect(provider.stats.tokenRequests.refresh_token - before).toBe(2)
  })

  it('redirects with error=access_denied when the user denies', async () => {
    const { url, state } = authorizationRequest(provider)
    const { callbackUrl } = await completeAuthorization(url, { stopAt: REDIRECT_URI, decision: 'deny' })
    expect(Object.fromEntries(callbackUrl.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'The user denied access',
      state,
      iss: provider.issuer,
    })
  })

  it('answers canned token and revocation responses with failNext, without touching state', async () => {
    const tokens = await authorizeAndExchange(provider)
    provider.failNext('refresh_token', { status: 503, body: { error: 'temporarily_unavailable' } })
    provider.failNext('refresh_token', { status: 400, body: { error: 'invalid_grant' } })
    const refresh = () =>
      tokenRequest(provider, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! })

    expect(await refresh()).toMatchObject({ status: 503, body: { error: 'temporarily_unavailable' } })
    expect(await refresh()).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
    expect((await refresh()).status).toBe(200)
    expect(provider.tokenLog.slice(-3).map((r) => r.canned)).toEqual([true, true, false])

    provider.failNext('revocation', { status: 503 }, 2)
    expect(await revoke(provider, 'whatever', 'refresh_token')).toBe(503)
    expect(await revoke(provider, 'whatever', 'refresh_token')).toBe(503)
    expect(await revoke(provider, 'unknown-token', 'refresh_token')).toBe(200)
  })

  it('supports client_secret_post and client_credentials clients', async () => {
    const postClient = provider.clients.find((c) => c.clientId === 'post-client')!
    const tokens = await authorizeAndExchange(provider, postClient)
    expect(tokens.refresh_token).toBeTruthy()
    expect(provider.tokenLog.at(-1)?.authorization).toBeUndefined()

    const machine = provider.clients.find((c) => c.clientId === 'machine-client')!
    const cc = await tokenRequest(provider, { grant_type: 'client_credentials', scope: 'api:read' }, machine)
    expect(cc.status).toBe(200)
    expect(cc.body.scope).toBe('api:read')
    expect(await provider.introspect(cc.body.access_token!)).toBe(true)
    expect(provider.expireAllAccessTokens()).toBeGreaterThan(0)
    expect(await provider.introspect(cc.body.access_token!)).toBe(false)
  })

  it('accepts new redirect URIs after start', async () => {
    const other = 'http://127.0.0.1:9/other-callback'
    provider.setRedirectUris([REDIRECT_URI, other])
    const { url } = authorizationRequest(provider)
    url.searchParams.set('redirect_uri', other)
    const { callbackUrl } = await completeAuthorization(url, { stopAt: other })
    expect(callbackUrl.searchParams.get('code')).toBeTruthy()

    url.searchParams.set('redirect_uri', 'http://127.0.0.1:9/not-registered')
    await expect(completeAuthorization(url, { stopAt: 'http://127.0.0.1:9/' })).rejects.toBeInstanceOf(
      AuthorizationFlowError,
    )
  })
})

describe('startOidcProvider with autoApprove', () => {
  let provider: TestProvider
  let upstream: TestUpstream

  beforeAll(async () => {
    provider = await startOidcProvider({ redirectUris: [REDIRECT_URI], autoApprove: true })
    upstream = await startUpstream({ introspect: provider.introspect })
  })
  afterAll(async () => {
    await upstream.close()
    await provider.close()
  })

  it('completes login and consent without pages', async () => {
    const { url } = authorizationRequest(provider)
    const { visited } = await completeAuthorization(url, { stopAt: REDIRECT_URI })
    expect(visited.every((v) => v.startsWith('GET'))).toBe(true)
    const tokens = await authorizeAndExchange(provider)
    expect(tokens.refresh_token).toBeTruthy()
  })

  it('follows a first hop on another server, scoping cookies per host:port', async () => {
    const { url } = authorizationRequest(provider)
    const broker = createServer((_req, res) => {
      res.writeHead(302, { location: url.href, 'set-cookie': 'connect_session=abc; Path=/; HttpOnly' })
      res.end()
    })
    const port = await listenOnLoopback(broker)
    try {
      const start = `http://127.0.0.1:${port}/api/v1/connect/authorize?token=t`
      const { callbackUrl, jar, visited } = await completeAuthorization(start, { stopAt: REDIRECT_URI })
      expect(visited[0]).toBe(`GET ${start}`)
      expect(callbackUrl.searchParams.get('code')).toBeTruthy()
      expect(jar.header(`http://127.0.0.1:${port}/callback`)).toBe('connect_session=abc')
      expect(jar.header(provider.url('/anything'))).not.toContain('connect_session')
    } finally {
      await closeServer(broker)
    }
  })

  it('lets the upstream accept provider-issued access tokens and refuse others', async () => {
    const tokens = await authorizeAndExchange(provider)
    const me = await fetch(upstream.urlFor('/me?x=1'), {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({
      ok: true,
      path: '/me',
      method: 'GET',
      query: { x: '1' },
      body: null,
      authorizedAs: `bearer:${tokenFingerprint(tokens.access_token!)}`,
    })

    const garbage = await fetch(upstream.urlFor('/me'), { headers: { authorization: 'Bearer garbage' } })
    expect(garbage.status).toBe(401)
    expect(garbage.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    expect(await garbage.json()).toEqual({ error: 'invalid_token' })

    provider.expireAllAccessTokens()
    const expired = await fetch(upstream.urlFor('/me'), {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
    expect(expired.status).toBe(401)
    expect(upstream.requests.map((r) => r.path)).toEqual(['/me', '/me', '/me'])
  })
})

describe('startOidcProvider token lifetime', () => {
  it('expires access tokens after accessTokenTtlSeconds', async () => {
    const provider = await startOidcProvider({
      redirectUris: [REDIRECT_URI],
      autoApprove: true,
      accessTokenTtlSeconds: 2,
    })
    try {
      // oidc-provider counts in whole seconds from the current second, so a 2 s token lives
      // between 1 and 2 s (a 1 s one issued late in a second could expire at once).
      const tokens = await authorizeAndExchange(provider)
      expect(tokens.expires_in).toBeGreaterThanOrEqual(1)
      expect(tokens.expires_in).toBeLessThanOrEqual(2)
      expect(await provider.introspect(tokens.access_token!)).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 2100))
      expect(await provider.introspect(tokens.access_token!)).toBe(false)
    } finally {
      await provider.close()
    }
  })
})

describe('startOidcProvider refresh token reuse grace (as Okta, Auth0)', () => {
  const refresh = (provider: TestProvider, refreshToken: string) =>
    tokenRequest(provider, { grant_type: 'refresh_token', refresh_token: refreshToken })

  it('accepts a rotated-out refresh token again within the grace, and treats it as reuse after', async () => {
    const provider = await startOidcProvider({
      redirectUris: [REDIRECT_URI],
      autoApprove: true,
      refreshTokenReuseGraceSeconds: 1,
    })
    try {
      const tokens = await authorizeAndExchange(provider)
      const first = await refresh(provider, tokens.refresh_token!)
      expect(first.status).toBe(200)

      // Within the grace: still active, accepted once more (rotated again), and the grant lives on.
      await sleep(500)
      expect(await provider.introspect(tokens.refresh_token!)).toBe(true)
      const again = await refresh(provider, tokens.refresh_token!)
      expect(again.status).toBe(200)
      expect(again.body.refresh_token).toBeTruthy()
      expect(again.body.refresh_token).not.toBe(first.body.refresh_token)
      expect(await provider.introspect(again.body.refresh_token!)).toBe(true)
      expect(await provider.introspect(again.body.access_token!)).toBe(true)
      expect(provider.stats.tokenSuccesses.refresh_token).toBe(2)

      // After the grace, counted from the first rotation (the second one was 700 ms ago): consumed,
      // and reuse kills the grant.
      await sleep(700)
      expect(await provider.introspect(tokens.refresh_token!)).toBe(false)
      expect(await refresh(provider, tokens.refresh_token!)).toMatchObject({
        status: 400,
        body: { error: 'invalid_grant' },
      })
      expect(await provider.introspect(again.body.refresh_token!)).toBe(false)
      expect(provider.stats.tokenSuccesses.refresh_token).toBe(2)
      expect(provider.serverErrors).toEqual([])
    } finally {
      await provider.close()
    }
  })

  it('has no grace by default: an immediate reuse is refused and kills the grant', async () => {
    const provider = await startOidcProvider({ redirectUris: [REDIRECT_URI], autoApprove: true })
    try {
      const tokens = await authorizeAndExchange(provider)
      const first = await refresh(provider, tokens.refresh_token!)
      expect(first.status).toBe(200)
      expect(await provider.introspect(tokens.refresh_token!)).toBe(false)
      expect(await refresh(provider, tokens.refresh_token!)).toMatchObject({
        status: 400,
        body: { error: 'invalid_grant' },
      })
      expect(await provider.introspect(first.body.refresh_token!)).toBe(false)
    } finally {
      await provider.close()
    }
  })
})

describe('startUpstream scripted routes', () => {
  let upstream: TestUpstream

  beforeAll(async () => {
    upstream = await startUpstream({ apiKey: 'k-123' })
  })
  afterAll(() => upstream.close())

  const call = (path: string, init: RequestInit = {}) =>
    fetch(upstream.urlFor(path), {
      redirect: 'manual',
      ...init,
      headers: { 'x-api-key': 'k-123', ...(init.headers as Record<string, string> | undefined) },
    })

  it('refuses a wrong API key', async () => {
    const response = await fetch(upstream.urlFor('/me'), { headers: { 'x-api-key': 'nope' } })
    expect(response.status).toBe(401)
  })

  it('answers /status/:code with Retry-After', async () => {
    const response = await call('/status/503?retryAfter=2')
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('2')
    expect((await call('/status/204')).status).toBe(204)
  })

  it('redirects, sets cookies, streams large and echoes bodies', async () => {
    const redirect = await call('/redirect?to=http://169.254.169.254/latest&status=307')
    expect(redirect.status).toBe(307)
    expect(redirect.headers.get('location')).toBe('http://169.254.169.254/latest')

    const cookie = await call('/set-cookie')
    expect(cookie.headers.getSetCookie()).toEqual(['upstream_session=s3cr3t; Path=/; HttpOnly'])

    const large = await call('/large?bytes=200000')
    expect((await large.arrayBuffer()).byteLength).toBe(200_000)

    const echo = await call('/echo', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-custom': 'yes' },
      body: 'hello',
    })
    const echoed = (await echo.json()) as { body: string; headers: Record<string, string> }
    expect(echoed.body).toBe('hello')
    expect(echoed.headers['x-custom']).toBe('yes')

    const started = Date.now()
    expect((await call('/slow?ms=50')).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
  })

  it('fails the next n requests with failNext, then recovers', async () => {
    upstream.reset()
    upstream.failNext(2, 429, { 'retry-after': '0' })
    expect((await call('/me')).status).toBe(429)
    expect((await call('/me')).status).toBe(429)
    expect((await call('/me')).status).toBe(200)
    expect(upstream.requests).toHaveLength(3)
    expect(upstream.requests[0]?.headers['x-api-key']).toBe('k-123')
  })
})
