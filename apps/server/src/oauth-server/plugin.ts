import type { IncomingMessage, ServerResponse } from 'node:http'
import fastifyFormbody from '@fastify/formbody'
import { errors, OAuthInteractionOut, type RouteDoc, redirect } from '@switchboard/api'
import {
  AppError,
  authenticateSession,
  type CoreDeps,
  describeOAuthConsent,
  oauthApiResource,
  type Principal,
} from '@switchboard/core'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Provider } from 'oidc-provider'
import { z } from 'zod'
import { readCookie, SESSION_COOKIE } from '../cookies.ts'
import { createOAuthProvider, OAUTH_MOUNT, OAUTH_ROUTES, rememberSourceAddress } from './provider.ts'

const UidParam = z.object({ uid: z.string().min(1).max(200) })
const DecisionBody = z.object({ decision: z.enum(['allow', 'deny']) })
/**
 * Both routes read the dashboard session cookie themselves (`dashboardUser`): "allow" needs it
 * (401 without), "deny" and the GET (`loginRequired`) answer without one. Either way the
 * browser's oidc-provider `_interaction` cookie must name `uid` (404 otherwise).
 */
const SESSION_OR_NONE = [{ dashboardSession: [] }, {}]

/**
 * The consent API's two routes, registered here rather than through the route table (they
 * need the provider), described for the OpenAPI document with the schemas they parse with.
 */
export const oauthInteractionRouteDocs: RouteDoc[] = [
  {
    method: 'GET',
    path: '/api/v1/oauth-interactions/:uid',
    access: 'public',
    input: UidParam,
    security: SESSION_OR_NONE,
    summary: 'The consent page: the app, the scopes it asks for, whether to sign in first',
    responses: { 200: OAuthInteractionOut, ...errors(404) },
  },
  {
    method: 'POST',
    path: '/api/v1/oauth-interactions/:uid',
    access: 'public',
    input: UidParam.extend(DecisionBody.shape),
    security: SESSION_OR_NONE,
    summary: 'Allow or deny the app (allow needs the dashboard session); answers where to go next',
    responses: {
      200: z.object({ redirectTo: z.string() }),
      303: redirect("A form post (the consent page's own form): where to go next"),
      ...errors(401, 403, 404),
    },
  },
]

/**
 * Mounts the authorization server in the Fastify host:
 *
 * - the provider's routes under `/oauth` are handed, raw and unparsed, to oidc-provider
 *   (issuer `${publicUrl}/oauth`); other `/oauth/…` paths are our JSON 404;
 * - discovery at `/.well-known/oauth-authorization-server` (also with the RFC 8414 `/oauth`
 *   suffix) and `/.well-known/openid-configuration`;
 * - the login/consent API of the SPA pages `/authorize/login` and `/authorize/consent`:
 *   `GET|POST /api/v1/oauth-interactions/:uid`.
 *
 * The provider is built on first use, so it sees the final public URL (tests bind port 0
 * first) and loads its keys from the database once.
 */
export interface OAuthServer {
  provider(): Promise<Provider>
}

/** The provider's endpoints that take or give tokens. */
const UNCACHEABLE_PATHS: ReadonlySet<string> = new Set([
  OAUTH_ROUTES.token,
  OAUTH_ROUTES.revocation,
  OAUTH_ROUTES.introspection,
])

const INTERACTION_GONE =
  'This authorization request has expired or was started in another browser. Go back to the application and start again.'

export async function registerOAuthServer(app: FastifyInstance, core: CoreDeps): Promise<OAuthServer> {
  let pending: Promise<Provider> | undefined
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined
  const getProvider = () => {
    pending ??= createOAuthProvider(core).then(
      (provider) => {
        provider.on('server_error', (_ctx, err) => core.log.error({ err }, 'authorization server error'))
        handle = provider.callback() as unknown as typeof handle
        return provider
      },
      (err: unknown) => {
        pending = undefined
        throw err
      },
    )
    return pending
  }

  /** Hands the raw request to oidc-provider, as if it were mounted at /oauth. */
  async function forward(req: FastifyRequest, reply: FastifyReply, providerPath: string) {
    // Fastify remembers the URL asked for on first read: the request line (app.ts) says what
    // the client requested, not the provider's path it is rewritten to below.
    void req.originalUrl
    await getProvider()
    const raw = req.raw as IncomingMessage & { originalUrl?: string }
    const query = raw.url?.includes('?') ? raw.url.slice(raw.url.indexOf('?')) : ''
    const path = addImpliedConsent(providerPath, query)
    raw.originalUrl = `${OAUTH_MOUNT}${path}`
    raw.url = path
    stripProviderSession(raw)
    forwardedAsFastifySees(req)
    // Our security headers (CSP frame-ancestors, X-Frame-Options, no-referrer…) on the
    // provider's pages too; the provider overrides where it sets its own.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string | string[])
    }
    // RFC 6749 §5.1: what these endpoints answer (tokens, or why not) is never cached, on
    // success and on every error, whichever layer answers.
    if (UNCACHEABLE_PATHS.has(providerPath)) {
      reply.raw.setHeader('cache-control', 'no-store')
      reply.raw.setHeader('pragma', 'no-cache')
    }
    reply.hijack()
    await handle?.(raw, reply.raw as ServerResponse)
  }

  // The provider reads its own bodies: no parser may consume them in this scope.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null))
    const toProvider = (req: FastifyRequest, reply: FastifyReply) => {
      const path = (req.raw.url ?? '/').split('?')[0] ?? '/'
      return forward(req, reply, path.slice(OAUTH_MOUNT.length) || '/')
    }
    // Only the provider's own routes: anything else under /oauth is our JSON 404.
    for (const path of [
      ...Object.values(OAUTH_ROUTES),
      `${OAUTH_ROUTES.authorization}/:uid`,
      '/.well-known/openid-configuration',
      '/.well-known/oauth-authorization-server',
    ]) {
      scope.all(`${OAUTH_MOUNT}${path}`, toProvider)
    }
    const discovery = (req: FastifyRequest, reply: FastifyReply) =>
      forward(req, reply, '/.well-known/openid-configuration')
    scope.get('/.well-known/oauth-authorization-server', discovery)
    scope.get(`/.well-known/oauth-authorization-server${OAUTH_MOUNT}`, discovery)
    scope.get('/.well-known/openid-configuration', discovery)
  })

  /** The interaction this browser is in (its `_interaction` cookie), which must be `uid`. */
  async function interactionFor(req: FastifyRequest, reply: FastifyReply, uid: string) {
    const provider = await getProvider()
    forwardedAsFastifySees(req)
    const interaction = await provider.interactionDetails(req.raw, reply.raw).catch(() => undefined)
    if (!interaction || interaction.uid !== uid) throw new AppError('NOT_FOUND', INTERACTION_GONE)
    return { provider, interaction }
  }

  async function dashboardUser(req: FastifyRequest): Promise<Extract<Principal, { kind: 'user' }> | null> {
    const token = readCookie(req.headers, SESSION_COOKIE)
    if (!token) return null
    const principal = await authenticateSession(core, token).catch(() => null)
    return principal?.kind === 'user' ? principal : null
  }

  // The consent page's own <form method="post"> is the one form body Switchboard accepts:
  // everything else takes JSON, which a cross-site form cannot send.
  await app.register(async (scope) => {
    await scope.register(fastifyFormbody)
    scope.get('/api/v1/oauth-interactions/:uid', async (req, reply) => {
      const { uid } = parse(UidParam, req.params)
      const { interaction } = await interactionFor(req, reply, uid)
      const user = await dashboardUser(req)
      const view = await describeOAuthConsent(core, {
        clientId: String(interaction.params.client_id),
        scope: interaction.params.scope as string | undefined,
        userId: user?.userId ?? null,
      })
      void reply.header('cache-control', 'no-store')
      return {
        interaction: {
          uid,
          loginRequired: user === null,
          ...view,
          loginUrl: `/authorize/login?uid=${encodeURIComponent(uid)}`,
          consentUrl: `/authorize/consent?uid=${encodeURIComponent(uid)}`,
        },
      }
    })

    scope.post('/api/v1/oauth-interactions/:uid', async (req, reply) => {
      const { uid } = parse(UidParam, req.params)
      const { decision } = parse(DecisionBody, req.body ?? {})
      const origin = req.headers.origin
      if (origin !== undefined && origin !== new URL(core.config.publicUrl).origin) {
        throw new AppError('FORBIDDEN', 'Cross-origin consent is not accepted')
      }
      const { provider, interaction } = await interactionFor(req, reply, uid)
      let result: Parameters<Provider['interactionResult']>[2]
      if (decision === 'deny') {
        result = { error: 'access_denied', error_description: 'The user denied the authorization request' }
      } else {
        const user = await dashboardUser(req)
        if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to Switchboard to approve this application')
        // The scopes asked for that the app may have: exactly what the consent page showed.
        const { client, scopes } = await describeOAuthConsent(core, {
          clientId: String(interaction.params.client_id),
          scope: interaction.params.scope as string | undefined,
          userId: null,
        })
        const granted = scopes.map((s) => s.scope)
        const grant = new provider.Grant({ accountId: user.userId, clientId: client.clientId })
        if (granted.includes('offline_access')) grant.addOIDCScope('offline_access')
        const apiScopes = granted.filter((s) => s !== 'offline_access')
        if (apiScopes.length > 0) grant.addResourceScope(oauthApiResource(core), apiScopes.join(' '))
        const grantId = await grant.save()
        result = { login: { accountId: user.userId, remember: false }, consent: { grantId } }
      }
      const redirectTo = await provider.interactionResult(req.raw, reply.raw, result, {
        mergeWithLastSubmission: false,
      })
      void reply.header('cache-control', 'no-store')
      // A form submission (the page's own <form method="post">) gets 303 See Other, never 307;
      // a script gets the address to navigate to.
      if (isFormPost(req)) return reply.code(303).header('location', redirectTo).send()
      return { redirectTo }
    })
  })

  return { provider: getProvider }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new AppError('VALIDATION_ERROR', 'decision must be "allow" or "deny"', parsed.error.issues)
  }
  return parsed.data
}

function isFormPost(req: FastifyRequest): boolean {
  const type = req.headers['content-type'] ?? ''
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')
}

/**
 * The provider (Koa, `proxy = true`) reads X-Forwarded-For/-Proto/-Host as they come. They are
 * replaced by what Fastify concluded from them under SWITCHBOARD_TRUST_PROXY, so a client that
 * is not a trusted proxy cannot choose its address or scheme there either; the address is also
 * handed to the client-authentication throttle.
 */
function forwardedAsFastifySees(req: FastifyRequest): void {
  const { ip, protocol, host } = req
  const headers = req.raw.headers
  headers['x-forwarded-for'] = ip
  headers['x-forwarded-proto'] = protocol
  headers['x-forwarded-host'] = host
  rememberSourceAddress(req.raw, ip)
}

/**
 * oidc-provider's own SSO session (`_session`) is never reused: every authorization request
 * goes through our login/consent with the dashboard session, which alone decides who the user
 * is (signing out of the dashboard ends it everywhere, and no code is issued without consent).
 */
function stripProviderSession(raw: IncomingMessage): void {
  const cookie = raw.headers.cookie
  if (!cookie) return
  const kept = cookie
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '' && !/^_session(\.|=)/.test(c))
  if (kept.length > 0) raw.headers.cookie = kept.join('; ')
  else delete raw.headers.cookie
}

/**
 * Switchboard always asks for consent, so a request for `offline_access` without `prompt` is
 * treated as `prompt=consent` (OpenID Connect, which oidc-provider follows, issues refresh
 * tokens only then). A request that sets `prompt` itself is left alone.
 */
function addImpliedConsent(providerPath: string, query: string): string {
  if (providerPath !== '/auth' || query === '') return `${providerPath}${query}`
  const params = new URLSearchParams(query.slice(1))
  const scope = params.getAll('scope')
  if (params.has('prompt') || scope.length !== 1 || !scope[0]?.split(' ').includes('offline_access')) {
    return `${providerPath}${query}`
  }
  return `${providerPath}${query}&prompt=consent`
}
