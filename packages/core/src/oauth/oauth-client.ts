/**
 * The seam between Switchboard and OAuth 2.0 providers: the only importer of Arctic.
 *
 * Arctic builds authorization URLs (with PKCE S256) and parses token responses. Token,
 * refresh and revocation requests are sent here with the injected `fetch` because Arctic's
 * generic client (3.7.0) always uses the global fetch (bypassing our egress guard), sends
 * Basic credentials without the form-encoding RFC 6749 §2.3.1 requires, and has no
 * client_secret_post. Keeping it behind this file lets us replace Arctic without touching callers.
 */
import type { OAuth2Config } from '@switchboard/catalog'

type Arctic = typeof import('arctic')

/**
 * Arctic, loaded on the first connect flow or token request rather than at boot (a cold start
 * never needs it: docs/performance.md, Startup). Later calls reuse the loaded module.
 */
let arcticModule: Promise<Arctic> | undefined
const arctic = (): Promise<Arctic> => {
  arcticModule ??= import('arctic')
  return arcticModule
}

/** A PKCE code verifier (RFC 7636), as Arctic makes it. */
export async function generateCodeVerifier(): Promise<string> {
  return (await arctic()).generateCodeVerifier()
}

export interface OAuthClientConfig {
  clientId: string
  clientSecret: string
  redirectUri: string
  oauth2: OAuth2Config
}

export interface TokenSet {
  accessToken: string
  refreshToken: string | null
  tokenType: string
  expiresInSeconds: number | null
  refreshTokenExpiresInSeconds: number | null
  /** Present only when the provider returned `scope` (it may omit it when unchanged). */
  scopes: string[] | null
}

/** The provider answered with an RFC 6749 error (`invalid_grant`, `access_denied`, …). */
export class OAuthProviderError extends Error {
  constructor(
    readonly code: string,
    readonly description: string | null,
    readonly status: number,
  ) {
    super(description ? `${code}: ${description}` : code)
  }
}

/** The provider could not be reached or failed (network, timeout, 5xx): worth retrying later. */
export class OAuthTransientError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /**
     * Whether the provider may have acted on the request anyway (no answer, a gateway error, an
     * answer that could not be read). 429 and 503 say it did not.
     */
    readonly mayHaveActed = status === null || (status >= 500 && status !== 503),
  ) {
    super(message)
  }
}

export async function buildAuthorizationUrl(
  cfg: OAuthClientConfig,
  input: { state: string; codeVerifier: string | null; scopes: readonly string[] },
): Promise<URL> {
  const { CodeChallengeMethod, OAuth2Client } = await arctic()
  const client = new OAuth2Client(cfg.clientId, null, cfg.redirectUri)
  const url =
    input.codeVerifier !== null
      ? client.createAuthorizationURLWithPKCE(
          cfg.oauth2.authorizationUrl,
          input.state,
          CodeChallengeMethod.S256,
          input.codeVerifier,
          [],
        )
      : client.createAuthorizationURL(cfg.oauth2.authorizationUrl, input.state, [])
  if (input.scopes.length > 0) url.searchParams.set('scope', input.scopes.join(cfg.oauth2.scopeSeparator))
  for (const [k, v] of Object.entries(cfg.oauth2.authorizationParams)) url.searchParams.set(k, v)
  return url
}

/** RFC 6749 §2.3.1: form-encode id and secret before base64. */
function basicCredentials(id: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+')
  return Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')
}

function tokenRequest(
  cfg: OAuthClientConfig,
  params: Record<string, string>,
): { headers: Headers; body: URLSearchParams } {
  const body = new URLSearchParams(params)
  const headers = new Headers({
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'user-agent': 'Switchboard',
  })
  if (cfg.oauth2.clientAuth === 'basic') {
    headers.set('authorization', `Basic ${basicCredentials(cfg.clientId, cfg.clientSecret)}`)
  } else {
    body.set('client_id', cfg.clientId)
    body.set('client_secret', cfg.clientSecret)
  }
  return { headers, body }
}

async function post(
  fetchFn: typeof fetch,
  url: string,
  req: { headers: Headers; body: URLSearchParams },
  timeoutMs: number,
) {
  try {
    return await fetchFn(url, {
      method: 'POST',
      headers: req.headers,
      body: req.body.toString(),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (e) {
    if (e instanceof Error && e.name === 'AppError') throw e
    throw new OAuthTransientError(`Could not reach the provider: ${(e as Error).message}`, null)
  }
}

async function readJson(res: Response): Promise<Record<string, unknown> | null> {
  try {
    const data: unknown = await res.json()
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function toTokenSet(
  OAuth2Tokens: Arctic['OAuth2Tokens'],
  data: Record<string, unknown>,
  oauth2: Pick<OAuth2Config, 'scopeSeparator' | 'refreshTokenLifetimeDays'>,
): TokenSet {
  const separator = oauth2.scopeSeparator
  const tokens = new OAuth2Tokens(data)
  let accessToken: string
  try {
    accessToken = tokens.accessToken()
  } catch {
    throw new OAuthProviderError('invalid_response', 'The token response has no access_token', 200)
  }
  const num = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v)
      ? v
      : typeof v === 'string' && /^\d+$/.test(v)
        ? Number(v)
        : null
  const scope = typeof data.scope === 'string' ? data.scope : null
  const refreshToken = tokens.hasRefreshToken() ? tokens.refreshToken() : null
  // The refresh token's lifetime: what the provider says (`refresh_token_expires_in`, Intuit's
  // `x_refresh_token_expires_in`), else the lifetime the catalog documents for a refresh token
  // it just issued; unknown otherwise.
  const refreshTokenExpiresInSeconds =
    num(data.refresh_token_expires_in) ??
    num(data.x_refresh_token_expires_in) ??
    (refreshToken !== null && oauth2.refreshTokenLifetimeDays !== undefined
      ? oauth2.refreshTokenLifetimeDays * 86_400
      : null)
  return {
    accessToken,
    refreshToken,
    tokenType: typeof data.token_type === 'string' ? data.token_type : 'Bearer',
    expiresInSeconds: num(data.expires_in),
    refreshTokenExpiresInSeconds,
    scopes: scope === null ? null : splitScopes(scope, separator),
  }
}

/**
 * A granted scope string split on runs of whitespace or of any character of the integration's
 * separator (tenant input for a custom integration: it never becomes a RegExp).
 */
export function splitScopes(scope: string, separator: string): string[] {
  let spaced = scope
  for (const ch of separator) spaced = spaced.replaceAll(ch, ' ')
  return spaced.split(/\s+/).filter(Boolean)
}

/** How long one token-endpoint request may take. */
export const TOKEN_REQUEST_TIMEOUT_MS = 15_000

async function sendTokenRequest(
  fetchFn: typeof fetch,
  cfg: OAuthClientConfig,
  params: Record<string, string>,
  timeoutMs = TOKEN_REQUEST_TIMEOUT_MS,
): Promise<TokenSet> {
  const { OAuth2RequestError, OAuth2Tokens } = await arctic()
  const res = await post(fetchFn, cfg.oauth2.tokenUrl, tokenRequest(cfg, params), timeoutMs)
  const data = await readJson(res)
  if (res.status >= 500 || res.status === 429) {
    throw new OAuthTransientError(`The provider's token endpoint answered ${res.status}`, res.status)
  }
  if (res.ok && data === null) {
    // Accepted, but the answer was cut off or is not JSON: tokens may have been issued (and a
    // refresh token rotated) without our seeing them.
    throw new OAuthTransientError(
      `The provider's token answer could not be read (HTTP ${res.status})`,
      res.status,
      true,
    )
  }
  if (res.ok && data && typeof data.error !== 'string') return toTokenSet(OAuth2Tokens, data, cfg.oauth2)
  if (data && typeof data.error === 'string') {
    const err = new OAuth2RequestError(
      data.error,
      typeof data.error_description === 'string' ? data.error_description : null,
      null,
      null,
    )
    throw new OAuthProviderError(err.code, err.description, res.status)
  }
  throw new OAuthProviderError(
    'invalid_response',
    `Unexpected token endpoint answer (HTTP ${res.status})`,
    res.status,
  )
}

export function exchangeAuthorizationCode(
  fetchFn: typeof fetch,
  cfg: OAuthClientConfig,
  code: string,
  codeVerifier: string | null,
): Promise<TokenSet> {
  const params: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: cfg.redirectUri,
  }
  if (codeVerifier !== null) params.code_verifier = codeVerifier
  return sendTokenRequest(fetchFn, cfg, params)
}

export function refreshAccessToken(
  fetchFn: typeof fetch,
  cfg: OAuthClientConfig,
  refreshToken: string,
): Promise<TokenSet> {
  // No `scope`: a refresh never asks for more than the grant (RFC 6749 §6).
  return sendTokenRequest(fetchFn, cfg, { grant_type: 'refresh_token', refresh_token: refreshToken })
}

export function requestClientCredentials(
  fetchFn: typeof fetch,
  cfg: OAuthClientConfig,
  scopes: readonly string[],
): Promise<TokenSet> {
  const params: Record<string, string> = { grant_type: 'client_credentials' }
  if (scopes.length > 0) params.scope = scopes.join(cfg.oauth2.scopeSeparator)
  return sendTokenRequest(fetchFn, cfg, params)
}

/** How long an introspection request may take (it runs before a token request, in the same lease). */
export const INTROSPECTION_TIMEOUT_MS = 5_000

/**
 * POSTs `token` (with its type hint and client authentication) to an RFC 7009/7662 endpoint;
 * null when the provider could not be reached in time.
 */
async function postToken(
  fetchFn: typeof fetch,
  cfg: OAuthClientConfig,
  url: string,
  token: string,
  tokenTypeHint: 'refresh_token' | 'access_token',
  timeoutMs: number,
): Promise<Response | null> {
  try {
    return await post(fetchFn, url, tokenRequest(cfg, { token, token_type_hint: tokenTypeHint }), timeoutMs)
  } catch (e) {
    if (e instanceof OAuthTransientError) return null
    throw e
  }
}

/**
 * RFC 7662 introspection: whether the provider still accepts `token`. null when it cannot say
 * (no endpoint, unreachable, an answer that is not RFC 7662): the caller decides without it.
 */
export async function introspectToken(
  fetchFn: typeof fetch,
  cfg: OAuthClientConfig,
  token: string,
  tokenTypeHint: 'refresh_token' | 'access_token',
): Promise<boolean | null> {
  if (!cfg.oauth2.introspectionUrl) return null
  const res = await postToken(
    fetchFn,
    cfg,
    cfg.oauth2.introspectionUrl,
    token,
    tokenTypeHint,
    INTROSPECTION_TIMEOUT_MS,
  )
  if (!res) return null
  const data = await readJson(res)
  if (res.status !== 200 || typeof data?.active !== 'boolean') return null
  return data.active
}

/**
 * RFC 7009 revocation. 200 (and 204, which some providers send) is success, including for
 * an unknown token; 503 and network failures mean the token may still be valid: retry.
 */
export async function revokeToken(
  fetchFn: typeof fetch,
  cfg: OAuthClientConfig,
  token: string,
  tokenTypeHint: 'refresh_token' | 'access_token',
): Promise<'revoked' | 'retry' | 'rejected'> {
  if (!cfg.oauth2.revocationUrl) return 'rejected'
  const res = await postToken(fetchFn, cfg, cfg.oauth2.revocationUrl, token, tokenTypeHint, 10_000)
  if (!res) return 'retry'
  await res.body?.cancel()
  if (res.status === 200 || res.status === 204) return 'revoked'
  if (res.status === 503 || res.status === 429 || res.status >= 500) return 'retry'
  return 'rejected'
}
