import { Writable } from 'node:stream'
import { type BootstrapResult, bootstrapOrganization, randomToken } from '@switchboard/core'
import { createTestDeps, type TestDeps } from '@switchboard/testing'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type App, buildApp, SESSION_COOKIE } from './app.ts'
import { createLogger } from './logger.ts'

/** A pino destination that keeps every line in memory. */
class MemoryStream extends Writable {
  lines: string[] = []
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    done()
  }
  records() {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>)
  }
}

interface TrpcErrorBody {
  error: { message: string; data: { code: string; httpStatus: number; appCode: string } }
}
interface RestErrorBody {
  error: { code: string; message: string }
}

/**
 * Mistakes a client can make talking tRPC over HTTP, through the real app: each answers the
 * status and code that says what was wrong, never INTERNAL, and is logged at warn (no stack)
 * or not at all; error-level lines are for our own bugs.
 */
describe('tRPC transport and parse errors (real HTTP host)', () => {
  let t: TestDeps
  let app: App
  let stream: MemoryStream
  let org: BootstrapResult
  let cookie = ''
  const email = 'owner@trpc-errors.test'
  const password = `pw-${randomToken(16)}`

  beforeAll(async () => {
    t = await createTestDeps({ dialect: 'sqlite' })
    stream = new MemoryStream()
    app = await buildApp({ core: t.deps, logger: createLogger('info', stream) })
    org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM', email, password })
    const login = await app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password }),
    })
    cookie = /sb_session=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? ''
    expect(cookie).not.toBe('')
  })
  afterAll(async () => {
    await app.close()
    await t.close()
  })
  beforeEach(() => {
    stream.lines = []
  })

  const principals = {
    'API key': () => ({ headers: { authorization: `Bearer ${org.apiKey}` } }),
    cookie: () => ({ headers: { 'sec-fetch-site': 'same-origin' }, cookies: { [SESSION_COOKIE]: cookie } }),
  }

  interface Case {
    name: string
    request: InjectOptions
    status: number
    /** The tRPC code in `data.code` (tRPC-shaped answers) … */
    trpcCode?: string
    /** … and ours, in `data.appCode` or in a REST-shaped `error.code`. */
    appCode: string
    message?: RegExp
  }

  const json = { 'content-type': 'application/json' }
  const cases: Case[] = [
    {
      name: 'bad JSON in a mutation body',
      request: { method: 'POST', url: '/trpc/workspaces.create', headers: json, payload: '{"name": ' },
      status: 400,
      trpcCode: 'BAD_REQUEST',
      appCode: 'VALIDATION_ERROR',
      message: /not valid JSON/,
    },
    {
      name: 'bad JSON in a query input',
      request: { method: 'GET', url: `/trpc/endUsers.get?input=${encodeURIComponent('{"id": ')}` },
      status: 400,
      trpcCode: 'BAD_REQUEST',
      appCode: 'VALIDATION_ERROR',
      message: /not valid JSON/,
    },
    {
      name: 'a content type tRPC cannot read (application/xml)',
      request: {
        method: 'POST',
        url: '/trpc/workspaces.create',
        headers: { 'content-type': 'application/xml' },
        payload: '<name>x</name>',
      },
      status: 415,
      appCode: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'a content type tRPC cannot read (application/octet-stream)',
      request: {
        method: 'POST',
        url: '/trpc/workspaces.create',
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from('{"name":"x"}'),
      },
      status: 415,
      appCode: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'an unknown procedure (POST)',
      request: { method: 'POST', url: '/trpc/nothing.here', headers: json, payload: '{}' },
      status: 404,
      trpcCode: 'NOT_FOUND',
      appCode: 'NOT_FOUND',
    },
    {
      name: 'an unknown procedure (GET)',
      request: { method: 'GET', url: '/trpc/workspaces.nothing' },
      status: 404,
      trpcCode: 'NOT_FOUND',
      appCode: 'NOT_FOUND',
    },
    {
      name: 'an oversized body',
      request: {
        method: 'POST',
        url: '/trpc/workspaces.create',
        headers: json,
        payload: JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) }),
      },
      status: 413,
      appCode: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'GET on a mutation',
      request: { method: 'GET', url: `/trpc/workspaces.create?input=${encodeURIComponent('{"name":"x"}')}` },
      status: 405,
      trpcCode: 'METHOD_NOT_SUPPORTED',
      appCode: 'METHOD_NOT_ALLOWED',
    },
    {
      name: 'POST on a query',
      request: { method: 'POST', url: '/trpc/workspaces.list', headers: json, payload: '{}' },
      status: 405,
      trpcCode: 'METHOD_NOT_SUPPORTED',
      appCode: 'METHOD_NOT_ALLOWED',
    },
    {
      name: 'input that fails the schema',
      request: { method: 'POST', url: '/trpc/workspaces.create', headers: json, payload: '{"name": 42}' },
      status: 400,
      trpcCode: 'BAD_REQUEST',
      appCode: 'VALIDATION_ERROR',
    },
    {
      name: 'a batch whose input is not an object of calls',
      request: { method: 'GET', url: `/trpc/endUsers.get?batch=1&input=${encodeURIComponent('[1,2]')}` },
      status: 400,
      appCode: 'VALIDATION_ERROR',
    },
  ]

  for (const [who, auth] of Object.entries(principals)) {
    for (const c of cases) {
      it(`${c.name}, with ${who}: ${c.status} ${c.appCode}, no error-level log`, async () => {
        const a = auth()
        const res = await app.inject({
          ...c.request,
          headers: { ...c.request.headers, ...a.headers },
          ...('cookies' in a && { cookies: a.cookies }),
        } as InjectOptions)
        expect(res.statusCode, res.body).toBe(c.status)
        const body = res.json() as TrpcErrorBody | RestErrorBody | TrpcErrorBody[]
        const error = (Array.isArray(body) ? body[0] : body)?.error
        expect(error, res.body).toBeDefined()
        if (error && 'data' in error) {
          expect(error.data.appCode).toBe(c.appCode)
          expect(error.data.httpStatus).toBe(c.status)
          if (c.trpcCode) expect(error.data.code).toBe(c.trpcCode)
        } else {
          expect((error as RestErrorBody['error']).code).toBe(c.appCode)
        }
        expect(error?.message).not.toMatch(/Something went wrong/)
        if (c.message) expect(error?.message).toMatch(c.message)
        const records = stream.records()
        expect(records.filter((r) => (r.level as number) >= 50)).toEqual([])
        for (const r of records.filter((r) => r.level === 40)) {
          expect(JSON.stringify(r)).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/)
          expect(r.err).toBeUndefined()
        }
        expect(records.filter((r) => r.msg === 'request').map((r) => r.statusCode)).toEqual([c.status])
      })
    }
  }

  it('a content type the guard refuses without an API key (text/plain with the cookie) stays 403', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/trpc/workspaces.create',
      headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin' },
      cookies: { [SESSION_COOKIE]: cookie },
      payload: '{"name":"x"}',
    })
    expect(res.statusCode).toBe(403)
    expect((res.json() as RestErrorBody).error.code).toBe('CROSS_SITE_REQUEST')
  })

  it('text/plain with an API key is 415 UNSUPPORTED_MEDIA_TYPE, logged at warn without a stack', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/trpc/workspaces.create',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${org.apiKey}` },
      payload: '{"name":"x"}',
    })
    expect(res.statusCode).toBe(415)
    const body = res.json() as TrpcErrorBody
    expect(body.error.data.appCode).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect(body.error.message).toMatch(/application\/json/)
    const records = stream.records()
    expect(records.filter((r) => (r.level as number) >= 50)).toEqual([])
    const warn = records.filter((r) => r.level === 40)
    expect(warn).toHaveLength(1)
    // The request's own logger: the warning carries the request id of its request line.
    const line = records.find((r) => r.msg === 'request')
    expect(warn[0]).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', statusCode: 415, reqId: line?.reqId })
    expect(warn[0]?.err).toBeUndefined()
    expect(JSON.stringify(warn[0])).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/)
  })

  it('a bug of ours in a procedure is still INTERNAL, logged at error with its stack', async () => {
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
      bearerResolvers: [],
    })
    try {
      const res = await failing.inject({
        url: '/trpc/workspaces.list',
        headers: { authorization: `Bearer ${org.apiKey}` },
      })
      expect(res.statusCode).toBe(500)
      expect((res.json() as TrpcErrorBody).error.data.appCode).toBe('INTERNAL')
      const errors = stream.records().filter((r) => r.level === 50)
      expect(errors).toHaveLength(1)
      expect(JSON.stringify(errors[0])).toContain('database is on fire')
      expect(JSON.stringify(errors[0])).toMatch(/\bat .*\.(ts|js|mjs):\d+/)
    } finally {
      await failing.close()
    }
  })
})
