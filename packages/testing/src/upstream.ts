import { createHash } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import { closeServer, listenOnLoopback, readBody, sendJson } from './http-helpers.ts'

export interface StartUpstreamOptions {
  /** Accept a bearer token when this resolves true (usually `testProvider.introspect`). */
  introspect?: (token: string) => Promise<boolean>
  /** Accept a bearer token when this returns true. */
  acceptToken?: (token: string) => boolean | Promise<boolean>
  /** Accept requests carrying this API key in `apiKeyHeader`. */
  apiKey?: string
  /** Header carrying `apiKey`. Default `x-api-key`. */
  apiKeyHeader?: string
}

/** One request as the upstream received it. */
export interface UpstreamRequest {
  method: string
  /** Path and query, as sent. */
  url: string
  path: string
  headers: IncomingHttpHeaders
  body: string
}

/** A fake provider API on 127.0.0.1 that records requests and can be scripted. */
export interface TestUpstream {
  /** `http://127.0.0.1:<port>` (same as `origin`, no trailing slash). */
  url: string
  origin: string
  /** `127.0.0.1:<port>` */
  hostPort: string
  port: number
  urlFor(path: string): string
  requests: UpstreamRequest[]
  /** The next `n` requests get `status` (JSON `{error:'scripted_failure'}`) before any auth check. */
  failNext(n: number, status: number, headers?: Record<string, string>, body?: unknown): void
  /** `/slow` requests whose caller hung up before the answer was due. */
  readonly abandoned: number
  /** Forgets recorded requests and pending failures. */
  reset(): void
  close(): Promise<void>
}

/** Short, stable fingerprint of a credential, as reported in `authorizedAs` (the token itself is never echoed). */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12)
}

const STATUS_PATH = /^\/status\/(\d{3})$/

/** What `/html` sends that would speak for the proxy's whole origin, were it passed on. */
export const ORIGIN_WIDE_HEADERS: Record<string, string> = {
  'content-security-policy': 'script-src *',
  'x-frame-options': 'ALLOWALL',
  'strict-transport-security': 'max-age=0',
  'access-control-allow-origin': 'https://evil.example',
  'access-control-allow-credentials': 'true',
  nel: '{"report_to":"upstream","max_age":86400}',
  'report-to': '{"group":"upstream","max_age":86400,"endpoints":[{"url":"https://evil.example/r"}]}',
  'clear-site-data': '"cookies"',
  'service-worker-allowed': '/',
  'permissions-policy': 'camera=*',
}

/**
 * Starts a plain node:http "provider API". With no auth option every request is accepted; otherwise a
 * missing or refused credential gets 401 `{error:'invalid_token'}` with `WWW-Authenticate`.
 * Routes (all behind the auth check): `/status/:code?retryAfter=s`, `/redirect?to=URL&status=302` (`to` repeated: one Location each),
 * `/html` (a page with a permissive CSP), `/set-cookie`, `/large?bytes=N`, `/slow?ms=N`, `/echo`; anything else (e.g. `GET /me`) answers
 * `{ ok, path, method, query, body, authorizedAs }`.
 */
export async function startUpstream(options: StartUpstreamOptions = {}): Promise<TestUpstream> {
  const requests: UpstreamRequest[] = []
  let abandoned = 0
  const failures: Array<{
    remaining: number
    status: number
    headers: Record<string, string>
    body: unknown
  }> = []
  const apiKeyHeader = (options.apiKeyHeader ?? 'x-api-key').toLowerCase()
  const authRequired = Boolean(options.introspect ?? options.acceptToken ?? options.apiKey)

  /** Returns a description of the accepted credential, or undefined when refused. */
  const authorize = async (req: IncomingMessage): Promise<string | undefined> => {
    if (!authRequired) return 'anonymous'
    if (options.apiKey !== undefined) {
      const key = req.headers[apiKeyHeader]
      if (key === options.apiKey) return `api-key:${tokenFingerprint(key)}`
    }
    const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')
    const token = match?.[1]
    if (!token) return undefined
    if (options.acceptToken && (await options.acceptToken(token))) return `bearer:${tokenFingerprint(token)}`
    if (options.introspect && (await options.introspect(token))) return `bearer:${tokenFingerprint(token)}`
    return undefined
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://upstream.invalid')
    const body = (await readBody(req)).toString('utf8')
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: url.pathname,
      headers: req.headers,
      body,
    })

    const failure = failures[0]
    if (failure) {
      if (--failure.remaining <= 0) failures.shift()
      return sendJson(res, failure.status, failure.body, failure.headers)
    }

    const authorizedAs = await authorize(req)
    if (!authorizedAs) {
      return sendJson(
        res,
        401,
        { error: 'invalid_token' },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      )
    }

    const query = Object.fromEntries(url.searchParams)
    const status = STATUS_PATH.exec(url.pathname)
    if (status) {
      const code = Number(status[1])
      const headers: Record<string, string> = query.retryAfter ? { 'retry-after': query.retryAfter } : {}
      if (code === 204 || code === 304) {
        res.writeHead(code, headers)
        return res.end()
      }
      return sendJson(res, code, { status: code }, headers)
    }

    switch (url.pathname) {
      case '/redirect': {
        // Each `to` is one Location header (a broken upstream may send several).
        const to = url.searchParams.getAll('to')
        res.writeHead(Number(query.status ?? 302), [
          ...(to.length ? to : ['/']).flatMap((location) => ['location', location]),
          'content-length',
          '0',
        ])
        return res.end()
      }
      case '/html': {
        // A page that would run script, with headers that would speak for the whole origin.
        const page = '<!doctype html><script src="/evil.js"></script><p>upstream page</p>'
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': Buffer.byteLength(page),
          link: '</html?page=2>; rel="next"',
          ...ORIGIN_WIDE_HEADERS,
        })
        return res.end(page)
      }
      case '/set-cookie':
        return sendJson(res, 200, { ok: true }, { 'set-cookie': 'upstream_session=s3cr3t; Path=/; HttpOnly' })
      case '/large':
        return sendLarge(res, Number(query.bytes ?? 0))
      case '/slow':
        return sendSlow(req, res, Number(query.ms ?? 1000), () => {
          abandoned++
        })
      case '/echo':
        return sendJson(res, 200, {
          method: req.method,
          url: req.url,
          headers: req.headers,
          body,
          bodyBytes: Buffer.byteLength(body),
        })
      default:
        return sendJson(res, 200, {
          ok: true,
          path: url.pathname,
          method: req.method,
          query,
          body: parseBody(body, req.headers['content-type']),
          authorizedAs,
        })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy()
      sendJson(res, 500, { error: 'upstream_test_server_error', message: String(err) })
    })
  })
  const port = await listenOnLoopback(server)
  const origin = `http://127.0.0.1:${port}`

  return {
    url: origin,
    origin,
    hostPort: `127.0.0.1:${port}`,
    port,
    urlFor: (path) => new URL(path, origin).href,
    requests,
    get abandoned() {
      return abandoned
    },
    failNext: (n, status, headers = {}, body = { error: 'scripted_failure', status }) => {
      failures.push({ remaining: n, status, headers, body })
    },
    reset: () => {
      requests.length = 0
      failures.length = 0
      abandoned = 0
    },
    close: () => closeServer(server),
  }
}

function parseBody(body: string, contentType: string | undefined): unknown {
  if (!body) return null
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(body)
    } catch {
      return body
    }
  }
  return body
}

function sendLarge(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes) })
  const chunk = Buffer.alloc(64 * 1024, 'a')
  let remaining = bytes
  const write = () => {
    while (remaining > 0) {
      const size = Math.min(remaining, chunk.length)
      remaining -= size
      if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size)))
        return void res.once('drain', write)
    }
    res.end()
  }
  res.once('close', () => {
    remaining = 0
  })
  write()
}

function sendSlow(req: IncomingMessage, res: ServerResponse, ms: number, onAbandoned: () => void): void {
  let answered = false
  const timer = setTimeout(() => {
    answered = true
    sendJson(res, 200, { ok: true, delayedMs: ms })
  }, ms)
  req.socket.once('close', () => {
    clearTimeout(timer)
    if (!answered) onAbandoned()
  })
}
