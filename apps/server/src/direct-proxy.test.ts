import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Writable } from 'node:stream'
import { setSharingMode } from '@switchboard/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from './logger.ts'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

/** The request URLs direct-proxy.ts took on itself (the rest went to Fastify). */
const servedDirectly: string[] = []

vi.mock('./direct-proxy.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./direct-proxy.ts')>()
  return {
    ...original,
    directProxy: (...args: Parameters<typeof original.directProxy>) => {
      const handle = original.directProxy(...args)
      return (...call: Parameters<typeof handle>) => {
        const taken = handle(...call)
        if (taken) servedDirectly.push(call[0].url ?? '')
        return taken
      }
    },
  }
})

/** The server's log, one parsed record per line. */
const log = new (class extends Writable {
  records: Record<string, unknown>[] = []
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) this.records.push(JSON.parse(line))
    done()
  }
})()

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** A request over a fresh connection with the path as given (no dot-segment clean-up), the answer's headers exactly as sent. */
function send(url: string, method: string, headers: Record<string, string>): Promise<Answer> {
  const { hostname, port } = new URL(url)
  const path = url.slice(url.indexOf('/', 'http://'.length))
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const { date: _date, ...rest } = res.headers
        resolve({
          status: res.statusCode ?? 0,
          headers: rest,
          body: Buffer.concat(chunks).toString('latin1'),
        })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/**
 * The proxy's GET and HEAD calls from a backend (an Authorization header, no cookie) are served
 * by direct-proxy.ts ahead of Fastify; with any cookie the same call goes through Fastify.
 * Whichever serves it, the caller must get the same answer: status, headers and body.
 */
describe('GET and HEAD request/* answer the same with or without Fastify', () => {
  let h: Harness
  let apiKey: string

  beforeAll(async () => {
    h = await startHarness({ logger: createLogger('info', log) })
    // One workspace-wide connection serves calls that name only the workspace.
    await setSharingMode(h.t.deps, h.principal, 'acme-idp', 'SHARED')
    await connectAcme(h)
    apiKey = h.org.apiKey
  })
  afterAll(async () => {
    await h?.close()
  })
  beforeEach(() => {
    servedDirectly.length = 0
  })

  /** Method, path, the status both must answer, extra request headers. */
  const cases: [string, string, number, Record<string, string>?][] = [
    ['GET', '/api/integrations/acme-idp/request/me?pageSize=10&q=a+b', 200],
    ['GET', '/api/integrations/acme-idp/request/html', 200],
    ['GET', '/api/integrations/acme-idp/request/set-cookie', 200],
    // Over the 64 KiB kept in memory: a streamed answer.
    ['GET', '/api/integrations/acme-idp/request/large?bytes=300000', 200],
    // Declared over the 50 MiB cap: a 502 error in JSON.
    ['GET', '/api/integrations/acme-idp/request/large?bytes=60000000', 502],
    ['HEAD', '/api/integrations/acme-idp/request/large?bytes=300000000', 200],
    ['HEAD', '/api/integrations/acme-idp/request/me', 200],
    ['GET', '/api/integrations/acme-idp/request/status/204', 204],
    ['GET', '/api/integrations/acme-idp/request/status/304', 304],
    ['GET', '/api/integrations/acme-idp/request/status/404', 404],
    ['GET', '/api/integrations/acme-idp/request/redirect?to=http://127.0.0.1:1/elsewhere', 302],
    ['GET', '/api/integrations/acme-idp/request/', 200],
    ['GET', '/api/integrations/acme-idp/request/a/../../me', 200],
    ['GET', '/api/integrations/acme-idp/request//me', 400],
    ['GET', '/api/integrations/no-such-integration/request/me', 404],
    ['HEAD', '/api/integrations/no-such-integration/request/me', 404],
    ['GET', '/api/integrations/acme-idp/request/me', 400, { 'x-workspace-id': 'not-a-workspace' }],
    ['GET', '/api/integrations/acme-idp/request/me', 401, { authorization: 'Bearer sk_not-a-real-key' }],
    ['GET', '/api/integrations/acme-idp/request/me', 401, { authorization: 'Basic eDp5' }],
  ]

  for (const [method, path, status, extra] of cases) {
    it(`${method} ${path}${extra ? ` ${JSON.stringify(extra)}` : ''} → ${status}`, async () => {
      const headers = {
        authorization: `Bearer ${apiKey}`,
        'x-workspace-id': h.org.workspaceId,
        ...extra,
      }
      const direct = await send(`${h.url}${path}`, method, headers)
      const viaFastify = await send(`${h.url}${path}`, method, { ...headers, cookie: 'unrelated=1' })
      expect(servedDirectly).toEqual([path])
      expect(direct.status).toBe(status)
      expect(direct).toEqual(viaFastify)
      // Every answer carries the sandboxing policy, errors included.
      expect(direct.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'; sandbox",
      )
    })
  }

  it('leaves to Fastify what it would have to interpret: encoded paths, cookies, other methods and paths', async () => {
    const auth = { authorization: `Bearer ${apiKey}`, 'x-workspace-id': h.org.workspaceId }
    // The router decodes %65 to "e": the same upstream call as /me.
    const encoded = await send(`${h.url}/api/integrations/acme-idp/request/m%65`, 'GET', auth)
    expect(encoded.status).toBe(200)
    expect(JSON.parse(encoded.body)).toMatchObject({ path: '/me' })
    const session = await send(`${h.url}/api/integrations/acme-idp/request/me`, 'GET', {
      ...auth,
      cookie: 'sb_session=x',
    })
    expect(session.status).toBe(200)
    const withoutKey = await send(`${h.url}/api/integrations/acme-idp/request/me`, 'GET', {})
    expect(withoutKey.status).toBe(401)
    const del = await send(`${h.url}/api/integrations/acme-idp/request/me`, 'DELETE', auth)
    expect(del.status).toBe(200)
    const other = await send(`${h.url}/api/integrations/acme-idp/connection`, 'GET', auth)
    expect(other.status).toBe(200)
    expect(servedDirectly).toEqual([])
  })

  it('logs one line per call as Fastify does, the API key in the URL redacted', async () => {
    const path = `/api/integrations/acme-idp/request/me?api_key=${h.org.apiKey}&page=2`
    const headers = { authorization: `Bearer ${h.org.apiKey}`, 'x-workspace-id': h.org.workspaceId }
    log.records.length = 0
    await send(`${h.url}${path}`, 'GET', headers)
    await send(`${h.url}${path}`, 'GET', { ...headers, cookie: 'unrelated=1' })
    expect(servedDirectly).toEqual([path])
    const lines = log.records.filter((r) => r.msg === 'request')
    expect(lines).toHaveLength(2)
    const [direct, viaFastify] = lines.map(({ time: _t, ms, reqId, ...rest }) => {
      expect(typeof ms).toBe('number')
      expect(reqId).toMatch(/^req-[0-9a-z]+$/)
      return rest
    })
    expect(direct).toEqual(viaFastify)
    expect(direct).toMatchObject({ method: 'GET', statusCode: 200 })
    expect(direct?.url).toBe('/api/integrations/acme-idp/request/me?api_key=%5Bredacted%5D&page=2')
    expect(JSON.stringify(log.records)).not.toContain(h.org.apiKey)
    expect(lines[0]?.reqId).not.toBe(lines[1]?.reqId)
  })
})
