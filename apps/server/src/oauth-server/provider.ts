import type { IncomingMessage } from 'node:http'
import {
  API_SCOPES_METADATA,
  apiScopes,
  authenticateSession,
  ClientAuthThrottle,
  type CoreDeps,
  createOAuthModelAdapterFactory,
  findOAuthClientMetadata,
  loadOAuthServerKeys,
  oauthApiResource,
  oauthClientScopes,
  organizationOfUser,
  verifyClientSecret,
} from '@switchboard/core'
import type { Adapter, Configuration, KoaContextWithOIDC, Provider } from 'oidc-provider'
import { SESSION_COOKIE } from '../cookies.ts'

/**
 * Switchboard as an OAuth 2.0 authorization server (seed 003): oidc-provider, configured for
 * third-party apps acting on a customer's organization through our API.
 *
 * - Mounted at `${publicUrl}/oauth` (the issuer): /oauth/auth, /oauth/token,
 *   /oauth/token/revocation, /oauth/token/introspection, /oauth/jwks.
 * - Clients come from our `oauth_clients` table; their secrets are stored hashed and checked
 *   by `verifyClientSecret` (constant time) in place of oidc-provider's plaintext comparison.
 * - Everything else oidc-provider stores goes to `oauth_server_models`, ids of credentials
 *   hashed (see packages/core/src/oauth-server/model-store.ts).
 * - Login and consent are our SPA's pages, backed by /api/v1/oauth-interactions/:uid; the
 *   dashboard session is the only login (oidc-provider's own SSO session is never reused).
 */

export const OAUTH_MOUNT = '/oauth'

/** Routes of the provider below the mount. */
export const OAUTH_ROUTES = {
  authorization: '/auth',
  token: '/token',
  revocation: '/token/revocation',
  introspection: '/token/introspection',
  jwks: '/jwks',
  pushed_authorization_request: '/request',
} as const

const MINUTE = 60
/** The address counted when the request's is not known (see compareClientSecret below). */
const UNKNOWN = 'unknown'
const DAY = 24 * 60 * MINUTE

const escapeHtml = (value: unknown) =>
  String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')

const ERROR_EXPLANATIONS: Record<string, string> = {
  invalid_client: 'The application that sent you here is not registered with Switchboard.',
  invalid_redirect_uri: 'The application asked to send you back to an address it has not registered.',
}

/** The source address of each request handed to the provider, as Fastify decided it (trustProxy). */
const sourceAddresses = new WeakMap<IncomingMessage, string>()

/** Called by the plugin before the provider sees the request: the address the throttle counts. */
export function rememberSourceAddress(req: IncomingMessage, address: string): void {
  sourceAddresses.set(req, address)
}

export async function createOAuthProvider(core: CoreDeps): Promise<Provider> {
  const { default: ProviderClass, errors } = await import('oidc-provider')
  const keys = await loadOAuthServerKeys(core)
  const issuer = `${core.config.publicUrl}${OAUTH_MOUNT}`
  const apiResource = oauthApiResource(core)
  const storeModels = createOAuthModelAdapterFactory(core, {
    replayError: (model) =>
      new errors.InvalidGrant(
        model === 'RefreshToken' ? 'refresh token already used' : 'authorization code already consumed',
      ),
  })
  const adapter = (model: string): Adapter => {
    if (model !== 'Client') return storeModels(model) as unknown as Adapter
    // Clients are ours (registered through /api/v1/oauth-clients), read-only here.
    return {
      find: (id: string) => findOAuthClientMetadata(core, id),
      upsert: async () => undefined,
      findByUid: async () => undefined,
      findByUserCode: async () => undefined,
      consume: async () => undefined,
      destroy: async () => undefined,
      revokeByGrantId: async () => undefined,
    } as unknown as Adapter
  }

  const config: Configuration = {
    adapter,
    routes: OAUTH_ROUTES,
    jwks: keys.jwks as unknown as Configuration['jwks'],
    cookies: {
      keys: keys.cookieKeys,
      // The interaction cookie must reach /authorize/* (our SPA) and
      // /api/v1/oauth-interactions/* (its API); by default it is scoped to the page's path.
      short: { httpOnly: true, sameSite: 'lax', path: '/' },
      long: { httpOnly: true, sameSite: 'lax' },
    },
    // `openid` is always known to oidc-provider; no client may request it (no ID tokens).
    scopes: ['openid', 'offline_access'],
    extraClientMetadata: { properties: [API_SCOPES_METADATA] },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    // No symmetric (client-secret-keyed) algorithms: our secrets are stored hashed.
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256'],
      requestObjectSigningAlgValues: ['RS256'],
      userinfoSigningAlgValues: ['RS256'],
      introspectionSigningAlgValues: ['RS256'],
      authorizationSigningAlgValues: ['RS256'],
    },
    findAccount: async (_ctx, sub) => {
      const organizationId = await organizationOfUser(core, sub)
      if (!organizationId) return undefined
      return { accountId: sub, claims: async () => ({ sub }) }
    },
    // The organization the token acts on travels with it (checked again on every API call).
    extraTokenClaims: async (_ctx, token) => {
      const accountId = (token as { accountId?: string }).accountId
      const organizationId = accountId ? await organizationOfUser(core, accountId) : undefined
      return organizationId ? { organizationId } : undefined
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: {
        enabled: true,
        // A client may introspect only its own tokens.
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // Every token is for our API unless asked otherwise (and nothing else is allowed).
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: async (ctx, resource, client) => {
          if (resource !== apiResource) throw new errors.InvalidTarget()
          const allowed = new Set(apiScopesOf(client))
          const route = ctx.oidc.route
          if (route === 'authorization' || route === 'pushed_authorization_request') {
            // oidc-provider silently ignores scopes it does not know; we refuse them.
            const requested = (ctx.oidc.params?.scope as string | undefined)?.split(' ').filter(Boolean) ?? []
            // offline_access is checked by oidc-provider against the client's `scope`.
            const refused = requested.filter((s) => s !== 'offline_access' && !allowed.has(s))
            if (refused.length > 0) {
              throw new errors.InvalidScope('requested scope is not allowed', refused.join(' '))
            }
            if (!requested.some((s) => allowed.has(s) && s !== 'offline_access')) {
              throw new errors.InvalidScope('at least one API scope must be requested', '')
            }
          }
          return {
            scope: apiScopes.filter((s) => allowed.has(s)).join(' '),
            audience: apiResource,
            accessTokenFormat: 'opaque',
            accessTokenTTL: 60 * MINUTE,
          }
        },
      },
    },
    // The authorization code flow only (RFC 9700 §2.1.2).
    responseTypes: ['code'],
    // Exact redirect_uri on every request, and the same one again at the token endpoint.
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: {
      // S256 only (oidc-provider knows no other); required of public clients. A code issued
      // without a challenge refuses any code_verifier (downgrade), whatever the client.
      required: (_ctx, client) => client.clientAuthMethod === 'none',
    },
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    // Every refresh rotates; presenting a rotated-out token revokes the grant (reuse detection).
    rotateRefreshToken: () => true,
    expiresWithSession: async () => false,
    // CORS only at the token/revocation endpoints, only for public clients, only from the
    // origins of their redirect URIs. The authorization endpoint never sends CORS headers.
    clientBasedCORS: (_ctx, origin, client) =>
      client.clientAuthMethod === 'none' &&
      origin !== 'null' &&
      (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin),
    interactions: {
      url: async (ctx: KoaContextWithOIDC, interaction) => {
        const page = (await hasDashboardSession(core, ctx)) ? 'consent' : 'login'
        return `${core.config.publicUrl}/authorize/${page}?uid=${encodeURIComponent(interaction.uid)}`
      },
    },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 60 * MINUTE,
      Interaction: 30 * MINUTE,
      Session: 30 * MINUTE,
      // Expires after 30 days unused; every use rotates it and restarts the 30 days.
      RefreshToken: 30 * DAY,
      // Absolute lifetime of an authorization: re-consent after a year.
      Grant: 365 * DAY,
      IdToken: 60 * MINUTE,
    },
    renderError: async (ctx, out) => {
      const explanation =
        ERROR_EXPLANATIONS[out.error] ??
        'The application sent an authorization request Switchboard cannot accept.'
      ctx.type = 'html'
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization error · Switchboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>Authorization failed</h1><p>${escapeHtml(explanation)}</p><p>You were not redirected anywhere. Go back to the application and contact its developer.</p>
<p><code>${escapeHtml(out.error)}</code>${out.error_description ? `: ${escapeHtml(out.error_description)}` : ''}</p></body></html>`
    },
  }

  const provider = new ProviderClass(issuer, config)
  // The plugin rewrites X-Forwarded-For/-Proto/-Host to what Fastify concluded under
  // SWITCHBOARD_TRUST_PROXY (plugin.ts, `forward`), so believing them here believes exactly
  // the proxies Fastify believes: behind a trusted TLS-terminating proxy the provider's cookies
  // are Secure, and a client's own X-Forwarded-* headers are never taken at face value.
  provider.proxy = true
  // Discovery's scopes_supported is oidc-provider's `scopes` (openid, offline_access): not what
  // we grant. The API scopes are resource scopes (getResourceServerInfo above) and openid is
  // refused, so the document lists exactly the scopes an app can be granted.
  provider.use(async (ctx, next) => {
    await next()
    if (ctx.oidc?.route === 'discovery' && ctx.body && typeof ctx.body === 'object') {
      ;(ctx.body as { scopes_supported?: string[] }).scopes_supported = [...oauthClientScopes]
    }
  })
  // Secrets are stored hashed: compare the presented secret's hash in constant time. This is
  // the prototype hook the oidc-provider maintainer suggests for hashed secrets
  // (panva/node-oidc-provider#631); client_secret_jwt and HS* algorithms are disabled above.
  // Ten wrong secrets for one client from one source address lock that address out for that
  // client for a minute (brute force); the client keeps working from everywhere else.
  const throttle = new ClientAuthThrottle(core.clock)
  // compareClientSecret is handed the secret only. oidc-provider calls it synchronously right
  // after assigning the client to the request's context (lib/shared/client_auth.js), with no
  // await in between, so the last assignment is this request's. Should an upgrade change that,
  // `attempt.client !== this` and the attempt is counted under one shared address instead: a
  // stricter throttle (client_id alone), never a laxer one; client-auth-lockout.test.ts fails.
  let attempt: { client: unknown; address: string } | undefined
  const entity = provider.OIDCContext.prototype.entity
  provider.OIDCContext.prototype.entity = function assignEntity(
    this: { ctx: { req: IncomingMessage } },
    key: string,
    value: unknown,
  ) {
    if (key === 'Client') attempt = { client: value, address: sourceAddresses.get(this.ctx.req) ?? UNKNOWN }
    return entity.call(this, key, value)
  }
  provider.Client.prototype.compareClientSecret = function compareClientSecret(
    this: { clientId: string; clientSecret?: string },
    actual: string,
  ) {
    const address = attempt?.client === this ? attempt.address : UNKNOWN
    attempt = undefined
    if (throttle.isBlocked(this.clientId, address)) return false
    const ok = verifyClientSecret(actual, this.clientSecret)
    if (!ok) throttle.recordFailure(this.clientId, address)
    return ok
  }
  return provider
}

/** The API scopes an app may be granted (our extra client metadata). */
function apiScopesOf(client: object): string[] {
  // Extra metadata keeps its snake_case name on oidc-provider's Client instances.
  const value = (client as Record<string, unknown>)[API_SCOPES_METADATA]
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : []
}

async function hasDashboardSession(core: CoreDeps, ctx: KoaContextWithOIDC): Promise<boolean> {
  const token = ctx.cookies.get(SESSION_COOKIE, { signed: false })
  if (!token) return false
  try {
    await authenticateSession(core, token)
    return true
  } catch {
    return false
  }
}
