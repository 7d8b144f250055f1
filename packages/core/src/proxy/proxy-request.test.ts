import { EventEmitter } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import type { Connection } from '@switchboard/db'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
// Relative on purpose: a devDependency on @switchboard/testing would make a package cycle.
import { createTestDeps, ManualClock, type TestDeps } from '../../../testing/src/deps.ts'
import { startUpstream, type TestUpstream } from '../../../testing/src/upstream.ts'
import type { Principal } from '../auth/principal.ts'
import { createConnection } from '../connections/connections.ts'
import { AppError } from '../errors.ts'
import { createCustomIntegration } from '../integrations/integrations.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { ForwardedCall, proxyThroughConnection } from './proxy-request.ts'
import type { AbortEvents } from './upstream-call.ts'

const API_KEY = 'key-0123456789'

async function readAll(body: Readable | Buffer | null): Promise<Buffer> {
  const chunks: Buffer[] = []
  if (!body) return Buffer.alloc(0)
  if (Buffer.isBuffer(body)) return body
  for await (const c of body) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

describe('proxyThroughConnection (core): size cap, retry options, rate limit', () => {
  let t: TestDeps
  let upstream: TestUpstream
  let connection: Connection
  let principal: Principal

  beforeAll(async () => {
    upstream = await startUpstream({ apiKey: API_KEY })
    t = await createTestDeps({ clock: new ManualClock(new Date('2026-03-01T12:00:00.000Z')) })
    const org = await bootstrapOrganization(t.deps, { organizationName: 'Core proxy', plan: 'TEAM' })
    principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
    await createCustomIntegration(t.deps, principal, {
      name: 'keyed-api',
      displayName: 'Keyed API',
      authType: 'SECRET_TEXT',
      api: { baseUrl: upstream.url, auth: { in: 'header', name: 'X-Api-Key', value: '{apiKey}' } },
    })
    const { connection: view } = await createConnection(t.deps, principal, {
      type: 'SECRET_TEXT',
      integrationName: 'keyed-api',
      workspaceId: org.workspaceId,
      externalId: 'core-proxy',
      secretText: API_KEY,
    })
    connection = await t.deps.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', view.id)
      .executeTakeFirstOrThrow()
  })
  afterAll(async () => {
    await upstream.close()
    await t.close()
  })
  beforeEach(() => {
    upstream.reset()
  })

  it('injects the API key header, overriding one the caller sent', async () => {
    const res = await proxyThroughConnection(t.deps, connection, {
      url: '/echo',
      headers: { 'X-Api-Key': 'caller-supplied', 'x-other': '1' },
    })
    expect(res.status).toBe(200)
    const echo = JSON.parse((await readAll(res.body)).toString()) as { headers: Record<string, string> }
    expect(echo.headers['x-api-key']).toBe(API_KEY)
    expect(echo.headers['x-other']).toBe('1')
  })

  it('streams a response under the size cap in full', async () => {
    const res = await proxyThroughConnection(
      t.deps,
      connection,
      { url: '/large?bytes=50000' },
      { maxResponseBytes: 50_000 },
    )
    expect(res.status).toBe(200)
    expect((await readAll(res.body)).length).toBe(50_000)
  })

  it('aborts a response over the size cap with an error and lets go of the upstream connection', async () => {
    // An upstream that would send 20 MB and tells us when its side of the response closes.
    let closedAt = 0
    const big = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.on('close', () => {
        closedAt = Date.now()
      })
      const chunk = Buffer.alloc(64 * 1024, 'b')
      let left = 320
      const write = () => {
        while (left-- > 0) if (!res.write(chunk)) return void res.once('drain', write)
        res.end()
      }
      write()
    })
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(big.address() as AddressInfo).port}`
    try {
      const res = await proxyThroughConnection(
        t.deps,
        { ...connection, apiBaseUri: base },
        { url: '/big' },
        { maxResponseBytes: 100_000 },
      )
      expect(res.status).toBe(200)
      let received = 0
      const consume = async () => {
        for await (const c of res.body as Readable) received += (c as Buffer).length
      }
      await expect(consume()).rejects.toThrow(/exceeds 100000 bytes/)
      const failedAt = Date.now()
      expect(received).toBeLessThanOrEqual(100_000)
      // The upstream body is destroyed with the capped stream, not left paused on an open socket.
      await vi.waitFor(() => expect(closedAt).toBeGreaterThan(0), { timeout: 2000 })
      expect(closedAt - failedAt).toBeLessThan(2000)
    } finally {
      big.closeAllConnections()
      await new Promise<void>((resolve) => big.close(() => resolve()))
    }
  })

  it('refuses a response whose declared length is over the cap before streaming any of it', async () => {
    await expect(
      proxyThroughConnection(
        t.deps,
        connection,
        { url: '/large?bytes=300000' },
        { maxResponseBytes: 100_000 },
      ),
    ).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', message: expect.stringMatching(/300000 bytes/) })
  })

  it('a HEAD or 304 answer that declares a length over the cap is passed on: it has no body', async () => {
    const head = await proxyThroughConnection(
      t.deps,
      connection,
      { url: '/large?bytes=300000', method: 'HEAD' },
      { maxResponseBytes: 100_000 },
    )
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe('300000')
    expect((await readAll(head.body)).length).toBe(0)

    // A 304 that repeats the full representation's length, as RFC 9110 allows.
    const notModified = createServer((_req, res) => {
      res.writeHead(304, { etag: '"v1"', 'content-length': '300000' })
      res.end()
    })
    await new Promise<void>((resolve) => notModified.listen(0, '127.0.0.1', resolve))
    try {
      const res = await proxyThroughConnection(
        t.deps,
        { ...connection, apiBaseUri: `http://127.0.0.1:${(notModified.address() as AddressInfo).port}` },
        { url: '/doc', headers: { 'if-none-match': '"v1"' } },
        { maxResponseBytes: 100_000 },
      )
      expect(res.status).toBe(304)
      expect(res.headers.etag).toBe('"v1"')
      expect((await readAll(res.body)).length).toBe(0)
    } finally {
      notModified.closeAllConnections()
      await new Promise<void>((resolve) => notModified.close(() => resolve()))
    }
  })

  it("passes the answer's headers as undici parses them, minus the dropped ones and __proto__, in one pass", async () => {
    const server = createServer((_req, res) => {
      // Raw pairs: names in any case, repeats, and names that are also Object.prototype's.
      res.writeHead(
        200,
        [
          ['Content-Type', 'application/json'],
          ['X-Multi', 'a'],
          ['x-multi', 'b'],
          ['X-MULTI', 'c'],
          ['Set-Cookie', 'sid=1'],
          ['Access-Control-Allow-Origin', '*'],
          ['Strict-Transport-Security', 'max-age=1'],
          ['__proto__', 'p'],
          ['constructor', 'k'],
          ['Content-Length', '2'],
        ].flat(),
      )
      res.end('{}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const res = await proxyThroughConnection(
        t.deps,
        { ...connection, apiBaseUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
        { url: '/doc' },
      )
      expect(res.status).toBe(200)
      const { date: _date, connection: _c, 'keep-alive': _k, ...rest } = res.headers
      expect(rest).toEqual({
        'content-type': 'application/json',
        'x-multi': ['a', 'b', 'c'],
        constructor: 'k',
        'content-length': '2',
      })
      expect(Object.getPrototypeOf(res.headers)).toBe(Object.prototype)
      expect(Object.keys(res.headers)).not.toContain('__proto__')
      expect(Object.keys(res.headers)).not.toContain('set-cookie')
      expect((await readAll(res.body)).toString()).toBe('{}')
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('a streamed request body over maxRequestBytes fails with PAYLOAD_TOO_LARGE, once', async () => {
    const body = Readable.from(Array.from({ length: 10 }, () => Buffer.alloc(1000, 'q')))
    await expect(
      proxyThroughConnection(
        t.deps,
        connection,
        { method: 'PUT', url: '/echo', data: body },
        { maxRequestBytes: 5000 },
      ),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    expect(upstream.requests.filter((r) => r.path === '/echo' && r.body.length === 10_000)).toEqual([])
  })

  describe('the deadline (timeoutMs) bounds the whole call', () => {
    /** Headers at once, then `total` bytes a few at a time, every 100 ms. */
    async function dripping(total: number, declareLength: boolean) {
      const server = createServer((_req, res) => {
        res.writeHead(200, {
          'content-type': 'text/plain',
          ...(declareLength && { 'content-length': String(total) }),
        })
        let sent = 0
        const timer = setInterval(() => {
          if (sent >= total) {
            clearInterval(timer)
            return void res.end()
          }
          res.write('x'.repeat(10))
          sent += 10
        }, 100)
        res.on('close', () => clearInterval(timer))
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return {
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: async () => {
          server.closeAllConnections()
          await new Promise<void>((resolve) => server.close(() => resolve()))
        },
      }
    }

    it('an upstream that does not answer in time is UPSTREAM_TIMEOUT', async () => {
      const started = Date.now()
      await expect(
        proxyThroughConnection(t.deps, connection, { url: '/slow?ms=3000' }, { timeoutMs: 300 }),
      ).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
      expect(Date.now() - started).toBeLessThan(2000)
    })

    it('a small answer of declared length that drips slower than the deadline is UPSTREAM_TIMEOUT', async () => {
      const drip = await dripping(200, true)
      try {
        const started = Date.now()
        await expect(
          proxyThroughConnection(
            t.deps,
            { ...connection, apiBaseUri: drip.base },
            { url: '/x' },
            { timeoutMs: 500 },
          ),
        ).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
        expect(Date.now() - started).toBeLessThan(1500)
      } finally {
        await drip.close()
      }
    })

    it('a streamed answer is cut off at the deadline', async () => {
      const drip = await dripping(400, false)
      try {
        const started = Date.now()
        const res = await proxyThroughConnection(
          t.deps,
          { ...connection, apiBaseUri: drip.base },
          { url: '/x' },
          { timeoutMs: 500 },
        )
        expect(res.status).toBe(200)
        await expect(readAll(res.body)).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
        expect(Date.now() - started).toBeLessThan(1500)
      } finally {
        await drip.close()
      }
    })
  })

  describe('answers that break off', () => {
    /** An upstream whose answers are scripted per request: each gets the next handler. */
    async function scripted(...handlers: ((res: import('node:http').ServerResponse) => void)[]) {
      let n = 0
      const server = createServer((_req, res) => (handlers[n++] ?? handlers[handlers.length - 1])?.(res))
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return {
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests: () => n,
        close: async () => {
          server.closeAllConnections()
          await new Promise<void>((resolve) => server.close(() => resolve()))
        },
      }
    }

    /** Headers and a little of the body, then the connection is cut. */
    const breaksOff =
      (status: number, headers: Record<string, string>) => (res: import('node:http').ServerResponse) => {
        res.writeHead(status, { 'content-type': 'text/plain', ...headers })
        res.write('only part of it')
        setTimeout(() => res.socket?.destroy(), 20)
      }
    const callThrough = (base: string) =>
      proxyThroughConnection(t.deps, { ...connection, apiBaseUri: base }, { url: '/x' })

    it('a streamed answer that breaks off before anyone reads it fails its reader, not the process', async () => {
      const up = await scripted(breaksOff(200, {}))
      try {
        const res = await callThrough(up.base)
        expect(res.status).toBe(200)
        // The body errors while nobody listens yet; an 'error' without a listener would crash.
        await new Promise((r) => setTimeout(r, 200))
        await expect(readAll(res.body)).rejects.toThrow()
      } finally {
        await up.close()
      }
    })

    it('a small 503 whose body breaks off is retried like any 503', async () => {
      const up = await scripted(breaksOff(503, { 'content-length': '100', 'retry-after': '0' }), (res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' })
        res.end('ok')
      })
      try {
        const res = await callThrough(up.base)
        expect(res.status).toBe(200)
        expect((await readAll(res.body)).toString()).toBe('ok')
        expect(up.requests()).toBe(2)
      } finally {
        await up.close()
      }
    })

    it('a small 200 whose body breaks off is UPSTREAM_ERROR "broke off", not retried', async () => {
      const up = await scripted(breaksOff(200, { 'content-length': '100' }))
      try {
        await expect(callThrough(up.base)).rejects.toMatchObject({
          code: 'UPSTREAM_ERROR',
          message: expect.stringMatching(/broke off/),
        })
        expect(up.requests()).toBe(1)
      } finally {
        await up.close()
      }
    })
  })

  describe('the caller going away cancels the upstream call', () => {
    /** An AbortEvents source like the HTTP host's: an emitter that also says whether it fired. */
    function hangUp(afterMs: number) {
      const events = Object.assign(new EventEmitter(), { aborted: false })
      setTimeout(() => {
        events.aborted = true
        events.emit('abort')
      }, afterMs)
      return events
    }

    async function expectCancelled(signal: AbortSignal | AbortEvents) {
      const started = Date.now()
      await expect(
        proxyThroughConnection(t.deps, connection, { url: '/slow?ms=3000' }, { signal }),
      ).rejects.toMatchObject({ code: 'UPSTREAM_ERROR', message: expect.stringMatching(/caller went away/) })
      expect(Date.now() - started).toBeLessThan(1500)
      // The upstream sees the proxy hang up, long before its answer was due.
      await vi.waitFor(() => expect(upstream.abandoned).toBeGreaterThan(abandonedBefore), { timeout: 2000 })
    }
    let abandonedBefore = 0
    beforeEach(() => {
      abandonedBefore = upstream.abandoned
    })

    it('an AbortSignal that fires while the upstream is slow', async () => {
      await expectCancelled(AbortSignal.timeout(200))
    })

    it('an emitter that fires after the call started watching (50 ms)', async () => {
      await expectCancelled(hangUp(300))
    })

    it('an emitter that fired before the call started watching, seen through `aborted`', async () => {
      await expectCancelled(hangUp(5))
    })

    /** A slow upstream call with this signal and deadline: what it failed with, and when (ms). */
    async function failure(signal: AbortEvents, timeoutMs: number) {
      const started = Date.now()
      const error = await proxyThroughConnection(
        t.deps,
        connection,
        { url: '/slow?ms=3000' },
        { signal, timeoutMs },
      ).catch((e: unknown) => e)
      return { error, after: Date.now() - started }
    }

    it('a call with less than two watch slots of time watches from the start', async () => {
      const { error, after } = await failure(hangUp(10), 90)
      expect(error).toMatchObject({
        code: 'UPSTREAM_ERROR',
        message: expect.stringMatching(/caller went away/),
      })
      expect(after).toBeLessThan(80)
    })

    it('a call whose caller stays still times out at its deadline, watched from its slot', async () => {
      const { error, after } = await failure(Object.assign(new EventEmitter(), { aborted: false }), 400)
      expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
      expect(after).toBeGreaterThanOrEqual(390)
      expect(after).toBeLessThan(1500)
    })
  })

  it('a streamed body that declares a length over maxRequestBytes is refused before anything is sent', async () => {
    const body = Readable.from([Buffer.alloc(10, 'q')])
    await expect(
      proxyThroughConnection(
        t.deps,
        connection,
        { method: 'PUT', url: '/echo', data: body, headers: { 'content-length': '9000' } },
        { maxRequestBytes: 5000 },
      ),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    // Left unread for its owner (the HTTP host answers 413, then closes the connection).
    expect(body.readableDidRead).toBe(false)
    expect(body.destroyed).toBe(false)
    expect(upstream.requests.filter((r) => r.path === '/echo')).toEqual([])
  })

  it('a forwarded call (the request/* routes) takes the HTTP request as it is, minus what is ours or per hop', async () => {
    const res = await proxyThroughConnection(
      t.deps,
      connection,
      new ForwardedCall(
        'GET',
        '/echo?x=1',
        {
          host: 'switchboard.example',
          authorization: 'Bearer sk_caller',
          cookie: 'sb_session=s',
          'x-forwarded-for': '10.0.0.1',
          'x-api-key': 'caller-supplied',
          'x-trace': 'abc',
          connection: 'keep-alive, x-hop-secret',
          'x-hop-secret': 'for the next hop only',
          'x-workspace-id': 'for the broker',
          'x-repeated': ['one', 'two'],
          'x-absent': undefined,
        },
        undefined,
        new Set(['x-workspace-id']),
      ),
    )
    expect(res.status).toBe(200)
    const echo = JSON.parse((await readAll(res.body)).toString()) as {
      url: string
      headers: Record<string, string>
    }
    expect(echo.url).toBe('/echo?x=1')
    expect(echo.headers['x-trace']).toBe('abc')
    expect(echo.headers['x-api-key']).toBe(API_KEY)
    expect(echo.headers['x-repeated']).toBe('one, two')
    for (const dropped of [
      'authorization',
      'cookie',
      'x-forwarded-for',
      'x-hop-secret',
      'x-workspace-id',
      'x-absent',
    ])
      expect(echo.headers).not.toHaveProperty(dropped)
  })

  it('headers the caller names in Connection are per hop and not sent on (any case)', async () => {
    const res = await proxyThroughConnection(t.deps, connection, {
      url: '/echo',
      headers: { Connection: 'X-Hop, upgrade', 'X-Hop': '1', 'x-kept': '2' },
    })
    const echo = JSON.parse((await readAll(res.body)).toString()) as { headers: Record<string, string> }
    expect(echo.headers['x-kept']).toBe('2')
    expect(echo.headers).not.toHaveProperty('x-hop')
  })

  it('a forwarded call with a URL over 8000 characters is a 400, never sent', async () => {
    await expect(
      proxyThroughConnection(
        t.deps,
        connection,
        new ForwardedCall('GET', `/echo?q=${'a'.repeat(8000)}`, {}, undefined, new Set()),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'url' }] })
    expect(upstream.requests).toEqual([])
  })

  it('a header value with control or non-Latin-1 characters is a 400, never sent or retried', async () => {
    for (const value of ['bell\u0007', 'nul\u0000', 'snow \u2603']) {
      await expect(
        proxyThroughConnection(t.deps, connection, { url: '/echo', headers: { 'x-bad': value } }),
      ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' })
    }
    expect(upstream.requests.filter((r) => r.path === '/echo')).toEqual([])
  })

  it('maxAttempts bounds the retries of idempotent calls', async () => {
    upstream.failNext(10, 503, { 'retry-after': '0' })
    const res = await proxyThroughConnection(t.deps, connection, { url: '/me' }, { maxAttempts: 5 })
    expect(res.status).toBe(503)
    await readAll(res.body)
    expect(upstream.requests).toHaveLength(5)
    upstream.reset()
    upstream.failNext(10, 503, { 'retry-after': '0' })
    const once = await proxyThroughConnection(t.deps, connection, { url: '/me' }, { maxAttempts: 1 })
    expect(once.status).toBe(503)
    await readAll(once.body)
    expect(upstream.requests).toHaveLength(1)
  })

  it('maxRetryAfterMs: a Retry-After above it is returned, one within it is honoured', async () => {
    upstream.failNext(1, 429, { 'retry-after': '1' })
    const returned = await proxyThroughConnection(
      t.deps,
      connection,
      { url: '/me' },
      { maxRetryAfterMs: 500 },
    )
    expect(returned.status).toBe(429)
    expect(returned.headers['retry-after']).toBe('1')
    await readAll(returned.body)
    expect(upstream.requests).toHaveLength(1)
  })

  it('a non-OAuth connection answered 401 is returned without a refresh attempt', async () => {
    upstream.failNext(1, 401)
    const res = await proxyThroughConnection(t.deps, connection, { url: '/me' })
    expect(res.status).toBe(401)
    await readAll(res.body)
    expect(upstream.requests).toHaveLength(1)
    const row = await t.deps.db
      .selectFrom('connections')
      .select('status')
      .where('id', '=', connection.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('ACTIVE')
  })

  it('an unreachable upstream is a 502 UPSTREAM_ERROR after the bounded retries, not a crash', async () => {
    const gone = await startUpstream()
    await gone.close()
    const moved = { ...connection, apiBaseUri: gone.url }
    const err = await proxyThroughConnection(t.deps, moved, { url: '/x' }, { maxAttempts: 2 }).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('UPSTREAM_ERROR')
    expect((err as AppError).httpStatus).toBe(502)
  })
})

describe('per-organization rate limit (core)', () => {
  it('counts per organization per minute and answers 429 with the headers', async () => {
    const upstream = await startUpstream({ apiKey: API_KEY })
    const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'))
    const t = await createTestDeps({ clock, proxyRateLimitPerMinute: 2 })
    try {
      const connections: Connection[] = []
      for (const name of ['Org A', 'Org B']) {
        const org = await bootstrapOrganization(t.deps, { organizationName: name, plan: 'TEAM' })
        const p: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
        await createCustomIntegration(t.deps, p, {
          name: 'keyed-api',
          displayName: 'Keyed API',
          authType: 'SECRET_TEXT',
          api: { baseUrl: upstream.url, auth: { in: 'header', name: 'X-Api-Key', value: '{apiKey}' } },
        })
        const { connection } = await createConnection(t.deps, p, {
          type: 'SECRET_TEXT',
          integrationName: 'keyed-api',
          workspaceId: org.workspaceId,
          externalId: 'x',
          secretText: API_KEY,
        })
        connections.push(
          await t.deps.db
            .selectFrom('connections')
            .selectAll()
            .where('id', '=', connection.id)
            .executeTakeFirstOrThrow(),
        )
      }
      const [a, b] = connections as [Connection, Connection]
      const statuses = async (c: Connection, n: number) => {
        const out: number[] = []
        for (let i = 0; i < n; i++) {
          const res = await proxyThroughConnection(t.deps, c, { url: '/me' })
          await readAll(res.body)
          out.push(res.status)
        }
        return out
      }
      expect(await statuses(a, 3)).toEqual([200, 200, 429])
      // Another organization has its own budget.
      expect(await statuses(b, 2)).toEqual([200, 200])
      const limited = await proxyThroughConnection(t.deps, a, { url: '/me' })
      expect(limited.status).toBe(429)
      expect(limited.headers).toMatchObject({
        'retry-after': '60',
        'x-ratelimit-limit': '2',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '60',
      })
      expect(JSON.parse((await readAll(limited.body)).toString())).toMatchObject({
        error: { code: 'RATE_LIMITED' },
      })
      expect(upstream.requests).toHaveLength(4)
      clock.advance(60_000)
      expect(await statuses(a, 1)).toEqual([200])
    } finally {
      await upstream.close()
      await t.close()
    }
  })
})
