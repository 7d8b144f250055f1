import { Readable, Transform } from 'node:stream'
import type { IntegrationDefinition } from '@switchboard/catalog'
import type { Connection } from '@switchboard/db'
import type { Dispatcher } from 'undici'
import { z } from 'zod'
import { applyAuth } from '../connections/credentials.ts'
import { markConnectionRecovered, markConnectionUnhealthy } from '../connections/health.ts'
import { type CoreDeps, clockMs } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { AppError } from '../errors.ts'
import { type ResolvedIntegration, requireIntegration } from '../integrations/integrations.ts'
import {
  credentialsAfterUnauthorized,
  currentCredentials,
  getFreshCredentials,
  type RefreshHooks,
} from '../refresh/refresh-connection.ts'
import { touchDue } from '../util/last-used.ts'
import { cachedDerive } from '../util/read-cache.ts'
import { resolveProxyUrl } from './proxy-url.ts'
import { RateLimiter } from './rate-limiter.ts'
import {
  type AbortEvents,
  BrokenAnswer,
  declaredLength,
  discard,
  type UpstreamAnswer,
  UpstreamCalls,
} from './upstream-call.ts'

const PROXY_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'])
const MAX_URL_LENGTH = 8000

/**
 * What a caller asks the proxy to send (seed 002's request body, and POST /api/v1/proxy).
 * Kept free of zod transforms, which were a visible share of a proxied call: the method is
 * upper-cased and checked, and header values turned into strings, by the proxy itself.
 */
export const ProxyCall = z.object({
  /** GET (default), POST, PUT, PATCH, DELETE or HEAD, in any case. */
  method: z.string().max(10).optional(),
  url: z.string().min(1).max(MAX_URL_LENGTH),
  headers: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  data: z.unknown().optional(),
  /**
   * Retry POST/PATCH on 429/5xx too (only safe when the upstream call is idempotent).
   * `data` may also be a Readable (the raw-body routes): it is streamed and never retried.
   */
  retryNonIdempotent: z.boolean().optional(),
})
export type ProxyCall = z.input<typeof ProxyCall>

/**
 * A call forwarded as it arrived over HTTP (seed 002's request/* routes): its method is the
 * route's own and its headers are what the HTTP parser accepted (token names, lower-cased,
 * values of valid characters), so of ProxyCall's checks only the URL's length applies.
 */
export class ForwardedCall {
  constructor(
    readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    readonly url: string,
    /** As the HTTP parser gave them (names lower-case); a repeated one's values are joined. */
    readonly headers: Readonly<Record<string, string | string[] | undefined>>,
    /** The request body as it arrives (none for GET and HEAD). */
    readonly data: Readable | undefined,
    /** Names of headers that were for Switchboard, not the API (X-Workspace-Id…): not sent on. */
    readonly ownHeaders: ReadonlySet<string>,
  ) {}
}

export interface ProxyResult {
  status: number
  headers: Record<string, string | string[]>
  /** Small answers of known length arrive whole (like a proxy's response buffer); others stream. */
  body: Readable | Buffer | null
}

/** Answers up to this size (by Content-Length) are read whole before we reply. */
const BUFFERED_BODY_BYTES = 64 * 1024

export interface ProxyOptions {
  /** The connection's integration when the caller already resolved it. */
  integration?: ResolvedIntegration
  hooks?: RefreshHooks
  /** Largest upstream response we pass on. Default 50 MiB. */
  maxResponseBytes?: number
  /**
   * Cancels the upstream call when it fires 'abort' (the caller went away): an AbortSignal,
   * or an EventEmitter or lighter equivalent (for the HTTP host).
   */
  signal?: AbortSignal | AbortEvents
  /** Largest request body streamed upstream. Default 50 MiB. */
  maxRequestBytes?: number
  /** Most attempts for retryable failures (429/5xx). Default 3. */
  maxAttempts?: number
  /**
   * Deadline for the whole call, retries and the answer's body included, in ms. Default
   * `config.proxyTimeoutMs`, else 120 s. (Connecting has its own 10 s limit in the dispatcher,
   * waiting for headers 30 s, and a body may go at most 30 s without a byte.)
   */
  timeoutMs?: number
  /** Longest Retry-After we honour, in ms. Default 10 s. */
  maxRetryAfterMs?: number
}

/** Headers a caller may never set: auth and cookies are the broker's, the rest are per hop. */
const DROPPED_REQUEST_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'forwarded',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'upgrade',
  'proxy-connection',
  'expect',
  'x-api-key',
])
/**
 * The upstream's answer is served on Switchboard's origin: besides cookies and per-hop
 * headers, none of its headers that speak for the whole origin or set how a browser treats
 * it may pass (policies, HSTS, CORS, reporting, clearing site data, service workers, client
 * hints). The host sets its own policy for proxied answers.
 */
const DROPPED_RESPONSE_HEADERS = new Set([
  'set-cookie',
  'set-cookie2',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'proxy-connection',
  'content-security-policy',
  'content-security-policy-report-only',
  'cross-origin-embedder-policy',
  'cross-origin-embedder-policy-report-only',
  'cross-origin-opener-policy',
  'cross-origin-opener-policy-report-only',
  'cross-origin-resource-policy',
  'permissions-policy',
  'feature-policy',
  'document-policy',
  'referrer-policy',
  'x-frame-options',
  'x-content-type-options',
  'x-xss-protection',
  'x-permitted-cross-domain-policies',
  'x-dns-prefetch-control',
  'origin-agent-cluster',
  'strict-transport-security',
  'public-key-pins',
  'expect-ct',
  'alt-svc',
  'nel',
  'report-to',
  'reporting-endpoints',
  'clear-site-data',
  'service-worker-allowed',
  'accept-ch',
  'critical-ch',
  'timing-allow-origin',
  'refresh',
  'set-login',
])
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])

const limiters = new WeakMap<object, RateLimiter>()
function limiterFor(deps: CoreDeps): RateLimiter {
  let l = limiters.get(deps.config)
  if (!l) {
    l = new RateLimiter(deps.config.proxyRateLimitPerMinute, deps.clock)
    limiters.set(deps.config, l)
  }
  return l
}

function jsonBody(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): ProxyResult {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify({ error: { code, message } })),
  }
}

function retryAfterMs(value: string | string[] | undefined, now: number): number | null {
  const v = Array.isArray(value) ? value[0] : value
  if (!v) return null
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000
  const date = Date.parse(v)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

/**
 * A streamed request body as it goes upstream, failing once it passes `max` bytes (a body
 * that declares its length was checked against `max` already, and undici holds it to that
 * length). The caller's stream is piped into a stream of ours, never handed to undici itself:
 * when the upstream call fails, undici destroys what it was sending, and the caller's stream
 * is the HTTP request — destroying it would drop the socket before the caller gets our
 * 502/413 answer. So the caller's stream is only unpiped and paused, left for its owner (the
 * HTTP host) to close once the answer is sent.
 */
function streamedUpload(body: Readable, max: number, declaredLength: number | null): Readable {
  let seen = 0
  let ended = false
  const out = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length
      if (declaredLength !== null || seen <= max) return cb(null, chunk)
      cb(new AppError('PAYLOAD_TOO_LARGE', `The request body is over the proxy's ${max}-byte limit`))
    },
  })
  // Its errors reach the call through undici while it reads; after that nobody listens.
  out.on('error', () => {})
  const onEnd = () => {
    ended = true
  }
  // The upload breaking off (the caller went away) fails what goes upstream.
  const onError = (e: Error) => out.destroy(e)
  const onClose = () => {
    if (!ended) out.destroy(new Error('the upload was cut off'))
  }
  body.once('end', onEnd)
  body.once('error', onError)
  body.once('close', onClose)
  out.once('close', () => {
    body.unpipe(out)
    body.removeListener('end', onEnd)
    body.removeListener('error', onError)
    body.removeListener('close', onClose)
    if (!ended) body.pause()
  })
  body.pipe(out)
  return out
}

const maxRequestBytes = (o: ProxyOptions) => o.maxRequestBytes ?? 50 * 1024 * 1024

/** A validated call: the method upper-cased and allowed. */
interface NormalizedCall {
  method: Dispatcher.HttpMethod
  url: string
  headers: Readonly<Record<string, string | number | string[] | undefined>>
  /** Whether the header names and values are known to be valid (an HTTP parser's). */
  headersChecked: boolean
  /** Headers (lower-case names) that are not the API's. */
  ownHeaders: ReadonlySet<string> | undefined
  data: unknown
  retryNonIdempotent: boolean
}

function invalidCall(issues: { path: string; message: string }[]): AppError {
  return new AppError('VALIDATION_ERROR', 'Invalid proxy request', issues)
}

function normalizeCall(rawCall: ProxyCall | ForwardedCall): NormalizedCall {
  if (rawCall instanceof ForwardedCall) {
    if (rawCall.url.length > MAX_URL_LENGTH) {
      throw invalidCall([{ path: 'url', message: `must be at most ${MAX_URL_LENGTH} characters` }])
    }
    return {
      method: rawCall.method,
      url: rawCall.url,
      headers: rawCall.headers,
      headersChecked: true,
      ownHeaders: rawCall.ownHeaders,
      data: rawCall.data,
      retryNonIdempotent: false,
    }
  }
  const parsed = ProxyCall.safeParse(rawCall)
  if (!parsed.success) {
    throw invalidCall(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
  }
  const call = parsed.data
  const method = (call.method ?? 'GET').toUpperCase()
  if (!PROXY_METHODS.has(method)) {
    throw invalidCall([{ path: 'method', message: `must be one of ${[...PROXY_METHODS].join(', ')}` }])
  }
  return {
    method: method as Dispatcher.HttpMethod,
    url: call.url,
    headers: call.headers ?? {},
    headersChecked: false,
    ownHeaders: undefined,
    data: call.data,
    retryNonIdempotent: call.retryNonIdempotent === true,
  }
}

/** The caller's headers that may go upstream: never auth, cookies or per-hop ones. */
function outboundHeaders(call: NormalizedCall, def: IntegrationDefinition): Record<string, string> {
  const headers: Record<string, string> = {}
  const injected = def.api.auth.in === 'header' ? def.api.auth.name.toLowerCase() : null
  const perHop = namedInConnection(call)
  const own = call.ownHeaders
  for (const name in call.headers) {
    const raw = call.headers[name]
    if (raw === undefined) continue
    const value = Array.isArray(raw) ? raw.join(', ') : String(raw)
    const n = call.headersChecked ? name : name.toLowerCase()
    if (DROPPED_REQUEST_HEADERS.has(n) || n.startsWith('x-forwarded-') || n === injected) continue
    if (perHop?.has(n) || own?.has(n)) continue
    // A token name, and a value of visible ASCII, tabs and Latin-1 only (RFC 9110 §5.5).
    if (
      !call.headersChecked &&
      (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(n) || !/^[\t\x20-\x7e\x80-\xff]*$/.test(value))
    ) {
      throw new AppError('VALIDATION_ERROR', `Invalid header "${name}"`, [
        { path: `headers.${name}`, message: 'invalid header' },
      ])
    }
    headers[n] = value
  }
  return headers
}

/** The headers the caller's Connection header names: per hop too (RFC 9110 §7.6.1). */
function namedInConnection(call: NormalizedCall): Set<string> | null {
  let value: string | number | string[] | undefined
  if (call.headersChecked) value = call.headers.connection
  else for (const name in call.headers) if (name.toLowerCase() === 'connection') value = call.headers[name]
  if (value === undefined || value === 'keep-alive' || value === 'close') return null
  return new Set(
    String(value)
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  )
}

/**
 * The request body: JSON for an object (setting its content type), a string as is, a stream
 * as it arrives (capped). GET and HEAD never carry one.
 */
function outboundBody(
  call: NormalizedCall,
  headers: Record<string, string>,
  options: ProxyOptions,
): Buffer | Readable | undefined {
  const { data, method } = call
  if (data === undefined || data === null || method === 'GET' || method === 'HEAD') return undefined
  if (data instanceof Readable) {
    // A declared length goes upstream too (some APIs refuse chunked uploads); undici checks
    // that the body matches it.
    const max = maxRequestBytes(options)
    const length = declaredLength(String(call.headers['content-length'] ?? ''))
    if (length !== null && length > max) {
      throw new AppError('PAYLOAD_TOO_LARGE', `The request body is over the proxy's ${max}-byte limit`)
    }
    if (length !== null) headers['content-length'] = String(length)
    return streamedUpload(data, max, length)
  }
  if (typeof data === 'string') return Buffer.from(data)
  headers['content-type'] ??= 'application/json'
  return Buffer.from(JSON.stringify(data))
}

/** Answer headers that never pass: cookies, per-hop ones, and those that speak for our origin. */
function droppedResponseHeader(name: string): boolean {
  return DROPPED_RESPONSE_HEADERS.has(name) || name.startsWith('access-control-')
}

/**
 * The upstream's headers as passed on (the dropped ones were left out as they were read): a
 * Location that points off the API is removed, since redirects are never followed here.
 */
function inboundHeaders(
  deps: CoreDeps,
  def: IntegrationDefinition,
  connection: Connection,
  headers: Record<string, string | string[]>,
  url: URL,
): Record<string, string | string[]> {
  const location = headers.location
  if (typeof location === 'string') {
    try {
      const next = new URL(location, url)
      resolveProxyUrl(def, connection.apiBaseUri, next.toString(), deps.config.egressAllow)
      checkEgressUrl({ allow: deps.config.egressAllow }, next)
    } catch {
      delete headers.location
    }
  } else if (location !== undefined) {
    // Several Location headers: which one a client follows is anyone's guess.
    delete headers.location
  }
  return headers
}

/** undici's errors as ours; null when the call may simply be tried again. */
function requestFailure(e: unknown, def: IntegrationDefinition): AppError | null {
  if (e instanceof AppError) return e
  // A small 429 or 5xx whose body broke off is as good as read: it may be tried again.
  if (e instanceof BrokenAnswer) return e.statusCode === 429 || e.statusCode >= 500 ? null : brokeOff(def)
  const { code, cause } = e as { code?: string; cause?: unknown }
  if (cause instanceof AppError) return cause
  if (code === 'EGRESS_DENIED' || (cause as { code?: string } | undefined)?.code === 'EGRESS_DENIED') {
    return new AppError('EGRESS_DENIED', 'The destination resolves to an internal address')
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new AppError('UPSTREAM_TIMEOUT', `${def.displayName} did not answer in time`)
  }
  return null
}

function brokeOff(def: IntegrationDefinition): AppError {
  return new AppError('UPSTREAM_ERROR', `${def.displayName}'s answer broke off`)
}

// A module function, not a closure per call: tsx names every closure it creates, which costs.
function refreshOptions(force: boolean, hooks: RefreshHooks | undefined) {
  return hooks ? { force, hooks } : { force }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The proxy engine behind seed 002's request routes and POST /api/v1/proxy: resolves the URL
 * under the egress rules, injects the connection's credentials last, retries what is safe to
 * retry, refreshes once on 401, and streams the upstream answer back (minus cookies).
 */
export function proxyThroughConnection(
  deps: CoreDeps,
  connection: Connection,
  rawCall: ProxyCall | ForwardedCall,
  options: ProxyOptions = {},
): Promise<ProxyResult> {
  // An upload that will not be sent (a failure before or while it goes upstream) is left
  // unread, not destroyed: it is the caller's HTTP request, and destroying it would drop the
  // connection before the caller reads our error. Its owner (the HTTP host) closes the
  // connection once the answer is sent.
  const stats = deps.proxyStats
  if (!stats) return proxyCall(deps, connection, rawCall, options)
  const started = performance.now()
  return proxyCall(deps, connection, rawCall, options).then(
    (result) => {
      stats.record(
        connection.organizationId,
        connection.workspaceId,
        result.status,
        performance.now() - started,
      )
      return result
    },
    (err: unknown) => {
      // Counted with the status the caller gets (a refusal of ours is a 4xx, no answer a 502).
      const status = err instanceof AppError ? err.httpStatus : 0
      stats.record(connection.organizationId, connection.workspaceId, status, performance.now() - started)
      throw err
    },
  )
}

/**
 * The tail of the principal-facing proxy entries (POST …/request, GET …/request/* and
 * POST /api/v1/proxy): a connection and its integration already resolved, the caller's abort
 * signal if any. Object literals, one shape per branch (the HTTP routes always pass a signal),
 * not a spread of the caller's options: the spread made an object of a new hidden class per
 * call, and every read of an option in the proxy missed V8's inline caches
 * (docs/performance.md).
 */
export function proxyResolved(
  deps: CoreDeps,
  connection: Connection,
  integration: ResolvedIntegration,
  call: ProxyCall | ForwardedCall,
  signal: ProxyOptions['signal'],
): Promise<ProxyResult> {
  return proxyThroughConnection(deps, connection, call, signal ? { integration, signal } : { integration })
}

async function proxyCall(
  deps: CoreDeps,
  connection: Connection,
  rawCall: ProxyCall | ForwardedCall,
  options: ProxyOptions,
): Promise<ProxyResult> {
  const call = normalizeCall(rawCall)
  const rate = limiterFor(deps).take(connection.organizationId)
  if (!rate.allowed) {
    return jsonBody(429, 'RATE_LIMITED', `Too many proxied requests; retry in ${rate.resetSeconds} s`, {
      'retry-after': String(rate.resetSeconds),
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(rate.resetSeconds),
    })
  }
  const integration =
    options.integration ??
    (await requireIntegration(deps, connection.organizationId, connection.integrationName))
  const def = integration.definition
  // Remembered per definition, base and target (the same few paths are proxied over and over);
  // shared, so copied below before it changes.
  const target = cachedDerive(deps, 'proxyUrl', def, `${connection.apiBaseUri ?? ''}\n${call.url}`, () =>
    resolveProxyUrl(def, connection.apiBaseUri, call.url, deps.config.egressAllow),
  )
  const baseHeaders = outboundHeaders(call, def)
  const body = outboundBody(call, baseHeaders, options)
  // A streamed body (the raw-body routes) cannot be replayed: such a call is never retried.
  const streamed = body instanceof Readable
  const retryable = !streamed && (IDEMPOTENT.has(call.method) || call.retryNonIdempotent)
  const maxAttempts = options.maxAttempts ?? 3
  const maxRetryAfter = options.maxRetryAfterMs ?? 10_000
  const maxBytes = options.maxResponseBytes ?? 50 * 1024 * 1024
  const timeoutMs = options.timeoutMs ?? deps.config.proxyTimeoutMs ?? 120_000
  const deadline = Date.now() + timeoutMs
  const upstream = new UpstreamCalls(
    deps.dispatcher,
    {
      apiName: def.displayName,
      timeoutMs,
      bufferUpTo: Math.min(BUFFERED_BODY_BYTES, maxBytes),
      maxBytes,
      dropHeader: droppedResponseHeader,
    },
    options.signal,
  )
  // The last answer received, and the one handed to the caller (a stream they now own).
  let arrived: UpstreamAnswer['body'] | undefined
  let passedOn: UpstreamAnswer['body'] | undefined
  try {
    let fresh =
      currentCredentials(deps, connection) ??
      (await getFreshCredentials(deps, connection, refreshOptions(false, options.hooks)))
    let retriedOn401 = false
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) throw upstream.timedOut()
      // Only query-string auth changes the URL; header auth reuses the resolved one.
      const url = def.api.auth.in === 'query' ? new URL(target) : target
      // The credentials go in under the same name on every attempt (a refresh replaces them).
      const headers = baseHeaders
      applyAuth(def.api.auth, fresh.credentials, url, headers)
      let res: UpstreamAnswer
      try {
        res = await upstream.send({
          url,
          method: call.method,
          headers,
          body,
          headersTimeout: Math.min(30_000, remaining),
          bodyTimeout: 30_000,
        })
      } catch (e) {
        const failure = requestFailure(e, def)
        if (failure) throw failure
        const backoff = 100 * 2 ** attempt
        if (retryable && attempt < maxAttempts && Date.now() + backoff < deadline) {
          await sleep(backoff)
          continue
        }
        if (e instanceof BrokenAnswer) throw brokeOff(def)
        throw new AppError('UPSTREAM_ERROR', `Could not reach ${def.displayName}'s API`)
      }
      arrived = res.body

      if (res.statusCode === 401 && connection.type === 'OAUTH2') {
        if (retriedOn401) {
          // A second 401, on credentials that are as fresh as they get.
          await markConnectionUnhealthy(deps, fresh.connection)
        } else {
          retriedOn401 = true
          const next = await (streamed
            ? // The body is gone: the 401 is passed on, after a refresh (if one is due) so the
              // caller's retry works.
              credentialsAfterUnauthorized(deps, fresh, options.hooks).catch(() => null)
            : credentialsAfterUnauthorized(deps, fresh, options.hooks))
          if (next?.kind === 'rejected') await markConnectionUnhealthy(deps, fresh.connection)
          else if (next?.kind === 'retry' && !streamed) {
            discard(res.body)
            fresh = next.fresh
            continue
          }
        }
      }
      if ((res.statusCode === 429 || res.statusCode >= 500) && retryable && attempt < maxAttempts) {
        const wait = retryAfterMs(res.headers['retry-after'], deps.clock.now().getTime())
        const pause = wait ?? 100 * 2 ** attempt
        if (pause <= maxRetryAfter && Date.now() + pause < deadline) {
          discard(res.body)
          await sleep(pause)
          continue
        }
      }
      // A HEAD, 204 or 304 answer has no body: its Content-Length describes another answer.
      const bodyless = call.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304
      const length = bodyless ? null : declaredLength(res.headers['content-length'])
      if (length !== null && length > maxBytes) {
        if (res.body instanceof Readable) res.body.destroy()
        throw new AppError(
          'UPSTREAM_ERROR',
          `${def.displayName}'s response (${length} bytes) is over the proxy's ${maxBytes}-byte limit`,
        )
      }
      // The API accepted the token: an UNHEALTHY connection is healthy again.
      if (res.statusCode < 400 && fresh.connection.status === 'UNHEALTHY') {
        await markConnectionRecovered(deps, fresh.connection)
      }
      touchLastUsed(deps, fresh.connection)
      passedOn = res.body
      return {
        status: res.statusCode,
        headers: inboundHeaders(deps, def, connection, res.headers, url),
        body: res.body,
      }
    }
  } finally {
    // An answer that arrived but will not be passed on (a failure after it) is let go of.
    if (passedOn === undefined && arrived instanceof Readable) arrived.destroy()
    // The deadline and the caller's signal stay on a streamed answer until it is read.
    upstream.finish(passedOn)
  }
}

function touchLastUsed(deps: CoreDeps, c: Connection): void {
  if (!touchDue(c, clockMs(deps.clock))) return
  void deps.db
    .updateTable('connections')
    .set({ lastUsedAt: c.lastUsedAt })
    .where('id', '=', c.id)
    .execute()
    .catch(() => {})
}
