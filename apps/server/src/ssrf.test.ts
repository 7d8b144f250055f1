import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decryptCredentials } from '@switchboard/core'
import { connectionEventKinds } from '@switchboard/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

interface Victim {
  port: number
  requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>
  close(): Promise<void>
}

/** A loopback server nothing may reach through the proxy. */
async function startVictim(): Promise<Victim> {
  const requests: Victim['requests'] = []
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('internal secret')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

const REFUSED = ['EGRESS_DENIED', 'VALIDATION_ERROR']

describe('proxy egress rules (SSRF) with an allowlist of exactly the upstream and the provider', () => {
  let h: Harness
  let victim: Victim
  let connectionId: string
  let accessToken: string
  let serverPort: string

  beforeAll(async () => {
    h = await startHarness()
    victim = await startVictim()
    // Only these two host:port pairs may be reached over plain http on loopback.
    h.t.deps.config.egressAllow = [h.upstream.hostPort, new URL(h.provider.issuer).host]
    ;({ connectionId } = await connectAcme(h))
    const row = await h.t.deps.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow()
    const creds = decryptCredentials(h.t.deps, row)
    accessToken = creds.kind === 'oauth2' ? creds.accessToken : ''
    serverPort = new URL(h.url).port
  })
  afterAll(async () => {
    await victim.close()
    await h.close()
  })
  beforeEach(() => {
    h.upstream.reset()
  })

  async function proxy(url: string, extra: Record<string, unknown> = {}) {
    return h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url, ...extra } })
  }

  async function expectRefused(url: string, extra: Record<string, unknown> = {}) {
    const res = await proxy(url, extra)
    const text = await res.text()
    expect(res.status, `${JSON.stringify(url)} → ${res.status} ${text}`).toBeGreaterThanOrEqual(400)
    expect(res.status, `${JSON.stringify(url)} → ${res.status} ${text}`).toBeLessThan(500)
    const body = JSON.parse(text) as { error: { code: string; message: string } }
    expect(REFUSED, `${JSON.stringify(url)} → ${text}`).toContain(body.error.code)
    expect(text).not.toContain(accessToken)
    expect(text).not.toContain('internal secret')
    return body
  }

  it('the upstream itself is reachable (control)', async () => {
    const res = await proxy('/me')
    expect(res.status).toBe(200)
    await res.body?.cancel()
    const abs = await proxy(`${h.upstream.url}/me?abs=1`)
    expect(abs.status).toBe(200)
    await abs.body?.cancel()
    expect(h.upstream.requests.map((r) => r.url)).toEqual(['/me', '/me?abs=1'])
  })

  const victimProbes: Array<[string, (p: number) => string]> = [
    ['another host', () => 'https://example.com/x'],
    ['another port on loopback', (p) => `http://127.0.0.1:${p}/`],
    ['hex IPv4 literal', (p) => `http://0x7f000001:${p}/`],
    ['decimal IPv4 literal', (p) => `http://2130706433:${p}/`],
    ['octal IPv4 literal', (p) => `http://0177.0.0.1:${p}/`],
    ['short IPv4 literal', (p) => `http://127.1:${p}/`],
    ['IPv4-mapped IPv6', (p) => `http://[::ffff:127.0.0.1]:${p}/`],
    ['IPv6 loopback', (p) => `http://[::1]:${p}/`],
    ['unspecified address', (p) => `http://0.0.0.0:${p}/`],
    ['localhost', (p) => `http://localhost:${p}/`],
    ['protocol-relative', () => '//evil.test/x'],
    ['protocol-relative to loopback', (p) => `//127.0.0.1:${p}/`],
    ['backslashes', (p) => `http:\\\\127.0.0.1:${p}\\`],
    ['scheme without slashes', (p) => `http:127.0.0.1:${p}/`],
    ['userinfo trick', (p) => `http://127.0.0.1:${p}@evil.test/`],
    ['file scheme', () => 'file:///etc/passwd'],
    ['javascript scheme', () => 'javascript:alert(1)'],
    ['ftp scheme', (p) => `ftp://127.0.0.1:${p}/`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['private network', () => 'https://10.0.0.1/'],
  ]

  it.each(victimProbes)('refuses %s', async (_name, build) => {
    await expectRefused(build(victim.port))
    expect(victim.requests).toEqual([])
    expect(h.upstream.requests).toEqual([])
  })

  it("refuses Switchboard's own address (the proxy is not a way into the API)", async () => {
    await expectRefused(`http://127.0.0.1:${serverPort}/api/v1/connections`)
    await expectRefused(`http://localhost:${serverPort}/healthz`)
  })

  it('refuses credentials in the URL, even for the upstream itself', async () => {
    await expectRefused(`http://user:pass@${h.upstream.hostPort}/me`)
    await expectRefused(`http://user@${h.upstream.hostPort}/me`)
    expect(h.upstream.requests).toEqual([])
  })

  it.each([
    ['leading space', ' /me'],
    ['trailing space', '/me '],
    ['trailing newline', '/me\n'],
    ['CRLF injection', '/me\r\nX-Injected: 1'],
    ['tab', '/m\te'],
    ['NUL', '/me\u0000'],
    ['DEL', '/me\u007f'],
    ['leading space before an absolute URL', ` http://127.0.0.1:${0}/`],
  ])('refuses %s', async (_name, url) => {
    await expectRefused(url.replace(':0/', `:${victim.port}/`))
    expect(victim.requests).toEqual([])
    expect(h.upstream.requests).toEqual([])
  })

  it('refuses header values with CR/LF and invalid header names', async () => {
    await expectRefused('/me', { headers: { 'x-a': 'b\r\nHost: evil.test' } })
    await expectRefused('/me', { headers: { 'bad header': 'x' } })
    expect(h.upstream.requests).toEqual([])
  })

  it('paths with dot segments or encoded slashes stay on the API origin', async () => {
    for (const path of ['/..%2f..', '/../../x', '/%2e%2e/%2e%2e/x', '/..\\..\\x', '/@127.0.0.1:1/']) {
      const res = await proxy(path)
      await res.body?.cancel()
      // Either refused outright, or sent to the upstream — never anywhere else.
      if (res.status !== 200) expect(res.status).toBeLessThan(500)
    }
    expect(victim.requests).toEqual([])
    for (const r of h.upstream.requests) expect(r.headers.host).toBe(h.upstream.hostPort)
  })

  it.each([301, 302, 303, 307, 308])(
    'a %s redirect to another origin is returned with Location removed and is not followed',
    async (status) => {
      const to = `http://127.0.0.1:${victim.port}/steal`
      const res = await proxy(`/redirect?to=${encodeURIComponent(to)}&status=${status}`, {
        method: 'POST',
        data: { secret: 'body' },
      })
      expect(res.status).toBe(status)
      expect(res.headers.get('location')).toBeNull()
      const text = await res.text()
      expect(text).not.toContain(accessToken)
      expect(victim.requests).toEqual([])
      expect(h.upstream.requests).toHaveLength(1)
    },
  )

  it('a redirect to a private address in another notation is stripped too', async () => {
    for (const to of [
      `http://0x7f000001:${victim.port}/`,
      `//127.0.0.1:${victim.port}/`,
      `http://${h.upstream.hostPort}@127.0.0.1:${victim.port}/`,
      'https://example.com/',
    ]) {
      const res = await proxy(`/redirect?to=${encodeURIComponent(to)}&status=302`)
      expect(res.status).toBe(302)
      expect(res.headers.get('location'), to).toBeNull()
      await res.body?.cancel()
    }
    expect(victim.requests).toEqual([])
  })

  it('an answer with several Location headers loses them all, even when one is on the API', async () => {
    const to = [`http://127.0.0.1:${victim.port}/steal`, '/me']
    const res = await proxy(`/redirect?${to.map((t) => `to=${encodeURIComponent(t)}`).join('&')}&status=302`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBeNull()
    await res.body?.cancel()
    expect(victim.requests).toEqual([])
  })

  it('a same-origin redirect keeps its Location (and is still not followed)', async () => {
    const res = await proxy(`/redirect?to=${encodeURIComponent('/me?next=1')}&status=302`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/me?next=1')
    await res.body?.cancel()
    expect(h.upstream.requests.map((r) => r.url)).toEqual([
      `/redirect?to=${encodeURIComponent('/me?next=1')}&status=302`,
    ])
  })

  it('the token goes only in the Authorization header, never in the URL (checklist 17)', async () => {
    const res = await proxy('/echo?x=1')
    expect(res.status).toBe(200)
    await res.body?.cancel()
    const seen = h.upstream.requests[0]
    expect(seen?.url).toBe('/echo?x=1')
    expect(seen?.headers.authorization).toBe(`Bearer ${accessToken}`)
  })

  it('refreshing against a token endpoint moved off the allowlist is refused before any request', async () => {
    const { connectionId: id } = await connectAcme(h)
    const row = await h.t.deps.db
      .selectFrom('customIntegrations')
      .selectAll()
      .where('name', '=', 'acme-idp')
      .executeTakeFirstOrThrow()
    const original = row.definition
    const def = JSON.parse(original) as { oauth2: { tokenUrl: string } }
    def.oauth2.tokenUrl = `http://127.0.0.1:${victim.port}/token`
    await h.t.deps.db
      .updateTable('customIntegrations')
      .set({ definition: JSON.stringify(def) })
      .where('id', '=', row.id)
      .execute()
    try {
      h.clock.advance(2 * 3600_000)
      const res = await h.api('/api/v1/proxy', { method: 'POST', json: { connectionId: id, url: '/me' } })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('EGRESS_DENIED')
      expect(victim.requests).toEqual([])
    } finally {
      await h.t.deps.db
        .updateTable('customIntegrations')
        .set({ definition: original })
        .where('id', '=', row.id)
        .execute()
    }
  })

  it('revoking against a revocation endpoint moved off the allowlist sends nothing there', async () => {
    const { connectionId: id } = await connectAcme(h)
    const row = await h.t.deps.db
      .selectFrom('customIntegrations')
      .selectAll()
      .where('name', '=', 'acme-idp')
      .executeTakeFirstOrThrow()
    const original = row.definition
    const def = JSON.parse(original) as { oauth2: { revocationUrl: string } }
    def.oauth2.revocationUrl = `http://127.0.0.1:${victim.port}/revoke`
    await h.t.deps.db
      .updateTable('customIntegrations')
      .set({ definition: JSON.stringify(def) })
      .where('id', '=', row.id)
      .execute()
    try {
      const res = await h.api(`/api/v1/connections/${id}`, { method: 'DELETE' })
      expect(res.status).toBe(204)
      expect(victim.requests).toEqual([])
      expect(await connectionEventKinds(h.t.deps.db, id)).toContain('REVOKE_FAILED')
    } finally {
      await h.t.deps.db
        .updateTable('customIntegrations')
        .set({ definition: original })
        .where('id', '=', row.id)
        .execute()
    }
  })
})
