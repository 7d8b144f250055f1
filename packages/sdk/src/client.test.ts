import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { webhookHeaders } from '@switchboard/core'
import { type Harness, startHarness } from '@switchboard/server/testing/harness'
import { startUpstream, type TestUpstream } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Switchboard, SwitchboardError, verifyWebhook, WebhookVerificationError } from './index.ts'

/**
 * The SDK against a real Switchboard server (the test harness: Fastify on 127.0.0.1, SQLite)
 * with a real API-key upstream on loopback; retries against a loopback server that answers
 * 429/503 first. No mocks.
 */

const API_KEY = 'sk-upstream-secret'

describe('@switchboard/sdk against a running server', () => {
  let h: Harness
  let upstream: TestUpstream
  let client: Switchboard

  beforeAll(async () => {
    h = await startHarness()
    upstream = await startUpstream({ apiKey: API_KEY, apiKeyHeader: 'x-api-key' })
    client = new Switchboard({ baseUrl: h.url, apiKey: h.org.apiKey })
    const { integration } = await client.integrations.create({
      name: 'keyed-api',
      displayName: 'Keyed API',
      authType: 'SECRET_TEXT',
      api: { baseUrl: upstream.url, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
      fields: [{ key: 'apiKey', label: 'API key', secret: true, pattern: '^sk-' }],
    })
    expect(integration.name).toBe('keyed-api')
  })
  afterAll(async () => {
    await upstream?.close()
    await h?.close()
  })

  it('endUsers: create, create again (same end user), list, get, update, delete', async () => {
    const { endUser } = await client.endUsers.create({
      workspaceId: h.org.workspaceId,
      externalId: 'user_456',
      displayName: 'Alice Johnson',
    })
    expect(endUser).toMatchObject({ externalId: 'user_456', displayName: 'Alice Johnson' })
    const again = await client.endUsers.create({ workspaceId: h.org.workspaceId, externalId: 'user_456' })
    expect(again.endUser.id).toBe(endUser.id)

    const listed = await client.endUsers.list({ workspaceId: h.org.workspaceId })
    expect(listed.endUsers.map((u: { id: string }) => u.id)).toContain(endUser.id)
    expect((await client.endUsers.get(endUser.id)).endUser.externalId).toBe('user_456')

    const updated = await client.endUsers.update(endUser.id, { displayName: 'Alice J.' })
    expect(updated.endUser.displayName).toBe('Alice J.')

    await expect(client.endUsers.delete(endUser.id)).resolves.toBeUndefined()
    const gone = await client.endUsers.get(endUser.id).catch((e: unknown) => e)
    expect(gone).toBeInstanceOf(SwitchboardError)
    expect(gone).toMatchObject({ status: 404 })
  })

  it('connect: createToken, getSession, submit (the hosted page), poll → the connection', async () => {
    const created = await client.connect.createToken({
      integrationName: 'keyed-api',
      connectionName: 'Project key',
      externalId: 'conn_connect_flow',
      workspaceId: h.org.workspaceId,
    })
    expect(created.token).toMatch(/^cst_/)
    expect(created.connectUrl).toContain(`${h.url}/connect?token=`)

    const { session } = await client.connect.getSession(created.sessionId)
    expect(session.status).toBe('PENDING')
    expect((await client.connect.poll(created.token)).status).toBe('PENDING')

    await client.connect.submit({ token: created.token, credentials: { apiKey: API_KEY } })
    const done = await client.connect.poll(created.token)
    expect(done.status).toBe('COMPLETED')
    const { connection } = await client.connections.get(done.connectionId!)
    expect(connection).toMatchObject({ externalId: 'conn_connect_flow', type: 'SECRET_TEXT' })
  })

  it('endUsers.createConnectToken answers a connect URL for the end user', async () => {
    const { endUser } = await client.endUsers.create({
      workspaceId: h.org.workspaceId,
      externalId: 'user_789',
    })
    const { connectUrl, token } = await client.endUsers.createConnectToken(endUser.id, {
      integrationName: 'keyed-api',
    })
    expect(token).toMatch(/^cst_/)
    expect(connectUrl).toBe(`${h.url}/connect?token=${token}`)
  })

  it('connections: create, resolve, list, get, proxy.request, proxy.fetch (streamed), delete', async () => {
    const { connection } = await client.connections.create({
      type: 'SECRET_TEXT',
      integrationName: 'keyed-api',
      workspaceId: h.org.workspaceId,
      externalId: 'conn_project_alpha',
      displayName: 'Project Alpha key',
      secretText: API_KEY,
    })
    expect(connection).toMatchObject({ externalId: 'conn_project_alpha', type: 'SECRET_TEXT' })
    expect(JSON.stringify(connection)).not.toContain(API_KEY)

    const resolved = await client.connections.resolve({
      integrationName: 'keyed-api',
      workspaceId: h.org.workspaceId,
      externalId: 'conn_project_alpha',
    })
    expect(resolved.connection.id).toBe(connection.id)
    const listed = await client.connections.list({ workspaceId: h.org.workspaceId })
    expect(listed.connections.map((c: { id: string }) => c.id)).toContain(connection.id)

    const proxied = await client.proxy.request<{ path: string; method: string; authorizedAs: string }>({
      connectionId: connection.id,
      method: 'GET',
      url: '/me',
    })
    expect(proxied.status).toBe(200)
    expect(proxied.data).toMatchObject({ path: '/me', method: 'GET' })
    expect(proxied.data.authorizedAs).toMatch(/^api-key:/)
    // The upstream's own refusal is an answer, not an error.
    const upstream404 = await client.proxy.request({ connectionId: connection.id, url: '/status/404' })
    expect(upstream404.status).toBe(404)

    // Seed 002's path route, streaming: a shared integration's workspace connection.
    await client.integrations.setSharing('keyed-api', { sharingMode: 'SHARED' })
    upstream.reset()
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"chunk":'))
        c.enqueue(new TextEncoder().encode('1}'))
        c.close()
      },
    })
    const res = await client.proxy.fetch('keyed-api', '/echo?x=1', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      workspaceId: h.org.workspaceId,
      endUserId: 'user_stream',
    })
    expect(res.status).toBe(200)
    expect(res.body).not.toBeNull()
    await res.text()
    expect(upstream.requests.at(-1)).toMatchObject({ method: 'POST', body: '{"chunk":1}' })
    expect(upstream.requests.at(-1)?.headers['x-api-key']).toBe(API_KEY)
    await client.integrations.setSharing('keyed-api', { sharingMode: 'PER_USER' })

    await client.connections.delete(connection.id)
    await expect(client.connections.get(connection.id)).rejects.toMatchObject({ status: 404 })
    // Switchboard's own refusal through the proxy is an error.
    await expect(client.proxy.request({ connectionId: connection.id, url: '/me' })).rejects.toBeInstanceOf(
      SwitchboardError,
    )
  })

  it('connections.getToken hands out an OAuth2 connection token (and logs it as an event)', async () => {
    const { connection } = await client.connections.create({
      type: 'OAUTH2',
      integrationName: 'acme-idp',
      workspaceId: h.org.workspaceId,
      externalId: 'conn_imported_oauth',
      accessToken: 'imported-access-token',
    })
    const token = await client.connections.getToken(connection.id)
    expect(token.accessToken).toBe('imported-access-token')
    const { events } = await client.events.list({ type: 'connection.token_revealed' })
    expect(events.map((e) => e.connectionId)).toContain(connection.id)
  })

  it('integrations: list, get, update, delete', async () => {
    const { integrations } = await client.integrations.list()
    expect(integrations.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['keyed-api', 'acme-idp']),
    )
    const { integration } = await client.integrations.create({
      name: 'temp-api',
      displayName: 'Temp',
      authType: 'SECRET_TEXT',
      api: { baseUrl: upstream.url, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
      fields: [{ key: 'apiKey', label: 'API key', secret: true }],
    })
    expect((await client.integrations.get('temp-api')).integration.id).toBe(integration.id)
    const renamed = await client.integrations.update('temp-api', {
      name: 'temp-api',
      displayName: 'Temporary',
      authType: 'SECRET_TEXT',
      api: { baseUrl: upstream.url, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
      fields: [{ key: 'apiKey', label: 'API key', secret: true }],
    })
    expect(renamed.integration.displayName).toBe('Temporary')
    await client.integrations.delete('temp-api')
    await expect(client.integrations.get('temp-api')).rejects.toMatchObject({ status: 404 })
  })

  it('workspaces: the typed answers of routes that declare their output', async () => {
    const { workspace } = await client.workspaces.create({ name: 'Second' })
    expect((await client.workspaces.get(workspace.id)).workspace.name).toBe('Second')
    const { workspaces } = await client.workspaces.list()
    expect(workspaces.map((w) => w.id)).toContain(workspace.id)
  })

  it('errors: SwitchboardError with status, code and message; bad key 401, bad input 400', async () => {
    const stranger = new Switchboard({ baseUrl: h.url, apiKey: 'sk_not_a_key' })
    const unauthorized = await stranger.endUsers.list().catch((e: unknown) => e)
    expect(unauthorized).toBeInstanceOf(SwitchboardError)
    expect(unauthorized).toMatchObject({ status: 401, code: 'UNAUTHORIZED' })

    const invalid = await client.endUsers
      .create({ workspaceId: 'not-a-uuid', externalId: 'x' })
      .catch((e: unknown) => e as SwitchboardError)
    expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', name: 'SwitchboardError' })
    expect((invalid as SwitchboardError).message).not.toBe('')
    expect((invalid as SwitchboardError).details).toBeDefined()
    // The server's id for the request, the same one its log line carries.
    expect((invalid as SwitchboardError).requestId).toMatch(/^[0-9a-f-]{36}$/)

    const offline = new Switchboard({ baseUrl: 'http://127.0.0.1:9', apiKey: 'sk_x' })
    await expect(offline.endUsers.list()).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
  })

  it('Idempotency-Key: the same key and body replay the first answer; another body is 422', async () => {
    const first = await client.workspaces.create({ name: 'Replayed' }, { idempotencyKey: 'sdk-replay-1' })
    const again = await client.workspaces.create({ name: 'Replayed' }, { idempotencyKey: 'sdk-replay-1' })
    expect(again.workspace.id).toBe(first.workspace.id)
    const { workspaces } = await client.workspaces.list()
    expect(workspaces.filter((w) => w.name === 'Replayed')).toHaveLength(1)

    await expect(
      client.workspaces.create({ name: 'Other' }, { idempotencyKey: 'sdk-replay-1' }),
    ).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' })

    // Without a key of the caller's, each create gets its own: two creates, two workspaces.
    const a = await client.workspaces.create({ name: 'Twice' })
    const b = await client.workspaces.create({ name: 'Twice' })
    expect(a.workspace.id).not.toBe(b.workspace.id)
  })
})

/** A loopback server answering a script of statuses, then 200; it records what it received. */
async function scriptedServer(script: Array<{ status: number; headers?: Record<string, string> }>) {
  const received: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = []
  const server = createServer((req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    req.resume()
    const next = script.shift()
    if (next) {
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers })
      res.end(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Slow down' } }))
      return
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req-ok' })
    res.end(JSON.stringify({ endUsers: [], nextCursor: null }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

describe('@switchboard/sdk retries 429 and 503', () => {
  it('honours Retry-After, then resolves with the answer', async () => {
    const s = await scriptedServer([
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 503, headers: { 'retry-after': '0' } },
    ])
    try {
      const client = new Switchboard({ baseUrl: s.url, apiKey: 'sk_test' })
      const started = Date.now()
      await expect(client.endUsers.list()).resolves.toEqual({ endUsers: [], nextCursor: null })
      expect(s.received).toHaveLength(3)
      // One second asked for, one second waited (at least).
      expect(Date.now() - started).toBeGreaterThanOrEqual(950)
      expect(s.received[0]?.headers.authorization).toBe('Bearer sk_test')
    } finally {
      await s.close()
    }
  })

  it('a create retried keeps its Idempotency-Key; the caller may choose it', async () => {
    const s = await scriptedServer([{ status: 503, headers: { 'retry-after': '0' } }])
    try {
      const client = new Switchboard({ baseUrl: s.url, apiKey: 'sk_test' })
      await client.endUsers.create({ workspaceId: crypto.randomUUID(), externalId: 'u' })
      expect(s.received).toHaveLength(2)
      const [k1, k2] = s.received.map((r) => r.headers['idempotency-key'])
      expect(k1).toMatch(/^[0-9a-f-]{36}$/)
      expect(k2).toBe(k1)
      await client.endUsers.create(
        { workspaceId: crypto.randomUUID(), externalId: 'u' },
        { idempotencyKey: 'mine' },
      )
      expect(s.received.at(-1)?.headers['idempotency-key']).toBe('mine')
    } finally {
      await s.close()
    }
  })

  it('is bounded: gives up after maxRetries, and never waits longer than maxDelayMs', async () => {
    const s = await scriptedServer([
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 429, headers: { 'retry-after': '3600' } },
    ])
    try {
      const client = new Switchboard({ baseUrl: s.url, apiKey: 'sk_test', retry: { maxRetries: 2 } })
      await expect(client.endUsers.list()).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED' })
      expect(s.received).toHaveLength(3)
      const started = Date.now()
      const error = await client.endUsers.list().catch((e: unknown) => e as SwitchboardError)
      expect(error).toMatchObject({ status: 429, retryAfter: 3600 })
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(s.received).toHaveLength(4)
    } finally {
      await s.close()
    }
  })

  it('never resends a POST that has no idempotency key (the proxy call)', async () => {
    const s = await scriptedServer([{ status: 503, headers: { 'retry-after': '0' } }])
    try {
      const client = new Switchboard({ baseUrl: s.url, apiKey: 'sk_test' })
      await expect(
        client.proxy.request({ connectionId: crypto.randomUUID(), url: '/x' }),
      ).rejects.toMatchObject({
        status: 503,
      })
      expect(s.received).toHaveLength(1)
    } finally {
      await s.close()
    }
  })
})

describe('verifyWebhook (re-exported from the server)', () => {
  it('accepts a signed delivery and refuses a tampered one', () => {
    const secret = `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}`
    const body = JSON.stringify({ type: 'connection.created', timestamp: new Date().toISOString(), data: {} })
    const headers = webhookHeaders([secret], 'evt_1', Math.floor(Date.now() / 1000), body)
    expect(verifyWebhook(body, headers, secret)).toMatchObject({ type: 'connection.created' })
    expect(() => verifyWebhook(`${body} `, headers, secret)).toThrow(WebhookVerificationError)
  })
})
