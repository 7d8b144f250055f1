import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Readable } from 'node:stream'
import { finished } from 'node:stream'
import {
  type ApiContext,
  handleRest,
  type RestRequest,
  type RestResult,
  type RestRoute,
} from '@switchboard/api'
import { type AbortEvents, AppError, toAppError } from '@switchboard/core'
import type { Logger } from 'pino'
import { redactUrl } from './logger.ts'

/**
 * 'abort' when the client goes away before its answer was sent. Lighter than an EventEmitter
 * per request: it listens to the response only once the proxy asks.
 */
export class ClientGone implements AbortEvents {
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

/** Request ids for log lines, shared by Fastify (its `genReqId`) and the direct path. */
let lastRequestId = 0
export function nextRequestId(): string {
  lastRequestId = (lastRequestId + 1) % Number.MAX_SAFE_INTEGER
  return `req-${lastRequestId.toString(36)}`
}

export interface DirectProxyOptions {
  /** The GET and HEAD routes of `/api/integrations/:id/request/*`. */
  get: RestRoute
  head: RestRoute
  /** The request context for an Authorization header (no session cookie on this path). */
  context(authorization: string): Promise<ApiContext>
  /** The headers every proxied answer carries (the sandboxing policy). */
  securityHeaders: Readonly<Record<string, string>>
  logger: Logger
  /** True once the server is shutting down: Fastify then answers (503, `Connection: close`). */
  closing(): boolean
}

const PREFIX = '/api/integrations/'
const REQUEST = '/request/'
/** An integration id or slug that needs no decoding (what the router would decode is left to it). */
const PLAIN_ID = /^[A-Za-z0-9._~-]{1,200}$/
const NO_QUERY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>

/**
 * The proxy's bodyless calls — GET and HEAD on `/api/integrations/:id/request/*` with an
 * Authorization header, the way a backend calls it — served straight from Node's request,
 * ahead of Fastify's routing. They run the same route definitions through the same
 * `handleRest` as every REST route; what this skips is Fastify's per-request machinery
 * (request and reply objects, hooks, the reply pipeline), some 20 µs a call on a small machine,
 * which is most of what separated the proxy from a bare pass-through (docs/performance.md).
 *
 * Returns false, leaving the request to Fastify, for anything else or anything it would have
 * to interpret: other methods and paths, a percent-encoded path (the router decodes those),
 * a request with cookies (the dashboard session), a server that is closing.
 */
export function directProxy(
  opts: DirectProxyOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  for (const r of [opts.get, opts.head]) {
    // This path fills `params` only; a route that reads the query or body needs Fastify's parsing.
    if (!r.pick || !r.proxied) throw new Error(`${r.method} ${r.path} cannot be served directly`)
  }
  const { logger, securityHeaders } = opts

  return (req, res) => {
    const method = req.method
    const url = req.url
    const authorization = req.headers.authorization
    if (
      (method !== 'GET' && method !== 'HEAD') ||
      url === undefined ||
      !url.startsWith(PREFIX) ||
      authorization === undefined ||
      req.headers.cookie !== undefined ||
      opts.closing()
    ) {
      return false
    }
    const slash = url.indexOf('/', PREFIX.length)
    if (slash < 0 || !url.startsWith(REQUEST, slash)) return false
    const id = url.slice(PREFIX.length, slash)
    const q = url.indexOf('?', slash)
    const rest = q < 0 ? url.slice(slash + REQUEST.length) : url.slice(slash + REQUEST.length, q)
    if (!PLAIN_ID.test(id) || rest.includes('%')) return false

    const reqId = nextRequestId()
    const started = logger.isLevelEnabled('info') ? performance.now() : -1
    if (started >= 0) {
      res.once('finish', () => {
        logger.info(
          {
            reqId,
            method,
            url: redactUrl(url),
            statusCode: res.statusCode,
            ms: Math.round(performance.now() - started),
          },
          'request',
        )
      })
    }
    const restReq: RestRequest = {
      method,
      url,
      params: { id, '*': rest },
      query: NO_QUERY,
      body: undefined,
      headers: req.headers,
      signal: new ClientGone(res),
    }
    const onError = (err: unknown) => logger.error({ reqId, err }, 'unhandled error')
    opts
      .context(authorization)
      .then((ctx) => handleRest(method === 'GET' ? opts.get : opts.head, ctx, restReq, onError))
      .then(
        (result) => send(res, method, result, securityHeaders, onError),
        (err: unknown) => failed(res, method, err, securityHeaders, onError),
      )
      .catch((err: unknown) => failed(res, method, err, securityHeaders, onError))
    return true
  }
}

/** Answers an error as the app's error handler does, or cuts the answer if it has begun. */
function failed(
  res: ServerResponse,
  method: string,
  err: unknown,
  securityHeaders: Readonly<Record<string, string>>,
  onError: (err: unknown) => void,
): void {
  if (!(err instanceof AppError)) onError(err)
  if (res.headersSent) {
    res.destroy()
    return
  }
  res.statusCode = 200
  for (const name of res.getHeaderNames()) res.removeHeader(name)
  send(res, method, errorAnswer(err), securityHeaders, onError)
}

function errorAnswer(err: unknown): RestResult {
  const appError = toAppError(err)
  return { status: appError.httpStatus, body: appError.toBody(), headers: {} }
}

const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * Writes a route's answer as Fastify's `reply.send` does for the bodies the proxy routes give:
 * nothing, a Buffer, a stream, or an error as JSON.
 */
function send(
  res: ServerResponse,
  method: string,
  result: RestResult,
  securityHeaders: Readonly<Record<string, string>>,
  onError: (err: unknown) => void,
): void {
  if (res.destroyed) {
    if (isStream(result.body)) result.body.destroy()
    return
  }
  for (const name in securityHeaders) res.setHeader(name, securityHeaders[name] as string)
  const status = result.status
  const headers: Record<string, string | string[]> = { ...result.headers }
  if (isStream(result.body)) {
    sendStream(res, status, headers, result.body, method, securityHeaders, onError)
    return
  }
  let body: string | Buffer | undefined
  if (result.body === undefined || result.body === null) body = undefined
  else if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) body = result.body
  else {
    body = JSON.stringify(result.body)
    headers['content-type'] ??= JSON_TYPE
  }
  if (body === undefined) {
    // No Content-Length for 204, 304 and 1xx; HEAD keeps the one it has (the upstream's).
    if (status >= 200 && status !== 204 && status !== 304 && method !== 'HEAD')
      headers['content-length'] = '0'
    res.writeHead(status, headers)
    res.end()
    return
  }
  if (status < 200 || status === 204) {
    delete headers['content-type']
    delete headers['content-length']
    res.writeHead(status, headers)
    res.end()
    return
  }
  if (typeof body === 'string') headers['content-type'] ??= 'text/plain; charset=utf-8'
  else headers['content-type'] ??= 'application/octet-stream'
  if (headers['content-length'] === undefined || method !== 'HEAD') {
    headers['content-length'] = String(Buffer.byteLength(body))
  }
  res.writeHead(status, headers)
  res.end(body)
}

function isStream(body: unknown): body is Readable {
  return typeof (body as Readable | null)?.pipe === 'function'
}

function sendStream(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: Readable,
  method: string,
  securityHeaders: Readonly<Record<string, string>>,
  onError: (err: unknown) => void,
): void {
  if (status < 200 || status === 204) {
    delete headers['content-type']
    delete headers['content-length']
    res.writeHead(status, headers)
    res.end()
    body.on('error', () => {})
    body.resume()
    return
  }
  let open = true
  finished(body, { readable: true, writable: false }, (err) => {
    open = false
    // Nothing sent yet: the failure gets an error answer; else the answer is cut short.
    // (A client that went away is no failure to report.)
    if (err && !res.destroyed) failed(res, method, err, securityHeaders, onError)
  })
  finished(res, () => {
    if (open) body.destroy()
  })
  // Headers go out with the first chunk, so a stream that fails first can still answer an error.
  res.statusCode = status
  for (const name in headers) res.setHeader(name, headers[name] as string | string[])
  body.pipe(res)
}

/**
 * Puts `direct` in front of the handler Fastify gave `server`, so requests it takes never
 * reach Fastify and all others go on as before.
 */
export function serveDirectFirst(
  server: Server,
  direct: (req: IncomingMessage, res: ServerResponse) => boolean,
): void {
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[]
  const fastify = handlers[0]
  if (handlers.length !== 1 || fastify === undefined) {
    throw new Error(`Expected one request handler on the server, found ${handlers.length}`)
  }
  server.removeAllListeners('request')
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!direct(req, res)) fastify.call(server, req, res)
  })
}
