import { randomBytes } from 'node:crypto'
import type * as OpenIdClient from 'openid-client'
import type { CoreDeps, SsoConfig } from '../deps.ts'
import { isExplicitlyAllowed } from '../egress/egress-policy.ts'
import { AppError } from '../errors.ts'

/**
 * The only importer of openid-client (v6, the relying party of dashboard SSO): discovery, the
 * authorization URL (code flow, PKCE S256, nonce, state) and the callback, where it checks the
 * RFC 9207 `iss` parameter (required, as the provider advertises it), the state, the PKCE
 * exchange and the ID token (signature from the provider's JWKS, `iss`, `aud`, `exp`, `nonce`).
 * Kept behind this file so the library can be replaced without touching callers.
 */

/** What a callback yields: the ID token's claims that matter to us. */
export interface SsoIdentity {
  issuer: string
  subject: string
  email: string | undefined
  emailVerified: boolean
}

/**
 * openid-client, loaded on the first SSO use rather than at import: a server that never signs
 * anyone in with SSO never loads it (part of a cold start, docs/performance.md). Node keeps the
 * module once imported, so later calls cost a resolved promise.
 */
function oidc(): Promise<typeof OpenIdClient> {
  return import('openid-client')
}

/** One discovery per configuration (and per fetch), kept while the process runs. */
const configurations = new WeakMap<SsoConfig, WeakMap<object, Promise<OpenIdClient.Configuration>>>()

function ssoConfig(deps: CoreDeps): SsoConfig {
  const sso = deps.config.sso
  if (!sso) {
    throw new AppError(
      'SSO_NOT_CONFIGURED',
      'SSO sign-in is not set up on this server; sign in with your password',
    )
  }
  return sso
}

async function configuration(deps: CoreDeps): Promise<OpenIdClient.Configuration> {
  const sso = ssoConfig(deps)
  let byFetch = configurations.get(sso)
  if (!byFetch) {
    byFetch = new WeakMap()
    configurations.set(sso, byFetch)
  }
  const cache = byFetch
  let found = byFetch.get(deps.fetch)
  if (!found) {
    found = discover(deps, sso)
    cache.set(deps.fetch, found)
    // A failed discovery (the provider down at start) is tried again next time.
    found.catch(() => cache.delete(deps.fetch))
  }
  return found
}

async function discover(deps: CoreDeps, sso: SsoConfig): Promise<OpenIdClient.Configuration> {
  const issuer = new URL(sso.issuer)
  // Plain http only for a host SWITCHBOARD_EGRESS_ALLOW names (a provider on loopback in tests
  // and local development); in production the issuer is https.
  const insecure =
    issuer.protocol === 'http:' && isExplicitlyAllowed({ allow: deps.config.egressAllow }, issuer)
  const client = await oidc()
  try {
    return await client.discovery(
      issuer,
      sso.clientId,
      { client_secret: sso.clientSecret },
      client.ClientSecretBasic(sso.clientSecret),
      {
        [client.customFetch]: (url, init) => deps.fetch(url, init as RequestInit),
        ...(insecure && { execute: [client.allowInsecureRequests] }),
        timeout: 10,
      },
    )
  } catch (e) {
    deps.log.error(
      { err: describe(e), issuer: sso.issuer },
      'SSO: the OpenID provider could not be discovered',
    )
    throw new AppError('SSO_FAILED', 'The SSO provider could not be reached; try again in a moment')
  }
}

/** Fresh per sign-in: state, nonce and PKCE verifier. */
export interface SsoAttemptSecrets {
  state: string
  nonce: string
  codeVerifier: string
}

/** 32 random bytes, base64url: what openid-client's randomState/randomNonce/randomPKCECodeVerifier give. */
const random32 = () => randomBytes(32).toString('base64url')

export function newAttemptSecrets(): SsoAttemptSecrets {
  return { state: random32(), nonce: random32(), codeVerifier: random32() }
}

export function ssoRedirectUri(deps: CoreDeps): string {
  return `${deps.config.publicUrl}/api/v1/auth/sso/callback`
}

export async function ssoAuthorizationUrl(deps: CoreDeps, secrets: SsoAttemptSecrets): Promise<URL> {
  const config = await configuration(deps)
  const client = await oidc()
  return client.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(deps),
    scope: 'openid email',
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(secrets.codeVerifier),
    code_challenge_method: 'S256',
  })
}

/**
 * Checks the provider's answer at our callback (`callbackUrl`: the URL as received) and redeems
 * its code. Anything that does not check out is 400 SSO_FAILED, with the reason logged.
 */
export async function redeemSsoCallback(
  deps: CoreDeps,
  callbackUrl: URL,
  secrets: SsoAttemptSecrets,
): Promise<SsoIdentity> {
  const config = await configuration(deps)
  const client = await oidc()
  const error = callbackUrl.searchParams.get('error')
  let tokens: Awaited<ReturnType<typeof OpenIdClient.authorizationCodeGrant>>
  try {
    tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: secrets.codeVerifier,
      expectedState: secrets.state,
      expectedNonce: secrets.nonce,
      idTokenExpected: true,
    })
  } catch (e) {
    deps.log.warn({ err: describe(e) }, 'SSO: the provider answer was refused')
    throw new AppError(
      'SSO_FAILED',
      error === 'access_denied'
        ? 'Sign-in was cancelled at the SSO provider'
        : 'The SSO provider answer did not check out (issuer, state, nonce or ID token); sign in again',
      { reason: reasonOf(client, e) },
    )
  }
  const claims = tokens.claims()
  if (!claims) throw new AppError('SSO_FAILED', 'The SSO provider sent no ID token')
  let email: unknown = claims.email
  let emailVerified: unknown = claims.email_verified
  // Many providers put scope claims in the UserInfo answer only (OIDC Core §5.4): asked for the
  // ID token's own subject, which openid-client checks.
  if (email === undefined) {
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
      email = info.email
      emailVerified = info.email_verified
    } catch (e) {
      deps.log.warn({ err: describe(e) }, 'SSO: the UserInfo request failed')
      throw new AppError('SSO_FAILED', 'The SSO provider did not tell who you are; sign in again', {
        reason: 'userinfo_failed',
      })
    }
  }
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof email === 'string' ? email.trim().toLowerCase() : undefined,
    emailVerified: emailVerified === true,
  }
}

/** A stable word for what failed (kept in the event and the error's details, never a secret). */
function reasonOf(client: typeof OpenIdClient, e: unknown): string {
  if (e instanceof client.AuthorizationResponseError) return `provider_error:${e.error}`
  if (e instanceof client.ResponseBodyError) return `token_error:${e.error}`
  const code = (e as { code?: unknown }).code
  const message = e instanceof Error ? e.message : ''
  if (/"iss"/.test(message) || /issuer/i.test(message)) return 'issuer_mismatch'
  if (/nonce/i.test(message)) return 'nonce_mismatch'
  if (/state/i.test(message)) return 'state_mismatch'
  return typeof code === 'string' ? code.toLowerCase() : 'invalid_response'
}

/** The error without anything that may hold a token (the library's `cause` carries responses). */
function describe(e: unknown): { name: string; message: string; code?: string } {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) }
  const code = (e as { code?: unknown }).code
  return { name: e.name, message: e.message, ...(typeof code === 'string' && { code }) }
}
