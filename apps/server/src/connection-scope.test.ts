import { decryptCredentials } from '@switchboard/core'
import { completeAuthorization } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * A connection's scope and end user are fixed when it is created. A write that names an
 * existing externalId (workspace + integration + externalId) with another scope or another
 * end user is refused with 409 SCOPE_MISMATCH on every path that writes connections — REST,
 * tRPC, the hosted OAuth flow and the connect page's form — and changes nothing: not the
 * scope, not the end user, not the credentials, and no end user is registered on the way.
 */

interface ErrorJson {
  error: { code: string; message: string }
}
interface ConnectionJson {
  id: string
  scope: string
  endUserId: string | null
}

describe('a write that would change a connection’s scope or end user (issue 21, item 12)', () => {
  let h: Harness

  const post = (path: string, json: unknown) => h.api(path, { method: 'POST', json })

  async function expectError(res: Response, status: number, code: string): Promise<ErrorJson> {
    const text = await res.text()
    const body = JSON.parse(text) as ErrorJson
    expect({ status: res.status, code: body.error?.code }, text).toEqual({ status, code })
    return body
  }

  const secret = (externalId: string, secretText: string, extra: Record<string, unknown> = {}) =>
    post('/api/v1/connections', {
      type: 'SECRET_TEXT',
      integrationName: 'plain-key',
      workspaceId: h.org.workspaceId,
      externalId,
      secretText,
      ...extra,
    })

  async function created(res: Response): Promise<ConnectionJson> {
    const text = await res.text()
    expect(res.status, text).toBe(201)
    return (JSON.parse(text) as { connection: ConnectionJson }).connection
  }

  async function row(id: string) {
    const r = await h.t.deps.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    return { ...r, credentials: decryptCredentials(h.t.deps, r) }
  }

  async function endUserExists(externalId: string): Promise<boolean> {
    const found = await h.t.deps.db
      .selectFrom('endUsers')
      .select('id')
      .where('workspaceId', '=', h.org.workspaceId)
      .where('externalId', '=', externalId)
      .executeTakeFirst()
    return found !== undefined
  }

  beforeAll(async () => {
    h = await startHarness()
    // A typed-in key without a verify request: the connect page's submit goes straight to storing.
    const res = await post('/api/v1/integrations', {
      name: 'plain-key',
      displayName: 'Plain key',
      authType: 'SECRET_TEXT',
      api: { baseUrl: h.upstream.url, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
      fields: [{ key: 'apiKey', label: 'API key', secret: true }],
    })
    expect(res.status, await res.text()).toBe(201)
  })
  afterAll(async () => {
    await h.close()
  })

  it('REST POST /api/v1/connections: another scope → 409 SCOPE_MISMATCH, nothing applied; the same scope upserts', async () => {
    const c = await created(await secret('ws-conn', 'key-one', { scope: 'WORKSPACE' }))
    expect(c.scope).toBe('WORKSPACE')

    const refused = await expectError(
      await secret('ws-conn', 'key-two', { scope: 'USER', endUserId: 'alice-12' }),
      409,
      'SCOPE_MISMATCH',
    )
    expect(refused.error.message).toMatch(/WORKSPACE/)
    // The default scope (ORGANIZATION) is another scope too.
    await expectError(await secret('ws-conn', 'key-three'), 409, 'SCOPE_MISMATCH')

    const after = await row(c.id)
    expect(after).toMatchObject({ scope: 'WORKSPACE', endUserId: null, credentialsVersion: 1 })
    expect(after.credentials).toEqual({ kind: 'fields', values: { apiKey: 'key-one' } })
    expect(await endUserExists('alice-12')).toBe(false)

    // Naming the connection's own scope updates its credentials in place.
    const same = await created(await secret('ws-conn', 'key-four', { scope: 'WORKSPACE' }))
    expect(same.id).toBe(c.id)
    expect((await row(c.id)).credentials).toEqual({ kind: 'fields', values: { apiKey: 'key-four' } })
  })

  it('REST: a USER connection is never handed to another end user', async () => {
    const c = await created(await secret('alice-conn', 'alice-key', { scope: 'USER', endUserId: 'alice-13' }))
    await expectError(
      await secret('alice-conn', 'bob-key', { scope: 'USER', endUserId: 'bob-13' }),
      409,
      'SCOPE_MISMATCH',
    )
    const after = await row(c.id)
    expect(after.endUserId).toBe(c.endUserId)
    expect(after.credentials).toEqual({ kind: 'fields', values: { apiKey: 'alice-key' } })
    expect(await endUserExists('bob-13')).toBe(false)
  })

  it('tRPC connections.create refuses the same way (CONFLICT, appCode SCOPE_MISMATCH)', async () => {
    const c = await created(await secret('trpc-conn', 'key-one', { scope: 'ORGANIZATION' }))
    const res = await post('/trpc/connections.create', {
      type: 'SECRET_TEXT',
      integrationName: 'plain-key',
      workspaceId: h.org.workspaceId,
      externalId: 'trpc-conn',
      secretText: 'key-two',
      scope: 'WORKSPACE',
    })
    const body = (await res.json()) as { error?: { data?: { appCode?: string; code?: string } } }
    expect(res.status).toBe(409)
    expect(body.error?.data).toMatchObject({ appCode: 'SCOPE_MISMATCH', code: 'CONFLICT' })
    expect(await row(c.id)).toMatchObject({ scope: 'ORGANIZATION', credentialsVersion: 1 })
  })

  it('POST /api/v1/connect/token for an externalId held by another scope → 409 before anyone is sent to a provider', async () => {
    await created(await secret('hosted-conn', 'key-one', { scope: 'WORKSPACE' }))
    await expectError(
      await post('/api/v1/connect/token', {
        integrationName: 'plain-key',
        connectionName: 'Plain',
        externalId: 'hosted-conn',
        workspaceId: h.org.workspaceId,
        scope: 'USER',
        endUserId: 'carol-12',
      }),
      409,
      'SCOPE_MISMATCH',
    )
    expect(await endUserExists('carol-12')).toBe(false)
    const sessions = await h.t.deps.db
      .selectFrom('connectSessions')
      .select('id')
      .where('externalId', '=', 'hosted-conn')
      .execute()
    expect(sessions).toEqual([])
  })

  it('the connect page’s submit, when the conflicting connection appeared meanwhile → 409, nothing stored', async () => {
    const token = await created2(
      await post('/api/v1/connect/token', {
        integrationName: 'plain-key',
        connectionName: 'Plain',
        externalId: 'race-submit',
        workspaceId: h.org.workspaceId,
        scope: 'USER',
        endUserId: 'dave-12',
      }),
    )
    const c = await created(await secret('race-submit', 'first-key', { scope: 'WORKSPACE' }))
    await expectError(
      await h.api('/api/v1/connect/submit', {
        method: 'POST',
        key: null,
        json: { token, credentials: { apiKey: 'page-key' } },
      }),
      409,
      'SCOPE_MISMATCH',
    )
    const after = await row(c.id)
    expect(after).toMatchObject({ scope: 'WORKSPACE', endUserId: null, credentialsVersion: 1 })
    expect(after.credentials).toEqual({ kind: 'fields', values: { apiKey: 'first-key' } })
    const poll = await h.api('/api/v1/connect/session/poll', { method: 'POST', key: null, json: { token } })
    expect(((await poll.json()) as { status: string }).status).not.toBe('COMPLETED')
  })

  it('the OAuth callback, when the conflicting connection appeared meanwhile → the session FAILS with the reason; the connection is untouched', async () => {
    const token = await created2(
      await post('/api/v1/connect/token', {
        integrationName: 'acme-idp',
        connectionName: 'Acme',
        externalId: 'race-oauth',
        workspaceId: h.org.workspaceId,
        scope: 'USER',
        endUserId: 'erin-12',
      }),
    )
    // While the user is at the provider, the backend imports tokens under the same externalId.
    const c = await created(
      await post('/api/v1/connections', {
        type: 'OAUTH2',
        integrationName: 'acme-idp',
        workspaceId: h.org.workspaceId,
        externalId: 'race-oauth',
        scope: 'WORKSPACE',
        accessToken: 'imported-access-token',
      }),
    )
    const { callbackUrl } = await completeAuthorization(`${h.url}/api/v1/connect/authorize?token=${token}`, {
      stopAt: `${h.url}/oauth2/callback`,
    })
    const cb = await fetch(callbackUrl, { redirect: 'manual' })
    await cb.body?.cancel()
    // A person is at the other end of the callback: they are sent to the result page, not shown JSON.
    expect(cb.status).toBe(302)
    const poll = await h.api('/api/v1/connect/session/poll', { method: 'POST', key: null, json: { token } })
    const session = (await poll.json()) as {
      status: string
      connectionId: string | null
      error: string | null
    }
    expect(session).toMatchObject({ status: 'FAILED', connectionId: null })
    expect(session.error).toMatch(/WORKSPACE/)
    const after = await row(c.id)
    expect(after).toMatchObject({ scope: 'WORKSPACE', endUserId: null, credentialsVersion: 1 })
    expect(after.credentials).toMatchObject({ kind: 'oauth2', accessToken: 'imported-access-token' })
  })

  async function created2(res: Response): Promise<string> {
    const text = await res.text()
    expect(res.status, text).toBe(201)
    return (JSON.parse(text) as { token: string }).token
  }
})
