import { readFileSync } from 'node:fs'
import { decryptCredentials } from '@switchboard/core'
import { startUpstream, type TestUpstream } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * The hosted connect page for non-OAuth integrations: the form's fields are checked, the
 * integration's verify request runs against a real loopback upstream, and only a verified key
 * completes the session. The key is never returned and never stored in plaintext.
 */
describe('hosted connect for a custom SECRET_TEXT integration with a verify request', () => {
  let h: Harness
  let keyed: TestUpstream
  const GOOD_KEY = 'sk-good'

  beforeAll(async () => {
    h = await startHarness()
    keyed = await startUpstream({ apiKey: GOOD_KEY, apiKeyHeader: 'x-api-key' })
    const res = await h.api('/api/v1/integrations', {
      method: 'POST',
      json: {
        name: 'keyed-api',
        displayName: 'Keyed API',
        authType: 'SECRET_TEXT',
        api: {
          baseUrl: keyed.url,
          auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' },
        },
        fields: [{ key: 'apiKey', label: 'API key', secret: true, pattern: '^sk-' }],
        verify: { method: 'GET', path: '/me', expectStatus: 200 },
      },
    })
    expect(res.status).toBe(201)
  })
  afterAll(async () => {
    await keyed.close()
    await h.close()
  })

  async function newSession(externalId: string) {
    const res = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'keyed-api',
        connectionName: 'My key',
        externalId,
        workspaceId: h.org.workspaceId,
      },
    })
    expect(res.status).toBe(201)
    return (await res.json()) as { token: string; sessionId: string }
  }

  const submit = (token: string | undefined, credentials: Record<string, unknown>) =>
    h.api('/api/v1/connect/submit', { method: 'POST', key: null, json: { token, credentials } })

  async function poll(token: string) {
    const res = await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
    return (await res.json()) as { status: string; connectionId: string | null; error: string | null }
  }

  async function errorOf(res: Response) {
    return {
      status: res.status,
      ...((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error,
    }
  }

  it('the connect page describes the form (no secrets, no pattern leak needed)', async () => {
    const { token } = await newSession('describe')
    const res = await h.api(`/trpc/connect.describe?input=${encodeURIComponent(JSON.stringify({ token }))}`, {
      key: null,
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      result: { data: { session: { integration: { authType: string; fields: Array<{ key: string }> } } } }
    }
    expect(body.result.data.session.integration.authType).toBe('SECRET_TEXT')
    expect(body.result.data.session.integration.fields.map((f) => f.key)).toEqual(['apiKey'])
  })

  it('wrong key → 400 INVALID_CREDENTIALS (verified upstream), session stays PENDING; bad format → VALIDATION_ERROR; right key → COMPLETED', async () => {
    const { token, sessionId } = await newSession('conn_keyed_1')
    keyed.reset()

    // A key the upstream refuses: the verify request ran with it and got 401.
    const wrong = await errorOf(await submit(token, { apiKey: 'sk-wrong' }))
    expect(wrong).toMatchObject({ status: 400, code: 'INVALID_CREDENTIALS' })
    expect(JSON.stringify(wrong)).not.toContain('sk-wrong')
    expect(keyed.requests).toHaveLength(1)
    expect(keyed.requests[0]).toMatchObject({ method: 'GET', path: '/me' })
    expect(keyed.requests[0]?.headers['x-api-key']).toBe('sk-wrong')
    expect(await poll(token)).toMatchObject({ status: 'PENDING', connectionId: null })

    // A key that does not match the field's pattern never leaves Switchboard.
    const malformed = await errorOf(await submit(token, { apiKey: 'pk-live-123' }))
    expect(malformed).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' })
    expect(malformed.details).toEqual([{ path: 'apiKey', message: expect.any(String) }])
    expect(JSON.stringify(malformed)).not.toContain('pk-live-123')
    // Missing, empty and unknown fields.
    const missing = await errorOf(await submit(token, {}))
    expect(missing).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', details: [{ path: 'apiKey' }] })
    const empty = await errorOf(await submit(token, { apiKey: '' }))
    expect(empty).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', details: [{ path: 'apiKey' }] })
    const unknown = await errorOf(await submit(token, { apiKey: GOOD_KEY, password: 'x' }))
    expect(unknown).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', details: [{ path: 'password' }] })
    const notText = await errorOf(await submit(token, { apiKey: 42 }))
    expect(notText).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', details: [{ path: 'apiKey' }] })
    expect(keyed.requests).toHaveLength(1)
    expect(await poll(token)).toMatchObject({ status: 'PENDING', connectionId: null })

    // The right key.
    const ok = await submit(token, { apiKey: GOOD_KEY })
    expect(ok.status).toBe(200)
    const okBody = (await ok.json()) as { status: string; connectionId: string }
    expect(okBody).toEqual({ status: 'COMPLETED', connectionId: expect.any(String) })
    expect(keyed.requests).toHaveLength(2)
    expect(keyed.requests[1]?.headers['x-api-key']).toBe(GOOD_KEY)

    const polled = await poll(token)
    expect(polled).toEqual({
      sessionId: expect.any(String),
      status: 'COMPLETED',
      connectionId: okBody.connectionId,
      integrationName: 'keyed-api',
      externalId: 'conn_keyed_1',
      error: null,
    })
    const sessionRes = await h.api(`/api/v1/connect/session/${sessionId}`)
    expect(((await sessionRes.json()) as { session: { status: string } }).session.status).toBe('COMPLETED')

    const res = await h.api(`/api/v1/connections/${okBody.connectionId}`)
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).not.toContain(GOOD_KEY)
    const { connection } = JSON.parse(text) as { connection: Record<string, unknown> }
    expect(connection).toMatchObject({
      id: okBody.connectionId,
      type: 'SECRET_TEXT',
      integrationName: 'keyed-api',
      externalId: 'conn_keyed_1',
      displayName: 'My key',
      scope: 'ORGANIZATION',
      status: 'ACTIVE',
      oauthAppId: null,
    })
    const list = await (await h.api('/api/v1/connections?integrationName=keyed-api')).text()
    expect(list).not.toContain(GOOD_KEY)

    // Stored encrypted: readable with the key ring, absent from the SQLite bytes.
    const row = await h.t.deps.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', okBody.connectionId)
      .executeTakeFirstOrThrow()
    expect(decryptCredentials(h.t.deps, row)).toEqual({ kind: 'fields', values: { apiKey: GOOD_KEY } })
    const file = h.t.database.sqliteFile
    if (!file) throw new Error('expected a SQLite file')
    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`, { flag: 'a+' })])
    expect(bytes.includes(GOOD_KEY)).toBe(false)
    expect(bytes.includes('sk-wrong')).toBe(false)
    expect(bytes.includes(token)).toBe(false)

    // The link is spent.
    const again = await errorOf(await submit(token, { apiKey: GOOD_KEY }))
    expect(again).toMatchObject({ status: 400, code: 'SESSION_NOT_ACTIVE' })
  })

  it('submit without a token is MISSING_TOKEN, with a bad one INVALID_TOKEN', async () => {
    expect(await errorOf(await submit(undefined, { apiKey: GOOD_KEY }))).toMatchObject({
      status: 400,
      code: 'MISSING_TOKEN',
    })
    expect(await errorOf(await submit('cst_bogus', { apiKey: GOOD_KEY }))).toMatchObject({
      status: 401,
      code: 'INVALID_TOKEN',
    })
  })

  it('an upstream outage during verify is not reported as bad credentials', async () => {
    const { token } = await newSession('conn_keyed_outage')
    keyed.failNext(1, 503)
    const res = await errorOf(await submit(token, { apiKey: GOOD_KEY }))
    expect(res.code).not.toBe('INVALID_CREDENTIALS')
    expect(res).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR' })
    expect(await poll(token)).toMatchObject({ status: 'PENDING' })
    // Once the upstream is back, the same link completes.
    expect((await submit(token, { apiKey: GOOD_KEY })).status).toBe(200)
  })

  it('OAuth and non-OAuth flows do not mix', async () => {
    // The OAuth authorize endpoint refuses a SECRET_TEXT session.
    const { token } = await newSession('conn_keyed_mix')
    const auth = await h.api(`/api/v1/connect/authorize?token=${encodeURIComponent(token)}`, { key: null })
    expect(auth.status).toBe(302)
    expect(new URL(auth.headers.get('location') ?? '').searchParams.get('code')).toBe('VALIDATION_ERROR')
    expect(await poll(token)).toMatchObject({ status: 'PENDING' })

    // Submitting typed-in credentials to an OAuth session is refused.
    const oauth = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-idp',
        connectionName: 'Acme',
        externalId: 'conn_oauth_mix',
        workspaceId: h.org.workspaceId,
      },
    })
    const { token: oauthToken } = (await oauth.json()) as { token: string }
    const res = await errorOf(await submit(oauthToken, { apiKey: GOOD_KEY }))
    expect(res).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' })
    // Even an empty form (which an OAuth integration's zero fields would accept) cannot complete it.
    const empty = await errorOf(await submit(oauthToken, {}))
    expect(empty).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' })
    expect(empty.message).toMatch(/OAuth/)
    expect(await poll(oauthToken)).toMatchObject({ status: 'PENDING' })
  })
})
