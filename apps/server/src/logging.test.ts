import { Writable } from 'node:stream'
import { type BootstrapResult, bootstrapOrganization, randomToken } from '@switchboard/core'
import { createTestDeps, type TestDeps } from '@switchboard/testing'
import type { LightMyRequestResponse } from 'fastify'
import type { ChildLoggerOptions, Logger } from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type App, buildApp, SESSION_COOKIE } from './app.ts'
import { createLogger, redactUrl, requestLineWriter, requestLoggerFactory } from './logger.ts'
import { contractCheck, violationsError } from './testing/contract.ts'

/** A pino destination that keeps every line in memory. */
class MemoryStream extends Writable {
  lines: string[] = []
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    done()
  }
  get text() {
    return this.lines.join('\n')
  }
  records() {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>)
  }
}

describe('request logging', () => {
  let t: TestDeps
  let app: App
  let stream: MemoryStream
  let org: BootstrapResult
  const password = `pw-${randomToken(16)}`
  const email = 'owner@logging.test'
  const contract = contractCheck()

  beforeAll(async () => {
    t = await createTestDeps({ dialect: 'sqlite' })
    stream = new MemoryStream()
    app = await buildApp({ core: t.deps, logger: createLogger('info', stream), onSend: contract.hook })
    org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM', email, password })
  })
  afterAll(async () => {
    await app.close()
    await t.close()
    // Every answer these tests received is as its route declares (testing/contract.ts).
    const mismatch = violationsError(contract.violations)
    if (mismatch) throw mismatch
  })
  beforeEach(() => {
    stream.lines = []
  })

  /** Every value here is a secret that must never reach the log. */
  const secrets = {
    connectToken: `cst_${randomToken(32)}`,
    oauthCode: `code-${randomToken(16)}`,
    oauthState: `state-${randomToken(16)}`,
    clientSecret: `client-secret-${randomToken(16)}`,
    accessToken: `at-${randomToken(16)}`,
    refreshToken: `rt-${randomToken(16)}`,
    cookie: randomToken(32),
    someonesKey: `sk_${randomToken(32)}`,
  }

  function expectNoSecret(text: string, also: string[] = []) {
    for (const [name, value] of Object.entries(secrets)) expect(text, `${name} leaked`).not.toContain(value)
    for (const value of also) expect(text).not.toContain(value)
  }

  async function requests(): Promise<LightMyRequestResponse[]> {
    const auth = { authorization: `Bearer ${org.apiKey}` }
    const json = { 'content-type': 'application/json' }
    const login = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: json,
      payload: JSON.stringify({ email, password }),
    })
    const session = /sb_session=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? ''
    expect(session).not.toBe('')
    return [
      login,
      // A bad password, sent in the body.
      await app.inject({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: json,
        payload: JSON.stringify({ email, password: `${password}-wrong` }),
      }),
      // The API key in Authorization.
      await app.inject({ url: '/api/v1/workspaces', headers: auth }),
      // A key that does not exist, in Authorization.
      await app.inject({
        url: '/api/v1/workspaces',
        headers: { authorization: `Bearer ${secrets.someonesKey}` },
      }),
      // The session cookie, and a cookie that is not ours.
      await app.inject({ url: '/api/v1/workspaces', cookies: { [SESSION_COOKIE]: session } }),
      await app.inject({ url: '/api/v1/workspaces', cookies: { [SESSION_COOKIE]: secrets.cookie } }),
      // A client secret (and tokens) in a JSON body, accepted or refused.
      await app.inject({
        method: 'POST',
        url: '/api/v1/oauth-apps',
        headers: { ...auth, ...json },
        payload: JSON.stringify({
          integrationName: 'github',
          clientId: 'public-id',
          clientSecret: secrets.clientSecret,
        }),
      }),
      await app.inject({
        method: 'POST',
        url: '/api/v1/connections',
        headers: { ...auth, ...json },
        payload: JSON.stringify({
          type: 'OAUTH2',
          integrationName: 'no-such-integration',
          workspaceId: org.workspaceId,
          externalId: 'x',
          accessToken: secrets.accessToken,
          refreshToken: secrets.refreshToken,
        }),
      }),
      // Invalid JSON that carries a secret: the parser's error must not echo it.
      await app.inject({
        method: 'POST',
        url: '/api/v1/oauth-apps',
        headers: { ...auth, ...json },
        payload: `{"clientSecret": "${secrets.clientSecret}", `,
      }),
      // Secrets in the query string: the hosted page, the OAuth callback, the authorize redirect.
      await app.inject(`/connect?token=${secrets.connectToken}`),
      await app.inject(`/api/v1/connect/authorize?token=${secrets.connectToken}`),
      await app.inject(`/oauth2/callback?code=${secrets.oauthCode}&state=${secrets.oauthState}`),
      await app.inject(`/api/v1/nope?token=${secrets.connectToken}&code=${secrets.oauthCode}&keep=visible`),
      await app.inject(
        `/api/v1/nope?access_token=${secrets.accessToken}&client_secret=${secrets.clientSecret}`,
      ),
      // tRPC queries carry their input in the query string (the hosted page sends its cst_ token so).
      await app.inject(
        `/trpc/connect.describe?input=${encodeURIComponent(JSON.stringify({ token: secrets.connectToken }))}`,
      ),
      await app.inject(
        `/trpc/connect.describe?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { token: secrets.connectToken } }))}`,
      ),
      // A URL the router cannot parse, with a secret in it.
      await app.inject(`/api/v1/workspaces/%E0%A4%A?token=${secrets.connectToken}`),
    ]
  }

  it('never writes a secret sent in a header, cookie, body or query string', async () => {
    await requests()
    expect(stream.lines.length).toBeGreaterThan(0)
    expectNoSecret(stream.text, [org.apiKey, password])
    // The censor marks where a secret was.
    expect(stream.text).toMatch(/(\[|%5B)redacted(\]|%5D)/)
  })

  it('writes exactly one line per request, with method, redacted URL, status and duration', async () => {
    const responses = await requests()
    const records = stream.records()
    const requestLines = records.filter((r) => r.msg === 'request')
    expect(requestLines).toHaveLength(responses.length)
    // No other lines: nothing in these requests is an internal error.
    expect(records).toHaveLength(responses.length)
    expect(requestLines.map((r) => r.statusCode)).toEqual(responses.map((r) => r.statusCode))
    for (const r of requestLines) {
      expect(r).toMatchObject({ level: 30, method: expect.any(String), url: expect.any(String) })
      expect(r.reqId).toBeDefined()
    }
    // Harmless parameters stay readable.
    expect(requestLines.map((r) => r.url)).toContain(
      '/api/v1/nope?token=%5Bredacted%5D&code=%5Bredacted%5D&keep=visible',
    )
  })

  it('logs an internal error once with its cause, and still no secret', async () => {
    const failing = await buildApp({
      core: {
        ...t.deps,
        db: new Proxy(t.deps.db, {
          get(target, prop, receiver) {
            if (prop === 'selectFrom') {
              return () => {
                throw new Error('database is on fire')
              }
            }
            return Reflect.get(target, prop, receiver)
          },
        }),
      },
      logger: createLogger('info', stream),
    })
    try {
      const res = await failing.inject({
        url: `/api/v1/workspaces?token=${secrets.connectToken}`,
        headers: { authorization: `Bearer ${org.apiKey}` },
      })
      expect(res.statusCode).toBe(500)
      expect(res.json()).toEqual({
        error: {
          code: 'INTERNAL',
          message: expect.stringMatching(/Something went wrong/),
          requestId: res.headers['x-request-id'],
        },
      })
      expect(res.body).not.toContain('on fire')
      const records = stream.records()
      expect(records.filter((r) => r.msg === 'request')).toHaveLength(1)
      const errors = records.filter((r) => r.level === 50)
      expect(errors).toHaveLength(1)
      expect(JSON.stringify(errors[0])).toContain('database is on fire')
      // The error comes through the request's own logger: it carries the request's id.
      expect(errors[0]?.reqId).toBeDefined()
      expect(errors[0]?.reqId).toBe(records.find((r) => r.msg === 'request')?.reqId)
      // …the one the caller got, to quote to support.
      expect(errors[0]?.reqId).toBe(res.headers['x-request-id'])
      expectNoSecret(stream.text, [org.apiKey])
    } finally {
      await failing.close()
    }
  })

  describe("a request's logger", () => {
    /** What Fastify asks for per request: a logger for these bindings under `parent`. */
    function requestLogger(parent: Logger, bindings: { reqId: string }, options: ChildLoggerOptions) {
      return requestLoggerFactory.call(undefined as never, parent, bindings, options, undefined as never)
    }

    /** A real pino logger that counts the children made from it. */
    function countingLogger(s: MemoryStream, level = 'info') {
      const log = createLogger(level, s)
      const counted = { log, children: 0 }
      const child = log.child
      log.child = function (this: typeof log, ...args: Parameters<typeof child>) {
        counted.children++
        return child.apply(this, args)
      } as typeof log.child
      return counted
    }

    it('is made only when something logs through it; each request line still has its id', async () => {
      const s = new MemoryStream()
      const counted = countingLogger(s)
      const quiet = await buildApp({ core: t.deps, logger: counted.log })
      // Whatever the app made of it while starting.
      const atStart = counted.children
      try {
        const auth = { authorization: `Bearer ${org.apiKey}` }
        const statuses = [
          (await quiet.inject({ url: '/api/v1/workspaces', headers: auth })).statusCode,
          (await quiet.inject({ url: '/api/v1/workspaces' })).statusCode,
          (await quiet.inject({ url: '/api/v1/nope', headers: auth })).statusCode,
        ]
        expect(statuses).toEqual([200, 401, 404])
        expect(counted.children).toBe(atStart)
        const ids = s.records().map((r) => r.reqId)
        expect(ids).toHaveLength(3)
        expect(new Set(ids).size).toBe(3)

        // A URL the router cannot parse is logged through the request's logger.
        const bad = await quiet.inject('/api/v1/workspaces/%E0%A4%A')
        expect(bad.statusCode).toBe(400)
        expect(counted.children).toBe(atStart + 1)
        expect(s.records()[3]).toMatchObject({ msg: 'request', statusCode: 400, reqId: expect.anything() })
      } finally {
        await quiet.close()
      }
    })

    it('writes only at levels that are on, reports and changes its level, and makes children', () => {
      const s = new MemoryStream()
      const counted = countingLogger(s)
      const log = requestLogger(counted.log, { reqId: 'req-7' }, {})
      expect(log.level).toBe('info')
      log.debug('not written')
      log.trace('not written')
      expect((log as unknown as Logger).bindings()).toEqual({ reqId: 'req-7' })
      expect(counted.children).toBe(0)
      log.warn({ a: 1 }, 'written')
      expect(counted.children).toBe(1)
      expect(s.records()).toEqual([
        expect.objectContaining({ level: 40, reqId: 'req-7', a: 1, msg: 'written' }),
      ])
      log.level = 'debug'
      expect(log.level).toBe('debug')
      expect(counted.log.level).toBe('info')
      log.debug('now written')
      log.child({ step: 'x' }).info('from a child')
      expect(s.records().slice(1)).toEqual([
        expect.objectContaining({ level: 20, reqId: 'req-7', msg: 'now written' }),
        expect.objectContaining({ level: 30, reqId: 'req-7', step: 'x', msg: 'from a child' }),
      ])
      // The request's child, then its own.
      expect(counted.children).toBe(2)
    })

    it("follows a route's own level for the line per request", async () => {
      const s = new MemoryStream()
      const withRoute = await buildApp({ core: t.deps, logger: createLogger('info', s) })
      withRoute.get('/quiet', { logLevel: 'warn' }, async () => ({ ok: true }))
      try {
        expect((await withRoute.inject('/quiet')).statusCode).toBe(200)
        expect(s.lines).toEqual([])
        expect((await withRoute.inject('/api/v1/nope')).statusCode).toBe(404)
        expect(s.records()).toEqual([expect.objectContaining({ msg: 'request', statusCode: 404 })])
      } finally {
        await withRoute.close()
      }
    })

    it('gives a route with its own level or other options its child at once', () => {
      const s = new MemoryStream()
      const counted = countingLogger(s)
      const log = requestLogger(counted.log, { reqId: 'req-8' }, { level: 'warn' })
      expect(counted.children).toBe(1)
      log.info('not written')
      log.warn('written')
      expect(s.records()).toEqual([expect.objectContaining({ level: 40, reqId: 'req-8', msg: 'written' })])
      const prefixed = requestLogger(counted.log, { reqId: 'req-9' }, { msgPrefix: '[p] ' })
      expect(counted.children).toBe(2)
      prefixed.info('hello')
      expect(s.records()[1]).toMatchObject({ reqId: 'req-9', msg: '[p] hello' })
    })
  })

  describe('redactUrl', () => {
    it.each([
      ['/connect?token=cst_abc', '/connect?token=%5Bredacted%5D'],
      [
        '/cb?code=c&state=s&iss=https%3A%2F%2Fid.test',
        '/cb?code=%5Bredacted%5D&state=%5Bredacted%5D&iss=https%3A%2F%2Fid.test',
      ],
      [
        '/x?TOKEN=a&Password=b&api_key=c&client_secret=d',
        '/x?TOKEN=%5Bredacted%5D&Password=%5Bredacted%5D&api_key=%5Bredacted%5D&client_secret=%5Bredacted%5D',
      ],
      [
        '/p?api-key=a&Access_Key=b&sig=c&signature=d&jwt=e&client_assertion=f&auth=g&session-token=h',
        '/p?api-key=%5Bredacted%5D&Access_Key=%5Bredacted%5D&sig=%5Bredacted%5D&signature=%5Bredacted%5D&jwt=%5Bredacted%5D&client_assertion=%5Bredacted%5D&auth=%5Bredacted%5D&session-token=%5Bredacted%5D',
      ],
      ['/p?page=2&sort=name&author=x', '/p?page=2&sort=name&author=x'],
      ['/plain/path', '/plain/path'],
      ['/x?limit=5', '/x?limit=5'],
    ])('%s → %s', (url, expected) => {
      expect(redactUrl(url)).toBe(expected)
    })

    it('redacts secrets inside a tRPC input, keeping the rest', () => {
      const url = `/trpc/connect.describe?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { token: 'cst_abc', workspaceId: 'w1' } }))}`
      const out = decodeURIComponent(redactUrl(url))
      expect(out).not.toContain('cst_abc')
      expect(out).toContain('w1')
    })

    it('redacts our own token formats wherever they appear', () => {
      const key = `sk_${randomToken(32)}`
      const cst = `cst_${randomToken(32)}`
      const clientSecret = `sbs_${randomToken(32)}`
      expect(redactUrl(`/x/${clientSecret}?q=${clientSecret}`)).not.toContain(clientSecret)
      expect(redactUrl(`/api/v1/things/${key}`)).not.toContain(key)
      expect(redactUrl(`/x?q=${cst}`)).not.toContain(cst)
      expect(redactUrl(`/x?input=not-json-${cst}`)).not.toContain(cst)
    })
  })

  describe('structured redaction', () => {
    it('is left out only for the line per request, whose URL is redacted on the way', () => {
      const s = new MemoryStream()
      const log = createLogger('warn', s)
      const writeLine = requestLineWriter(log)
      writeLine({
        reqId: 'req-1',
        method: 'GET',
        url: '/x?token=cst_abcdefgh12&keep=1',
        statusCode: 200,
        ms: 3,
      })
      log.warn({ key: 'theirs' }, 'other')
      expect(s.records()).toEqual([
        expect.objectContaining({
          level: 30,
          reqId: 'req-1',
          method: 'GET',
          url: '/x?token=%5Bredacted%5D&keep=1',
          statusCode: 200,
          ms: 3,
          msg: 'request',
        }),
        expect.objectContaining({ level: 40, key: '[redacted]', msg: 'other' }),
      ])
    })

    it('censors secret fields at the top level and nested', () => {
      const s = new MemoryStream()
      const log = createLogger('info', s)
      log.info(
        {
          password: 'p-top',
          clientSecret: 'cs-top',
          body: { password: 'p-nested', refreshToken: 'rt-nested' },
          req: { headers: { authorization: 'Bearer sk_header', cookie: 'sb_session=cookie-value' } },
          credentials: { accessToken: 'at-nested' },
        },
        'hello',
      )
      for (const value of [
        'p-top',
        'cs-top',
        'p-nested',
        'rt-nested',
        'sk_header',
        'cookie-value',
        'at-nested',
      ]) {
        expect(s.text).not.toContain(value)
      }
      expect(s.text).toContain('hello')
    })
  })
})
