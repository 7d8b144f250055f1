import { randomUUID } from 'node:crypto'
import { createUser } from '@switchboard/core'
import { CookieJar } from '@switchboard/testing'
import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client } from 'arctic'
import { type Harness, type HarnessOptions, startHarness } from '../testing/harness.ts'
import { fetchFrom } from '../testing/source-address.ts'

/** Shared set-up of the authorization-server tests (not a test file itself). */

export const REDIRECT_URI = 'http://127.0.0.1:5999/callback'

export interface RegisteredClient {
  id: string
  clientId: string
  clientSecret: string | null
  scopes: string[]
}

export interface OAuthKit {
  h: Harness
  email: string
  password: string
  userId: string
  authorizeUrl: string
  tokenUrl: string
  revocationUrl: string
  /** A browser signed in to the dashboard (its `sb_session` cookie in the jar). */
  signedInJar(email?: string, password?: string): Promise<CookieJar>
  register(input?: {
    confidential?: boolean
    scopes?: string[]
    redirectUris?: string[]
    name?: string
    apiKey?: string
  }): Promise<RegisteredClient>
  arctic(client: RegisteredClient, redirectUri?: string): OAuth2Client
  /** GET with the jar's cookies, no redirect following; stores Set-Cookie. */
  get(jar: CookieJar, url: string, headers?: Record<string, string>): Promise<Response>
  /**
   * Runs the front channel as a browser would: authorize URL → consent page → interaction API
   * (allow or deny) → resume → the redirect to the app, which is returned (not requested).
   */
  authorize(jar: CookieJar, url: string | URL, decision?: 'allow' | 'deny'): Promise<URL>
  /** Authorization URL with PKCE S256 built by Arctic, plus its state and verifier. */
  start(
    client: RegisteredClient,
    scopes?: string[],
  ): { url: URL; state: string; verifier: string; oauth: OAuth2Client }
  /** The whole grant: returns the token endpoint's JSON. */
  grant(client: RegisteredClient, scopes?: string[]): Promise<Record<string, unknown>>
  close(): Promise<void>
}

/**
 * Arctic sets `Content-Length` on its requests itself. Once the npm `undici` (v7, imported by
 * the server) has installed its global dispatcher, Node 20's built-in fetch hands that header
 * to it and undici 7 refuses it ("invalid content-length header"). The app under test is
 * Arctic, not the transport: drop the redundant header (fetch computes it anyway).
 */
function letArcticFetch(): void {
  const marker = Symbol.for('switchboard.test.arcticFetch')
  const g = globalThis as typeof globalThis & { [marker]?: boolean }
  if (g[marker]) return
  g[marker] = true
  const original = globalThis.fetch
  globalThis.fetch = (input, init) => {
    if (input instanceof Request && input.headers.has('content-length')) {
      const headers = new Headers(input.headers)
      headers.delete('content-length')
      return original(new Request(input, { headers }), init)
    }
    return original(input, init)
  }
}

export async function startOAuthKit(options: Pick<HarnessOptions, 'trustProxy'> = {}): Promise<OAuthKit> {
  letArcticFetch()
  const h = await startHarness({ ...options, integration: false })
  const password = 'correct horse battery staple'
  const email = `owner-${randomUUID()}@example.com`
  const user = await createUser(h.t.deps, {
    organizationId: h.org.organizationId,
    email,
    password,
    role: 'owner',
  })
  const authorizeUrl = `${h.url}/oauth/auth`
  const tokenUrl = `${h.url}/oauth/token`
  const revocationUrl = `${h.url}/oauth/token/revocation`

  const get = async (jar: CookieJar, url: string, headers: Record<string, string> = {}) => {
    const cookie = jar.header(url)
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { ...headers, ...(cookie ? { cookie } : {}) },
    })
    jar.storeFrom(url, res)
    return res
  }

  const kit: OAuthKit = {
    h,
    email,
    password,
    userId: user.id,
    authorizeUrl,
    tokenUrl,
    revocationUrl,
    async signedInJar(e = email, p = password) {
      const jar = new CookieJar()
      const res = await fetch(`${h.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: e, password: p }),
      })
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
      jar.storeFrom(h.url, res)
      return jar
    },
    async register(input = {}) {
      const res = await h.api('/api/v1/oauth-clients', {
        method: 'POST',
        ...(input.apiKey !== undefined && { key: input.apiKey }),
        json: {
          name: input.name ?? 'Acme Automations',
          redirectUris: input.redirectUris ?? [REDIRECT_URI],
          confidential: input.confidential ?? true,
          scopes: input.scopes ?? ['connections:read', 'offline_access'],
        },
      })
      const body = (await res.json()) as { oauthClient: RegisteredClient }
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(body)}`)
      return body.oauthClient
    },
    arctic(client, redirectUri = REDIRECT_URI) {
      return new OAuth2Client(client.clientId, client.clientSecret, redirectUri)
    },
    get,
    async authorize(jar, url, decision = 'allow') {
      let res = await get(jar, String(url))
      if (res.status !== 303)
        throw new Error(`authorize: expected 303, got ${res.status}: ${await res.text()}`)
      const page = new URL(res.headers.get('location') ?? '', h.url)
      if (page.origin !== h.url || !page.pathname.startsWith('/authorize/')) return page
      const uid = page.searchParams.get('uid') ?? ''
      const api = `${h.url}/api/v1/oauth-interactions/${encodeURIComponent(uid)}`
      const details = await get(jar, api)
      if (details.status !== 200) throw new Error(`interaction: ${details.status} ${await details.text()}`)
      const cookie = jar.header(api)
      const post = await fetch(api, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify({ decision }),
      })
      const posted = (await post.json()) as { redirectTo?: string }
      if (post.status !== 200 || !posted.redirectTo) {
        throw new Error(`decision: ${post.status} ${JSON.stringify(posted)}`)
      }
      res = await get(jar, posted.redirectTo)
      if (res.status !== 303) throw new Error(`resume: expected 303, got ${res.status}: ${await res.text()}`)
      return new URL(res.headers.get('location') ?? '')
    },
    start(client, scopes = ['connections:read', 'offline_access']) {
      const oauth = kit.arctic(client)
      const state = generateState()
      const verifier = generateCodeVerifier()
      const url = oauth.createAuthorizationURLWithPKCE(
        authorizeUrl,
        state,
        CodeChallengeMethod.S256,
        verifier,
        scopes,
      )
      return { url, state, verifier, oauth }
    },
    async grant(client, scopes) {
      const { url, verifier, oauth } = kit.start(client, scopes)
      const callback = await kit.authorize(await kit.signedInJar(), url)
      const code = callback.searchParams.get('code')
      if (!code) throw new Error(`no code: ${callback.href}`)
      const tokens = await oauth.validateAuthorizationCode(tokenUrl, code, verifier)
      return tokens.data as Record<string, unknown>
    },
    close: () => h.close(),
  }
  return kit
}

/**
 * Form POST to one of our protocol endpoints, with optional Basic client credentials; `from`
 * sends it from another loopback address (e.g. 127.0.0.2), `headers` adds headers.
 */
export async function postForm(
  url: string,
  form: Record<string, string>,
  basic?: { id: string; secret: string },
  options: { from?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    ...options.headers,
  }
  if (basic) {
    const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, '+')
    headers.authorization = `Basic ${Buffer.from(`${enc(basic.id)}:${enc(basic.secret)}`).toString('base64')}`
  }
  const init = {
    method: 'POST',
    headers,
    body: new URLSearchParams(form).toString(),
    redirect: 'manual' as const,
  }
  return options.from ? fetchFrom(options.from, url, init) : fetch(url, init)
}
