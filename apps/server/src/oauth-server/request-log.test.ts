import { Writable } from 'node:stream'
import { randomToken } from '@switchboard/core'
import { createTestDeps, type TestDeps } from '@switchboard/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type App, buildApp } from '../app.ts'
import { createLogger } from '../logger.ts'

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

/** The authorization server's requests write the one line per request every other route writes. */
describe('request log of the authorization server (/oauth/*, discovery)', () => {
  let t: TestDeps
  let app: App
  let stream: MemoryStream

  beforeAll(async () => {
    t = await createTestDeps({ dialect: 'sqlite' })
    stream = new MemoryStream()
    app = await buildApp({ core: t.deps, logger: createLogger('info', stream) })
  })
  afterAll(async () => {
    await app.close()
    await t.close()
  })
  beforeEach(() => {
    stream.lines = []
  })

  it('writes one request line per provider request, with status, duration and secrets redacted', async () => {
    const code = `code-${randomToken(16)}`
    const secret = `secret-${randomToken(16)}`
    const requests = [
      { method: 'GET' as const, url: '/.well-known/openid-configuration' },
      { method: 'GET' as const, url: '/oauth/jwks' },
      {
        method: 'POST' as const,
        url: '/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          client_id: 'nobody',
          client_secret: secret,
        }).toString(),
      },
      {
        method: 'GET' as const,
        url: `/oauth/auth?client_id=nobody&response_type=code&state=${code}&code=${code}`,
      },
    ]
    const statuses: number[] = []
    // Over a real socket, as a client would (a hijacked reply ends outside Fastify's own send).
    const base = await app.listen({ host: '127.0.0.1', port: 0 })
    for (const r of requests) {
      const res = await fetch(`${base}${r.url}`, {
        method: r.method,
        redirect: 'manual',
        ...(r.headers && { headers: r.headers }),
        ...(r.payload && { body: r.payload }),
      })
      await res.arrayBuffer()
      statuses.push(res.status)
    }
    // The line is written when the response has finished, which the client may see first.
    const requestLines = () => stream.records().filter((r) => r.msg === 'request')
    await vi.waitFor(() => expect(requestLines().length).toBeGreaterThanOrEqual(requests.length))
    const lines = requestLines()
    expect(lines.map((l) => [l.method, String(l.url).split('?')[0], l.statusCode])).toEqual(
      requests.map((r, i) => [r.method, r.url.split('?')[0], statuses[i]]),
    )
    for (const l of lines) {
      expect(l.level).toBe(30)
      expect(l.reqId).toBeDefined()
      expect(typeof l.ms).toBe('number')
    }
    expect(stream.lines.join('\n')).not.toContain(code)
    expect(stream.lines.join('\n')).not.toContain(secret)
  })
})
