import { createHash } from 'node:crypto'
import { oauthClientScopes } from '@switchboard/core'
import { CookieJar } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OAuthKit, REDIRECT_URI, type RegisteredClient, startOAuthKit } from './oauth-test-kit.ts'

// Checklist items 18–24 (authorization endpoint, login and consent, discovery).

const VERIFIER = 'v'.repeat(20) + 'A-._~'.repeat(5) + 'x'.repeat(18)
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url')

describe('authorization endpoint', () => {
  let kit: OAuthKit
  let client: RegisteredClient
  let jar: CookieJar

  /** An authorization URL with valid defaults; `undefined` drops a parameter. */
  const authUrl = (overrides: Record<string, string | undefined> = {}, extra = ''): string => {
    const params: Record<string, string | undefined> = {
      client_id: client.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'connections:read',
      state: 'st-1',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
      ...overrides,
    }
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v)
    return `${kit.authorizeUrl}?${q.toString()}${extra}`
  }

  /** The error redirect's parameters, or fails when the answer is no redirect to the app. */
  const errorRedirect = async (url: string) => {
    const res = await kit.get(jar, url)
    expect(res.status).toBe(303)
    const location = new URL(res.headers.get('location') ?? '')
    expect(location.origin + location.pathname).toBe(REDIRECT_URI)
    expect(location.searchParams.get('code')).toBeNull()
    return location.searchParams
  }

  /** An error page: 400, HTML, and no Location anywhere. */
  const errorPage = async (url: string) => {
    const res = await kit.get(jar, url)
    expect(res.status).toBe(400)
    expect(res.headers.get('location')).toBeNull()
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const body = await res.text()
    expect(body).not.toContain('http://127.0.0.1:5999')
    return body
  }

  beforeAll(async () => {
    kit = await startOAuthKit()
    client = await kit.register({ scopes: ['connections:read', 'proxy', 'offline_access'] })
    jar = await kit.signedInJar()
  })
  afterAll(async () => {
    await kit.close()
  })

  it('18: redirect_uri must equal a registered one, string for string', async () => {
    for (const uri of [
      `${REDIRECT_URI}/`,
      `${REDIRECT_URI}?next=1`,
      `${REDIRECT_URI}x`,
      REDIRECT_URI.replace('/callback', '/Callback'),
      REDIRECT_URI.replace('http:', 'HTTP:'),
      REDIRECT_URI.replace('127.0.0.1:5999', '127.0.0.1:6000'),
      'http://localhost:5999/callback',
    ]) {
      await errorPage(authUrl({ redirect_uri: uri }))
    }
    // The registered string itself works.
    const ok = await kit.get(jar, authUrl())
    expect(new URL(ok.headers.get('location') ?? '').pathname).toBe('/authorize/consent')

    // Registration refuses what cannot be matched exactly or safely.
    for (const [uri, message] of [
      ['http://app.example.com/callback', /https/],
      ['https://App.Example.com/cb', /canonical form: https:\/\/app\.example\.com\/cb/],
      ['https://app.example.com/cb#frag', /fragment/],
      ['https://user:pw@app.example.com/cb', /credentials/],
      ['/relative', /absolute/],
    ] as const) {
      const res = await kit.h.api('/api/v1/oauth-clients', {
        method: 'POST',
        json: { name: 'x', redirectUris: [uri], confidential: true, scopes: ['proxy'] },
      })
      expect(res.status).toBe(400)
      expect(JSON.stringify(await res.json())).toMatch(message)
    }
  })

  it('19: a missing or unknown client_id or an unregistered redirect_uri gives an error page, no redirect', async () => {
    expect(await errorPage(authUrl({ client_id: undefined }))).toMatch(/client_id/)
    expect(await errorPage(authUrl({ client_id: 'sbc_unknown' }))).toMatch(/invalid_client/)
    expect(await errorPage(authUrl({ redirect_uri: 'https://evil.example/callback' }))).toMatch(
      /redirect_uri/,
    )
    expect(await errorPage(authUrl({ redirect_uri: undefined }))).toMatch(/redirect_uri/)
  })

  it('20: every other error redirects with error, the state exactly as sent, and iss', async () => {
    const iss = `${kit.h.url}/oauth`
    const state = 'a b+c/=%&ü'
    const cases: Array<[Record<string, string | undefined>, string]> = [
      [{ scope: 'connections:write' }, 'invalid_scope'], // not allowed for this app
      [{ scope: 'connections:read connections:write' }, 'invalid_scope'], // one of them is not
      [{ scope: 'connections:read openid' }, 'invalid_scope'],
      [{ scope: 'openid' }, 'invalid_scope'],
      [{ scope: 'no-such-scope' }, 'invalid_scope'],
      [{ code_challenge_method: 'plain', code_challenge: VERIFIER }, 'invalid_request'],
      [{ prompt: 'none' }, 'login_required'],
    ]
    for (const [overrides, error] of cases) {
      const params = await errorRedirect(authUrl({ ...overrides, state }))
      expect(params.get('error')).toBe(error)
      expect(params.get('state')).toBe(state)
      expect(params.get('iss')).toBe(iss)
    }

    // The customer pressing Deny: access_denied, with state and iss.
    const denied = await kit.authorize(jar, authUrl({ state }), 'deny')
    expect(denied.searchParams.get('error')).toBe('access_denied')
    expect(denied.searchParams.get('state')).toBe(state)
    expect(denied.searchParams.get('iss')).toBe(iss)
    expect(denied.searchParams.get('code')).toBeNull()
  })

  it('21: only response_type=code; repeated parameters are invalid_request', async () => {
    for (const responseType of ['token', 'code id_token', 'id_token', 'none']) {
      const res = await kit.get(jar, authUrl({ response_type: responseType }))
      expect(res.status).toBe(303)
      const location = res.headers.get('location') ?? ''
      expect(location).toContain('error=unsupported_response_type')
      expect(location).not.toContain('code=')
    }
    for (const dupe of ['&state=again', '&scope=proxy', '&client_id=x', '&redirect_uri=x']) {
      const res = await kit.get(jar, authUrl({}, dupe))
      expect(res.headers.get('location') ?? '').not.toContain('code=')
      const text = `${res.headers.get('location') ?? ''} ${await res.text()}`
      expect(text).toContain('invalid_request')
    }
  })

  it('22: no code without a signed-in user and an explicit decision, every time', async () => {
    // Not signed in: the login page, never a code.
    const anonymous = new CookieJar()
    const res = await kit.get(anonymous, authUrl())
    const login = new URL(res.headers.get('location') ?? '')
    expect(login.pathname).toBe('/authorize/login')
    const uid = login.searchParams.get('uid') ?? ''
    const api = `${kit.h.url}/api/v1/oauth-interactions/${uid}`
    const details = await kit.get(anonymous, api)
    expect(details.status).toBe(200)
    expect(await details.json()).toMatchObject({
      interaction: { loginRequired: true, organization: null, client: { name: 'Acme Automations' } },
    })
    const allow = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: anonymous.header(api) ?? '' },
      body: JSON.stringify({ decision: 'allow' }),
    })
    expect(allow.status).toBe(401)

    // Signed in and approved once…
    const first = await kit.authorize(jar, authUrl())
    expect(first.searchParams.get('code')).toBeTruthy()
    // …the next request from the same browser still stops at the consent page.
    const again = await kit.get(jar, authUrl())
    expect(new URL(again.headers.get('location') ?? '').pathname).toBe('/authorize/consent')
    expect(again.headers.get('location')).not.toContain('code=')

    // A decision is bound to the browser that started the request (its interaction cookie):
    // another signed-in browser, even one in the middle of its own request, cannot approve it.
    const victimUid = new URL(again.headers.get('location') ?? '').searchParams.get('uid') ?? ''
    const other = await kit.signedInJar()
    expect((await kit.get(other, authUrl())).status).toBe(303)
    const otherApi = `${kit.h.url}/api/v1/oauth-interactions/${victimUid}`
    const hijack = await fetch(otherApi, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: other.header(otherApi) ?? '' },
      body: JSON.stringify({ decision: 'allow' }),
    })
    expect(hijack.status).toBe(404)
    // A cross-site POST is refused.
    const crossSite = await fetch(otherApi, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        cookie: jar.header(otherApi) ?? '',
      },
      body: 'decision=allow',
      redirect: 'manual',
    })
    expect(crossSite.status).toBe(403)

    // The pages and the API cannot be framed.
    for (const path of [`/authorize/consent?uid=${victimUid}`, `/authorize/login?uid=${victimUid}`]) {
      const page = await fetch(`${kit.h.url}${path}`)
      expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN')
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    }
    const apiHeaders = (await kit.get(jar, otherApi)).headers
    expect(apiHeaders.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('23: no CORS on the authorization endpoint; metadata advertises S256 and iss', async () => {
    const res = await kit.get(jar, authUrl(), { origin: 'https://app.example.com' })
    expect(res.status).toBe(303)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await fetch(authUrl(), {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()

    const iss = `${kit.h.url}/oauth`
    for (const path of [
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-authorization-server/oauth',
      '/.well-known/openid-configuration',
      '/oauth/.well-known/openid-configuration',
    ]) {
      const meta = await fetch(`${kit.h.url}${path}`)
      expect(meta.status).toBe(200)
      expect(await meta.json()).toMatchObject({
        issuer: iss,
        authorization_endpoint: `${iss}/auth`,
        token_endpoint: `${iss}/token`,
        revocation_endpoint: `${iss}/token/revocation`,
        introspection_endpoint: `${iss}/token/introspection`,
        code_challenge_methods_supported: ['S256'],
        authorization_response_iss_parameter_supported: true,
        response_types_supported: ['code'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      })
    }
  })

  it('discovery lists the scopes the AS grants: the API scopes and offline_access (never openid)', async () => {
    for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
      const meta = (await (await fetch(`${kit.h.url}${path}`)).json()) as { scopes_supported: string[] }
      expect([...meta.scopes_supported].sort()).toEqual([...oauthClientScopes].sort())
    }
  })

  it('24: codes carry ≥256 bits and live 60 seconds', async () => {
    const callback = await kit.authorize(jar, authUrl())
    const code = callback.searchParams.get('code') ?? ''
    expect(code).toMatch(/^[A-Za-z0-9_-]{43,}$/)
    const row = await kit.h.t.deps.db
      .selectFrom('oauthServerModels')
      .select(['createdAt', 'expiresAt'])
      .where('model', '=', 'AuthorizationCode')
      .where('id', '=', createHash('sha256').update(code).digest('base64url'))
      .executeTakeFirstOrThrow()
    const ttl = Date.parse(row.expiresAt ?? '') - Date.parse(row.createdAt)
    expect(ttl).toBe(60_000)
    // Stamped by the injected clock (frozen in this harness), not by the machine's: a
    // comparison with Date.now() would depend on how long the suite took to get here.
    expect(Date.parse(row.createdAt)).toBe(kit.h.clock.now().getTime())
  })
})
