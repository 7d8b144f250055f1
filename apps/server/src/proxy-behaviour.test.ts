import { request as httpRequest } from 'node:http'
import { createUser, decryptCredentials, setSharingMode, UNAUTHORIZED_COOLDOWN_MS } from '@switchboard/core'
import { connectionEventKinds, ORIGIN_WIDE_HEADERS, tokenFingerprint } from '@switchboard/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

const SANDBOX_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"

async function credsOf(h: Harness, id: string) {
  const row = await h.t.deps.db
    .selectFrom('connections')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  const creds = decryptCredentials(h.t.deps, row)
  if (creds.kind !== 'oauth2') throw new Error('expected oauth2 credentials')
  return { row, creds }
}

interface Echo {
  method: string
  url: string
  headers: Record<string, string>
  body: string
  bodyBytes: number
}

describe('proxy behaviour: headers, retries, 401 handling, bodies', () => {
  let h: Harness
  let connectionId: string

  beforeAll(async () => {
    h = await startHarness()
    ;({ connectionId } = await connectAcme(h))
  })
  afterAll(async () => {
    await h.close()
  })
  beforeEach(() => {
    h.upstream.reset()
  })

  function proxy(call: Record<string, unknown>, id = connectionId) {
    return h.api('/api/v1/proxy', { method: 'POST', json: { connectionId: id, ...call } })
  }

  it("drops the caller's Authorization, Cookie, Host, X-Forwarded-*, hop-by-hop and length headers; keeps the rest", async () => {
    const { creds } = await credsOf(h, connectionId)
    const res = await proxy({
      method: 'POST',
      url: '/echo',
      data: { a: 1 },
      headers: {
        Authorization: 'Bearer caller-token',
        'Proxy-Authorization': 'Basic eA==',
        Cookie: 'sid=caller',
        Host: 'evil.test',
        'X-Forwarded-For': '10.0.0.1',
        'X-Forwarded-Host': 'evil.test',
        Forwarded: 'for=10.0.0.1',
        Connection: 'X-Hop',
        'Keep-Alive': 'timeout=99',
        'Content-Length': '9999',
        'Transfer-Encoding': 'chunked',
        Upgrade: 'websocket',
        TE: 'trailers',
        'X-Hop': 'dropped-by-connection?',
        'X-Api-Key': 'caller-key',
        'X-Custom': 'kept',
        Accept: 'application/json',
      },
    })
    expect(res.status).toBe(200)
    const echo = (await res.json()) as Echo
    const hdr = echo.headers
    expect(hdr.authorization).toBe(`Bearer ${creds.accessToken}`)
    expect(hdr['proxy-authorization']).toBeUndefined()
    expect(hdr.cookie).toBeUndefined()
    expect(hdr.host).toBe(h.upstream.hostPort)
    expect(hdr['x-forwarded-for']).toBeUndefined()
    expect(hdr['x-forwarded-host']).toBeUndefined()
    expect(hdr.forwarded).toBeUndefined()
    expect(hdr.connection).not.toContain('X-Hop')
    expect(hdr['keep-alive']).toBeUndefined()
    expect(hdr.upgrade).toBeUndefined()
    expect(hdr.te).toBeUndefined()
    expect(hdr['transfer-encoding']).toBeUndefined()
    expect(hdr['x-api-key']).toBeUndefined()
    expect(hdr['content-length']).toBe(String(Buffer.byteLength('{"a":1}')))
    expect(echo.body).toBe('{"a":1}')
    expect(hdr['x-custom']).toBe('kept')
    expect(hdr.accept).toBe('application/json')
  })

  it('removes Set-Cookie from upstream responses', async () => {
    const res = await proxy({ url: '/set-cookie' })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(res.headers.getSetCookie()).toEqual([])
    expect(await res.json()).toEqual({ ok: true })
  })

  it('an upstream page comes back sandboxed, without its headers that would speak for our origin', async () => {
    const res = await proxy({ url: '/html' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('link')).toBe('</html?page=2>; rel="next"')
    expect(res.headers.get('content-security-policy')).toBe(SANDBOX_CSP)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    for (const name of Object.keys(ORIGIN_WIDE_HEADERS).filter((n) => n !== 'content-security-policy')) {
      expect(res.headers.get(name), name).toBeNull()
    }
    // The app's own helmet headers are for our pages, not these answers.
    expect(res.headers.get('origin-agent-cluster')).toBeNull()
    expect(await res.text()).toContain('upstream page')
    // Our own pages keep the app's policy, which lets our scripts run.
    const own = await fetch(`${h.url}/healthz`)
    expect(own.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(own.headers.get('origin-agent-cluster')).toBe('?1')
  })

  it("a proxy route's own error answer (invalid JSON) is under the sandboxing policy too", async () => {
    const res = await h.api('/api/v1/proxy', {
      method: 'POST',
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-security-policy')).toBe(SANDBOX_CSP)
  })

  it('a GET answered 429 with Retry-After: 1 waits and retries', async () => {
    h.upstream.failNext(1, 429, { 'retry-after': '1' })
    const started = Date.now()
    const res = await proxy({ url: '/me' })
    expect(res.status).toBe(200)
    await res.body?.cancel()
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(h.upstream.requests.map((r) => r.method)).toEqual(['GET', 'GET'])
  })

  it('a POST answered 429 is not retried…', async () => {
    h.upstream.failNext(1, 429, { 'retry-after': '0' })
    const res = await proxy({ method: 'POST', url: '/me', data: { x: 1 } })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('0')
    await res.body?.cancel()
    expect(h.upstream.requests).toHaveLength(1)
  })

  it('…unless retryNonIdempotent is set', async () => {
    h.upstream.failNext(1, 429, { 'retry-after': '0' })
    const res = await proxy({ method: 'POST', url: '/me', data: { x: 1 }, retryNonIdempotent: true })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { method: string; body: unknown }
    expect(body).toMatchObject({ method: 'POST', body: { x: 1 } })
    expect(h.upstream.requests.map((r) => r.body)).toEqual(['{"x":1}', '{"x":1}'])
  })

  it('PATCH 503 is not retried either; PUT and DELETE (idempotent) are', async () => {
    h.upstream.failNext(1, 503, { 'retry-after': '0' })
    const patch = await proxy({ method: 'PATCH', url: '/me', data: {} })
    expect(patch.status).toBe(503)
    await patch.body?.cancel()
    expect(h.upstream.requests).toHaveLength(1)
    for (const method of ['PUT', 'DELETE']) {
      h.upstream.reset()
      h.upstream.failNext(1, 503, { 'retry-after': '0' })
      const res = await proxy({ method, url: '/me' })
      expect(res.status, method).toBe(200)
      await res.body?.cancel()
      expect(h.upstream.requests, method).toHaveLength(2)
    }
  })

  it('5xx is retried up to the attempt cap, then the last answer is returned', async () => {
    h.upstream.failNext(10, 503, { 'retry-after': '0' })
    const res = await proxy({ url: '/me' })
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ error: 'scripted_failure', status: 503 })
    expect(h.upstream.requests).toHaveLength(3)
  })

  it('5xx without Retry-After backs off briefly and recovers', async () => {
    h.upstream.failNext(1, 502)
    const res = await proxy({ url: '/me' })
    expect(res.status).toBe(200)
    await res.body?.cancel()
    expect(h.upstream.requests).toHaveLength(2)
  })

  it('a Retry-After above the cap is returned at once, without waiting', async () => {
    h.upstream.failNext(1, 429, { 'retry-after': '3600' })
    const started = Date.now()
    const res = await proxy({ url: '/me' })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('3600')
    await res.body?.cancel()
    expect(Date.now() - started).toBeLessThan(900)
    expect(h.upstream.requests).toHaveLength(1)
  })

  it('a Retry-After date above the cap is returned at once too', async () => {
    const date = new Date(h.clock.now().getTime() + 3600_000).toUTCString()
    h.upstream.failNext(1, 503, { 'retry-after': date })
    const res = await proxy({ url: '/me' })
    expect(res.status).toBe(503)
    await res.body?.cancel()
    expect(h.upstream.requests).toHaveLength(1)
  })

  it('a 401 forces one refresh and a retry with the new token', async () => {
    const { connectionId: id } = await connectAcme(h)
    const before = await credsOf(h, id)
    const refreshes = h.provider.stats.tokenSuccesses.refresh_token
    h.upstream.failNext(1, 401, { 'www-authenticate': 'Bearer error="invalid_token"' })
    const res = await proxy({ url: '/me' }, id)
    expect(res.status).toBe(200)
    const after = await credsOf(h, id)
    expect(after.creds.accessToken).not.toBe(before.creds.accessToken)
    expect(((await res.json()) as { authorizedAs: string }).authorizedAs).toBe(
      `bearer:${tokenFingerprint(after.creds.accessToken)}`,
    )
    expect(h.provider.stats.tokenSuccesses.refresh_token - refreshes).toBe(1)
    expect(h.upstream.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${before.creds.accessToken}`,
      `Bearer ${after.creds.accessToken}`,
    ])
    expect(after.row.status).toBe('ACTIVE')
  })

  async function statusOf(id: string) {
    const view = await h.api(`/api/v1/connections/${id}`)
    return ((await view.json()) as { connection: { status: string; statusReason: string | null } }).connection
  }

  async function eventsOf(id: string) {
    return connectionEventKinds(h.t.deps.db, id)
  }

  it('401 cooldown: five calls on a credential the API keeps refusing send one refresh grant, not five; the connection turns UNHEALTHY once, with a code and what to do', async () => {
    const { connectionId: id } = await connectAcme(h)
    const grants = h.provider.stats.tokenRequests.refresh_token
    h.upstream.failNext(100, 401, { 'www-authenticate': 'Bearer error="invalid_token"' })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await proxy({ url: '/me' }, id)
      statuses.push(res.status)
      if (i === 0) expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
      await res.body?.cancel()
    }
    // The upstream's 401 is passed on every time.
    expect(statuses).toEqual([401, 401, 401, 401, 401])
    // One forced refresh (the first call, retried once with its fresh token); the other four
    // calls reuse its result: their 401 came with a token refreshed moments ago.
    expect(h.provider.stats.tokenRequests.refresh_token - grants).toBe(1)
    expect(h.upstream.requests).toHaveLength(6)
    const connection = await statusOf(id)
    expect(connection.status).toBe('UNHEALTHY')
    expect(connection.statusReason).toMatch(/^TOKEN_REJECTED: .*reconnect/i)
    expect((await eventsOf(id)).filter((k) => k === 'UNHEALTHY')).toHaveLength(1)
  })

  it('an UNHEALTHY connection whose API accepts it again is marked recovered; after the cooldown a 401 may refresh again', async () => {
    const { connectionId: id } = await connectAcme(h)
    h.upstream.failNext(2, 401, { 'www-authenticate': 'Bearer error="invalid_token"' })
    const rejected = await proxy({ url: '/me' }, id)
    expect(rejected.status).toBe(401)
    await rejected.body?.cancel()
    expect((await statusOf(id)).status).toBe('UNHEALTHY')
    // Still usable: the next answer the API accepts makes it ACTIVE again.
    const ok = await proxy({ url: '/me' }, id)
    expect(ok.status).toBe(200)
    await ok.body?.cancel()
    expect(await statusOf(id)).toEqual(expect.objectContaining({ status: 'ACTIVE', statusReason: null }))
    expect(await eventsOf(id)).toEqual(expect.arrayContaining(['UNHEALTHY', 'RECOVERED']))

    // Within the cooldown a 401 does not refresh…
    const grants = h.provider.stats.tokenRequests.refresh_token
    h.upstream.failNext(1, 401)
    const again = await proxy({ url: '/me' }, id)
    expect(again.status).toBe(401)
    await again.body?.cancel()
    expect(h.provider.stats.tokenRequests.refresh_token - grants).toBe(0)
    // …after it, it forces one refresh and the retry with the new token goes through.
    h.clock.advance(UNAUTHORIZED_COOLDOWN_MS + 1000)
    h.upstream.failNext(1, 401)
    const healed = await proxy({ url: '/me' }, id)
    expect(healed.status).toBe(200)
    await healed.body?.cancel()
    expect(h.provider.stats.tokenRequests.refresh_token - grants).toBe(1)
    expect((await credsOf(h, id)).row.status).toBe('ACTIVE')
  })

  it('a POST with a JSON `data` body arrives at the upstream intact', async () => {
    const data = {
      text: 'héllo ✓ "quoted" \\ slash',
      n: 12.5,
      nested: { list: [1, 'two', null, true], empty: {} },
      big: 'x'.repeat(100_000),
    }
    const res = await proxy({ method: 'POST', url: '/echo?q=1', data })
    expect(res.status).toBe(200)
    const echo = (await res.json()) as Echo
    expect(echo.method).toBe('POST')
    expect(echo.url).toBe('/echo?q=1')
    expect(echo.headers['content-type']).toBe('application/json')
    expect(JSON.parse(echo.body)).toEqual(data)
    expect(echo.bodyBytes).toBe(Buffer.byteLength(JSON.stringify(data)))
  })

  it('a string body is sent as is, with the caller’s content type', async () => {
    const res = await proxy({
      method: 'PUT',
      url: '/echo',
      data: 'a=1&b=%20',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    const echo = (await res.json()) as Echo
    expect(echo.body).toBe('a=1&b=%20')
    expect(echo.headers['content-type']).toBe('application/x-www-form-urlencoded')
  })

  it('a GET never carries a body', async () => {
    const res = await proxy({ method: 'GET', url: '/echo', data: { ignored: true } })
    const echo = (await res.json()) as Echo
    expect(echo.body).toBe('')
  })

  it('methods outside the allowlist are refused', async () => {
    for (const method of ['TRACE', 'CONNECT', 'OPTIONS', 'PROPFIND']) {
      const res = await proxy({ method, url: '/me' })
      expect(res.status, method).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR')
    }
    expect(h.upstream.requests).toEqual([])
  })

  it('the upstream status and body pass through (404, 204)', async () => {
    const notFound = await proxy({ url: '/status/404' })
    expect(notFound.status).toBe(404)
    expect(await notFound.json()).toEqual({ status: 404 })
    const empty = await proxy({ method: 'DELETE', url: '/status/204' })
    expect(empty.status).toBe(204)
    expect(await empty.text()).toBe('')
  })
})

describe('per-organization proxy rate limit', () => {
  let h: Harness
  let connectionId: string
  beforeAll(async () => {
    h = await startHarness()
    // Before the first proxied call: the limiter is built once per config object.
    h.t.deps.config.proxyRateLimitPerMinute = 3
    ;({ connectionId } = await connectAcme(h))
  })
  afterAll(async () => {
    await h.close()
  })

  it('the 4th call in a minute is 429 with Retry-After and X-RateLimit-* headers; the next window is open again', async () => {
    // Start at the beginning of a minute so the window cannot roll over mid-test.
    const now = h.clock.now().getTime()
    h.clock.advance(60_000 - (now % 60_000) + 1_000)
    for (let i = 0; i < 3; i++) {
      const res = await h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url: '/me' } })
      expect(res.status).toBe(200)
      await res.body?.cancel()
    }
    const limited = await h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url: '/me' } })
    expect(limited.status).toBe(429)
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED')
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3')
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(limited.headers.get('retry-after')).toBe('59')
    expect(limited.headers.get('x-ratelimit-reset')).toBe('59')
    expect(h.upstream.requests.filter((r) => r.path === '/me')).toHaveLength(3)

    h.clock.advance(59_000)
    const open = await h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url: '/me' } })
    expect(open.status).toBe(200)
    await open.body?.cancel()
  })
})

describe('raw-body request routes: PUT/POST/PATCH/DELETE /api/integrations/:id/request/* stream the body', () => {
  let h: Harness
  let connectionId: string

  beforeAll(async () => {
    h = await startHarness()
    await setSharingMode(h.t.deps, h.principal, 'acme-idp', 'SHARED')
    ;({ connectionId } = await connectAcme(h))
  })
  afterAll(async () => {
    await h.close()
  })
  beforeEach(() => {
    h.upstream.reset()
  })

  function send(
    method: string,
    path: string,
    body: NonNullable<RequestInit['body']>,
    headers: Record<string, string> = {},
  ) {
    return h.api(`/api/integrations/acme-idp/request${path}`, {
      method,
      body,
      headers: { 'x-workspace-id': h.org.workspaceId, ...headers },
      ...({ duplex: 'half' } as object),
    })
  }

  it('HEAD request/* goes upstream as HEAD: a large file’s length comes back, and nothing is downloaded', async () => {
    const res = await h.api('/api/integrations/acme-idp/request/large?bytes=300000000', {
      method: 'HEAD',
      headers: { 'x-workspace-id': h.org.workspaceId },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe('300000000')
    expect(h.upstream.requests.map((r) => r.method)).toEqual(['HEAD'])
  })

  it('GET request/* answers an upstream page under the sandboxing policy, not the page’s own', async () => {
    const res = await h.api('/api/integrations/acme-idp/request/html', {
      headers: { 'x-workspace-id': h.org.workspaceId },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(SANDBOX_CSP)
  })

  it('a body over the JSON body limit (5 MiB) goes upstream whole, with the caller’s headers but not ours', async () => {
    const size = 8 * 1024 * 1024
    const { creds } = await credsOf(h, connectionId)
    const res = await send('PUT', '/echo?part=1', new Uint8Array(size).fill(122), {
      'content-type': 'application/octet-stream',
      'x-custom': 'kept',
      'x-end-user-id': 'not-forwarded',
      cookie: 'sid=caller',
    })
    expect(res.status).toBe(200)
    const echo = (await res.json()) as Echo
    expect(echo).toMatchObject({ method: 'PUT', url: '/echo?part=1', bodyBytes: size })
    expect(echo.headers['content-type']).toBe('application/octet-stream')
    expect(echo.headers['x-custom']).toBe('kept')
    expect(echo.headers.authorization).toBe(`Bearer ${creds.accessToken}`)
    for (const ours of ['x-workspace-id', 'x-end-user-id', 'cookie'])
      expect(echo.headers[ours]).toBeUndefined()
  })

  it('a body that arrives as a stream of unknown length is streamed on', async () => {
    const chunks = ['{"a":', '1,"b":', '[1,2,3]}']
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = chunks.shift()
        if (next === undefined) return controller.close()
        await new Promise((r) => setTimeout(r, 10))
        controller.enqueue(new TextEncoder().encode(next))
      },
    })
    const res = await send('POST', '/echo', stream, { 'content-type': 'application/json' })
    expect(res.status).toBe(200)
    const echo = (await res.json()) as Echo
    expect(echo.method).toBe('POST')
    expect(JSON.parse(echo.body)).toEqual({ a: 1, b: [1, 2, 3] })
    expect(h.upstream.requests).toHaveLength(1)
  })

  it('a 401 on a streamed body is passed on (the body cannot be replayed), after a refresh that makes the next call work', async () => {
    const before = await credsOf(h, connectionId)
    const refreshes = h.provider.stats.tokenSuccesses.refresh_token
    h.upstream.failNext(1, 401, { 'www-authenticate': 'Bearer error="invalid_token"' })
    const first = await send('PATCH', '/echo', 'x=1', { 'content-type': 'text/plain' })
    expect(first.status).toBe(401)
    await first.body?.cancel()
    expect(h.upstream.requests).toHaveLength(1)
    expect(h.provider.stats.tokenSuccesses.refresh_token - refreshes).toBe(1)
    const after = await credsOf(h, connectionId)
    expect(after.creds.accessToken).not.toBe(before.creds.accessToken)
    expect(after.row.status).toBe('ACTIVE')

    const second = await send('PATCH', '/echo', 'x=2', { 'content-type': 'text/plain' })
    expect(second.status).toBe(200)
    const echo = (await second.json()) as Echo
    expect(echo.body).toBe('x=2')
    expect(echo.headers.authorization).toBe(`Bearer ${after.creds.accessToken}`)
  })

  it('with only the dashboard cookie, a cross-site upload is refused (403) and a same-origin one goes through', async () => {
    await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email: 'owner@example.com',
      password: 'a long enough password',
      role: 'owner',
    })
    const login = await fetch(`${h.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: 'a long enough password' }),
    })
    expect(login.status).toBe(200)
    const cookie =
      (login.headers.getSetCookie().find((c) => c.startsWith('sb_session=')) ?? '').split(';')[0] ?? ''
    const upload = (headers: Record<string, string>) =>
      h.api('/api/integrations/acme-idp/request/echo', {
        method: 'POST',
        key: null,
        body: 'forged=1',
        headers: {
          cookie,
          'x-workspace-id': h.org.workspaceId,
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
      })
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'same-site' }, {}]) {
      const res = await upload(headers)
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CROSS_SITE_REQUEST')
      // Refused before the route ran: still the proxy routes' policy.
      expect(res.headers.get('content-security-policy')).toBe(SANDBOX_CSP)
    }
    expect(h.upstream.requests).toEqual([])
    const ours = await upload({ origin: h.url })
    expect(ours.status).toBe(200)
    expect(((await ours.json()) as Echo).body).toBe('forged=1')
  })

  it('a declared Content-Length goes upstream with the body (not chunked)', async () => {
    // A stream, so fetch sends the caller's Content-Length as is (for a string it appends its
    // own, "17, 17", which undici's own Agent refuses when it is the global dispatcher).
    const res = await send('PUT', '/echo', new Response('exactly 17 bytes!').body as ReadableStream, {
      'content-type': 'text/plain',
      'content-length': '17',
    })
    expect(res.status).toBe(200)
    const echo = (await res.json()) as Echo
    expect(echo.headers['content-length']).toBe('17')
    expect(echo.headers['transfer-encoding']).toBeUndefined()
    expect(echo.body).toBe('exactly 17 bytes!')
  })

  it('an error before the upload is read closes the connection instead of leaving the client sending', async () => {
    // Larger than the socket buffers: the client would block for good if nobody read or closed.
    const upload = Buffer.alloc(20 * 1024 * 1024)
    const { status, closedAfter } = await new Promise<{ status: number; closedAfter: number }>(
      (resolve, reject) => {
        const started = Date.now()
        let status = 0
        const req = httpRequest(`${h.url}/api/integrations/no-such-integration/request/echo`, {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${h.org.apiKey}`,
            'x-workspace-id': h.org.workspaceId,
            'content-type': 'application/octet-stream',
            'content-length': String(upload.length),
          },
        })
        req.on('response', (res) => {
          status = res.statusCode ?? 0
          res.resume()
        })
        req.on('error', () => {})
        req.on('socket', (socket) => {
          socket.on('close', () => resolve({ status, closedAfter: Date.now() - started }))
        })
        setTimeout(() => reject(new Error('the connection was left open')), 8000).unref()
        req.end(upload)
      },
    )
    expect(status).toBe(404)
    // Closed with the answer, not after a keep-alive timeout (5 s) or never.
    expect(closedAfter).toBeLessThan(2000)
    expect(h.upstream.requests).toEqual([])
  })

  it('a caller that hangs up stops the upstream call too, instead of holding it to the deadline', async () => {
    const caller = httpRequest(`${h.url}/api/integrations/acme-idp/request/slow?ms=5000`, {
      headers: { authorization: `Bearer ${h.org.apiKey}`, 'x-workspace-id': h.org.workspaceId },
    })
    caller.on('error', () => {})
    caller.end()
    await vi.waitFor(() => expect(h.upstream.requests.some((r) => r.path === '/slow')).toBe(true))
    caller.destroy()
    // The upstream sees its caller (the proxy) go away long before its 5 s answer.
    await vi.waitFor(() => expect(h.upstream.abandoned).toBe(1), { timeout: 2000 })
  })

  it('a 503 on a streamed body is not retried', async () => {
    h.upstream.failNext(1, 503, { 'retry-after': '0' })
    const res = await send('DELETE', '/echo', 'gone', { 'content-type': 'text/plain' })
    expect(res.status).toBe(503)
    await res.body?.cancel()
    expect(h.upstream.requests).toHaveLength(1)
  })
})
