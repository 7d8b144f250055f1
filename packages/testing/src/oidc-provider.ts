import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { ClientMetadata, Configuration, Interaction, KoaContextWithOIDC, Provider } from 'oidc-provider'
import { closeServer, escapeHtml, listenOnLoopback, readBody, sendJson, sleep } from './http-helpers.ts'
import { OidcMemoryStore } from './oidc-memory-store.ts'

/** Grant types whose token-endpoint calls are counted separately. */
export type TokenGrantType = 'authorization_code' | 'refresh_token' | 'client_credentials'

/** What `failNext` applies to: one grant type, any token-endpoint call, or the revocation endpoint. */
export type FailureTarget = TokenGrantType | 'any-grant' | 'revocation'

/** A canned response served instead of the real endpoint. */
export interface CannedResponse {
  status: number
  /** Sent as JSON; omit for an empty body. */
  body?: unknown
  headers?: Record<string, string>
}

export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none'

/** A client registered at the test provider. `clientSecret` is '' for public (`none`) clients. */
export interface TestClient {
  clientId: string
  clientSecret: string
  tokenEndpointAuthMethod: TokenEndpointAuthMethod
  grantTypes: string[]
  redirectUris: string[]
}

export interface TestClientOptions {
  clientId: string
  /** Defaults to a random secret made only of unreserved characters (base64url). */
  clientSecret?: string
  /** Default `client_secret_basic`. */
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod
  /** Default `['authorization_code', 'refresh_token']`. */
  grantTypes?: string[]
  /** Defaults to the provider's `redirectUris` option (ignored without `authorization_code`). */
  redirectUris?: string[]
  /** Extra raw client metadata (snake_case), e.g. `{ scope: 'api:read' }`. */
  metadata?: Partial<ClientMetadata>
}

export interface StartOidcProviderOptions {
  /** Redirect URIs of the default client. Can be changed later with `setRedirectUris`. */
  redirectUris?: string[]
  /** Default `switchboard-client`. */
  clientId?: string
  /** Default: random, unreserved characters only. */
  clientSecret?: string
  /** Extra clients, e.g. one using `client_secret_post` or one with only `client_credentials`. */
  additionalClients?: TestClientOptions[]
  /** Lifetime of access tokens (authorization_code, refresh_token and client_credentials). Default 3600. */
  accessTokenTtlSeconds?: number
  /** Default 14 days (oidc-provider's default). */
  refreshTokenTtlSeconds?: number
  /**
   * Seconds during which a refresh token rotated out by a refresh is still accepted (and rotated
   * again, and introspects active) instead of counting as reuse, as Okta's refresh token "grace
   * period" and Auth0's "reuse interval" do. After that, reuse gets `invalid_grant` and revokes the
   * grant. Default 0: strict rotation, any reuse is refused and revokes the grant.
   */
  refreshTokenReuseGraceSeconds?: number
  /** Extra scopes on top of openid, offline_access, profile, email, api:read, api:write. */
  scopes?: string[]
  /** GET /interaction/:uid logs in `accountId` and consents in one step, without any page. */
  autoApprove?: boolean
  /** Account used by `autoApprove`. Default `user-1`. */
  accountId?: string
  /** Delay before every token-endpoint call is handled (concurrency tests). Default 0. */
  delayTokenMs?: number
  /**
   * Add `refresh_token_expires_in` (the refresh token's TTL in seconds) to every token answer that
   * carries a refresh token, as GitHub Apps, Airtable or Okta do. Default false (oidc-provider's).
   */
  announceRefreshTokenLifetime?: boolean
  /** Drop oidc-provider's NOTICE/WARNING console lines. Default true. */
  quiet?: boolean
  /**
   * Claims of an account over the defaults (`email: <sub>@example.test`, `email_verified: true`,
   * `name`), e.g. `(sub) => ({ email: `${sub}@acme.test`, email_verified: false })`. Can be
   * changed later with `setAccountClaims`.
   */
  accountClaims?: AccountClaims
}

export type AccountClaims = (accountId: string) => Record<string, unknown> | undefined

export interface TokenCounts {
  authorization_code: number
  refresh_token: number
  client_credentials: number
  other: number
}

export interface ProviderStats {
  /** Every POST /token that reached the server, by grant type, including canned (`failNext`) answers. */
  tokenRequests: TokenCounts
  /** Token-endpoint calls that issued tokens (oidc-provider `grant.success`). */
  tokenSuccesses: TokenCounts
  /** Every POST /token/revocation that reached the server, including canned answers. */
  revocations: number
  /** Every POST to the introspection endpoint (the `introspect` helper's own calls included). */
  introspections: number
}

/** One token-endpoint call as received (form parameters and the Authorization header). */
export interface TokenRequestRecord {
  grantType: string
  params: Record<string, string>
  authorization: string | undefined
  /** Set when oidc-provider never handled the call: `failNext` answered, or a hold dropped it. */
  canned: boolean
}

export interface TokenHold {
  reached: Promise<void>
  /** The provider handles the call (and answers, if the caller is still there). */
  release(): void
  /** The provider never handles the call: the connection is closed, nothing is issued or rotated. */
  drop(): void
  /** The provider handles the call (issuing, rotating), then the connection breaks instead of answering. */
  loseAnswer(): void
}

export interface RevocationRecord {
  token: string | undefined
  tokenTypeHint: string | undefined
  authorization: string | undefined
  canned: boolean
}

/** A running oidc-provider on 127.0.0.1 with login/consent pages and test controls. */
export interface TestProvider {
  /** `http://127.0.0.1:<port>` — exactly the `iss` value callbacks carry. */
  issuer: string
  url(path: string): string
  authorizationUrl: string
  tokenUrl: string
  revocationUrl: string
  introspectionUrl: string
  userinfoUrl: string
  jwksUrl: string
  discoveryUrl: string
  provider: Provider
  /** The provider's storage (tokens, grants, sessions, clients). */
  store: OidcMemoryStore
  /** The default client. */
  client: TestClient
  /** All clients, default first. */
  clients: TestClient[]
  stats: ProviderStats
  tokenLog: TokenRequestRecord[]
  revocationLog: RevocationRecord[]
  /** Errors oidc-provider reported as `server_error`. */
  serverErrors: Error[]
  /** Answers the next `times` calls of `target` with `response` instead of running the endpoint. */
  failNext(target: FailureTarget, response: CannedResponse, times?: number): void
  setTokenDelay(ms: number): void
  /**
   * Holds the next token-endpoint call of `grantType` until `release()`: `reached` resolves
   * once the call has arrived (and been logged). The provider answers it only after release.
   */
  holdNext(grantType: TokenGrantType): TokenHold
  addClient(options: TestClientOptions): Promise<TestClient>
  setRedirectUris(redirectUris: string[], clientId?: string): void
  /** Replaces the `accountClaims` option (undefined: the defaults only). */
  setAccountClaims(claims: AccountClaims | undefined): void
  /** Whether the provider considers `token` (access or refresh) active, via its introspection endpoint. */
  introspect(token: string): Promise<boolean>
  /** The raw introspection response. */
  introspection(token: string): Promise<Record<string, unknown>>
  /** Deletes every issued access token (incl. client_credentials); returns how many. */
  expireAllAccessTokens(): number
  /** Deletes every grant with its refresh and access tokens; a later refresh gets `invalid_grant`. */
  revokeAllGrants(): number
  resetStats(): void
  close(): Promise<void>
}

/** Basic credentials per RFC 6749 §2.3.1 (form-urlencoded before base64). */
export function clientSecretBasic(clientId: string, clientSecret: string): string {
  const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, '+')
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`
}

const ROUTES = {
  authorization: '/auth',
  token: '/token',
  revocation: '/token/revocation',
  introspection: '/token/introspection',
  userinfo: '/me',
  jwks: '/jwks',
} as const

const DEFAULT_SCOPES = ['openid', 'offline_access', 'profile', 'email', 'api:read', 'api:write']
const FOURTEEN_DAYS = 14 * 24 * 60 * 60
const INTERACTION_PATH = /^\/interaction\/([^/]+)$/

let consoleFiltered = false

/** Drops oidc-provider's `NOTICE`/`WARNING` console lines (dev keys, unsupported runtime, ...). */
function silenceOidcProviderNotices(): void {
  if (consoleFiltered) return
  consoleFiltered = true
  for (const method of ['warn', 'info'] as const) {
    const original = console[method].bind(console)
    console[method] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && /oidc-provider (WARNING|NOTICE):/.test(args[0])) return
      original(...args)
    }
  }
}

const randomSecret = () => randomBytes(24).toString('base64url')
const emptyCounts = (): TokenCounts => ({
  authorization_code: 0,
  refresh_token: 0,
  client_credentials: 0,
  other: 0,
})
const countKey = (grantType: string): keyof TokenCounts =>
  grantType === 'authorization_code' || grantType === 'refresh_token' || grantType === 'client_credentials'
    ? grantType
    : 'other'

/**
 * Starts oidc-provider 9 on `http://127.0.0.1:<random port>` with revocation, introspection and
 * client_credentials enabled, rotating refresh tokens (strict, unless `refreshTokenReuseGraceSeconds`),
 * and our own login/consent pages at `/interaction/:uid` (ids `#login`, `#password`, `#submit`,
 * `#allow`, `#deny`).
 */
export async function startOidcProvider(options: StartOidcProviderOptions = {}): Promise<TestProvider> {
  if (options.quiet !== false) silenceOidcProviderNotices()
  // Imported lazily so the "unsupported runtime" warning printed at import time is filtered too.
  const { Provider } = await import('oidc-provider')

  const server = createServer()
  const port = await listenOnLoopback(server)
  const issuer = `http://127.0.0.1:${port}`
  const url = (path: string) => new URL(path, issuer).href

  const store = new OidcMemoryStore({
    refreshTokenReuseGraceSeconds: options.refreshTokenReuseGraceSeconds ?? 0,
  })
  const defaultRedirectUris = options.redirectUris ?? []
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600
  const autoAccountId = options.accountId ?? 'user-1'
  let tokenDelayMs = options.delayTokenMs ?? 0
  let accountClaims = options.accountClaims

  const config: Configuration = {
    adapter: store.adapter,
    routes: { ...ROUTES },
    cookies: { keys: ['switchboard-test-cookie-key-1'] },
    scopes: [...DEFAULT_SCOPES, ...(options.scopes ?? [])],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({
        sub,
        email: `${sub}@example.test`,
        email_verified: true,
        name: `Test ${sub}`,
        ...accountClaims?.(sub),
      }),
    }),
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: {
        enabled: true,
        // Any confidential client may introspect any token (the helper `introspect` uses the default client).
        allowedPolicy: (_ctx, client, token) =>
          client.clientAuthMethod !== 'none' || token.clientId === client.clientId,
      },
      clientCredentials: { enabled: true },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken: () => true,
    // Explicit numbers (oidc-provider's defaults) also avoid a NOTICE per model.
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: FOURTEEN_DAYS,
      Grant: FOURTEEN_DAYS,
      RefreshToken: options.refreshTokenTtlSeconds ?? FOURTEEN_DAYS,
    },
  }

  const provider = new Provider(issuer, config)

  const stats: ProviderStats = {
    tokenRequests: emptyCounts(),
    tokenSuccesses: emptyCounts(),
    revocations: 0,
    introspections: 0,
  }
  const tokenLog: TokenRequestRecord[] = []
  const revocationLog: RevocationRecord[] = []
  const serverErrors: Error[] = []
  const failures: Array<{ target: FailureTarget; response: CannedResponse; remaining: number }> = []
  type HoldOutcome = 'release' | 'drop' | 'lose-answer'
  const holds: Array<{ grantType: TokenGrantType; arrived(): void; outcome: Promise<HoldOutcome> }> = []

  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    stats.tokenSuccesses[countKey(String(ctx.oidc.params?.grant_type ?? ''))]++
  })
  provider.on('server_error', (_ctx: KoaContextWithOIDC, err: Error) => {
    serverErrors.push(err)
  })

  // Clients live in the store (as "dynamic" clients) so redirect URIs can change after start.
  const clients: TestClient[] = []
  const clientMetadata = new Map<string, Partial<ClientMetadata> | undefined>()
  const toMetadata = (client: TestClient, extra: Partial<ClientMetadata> | undefined): ClientMetadata => {
    clientMetadata.set(client.clientId, extra)
    const usesRedirects = client.grantTypes.includes('authorization_code')
    return {
      client_id: client.clientId,
      ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
      token_endpoint_auth_method: client.tokenEndpointAuthMethod,
      grant_types: client.grantTypes,
      redirect_uris: client.redirectUris,
      response_types: usesRedirects ? ['code'] : [],
      ...extra,
    }
  }

  const registerClient = async (opts: TestClientOptions): Promise<TestClient> => {
    const method = opts.tokenEndpointAuthMethod ?? 'client_secret_basic'
    const grantTypes = opts.grantTypes ?? ['authorization_code', 'refresh_token']
    const usesRedirects = grantTypes.includes('authorization_code')
    const client: TestClient = {
      clientId: opts.clientId,
      clientSecret: method === 'none' ? '' : (opts.clientSecret ?? randomSecret()),
      tokenEndpointAuthMethod: method,
      grantTypes,
      redirectUris: usesRedirects ? (opts.redirectUris ?? defaultRedirectUris) : [],
    }
    const metadata = toMetadata(client, opts.metadata)
    await provider.Client.validate(metadata)
    store.put('Client', client.clientId, metadata)
    const index = clients.findIndex((c) => c.clientId === client.clientId)
    if (index >= 0) clients.splice(index, 1, client)
    else clients.push(client)
    return client
  }
  const defaultClient = await registerClient({
    clientId: options.clientId ?? 'switchboard-client',
    ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
  })
  for (const extra of options.additionalClients ?? []) await registerClient(extra)

  const takeFailure = (kind: string): CannedResponse | undefined => {
    const index = failures.findIndex(
      (f) => f.target === kind || (f.target === 'any-grant' && kind !== 'revocation'),
    )
    const failure = failures[index]
    if (!failure) return undefined
    if (--failure.remaining <= 0) failures.splice(index, 1)
    return failure.response
  }

  /** Reads the form body (handing it to oidc-provider as a pre-parsed `req.body`). */
  const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
    const raw = await readBody(req)
    ;(req as IncomingMessage & { body?: Buffer }).body = raw
    return new URLSearchParams(raw.toString('utf8'))
  }

  const sendCanned = (res: ServerResponse, response: CannedResponse) =>
    sendJson(res, response.status, response.body, response.headers)

  /** Returns true when a canned response was sent. */
  const interceptToken = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const params = await readForm(req)
    const grantType = params.get('grant_type') ?? ''
    stats.tokenRequests[countKey(grantType)]++
    if (tokenDelayMs > 0) await sleep(tokenDelayMs)
    const canned = takeFailure(grantType)
    const record: TokenRequestRecord = {
      grantType,
      params: Object.fromEntries(params),
      authorization: req.headers.authorization,
      canned: canned !== undefined,
    }
    tokenLog.push(record)
    const held = holds.findIndex((h) => h.grantType === grantType)
    const hold = holds[held]
    if (hold) {
      holds.splice(held, 1)
      hold.arrived()
      const outcome = await hold.outcome
      if (outcome === 'drop') {
        record.canned = true
        res.destroy()
        return true
      }
      if (outcome === 'lose-answer') {
        // oidc-provider does all its work, then its answer never reaches the caller.
        res.end = (() => res.destroy()) as unknown as typeof res.end
      }
    }
    if (canned) sendCanned(res, canned)
    else if (options.announceRefreshTokenLifetime) announceRefreshLifetime(res)
    return canned !== undefined
  }

  /** Rewrites oidc-provider's token answer (one res.end with the JSON) to carry the lifetime. */
  const announceRefreshLifetime = (res: ServerResponse) => {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
    res.end = ((...args: unknown[]) => {
      const [chunk] = args
      if ((typeof chunk === 'string' || Buffer.isBuffer(chunk)) && !res.headersSent) {
        try {
          const body = JSON.parse(chunk.toString()) as Record<string, unknown>
          if (typeof body.refresh_token === 'string') {
            body.refresh_token_expires_in = options.refreshTokenTtlSeconds ?? FOURTEEN_DAYS
            const text = JSON.stringify(body)
            res.setHeader('content-length', Buffer.byteLength(text))
            return end(text, ...args.slice(1).filter((a) => typeof a === 'function'))
          }
        } catch {
          // Not JSON: passed on as it is.
        }
      }
      return end(...args)
    }) as typeof res.end
  }

  const interceptRevocation = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const params = await readForm(req)
    stats.revocations++
    const canned = takeFailure('revocation')
    revocationLog.push({
      token: params.get('token') ?? undefined,
      tokenTypeHint: params.get('token_type_hint') ?? undefined,
      authorization: req.headers.authorization,
      canned: canned !== undefined,
    })
    if (canned) sendCanned(res, canned)
    return canned !== undefined
  }

  const saveGrant = async (details: Interaction, accountId: string): Promise<string> => {
    const clientId = String(details.params.client_id)
    const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined
    const grant = existing ?? new provider.Grant({ accountId, clientId })
    const scope = details.params.scope
    if (typeof scope === 'string' && scope) grant.addOIDCScope(scope)
    const { missingOIDCClaims, missingResourceScopes } = details.prompt.details
    if (Array.isArray(missingOIDCClaims)) grant.addOIDCClaims(missingOIDCClaims as string[])
    if (missingResourceScopes && typeof missingResourceScopes === 'object') {
      for (const [resource, scopes] of Object.entries(missingResourceScopes as Record<string, string[]>)) {
        grant.addResourceScope(resource, scopes.join(' '))
      }
    }
    return grant.save()
  }

  const handleInteraction = async (req: IncomingMessage, res: ServerResponse, uid: string) => {
    const details = await provider.interactionDetails(req, res)
    const prompt = details.prompt.name
    const clientId = String(details.params.client_id)
    const scope = typeof details.params.scope === 'string' ? details.params.scope : ''

    if (req.method === 'GET') {
      if (options.autoApprove) {
        const accountId = details.session?.accountId ?? autoAccountId
        const grantId = await saveGrant(details, accountId)
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        )
        return
      }
      if (prompt === 'login') return sendHtml(res, 200, loginPage(uid, clientId))
      if (prompt === 'consent') return sendHtml(res, 200, consentPage(uid, clientId, scope))
      return sendHtml(res, 400, errorPage(`Unsupported prompt ${prompt}`))
    }

    const form = new URLSearchParams((await readBody(req)).toString('utf8'))
    if (prompt === 'login') {
      const login = form.get('login')?.trim()
      if (!login) return sendHtml(res, 400, loginPage(uid, clientId, 'Enter a login.'))
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: login } },
        { mergeWithLastSubmission: false },
      )
      return
    }
    if (prompt === 'consent') {
      const decision = form.get('decision')
      if (decision === 'deny') {
        await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'The user denied access' },
          { mergeWithLastSubmission: false },
        )
        return
      }
      if (decision !== 'allow')
        return sendHtml(res, 400, consentPage(uid, clientId, scope, 'Choose Allow or Deny.'))
      const accountId = details.session?.accountId ?? autoAccountId
      const grantId = await saveGrant(details, accountId)
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      )
      return
    }
    sendHtml(res, 400, errorPage(`Unsupported prompt ${prompt}`))
  }

  const providerCallback = provider.callback()
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const run = async () => {
      const path = new URL(req.url ?? '/', issuer).pathname
      const interaction = INTERACTION_PATH.exec(path)
      if (interaction && (req.method === 'GET' || req.method === 'POST')) {
        return handleInteraction(req, res, decodeURIComponent(interaction[1]!))
      }
      if (req.method === 'POST' && path === ROUTES.token && (await interceptToken(req, res))) return
      if (req.method === 'POST' && path === ROUTES.revocation && (await interceptRevocation(req, res))) return
      if (req.method === 'POST' && path === ROUTES.introspection) stats.introspections++
      await providerCallback(req, res)
    }
    run().catch((err: unknown) => {
      if (res.headersSent) return res.destroy()
      sendHtml(res, 400, errorPage(err instanceof Error ? `${err.name}: ${err.message}` : String(err)))
    })
  })

  const introspection = async (token: string): Promise<Record<string, unknown>> => {
    const response = await fetch(url(ROUTES.introspection), {
      method: 'POST',
      headers: {
        authorization: clientSecretBasic(defaultClient.clientId, defaultClient.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token }),
    })
    if (!response.ok) throw new Error(`introspection failed: ${response.status} ${await response.text()}`)
    return (await response.json()) as Record<string, unknown>
  }

  return {
    issuer,
    url,
    authorizationUrl: url(ROUTES.authorization),
    tokenUrl: url(ROUTES.token),
    revocationUrl: url(ROUTES.revocation),
    introspectionUrl: url(ROUTES.introspection),
    userinfoUrl: url(ROUTES.userinfo),
    jwksUrl: url(ROUTES.jwks),
    discoveryUrl: url('/.well-known/openid-configuration'),
    provider,
    store,
    client: defaultClient,
    clients,
    stats,
    tokenLog,
    revocationLog,
    serverErrors,
    failNext: (target, response, times = 1) => {
      failures.push({ target, response, remaining: times })
    },
    setTokenDelay: (ms) => {
      tokenDelayMs = ms
    },
    holdNext: (grantType) => {
      let arrived = () => {}
      let decide: (outcome: HoldOutcome) => void = () => {}
      const reached = new Promise<void>((r) => {
        arrived = r
      })
      const outcome = new Promise<HoldOutcome>((r) => {
        decide = r
      })
      holds.push({ grantType, arrived, outcome })
      return {
        reached,
        release: () => decide('release'),
        drop: () => decide('drop'),
        loseAnswer: () => decide('lose-answer'),
      }
    },
    addClient: registerClient,
    setRedirectUris: (redirectUris, clientId = defaultClient.clientId) => {
      const client = clients.find((c) => c.clientId === clientId)
      if (!client) throw new Error(`unknown client ${clientId}`)
      client.redirectUris = [...redirectUris]
      store.put('Client', clientId, toMetadata(client, clientMetadata.get(clientId)))
    },
    setAccountClaims: (claims) => {
      accountClaims = claims
    },
    introspect: async (token) => (await introspection(token)).active === true,
    introspection,
    expireAllAccessTokens: () => store.deleteAll('AccessToken', 'ClientCredentials'),
    revokeAllGrants: () =>
      store.deleteAll('Grant', 'RefreshToken', 'AccessToken', 'AuthorizationCode', 'ClientCredentials'),
    resetStats: () => {
      stats.tokenRequests = emptyCounts()
      stats.tokenSuccesses = emptyCounts()
      stats.revocations = 0
      stats.introspections = 0
      tokenLog.length = 0
      revocationLog.length = 0
      failures.length = 0
      holds.length = 0
    },
    close: () => closeServer(server),
  }
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy': "frame-ancestors 'none'",
  })
  res.end(html)
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`
}

function loginPage(uid: string, clientId: string, error?: string): string {
  return page(
    'Sign in',
    `<p>to continue to <code id="client-id">${escapeHtml(clientId)}</code></p>
${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="login-form" method="post" action="/interaction/${encodeURIComponent(uid)}">
<input type="hidden" name="prompt" value="login">
<label>Login <input id="login" name="login" autocomplete="username" required autofocus></label>
<label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
<button id="submit" type="submit">Sign in</button>
</form>`,
  )
}

function consentPage(uid: string, clientId: string, scope: string, error?: string): string {
  const scopes = scope
    .split(' ')
    .filter(Boolean)
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join('')
  return page(
    'Authorize access',
    `<p><code id="client-id">${escapeHtml(clientId)}</code> is requesting:</p>
<ul id="scopes">${scopes}</ul>
${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="consent-form" method="post" action="/interaction/${encodeURIComponent(uid)}">
<input type="hidden" name="prompt" value="consent">
<button id="allow" type="submit" name="decision" value="allow">Allow</button>
<button id="deny" type="submit" name="decision" value="deny">Deny</button>
</form>`,
  )
}

function errorPage(message: string): string {
  return page('Error', `<p id="error">${escapeHtml(message)}</p>`)
}
