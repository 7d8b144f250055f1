import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import {
  type ApiContext,
  appErrorOf,
  appRouter,
  handleRest,
  isTransportError,
  type RestRequest,
  restRoutes,
} from '@switchboard/api'
import { catalogLogoDir, LOGO_PATH_PREFIX } from '@switchboard/catalog'
import {
  type AbortEvents,
  AppError,
  type BearerResolver,
  type CoreDeps,
  resolvePrincipal,
  retryAfterOf,
} from '@switchboard/core'
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify'
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
  type onSendHookHandler,
} from 'fastify'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import { registerApiDocs } from './api-docs.ts'
import { closeConnectionsWhenIdle } from './close-connections.ts'
import { clearCookie, readCookie, SESSION_COOKIE, setCookie } from './cookies.ts'
import { guardTrpcRequest, refuseCrossSiteCookieRequest } from './cross-site.ts'
import { redactUrl, requestLineWriter, requestLoggerFactory } from './logger.ts'
import { registerOAuthServer } from './oauth-server/plugin.ts'
import { openApiDocument, openApiRouteDoc } from './openapi-document.ts'
import { installReadCache } from './perf/read-cache.ts'
import { keepTickShapeAlive } from './perf/tick-shape.ts'
import { securityHeaders } from './security-headers.ts'
import type { TrustProxy } from './trust-proxy.ts'

// For receivers of our webhooks (also alone, without the server: '@switchboard/server/webhooks').
export * from './webhooks.ts'
export { SESSION_COOKIE }

export interface AppDeps {
  core: CoreDeps
  logger: Logger
  /** Folder of the built SPA (apps/web/dist); when missing, `/` explains how to build it. */
  webDist?: string | undefined
  bearerResolvers?: readonly BearerResolver[]
  /** Proxies whose X-Forwarded-* headers are believed (SWITCHBOARD_TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy | undefined
  /** Folder of the catalog's logos: packages/catalog/logos, or the compiled server's copy (dist/logos). */
  logoDir?: string | undefined
  /**
   * Sees every answer before it is sent, on every route (the test suites' response check,
   * testing/contract.ts); none in production.
   */
  onSend?: onSendHookHandler | undefined
}

/** Paths that are API surface: unknown ones answer 404 JSON instead of the SPA. */
const API_PREFIXES = ['/api/', '/trpc/', '/oauth2/', '/oauth/', '/healthz', '/.well-known/', LOGO_PATH_PREFIX]

/**
 * The pages whose point is an image a tenant chose: the hosted connect page shows the
 * organization's logo (and a custom integration's), the consent page the third-party app's.
 * Only their documents may load https images; every other page loads images from our origin
 * and data: URIs only (catalog logos are bundled, see packages/catalog/logos/).
 */
const TENANT_IMAGE_PAGES = new Set(['/connect', '/authorize/consent'])

function isTenantImagePage(url: string): boolean {
  const q = url.indexOf('?')
  return TENANT_IMAGE_PAGES.has(q === -1 ? url : url.slice(0, q))
}

function isApiPath(url: string): boolean {
  const p = url.split('?')[0] ?? ''
  return API_PREFIXES.some((prefix) => p === prefix.replace(/\/$/, '') || p.startsWith(prefix))
}

/** Maps framework-level failures (bad JSON, body too large…) onto our error codes. */
function frameworkError(error: { statusCode?: number; code?: string; message: string }): AppError {
  const status = error.statusCode ?? 500
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large')
  if (status === 415) {
    return new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported Content-Type: send JSON with Content-Type: application/json',
    )
  }
  if (status >= 400 && status < 500) {
    const message =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(error.message)
        ? 'The request body is not valid JSON'
        : 'The request could not be read'
    return new AppError('VALIDATION_ERROR', message)
  }
  return new AppError(
    'INTERNAL',
    'Something went wrong on our side. Try again; if it persists, contact support.',
  )
}

export type App = FastifyInstance

/** An incoming `x-request-id` we echo: short, printable, no spaces (a log line and a header). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * Every request's id: the caller's `x-request-id` when it is a sane one (a gateway's trace
 * id), else a fresh UUID. It is in every log line, the answer's `x-request-id` header and
 * every error answer's `error.requestId`.
 */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id']
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

/** What our routes tell the hooks about themselves. */
interface RouteConfig {
  /** The answer is an upstream's (the proxy routes): it gets the sandboxing headers. */
  proxied?: boolean
}

/**
 * 'abort' when the client goes away before its answer was sent. Lighter than an EventEmitter
 * per request: it listens to the response only once the proxy asks.
 */
class ClientGone implements AbortEvents {
  private onClose: (() => void) | undefined

  constructor(private readonly res: ServerResponse) {}

  get aborted(): boolean {
    return this.res.destroyed && !this.res.writableFinished
  }

  once(_event: 'abort', listener: () => void): void {
    const res = this.res
    this.onClose = () => {
      if (!res.writableFinished) listener()
    }
    res.once('close', this.onClose)
  }

  removeListener(): void {
    if (this.onClose) this.res.removeListener('close', this.onClose)
  }
}

/** The dashboard session cookie of one request: a class, so a request makes no closures for it. */
class CookieSession {
  constructor(
    private readonly reply: FastifyReply,
    readonly token: string | undefined,
    private readonly secure: boolean,
  ) {}

  set(token: string, expiresAt: string): void {
    setCookie(this.reply, SESSION_COOKIE, token, { secure: this.secure, expires: new Date(expiresAt) })
  }

  clear(): void {
    clearCookie(this.reply, SESSION_COOKIE, this.secure)
  }
}

export async function buildApp(deps: AppDeps): Promise<App> {
  keepTickShapeAlive()
  // The hot-path cache (perf/read-cache.ts), shared with whoever built these deps.
  const core = installReadCache(deps.core)
  const secureCookies = core.config.publicUrl.startsWith('https://')
  const app = Fastify({
    loggerInstance: deps.logger,
    // One line per request comes from the onResponse hook below (with secrets redacted).
    logController: new LogController({ disableRequestLogging: true }),
    // Each request's `req.log` becomes a pino child only if something logs through it.
    childLoggerFactory: requestLoggerFactory,
    // Only the proxies named in SWITCHBOARD_TRUST_PROXY may say who the client is: with `true`
    // anyone could pick, per request, the address that per-address limits count.
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 5 * 1024 * 1024,
    // Node's own default, which Fastify turns off: a request (uploads included) that takes
    // longer than this to arrive is cut, so a stalled client cannot hold a socket forever.
    requestTimeout: 300_000,
    routerOptions: { maxParamLength: 500 },
    genReqId: requestIdOf,
    // URLs the router cannot parse (bad percent-encoding, over-long parameters) answer in
    // our error format too, not Fastify's.
    frameworkErrors: (error, req, reply) => {
      const appError = frameworkError(error)
      void (reply as FastifyReply)
        .status(appError.httpStatus)
        .header('x-request-id', req.id)
        .send(appError.toBody(req.id))
      // These replies skip the onResponse hook: log their one line here.
      req.log.info(
        { method: req.method, url: redactUrl(req.url), statusCode: appError.httpStatus },
        'request',
      )
    },
  })

  if (deps.onSend) app.addHook('onSend', deps.onSend)

  // An empty body sent as application/json (clients do on every DELETE) is no body, as
  // without the header; any other body goes through Fastify's own parser (__proto__ refused).
  const parseJson = app.getDefaultJsonParser('error', 'ignore')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') done(null, undefined)
    else parseJson(req, body as string, done)
  })

  // On close, requests under way finish; connections with nothing under way are closed.
  const closeIdle = closeConnectionsWhenIdle(app.server)
  app.addHook('preClose', (done) => {
    closeIdle()
    done()
  })

  // One log line per request, with secrets in the query string redacted, at the request
  // logger's level. It is written apart from the request's logger, so a request that logs
  // nothing else makes no pino child, and without pino's costly redaction (logger.ts).
  const writeRequestLine = requestLineWriter(app.log as unknown as Logger)
  app.addHook('onResponse', (req, reply, done) => {
    if ((req.log as unknown as Logger).isLevelEnabled('info')) {
      writeRequestLine({
        reqId: req.id,
        method: req.method,
        // The URL asked for: the authorization server rewrites req.url for its provider.
        url: req.originalUrl,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      })
    }
    done()
  })

  const securityWith = (imgSrc: string[]) =>
    securityHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc,
          styleSrc: ["'self'", "'unsafe-inline'"],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'", 'http:', 'https:'],
          upgradeInsecureRequests: null,
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginOpenerPolicy: false,
      strictTransportSecurity: secureCookies,
    })
  const security = securityWith(["'self'", 'data:'])
  // No Referer leaves these pages either (the connect page's URL holds its token).
  const tenantImageSecurity = securityWith(["'self'", 'data:', 'https:'])
  // A proxied answer is the upstream's content on our origin: whatever it is (HTML, a
  // script), the browser runs none of it as ours and lets no other site embed it. (Core
  // drops the upstream's own policy headers, so these are the only ones.)
  const proxiedSecurity: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  }
  if (security['strict-transport-security'] !== undefined) {
    proxiedSecurity['strict-transport-security'] = security['strict-transport-security']
  }
  app.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id)
    void reply.headers(
      (req.routeOptions.config as RouteConfig).proxied
        ? proxiedSecurity
        : isTenantImagePage(req.url)
          ? tenantImageSecurity
          : security,
    )
    done()
  })

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    const appError = error instanceof AppError ? error : frameworkError(error)
    if (appError.code === 'INTERNAL') req.log.error({ err: error }, 'unhandled error')
    const retryAfter = retryAfterOf(appError)
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter))
    void reply.status(appError.httpStatus).send(appError.toBody(req.id))
  })

  const indexHtml = deps.webDist ? path.join(deps.webDist, 'index.html') : undefined
  const hasSpa = indexHtml !== undefined && existsSync(indexHtml)

  // Routes pages of any origin may call (the connect helper's poll): their CORS preflight is
  // answered here, as no OPTIONS route is registered (they are not API operations).
  const crossOriginPaths = new Set(restRoutes.filter((r) => r.crossOrigin).map((r) => r.path))
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'OPTIONS' && crossOriginPaths.has(req.url.split('?')[0] ?? '')) {
      return reply.status(204).headers(crossOriginPreflight).send()
    }
    if (!isApiPath(req.url) && (req.method === 'GET' || req.method === 'HEAD')) {
      if (hasSpa) return reply.header('cache-control', 'no-cache').sendFile('index.html')
      return reply
        .type('text/html')
        .send(
          '<!doctype html><title>Switchboard</title><p>The web app is not built. Run <code>pnpm build</code>.</p>',
        )
    }
    const err = new AppError('NOT_FOUND', `No route for ${req.method} ${req.url.split('?')[0]}`)
    return reply.status(404).send(err.toBody(req.id))
  })

  if (hasSpa && deps.webDist) {
    await app.register(fastifyStatic, { root: deps.webDist, wildcard: false, index: ['index.html'] })
  }
  // The built-in integrations' logos, bundled with the catalog: a day in caches, as a release
  // may redraw one under the same name.
  await app.register(fastifyStatic, {
    root: deps.logoDir ?? catalogLogoDir,
    prefix: LOGO_PATH_PREFIX,
    decorateReply: false,
    index: false,
    cacheControl: true,
    maxAge: '1d',
  })

  /** The per-request context shared by tRPC and REST. */
  async function contextFor(req: FastifyRequest, reply: FastifyReply): Promise<ApiContext> {
    const sessionToken = readCookie(req.headers, SESSION_COOKIE)
    const ctx: ApiContext = {
      deps: core,
      principal: null,
      sourceAddress: req.ip,
      userAgent: req.headers['user-agent'],
      session: new CookieSession(reply, sessionToken, secureCookies),
    }
    try {
      ctx.principal = await resolvePrincipal(
        core,
        { authorization: req.headers.authorization, sessionToken },
        deps.bearerResolvers ?? [],
      )
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      ctx.principalError = e
    }
    return ctx
  }

  app.get('/healthz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(core.db)
      return { status: 'ok', database: core.dialect }
    } catch (err) {
      app.log.error({ err }, 'health check failed')
      return reply.status(503).send({ status: 'unavailable', database: core.dialect })
    }
  })

  // CSRF: tRPC's routes check content type and origin before anything is read (cross-site.ts).
  const trpcGuard = guardTrpcRequest(core.config)
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/trpc/')) return
    const own = route.onRequest
    route.onRequest = own ? [trpcGuard, ...(Array.isArray(own) ? own : [own])] : [trpcGuard]
  })
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req, res }) => contextFor(req, res),
      // Our bugs are errors, with their stack; a request tRPC itself refused (bad JSON, a
      // content type or method it does not take, an unknown procedure) is the caller's
      // mistake: a warning with the code, no stack. A procedure's own answers (not found,
      // unauthorized…) are in the request line's status only.
      onError: ({ error, path: procedure, req }) => {
        const appError = appErrorOf(error)
        if (appError.code === 'INTERNAL') {
          req.log.error({ err: error.cause ?? error, procedure }, 'tRPC error')
        } else if (isTransportError(error)) {
          req.log.warn(
            {
              procedure: procedure && redactUrl(procedure),
              code: appError.code,
              statusCode: appError.httpStatus,
              reason: appError.message,
            },
            'tRPC request refused',
          )
        }
      },
      // An error that says when to retry (RATE_LIMITED) carries Retry-After, as on REST.
      responseMeta: ({ errors }) => {
        const seconds = errors.map((e) => retryAfterOf(appErrorOf(e))).filter((n) => n !== undefined)
        return seconds.length > 0 ? { headers: { 'retry-after': String(Math.max(...seconds)) } } : {}
      },
    } satisfies FastifyTRPCPluginOptions<typeof appRouter>['trpcOptions'],
  })

  function registerRest(scope: Pick<FastifyInstance, 'route'>, r: (typeof restRoutes)[number]) {
    scope.route({
      method: r.method,
      url: r.path,
      config: { proxied: r.proxied === true } satisfies RouteConfig,
      ...(r.crossOrigin && { onRequest: allowAnyOrigin }),
      handler: async (req, reply) => {
        const ctx = await contextFor(req, reply)
        const restReq: RestRequest = {
          method: req.method,
          url: req.url,
          params: req.params as Record<string, string>,
          query: req.query as Record<string, unknown>,
          body: req.body,
          headers: req.headers,
          ...(r.proxied && { signal: new ClientGone(reply.raw) }),
        }
        const result = await handleRest(
          r,
          ctx,
          restReq,
          (err) => req.log.error({ err }, 'unhandled error'),
          req.id,
        )
        void reply.status(result.status).headers(result.headers)
        // Ours, even over an upstream's own (the proxy) or a kept idempotent answer's.
        if (result.headers['x-request-id'] !== undefined) void reply.header('x-request-id', req.id)
        if (result.body === undefined) return reply.send()
        // The body, for Fastify to send, not `reply.send(body)`'s reply: a reply is a thenable
        // whose `then` waits for the response to finish, with listeners on it, per request.
        return result.body
      },
    })
  }
  for (const r of restRoutes) if (!r.rawBody) registerRest(app as unknown as FastifyInstance, r)
  // Raw-body routes get the request stream itself, whatever its content type, and no size
  // limit here: the proxy caps what it forwards.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload))
    // Any content type is accepted here, so a cross-site form could post one: a request that
    // carries only the dashboard cookie must come from our own pages.
    scope.addHook('onRequest', async (req) => refuseCrossSiteCookieRequest(req, core.config.publicUrl))
    // An answer sent before the upload was read to its end (an error, an early upstream
    // answer) closes the connection, instead of leaving the client stuck sending.
    scope.addHook('onSend', async (req, reply) => {
      if (!req.raw.complete) void reply.header('connection', 'close')
    })
    scope.addHook('onResponse', (req, _reply, done) => {
      if (!req.raw.complete) req.raw.destroy()
      done()
    })
    for (const r of restRoutes) if (r.rawBody) registerRest(scope, r)
  })

  // Seed 003: the authorization server under /oauth, its discovery and its consent API.
  await registerOAuthServer(app as unknown as App, core)

  // The OpenAPI document, generated from the route table on first request (tests learn the
  // public URL after binding), then kept: the table does not change while the process runs.
  let openApi: Record<string, unknown> | undefined
  app.get(openApiRouteDoc.path, async () => {
    openApi ??= openApiDocument(core.config.publicUrl)
    return openApi
  })
  registerApiDocs((path, handler) => app.get(path, handler as never))

  return app as unknown as App
}

/** CORS for routes any page may call without credentials (a token in the body is the credential). */
const crossOriginPreflight = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
}

function allowAnyOrigin(_req: FastifyRequest, reply: FastifyReply, done: () => void): void {
  void reply.header('access-control-allow-origin', '*')
  done()
}
