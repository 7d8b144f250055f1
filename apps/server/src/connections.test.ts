import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { type BootstrapResult, bootstrapOrganization, decryptCredentials } from '@switchboard/core'
import { completeAuthorization } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/** Seed 001: end users, typed-in and imported connections, listing, deletion and resolution. */

interface ErrorJson {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> }
}
interface ConnectionJson {
  id: string
  workspaceId: string
  integrationName: string
  type: string
  externalId: string
  displayName: string
  scope: string
  endUserId: string | null
  oauthAppId: string | null
  status: string
  grantedScopes: string[]
  tokenExpiresAt: string | null
}
interface EndUserJson {
  id: string
  workspaceId: string
  externalId: string
  displayName: string | null
  email: string | null
  metadata: Record<string, unknown>
  createdAt: string
}

async function expectError(res: Response, status: number, code: string): Promise<ErrorJson> {
  const body = (await res.json()) as ErrorJson
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code })
  return body
}

const paths = (body: ErrorJson) => (body.error.details ?? []).map((d) => d.path)
const hex = (n: number) => Array.from({ length: n }, (_, i) => '0123456789abcdef'[(i * 7) % 16]).join('')

describe('end users and connections (seed 001)', () => {
  let h: Harness
  let other: BootstrapResult
  let workspace2: string

  const post = (path: string, json: unknown, key?: string) =>
    h.api(path, { method: 'POST', json, ...(key !== undefined && { key }) })

  async function createConnection(json: Record<string, unknown>): Promise<ConnectionJson> {
    const res = await post('/api/v1/connections', { workspaceId: h.org.workspaceId, ...json })
    const text = await res.text()
    expect(res.status, text).toBe(201)
    return (JSON.parse(text) as { connection: ConnectionJson }).connection
  }

  const openai = (externalId: string, extra: Record<string, unknown> = {}) =>
    createConnection({
      type: 'SECRET_TEXT',
      integrationName: 'openai',
      externalId,
      displayName: `OpenAI ${externalId}`,
      secretText: `sk-${externalId}`,
      ...extra,
    })

  async function bytesOfDatabase(): Promise<Buffer> {
    const file = h.t.database.sqliteFile
    if (!file) throw new Error('expected a SQLite file')
    return Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`, { flag: 'a+' })])
  }

  beforeAll(async () => {
    h = await startHarness()
    other = await bootstrapOrganization(h.t.deps, { organizationName: 'Other Co', plan: 'TEAM' })
    const ws = await post('/api/v1/workspaces', { name: 'Second' })
    expect(ws.status).toBe(201)
    workspace2 = ((await ws.json()) as { workspace: { id: string } }).workspace.id
  })
  afterAll(async () => {
    await h.close()
  })

  describe('end users', () => {
    it('POST /api/v1/end-users → 201 {endUser}; the same externalId → 200, with other fields → 409; other org’s workspace → 404', async () => {
      const res = await post('/api/v1/end-users', {
        workspaceId: h.org.workspaceId,
        externalId: 'user_456',
        displayName: 'Alice Johnson',
      })
      expect(res.status).toBe(201)
      const { endUser } = (await res.json()) as { endUser: EndUserJson }
      expect(endUser).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        workspaceId: h.org.workspaceId,
        externalId: 'user_456',
        displayName: 'Alice Johnson',
        email: null,
        metadata: {},
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      })

      // Registering again is idempotent: the same end user, 200; other fields for it → 409.
      const again = await post('/api/v1/end-users', {
        workspaceId: h.org.workspaceId,
        externalId: 'user_456',
      })
      expect(again.status).toBe(200)
      expect(((await again.json()) as { endUser: EndUserJson }).endUser).toEqual(endUser)
      await expectError(
        await post('/api/v1/end-users', {
          workspaceId: h.org.workspaceId,
          externalId: 'user_456',
          displayName: 'Someone Else',
        }),
        409,
        'ALREADY_EXISTS',
      )
      // The same externalId in another workspace is another end user.
      const elsewhere = await post('/api/v1/end-users', { workspaceId: workspace2, externalId: 'user_456' })
      expect(elsewhere.status).toBe(201)

      await expectError(
        await post('/api/v1/end-users', { workspaceId: other.workspaceId, externalId: 'user_x' }),
        404,
        'NOT_FOUND',
      )
      const noExternal = await expectError(
        await post('/api/v1/end-users', { workspaceId: h.org.workspaceId }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(noExternal)).toEqual(['externalId'])
      const badEmail = await expectError(
        await post('/api/v1/end-users', {
          workspaceId: h.org.workspaceId,
          externalId: 'user_bad_email',
          email: 'not-an-email',
        }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(badEmail)).toEqual(['email'])
    })

    it('GET /api/v1/end-users lists this organization’s end users only; GET one; another org’s id → 404', async () => {
      const { endUser } = (await (
        await post('/api/v1/end-users', {
          workspaceId: h.org.workspaceId,
          externalId: 'user_list',
          email: 'list@example.test',
          metadata: { plan: 'pro' },
        })
      ).json()) as { endUser: EndUserJson }
      const theirs = (await (
        await post(
          '/api/v1/end-users',
          { workspaceId: other.workspaceId, externalId: 'user_list' },
          other.apiKey,
        )
      ).json()) as { endUser: EndUserJson }

      const list = (await (await h.api('/api/v1/end-users')).json()) as {
        endUsers: EndUserJson[]
        nextCursor: string | null
      }
      expect(list.endUsers.map((u) => u.id)).toContain(endUser.id)
      expect(list.endUsers.map((u) => u.id)).not.toContain(theirs.endUser.id)
      const filtered = (await (
        await h.api(`/api/v1/end-users?workspaceId=${h.org.workspaceId}&externalId=user_list`)
      ).json()) as { endUsers: EndUserJson[] }
      expect(filtered.endUsers).toEqual([endUser])
      expect(endUser.metadata).toEqual({ plan: 'pro' })

      const one = await h.api(`/api/v1/end-users/${endUser.id}`)
      expect(one.status).toBe(200)
      expect(await one.json()).toEqual({ endUser })
      await expectError(await h.api(`/api/v1/end-users/${theirs.endUser.id}`), 404, 'END_USER_NOT_FOUND')
      await expectError(await h.api(`/api/v1/end-users/${randomUUID()}`), 404, 'END_USER_NOT_FOUND')
    })

    it('POST /api/v1/end-users/:id/connect-token → 201; the completed connection is linked to the end user (USER scope)', async () => {
      const { endUser } = (await (
        await post('/api/v1/end-users', { workspaceId: workspace2, externalId: 'user_portal' })
      ).json()) as { endUser: EndUserJson }
      const res = await post(`/api/v1/end-users/${endUser.id}/connect-token`, { integrationName: 'acme-idp' })
      expect(res.status).toBe(201)
      const created = (await res.json()) as { token: string; connectUrl: string; expiresAt: string }
      expect(created.connectUrl).toBe(`${h.url}/connect?token=${created.token}`)
      expect(created.token).toMatch(/^cst_/)

      const { callbackUrl } = await completeAuthorization(
        `${h.url}/api/v1/connect/authorize?token=${encodeURIComponent(created.token)}`,
        { stopAt: `${h.url}/oauth2/callback` },
      )
      const cb = await fetch(callbackUrl, { redirect: 'manual' })
      expect(cb.status).toBe(302)
      const polled = (await (
        await h.api('/api/v1/connect/session/poll', {
          method: 'POST',
          json: { token: created.token },
          key: null,
        })
      ).json()) as { status: string; connectionId: string }
      expect(polled.status).toBe('COMPLETED')

      const { connection } = (await (await h.api(`/api/v1/connections/${polled.connectionId}`)).json()) as {
        connection: ConnectionJson
      }
      expect(connection).toMatchObject({
        endUserId: endUser.id,
        scope: 'USER',
        workspaceId: workspace2,
        integrationName: 'acme-idp',
        type: 'OAUTH2',
      })
      // It resolves by end user alone, as seed 001 executes with endUserId.
      const resolved = await post('/api/v1/connections/resolve', {
        integrationName: 'acme-idp',
        workspaceId: workspace2,
        endUserId: 'user_portal',
      })
      expect(resolved.status).toBe(200)
      expect(((await resolved.json()) as { connection: ConnectionJson }).connection.id).toBe(connection.id)
      // And the list filters by the end user's externalId or id.
      for (const id of ['user_portal', endUser.id]) {
        const list = (await (await h.api(`/api/v1/connections?endUserId=${id}`)).json()) as {
          connections: ConnectionJson[]
        }
        expect(list.connections.map((c) => c.id)).toEqual([connection.id])
      }
    })

    it('connect-token for an unknown or another organization’s end user → 404', async () => {
      const theirs = (await (
        await post(
          '/api/v1/end-users',
          { workspaceId: other.workspaceId, externalId: 'their_user' },
          other.apiKey,
        )
      ).json()) as { endUser: EndUserJson }
      await expectError(
        await post(`/api/v1/end-users/${theirs.endUser.id}/connect-token`, { integrationName: 'acme-idp' }),
        404,
        'END_USER_NOT_FOUND',
      )
      await expectError(
        await post(`/api/v1/end-users/${randomUUID()}/connect-token`, { integrationName: 'acme-idp' }),
        404,
        'END_USER_NOT_FOUND',
      )
    })
  })

  describe('POST /api/v1/connections', () => {
    it('SECRET_TEXT with seed 001’s body → 201 {connection}, the secret neither returned nor stored in clear', async () => {
      const secret = `sk-${randomUUID()}`
      const res = await post('/api/v1/connections', {
        type: 'SECRET_TEXT',
        integrationName: 'openai',
        workspaceId: h.org.workspaceId,
        externalId: 'conn_project_alpha_openai',
        displayName: 'Project Alpha OpenAI Key',
        secretText: secret,
      })
      expect(res.status).toBe(201)
      const text = await res.text()
      expect(text).not.toContain(secret)
      const { connection } = JSON.parse(text) as { connection: ConnectionJson }
      expect(connection).toMatchObject({
        type: 'SECRET_TEXT',
        integrationName: 'openai',
        workspaceId: h.org.workspaceId,
        externalId: 'conn_project_alpha_openai',
        displayName: 'Project Alpha OpenAI Key',
        scope: 'ORGANIZATION',
        status: 'ACTIVE',
        endUserId: null,
        oauthAppId: null,
      })
      expect(Object.keys(connection).filter((k) => /secret|token|credential|password/i.test(k))).toEqual([
        'tokenExpiresAt',
        'refreshTokenExpiresAt',
      ])
      const row = await h.t.deps.db
        .selectFrom('connections')
        .selectAll()
        .where('id', '=', connection.id)
        .executeTakeFirstOrThrow()
      expect(decryptCredentials(h.t.deps, row)).toEqual({ kind: 'fields', values: { apiKey: secret } })
      expect((await bytesOfDatabase()).includes(secret)).toBe(false)
      expect((await (await h.api(`/api/v1/connections/${connection.id}`)).text()).includes(secret)).toBe(
        false,
      )

      // The seed resolves it with the same context.
      const resolved = await post('/api/v1/connections/resolve', {
        integrationName: 'openai',
        workspaceId: h.org.workspaceId,
        externalId: 'conn_project_alpha_openai',
      })
      expect(resolved.status).toBe(200)
      expect(((await resolved.json()) as { connection: ConnectionJson }).connection.id).toBe(connection.id)
    })

    it('SECRET_TEXT that does not match the integration’s format → 400 VALIDATION_ERROR', async () => {
      const err = await expectError(
        await post('/api/v1/connections', {
          type: 'SECRET_TEXT',
          integrationName: 'openai',
          workspaceId: h.org.workspaceId,
          externalId: 'conn_bad_key',
          secretText: 'not-a-key',
        }),
        400,
        'VALIDATION_ERROR',
      )
      expect(JSON.stringify(err)).not.toContain('not-a-key')
    })

    it('BASIC (twilio: account SID + auth token) → 201', async () => {
      const sid = `AC${hex(32)}`
      const authToken = `tok_${randomUUID()}`
      const connection = await createConnection({
        type: 'BASIC',
        integrationName: 'twilio',
        externalId: 'conn_twilio',
        username: sid,
        password: authToken,
      })
      expect(connection).toMatchObject({ type: 'BASIC', integrationName: 'twilio', status: 'ACTIVE' })
      const row = await h.t.deps.db
        .selectFrom('connections')
        .selectAll()
        .where('id', '=', connection.id)
        .executeTakeFirstOrThrow()
      const creds = decryptCredentials(h.t.deps, row)
      expect(creds).toEqual({ kind: 'fields', values: { accountSid: sid, authToken } })
      expect((await bytesOfDatabase()).includes(authToken)).toBe(false)
      // The form's own checks still apply to the username.
      const bad = await expectError(
        await post('/api/v1/connections', {
          type: 'BASIC',
          integrationName: 'twilio',
          workspaceId: h.org.workspaceId,
          externalId: 'conn_twilio_bad',
          username: 'not-a-sid',
          password: 'x',
        }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(bad)).toEqual(['username'])
    })

    it('CUSTOM (trello: apiKey + token fields) → 201; unknown or missing fields → 400 naming them', async () => {
      const token = `trello-${randomUUID()}`
      const connection = await createConnection({
        type: 'CUSTOM',
        integrationName: 'trello',
        externalId: 'conn_trello',
        fields: { apiKey: hex(32), token },
      })
      expect(connection).toMatchObject({ type: 'CUSTOM', integrationName: 'trello' })
      expect((await bytesOfDatabase()).includes(token)).toBe(false)

      const missing = await expectError(
        await post('/api/v1/connections', {
          type: 'CUSTOM',
          integrationName: 'trello',
          workspaceId: h.org.workspaceId,
          externalId: 'conn_trello_2',
          fields: { apiKey: hex(32) },
        }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(missing)).toEqual(['token'])
      const unknown = await expectError(
        await post('/api/v1/connections', {
          type: 'CUSTOM',
          integrationName: 'trello',
          workspaceId: h.org.workspaceId,
          externalId: 'conn_trello_3',
          fields: { apiKey: hex(32), token: 't', secret: 'x' },
        }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(unknown)).toEqual(['secret'])
    })

    it('OAUTH2 with supplied tokens → 201 with the tenant OAuth app, no token in the answer', async () => {
      const accessToken = `at-${randomUUID()}`
      const refreshToken = `rt-${randomUUID()}`
      const expiresAt = new Date(h.clock.now().getTime() + 3600_000).toISOString()
      const connection = await createConnection({
        type: 'OAUTH2',
        integrationName: 'acme-idp',
        externalId: 'conn_imported',
        accessToken,
        refreshToken,
        expiresAt,
        scopes: ['openid', 'api:read'],
      })
      const app = await h.t.deps.db
        .selectFrom('oauthApps')
        .select('id')
        .where('organizationId', '=', h.org.organizationId)
        .where('integrationName', '=', 'acme-idp')
        .executeTakeFirstOrThrow()
      expect(connection).toMatchObject({
        type: 'OAUTH2',
        oauthAppId: app.id,
        grantedScopes: ['openid', 'api:read'],
        tokenExpiresAt: expiresAt,
      })
      const text = JSON.stringify(connection)
      expect(text).not.toContain(accessToken)
      expect(text).not.toContain(refreshToken)
      const bytes = await bytesOfDatabase()
      expect(bytes.includes(accessToken)).toBe(false)
      expect(bytes.includes(refreshToken)).toBe(false)

      // An OAuth integration without any app cannot hold imported tokens.
      await expectError(
        await post('/api/v1/connections', {
          type: 'OAUTH2',
          integrationName: 'slack',
          workspaceId: h.org.workspaceId,
          externalId: 'conn_slack',
          accessToken: 'xoxb-1',
        }),
        400,
        'NO_OAUTH_APP',
      )
    })

    it.each([
      [
        'SECRET_TEXT for a BASIC integration',
        { type: 'SECRET_TEXT', integrationName: 'twilio', secretText: 'x' },
      ],
      [
        'OAUTH2 for a SECRET_TEXT integration',
        { type: 'OAUTH2', integrationName: 'openai', accessToken: 'x' },
      ],
      [
        'BASIC for an OAUTH2 integration',
        { type: 'BASIC', integrationName: 'acme-idp', username: 'u', password: 'p' },
      ],
      [
        'CUSTOM for a SECRET_TEXT integration',
        { type: 'CUSTOM', integrationName: 'openai', fields: { apiKey: 'sk-1' } },
      ],
    ])('the wrong type (%s) → 400 VALIDATION_ERROR naming type', async (_name, body) => {
      const err = await expectError(
        await post('/api/v1/connections', {
          workspaceId: h.org.workspaceId,
          externalId: 'conn_wrong',
          ...body,
        }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(err)).toEqual(['type'])
    })

    it('an unknown type, a missing workspace, another org’s workspace and an unknown integration are refused', async () => {
      const unknownType = await expectError(
        await post('/api/v1/connections', {
          type: 'API_KEY',
          integrationName: 'openai',
          workspaceId: h.org.workspaceId,
          externalId: 'x',
          secretText: 'sk-1',
        }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(unknownType)).toEqual(['type'])
      const noWorkspace = await expectError(
        await post('/api/v1/connections', {
          type: 'SECRET_TEXT',
          integrationName: 'openai',
          externalId: 'x',
          secretText: 'sk-1',
        }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(noWorkspace)).toEqual(['workspaceId'])
      await expectError(
        await post('/api/v1/connections', {
          type: 'SECRET_TEXT',
          integrationName: 'openai',
          workspaceId: other.workspaceId,
          externalId: 'x',
          secretText: 'sk-1',
        }),
        404,
        'NOT_FOUND',
      )
      await expectError(
        await post('/api/v1/connections', {
          type: 'SECRET_TEXT',
          integrationName: 'no-such',
          workspaceId: h.org.workspaceId,
          externalId: 'x',
          secretText: 'sk-1',
        }),
        404,
        'INTEGRATION_NOT_FOUND',
      )
    })
  })

  describe('GET /api/v1/connections', () => {
    it('filters by integrationName, workspaceId, endUserId and status', async () => {
      const a = await createConnection({
        type: 'SECRET_TEXT',
        integrationName: 'anthropic',
        externalId: 'filter_a',
        secretText: 'sk-ant-a',
      })
      const b = await createConnection({
        type: 'SECRET_TEXT',
        integrationName: 'anthropic',
        workspaceId: workspace2,
        externalId: 'filter_b',
        secretText: 'sk-ant-b',
        endUserId: 'filter_user',
      })
      const c = await createConnection({
        type: 'SECRET_TEXT',
        integrationName: 'anthropic',
        externalId: 'filter_c',
        secretText: 'sk-ant-c',
      })
      await h.t.deps.db
        .updateTable('connections')
        .set({ status: 'REFRESH_FAILED' })
        .where('id', '=', c.id)
        .execute()
      const ids = async (query: string) =>
        (
          (await (await h.api(`/api/v1/connections?${query}`)).json()) as { connections: ConnectionJson[] }
        ).connections
          .map((x) => x.id)
          .sort()

      expect(await ids('integrationName=anthropic')).toEqual([a.id, b.id, c.id].sort())
      expect(await ids(`integrationName=anthropic&workspaceId=${workspace2}`)).toEqual([b.id])
      expect(await ids('integrationName=anthropic&endUserId=filter_user')).toEqual([b.id])
      expect(b.endUserId).not.toBeNull()
      expect(await ids(`endUserId=${b.endUserId}`)).toEqual([b.id])
      expect(await ids('integrationName=anthropic&status=REFRESH_FAILED')).toEqual([c.id])
      expect(await ids('integrationName=anthropic&status=ACTIVE')).toEqual([a.id, b.id].sort())
      expect(await ids('endUserId=nobody')).toEqual([])
      expect(b.scope).toBe('USER')

      await expectError(await h.api('/api/v1/connections?status=BROKEN'), 400, 'VALIDATION_ERROR')
      await expectError(await h.api('/api/v1/connections?workspaceId=nope'), 400, 'VALIDATION_ERROR')

      // Another organization sees none of them.
      const theirs = (await (await h.api('/api/v1/connections', { key: other.apiKey })).json()) as {
        connections: ConnectionJson[]
      }
      expect(theirs.connections).toEqual([])
    })

    it.each([
      ['with identical creation times', 0],
      ['with distinct creation times', 1000],
    ])(
      'cursor pagination %s: limit=2 pages through 5 connections with no duplicates and no gaps',
      async (_n, step) => {
        const integration = step === 0 ? 'mistral' : 'groq'
        const created: string[] = []
        for (let i = 0; i < 5; i++) {
          const c = await createConnection({
            type: 'SECRET_TEXT',
            integrationName: integration,
            externalId: `page_${integration}_${i}`,
            secretText: `${integration === 'groq' ? 'gsk_' : ''}key_${i}_${randomUUID()}`,
          })
          created.push(c.id)
          h.clock.advance(step)
        }
        const seen: string[] = []
        const pageSizes: number[] = []
        let cursor: string | null = null
        for (let guard = 0; guard < 10; guard++) {
          const query: string = `integrationName=${integration}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
          const res = await h.api(`/api/v1/connections?${query}`)
          expect(res.status).toBe(200)
          const page = (await res.json()) as { connections: ConnectionJson[]; nextCursor: string | null }
          pageSizes.push(page.connections.length)
          seen.push(...page.connections.map((c) => c.id))
          cursor = page.nextCursor
          if (!cursor) break
        }
        expect(pageSizes).toEqual([2, 2, 1])
        expect(new Set(seen).size).toBe(5)
        expect([...seen].sort()).toEqual([...created].sort())
        if (step > 0) expect(seen).toEqual([...created].reverse())
      },
    )

    it('an invalid cursor or limit → 400 VALIDATION_ERROR', async () => {
      const bad = await expectError(
        await h.api('/api/v1/connections?cursor=not-a-cursor'),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(bad)).toEqual(['cursor'])
      const forged = Buffer.from(JSON.stringify({ x: 1 })).toString('base64url')
      await expectError(await h.api(`/api/v1/connections?cursor=${forged}`), 400, 'VALIDATION_ERROR')
      await expectError(await h.api('/api/v1/connections?limit=0'), 400, 'VALIDATION_ERROR')
      await expectError(await h.api('/api/v1/connections?limit=100000'), 400, 'VALIDATION_ERROR')
      await expectError(await h.api('/api/v1/connections?limit=abc'), 400, 'VALIDATION_ERROR')
    })
  })

  describe('GET and DELETE /api/v1/connections/:id', () => {
    it('another organization’s connection is 404 for GET and DELETE, and survives', async () => {
      const res = await post(
        '/api/v1/connections',
        {
          type: 'SECRET_TEXT',
          integrationName: 'openai',
          workspaceId: other.workspaceId,
          externalId: 'theirs',
          secretText: 'sk-theirs',
        },
        other.apiKey,
      )
      expect(res.status).toBe(201)
      const { connection } = (await res.json()) as { connection: ConnectionJson }
      const notFound = await expectError(
        await h.api(`/api/v1/connections/${connection.id}`),
        404,
        'CONNECTION_NOT_FOUND',
      )
      expect(JSON.stringify(notFound)).not.toContain('theirs')
      await expectError(
        await h.api(`/api/v1/connections/${connection.id}`, { method: 'DELETE' }),
        404,
        'CONNECTION_NOT_FOUND',
      )
      expect((await h.api(`/api/v1/connections/${connection.id}`, { key: other.apiKey })).status).toBe(200)
    })

    it('DELETE → 204 with no body, then GET and DELETE → 404', async () => {
      const connection = await openai('to_delete')
      const del = await h.api(`/api/v1/connections/${connection.id}`, { method: 'DELETE' })
      expect(del.status).toBe(204)
      expect(await del.text()).toBe('')
      await expectError(await h.api(`/api/v1/connections/${connection.id}`), 404, 'CONNECTION_NOT_FOUND')
      await expectError(
        await h.api(`/api/v1/connections/${connection.id}`, { method: 'DELETE' }),
        404,
        'CONNECTION_NOT_FOUND',
      )
      const row = await h.t.deps.db
        .selectFrom('connections')
        .select('id')
        .where('id', '=', connection.id)
        .executeTakeFirst()
      expect(row).toBeUndefined()
    })
  })

  describe('POST /api/v1/connections/resolve', () => {
    const resolve = (json: Record<string, unknown>) =>
      post('/api/v1/connections/resolve', { integrationName: 'openai', ...json })

    it('by externalId; workspaceId is required', async () => {
      const c = await openai('resolve_basic')
      const ok = await resolve({ workspaceId: h.org.workspaceId, externalId: 'resolve_basic' })
      expect(ok.status).toBe(200)
      expect(((await ok.json()) as { connection: ConnectionJson }).connection).toMatchObject({
        id: c.id,
        externalId: 'resolve_basic',
      })
      const missing = await expectError(
        await resolve({ externalId: 'resolve_basic' }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(missing)).toEqual(['workspaceId'])
      await expectError(
        await resolve({ workspaceId: h.org.workspaceId, externalId: 'no_such_connection' }),
        404,
        'CONNECTION_NOT_FOUND',
      )
      await expectError(
        await resolve({ workspaceId: other.workspaceId, externalId: 'resolve_basic' }),
        404,
        'NOT_FOUND',
      )
      const neither = await expectError(
        await resolve({ workspaceId: h.org.workspaceId }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(neither)).toEqual(['externalId'])
    })

    it('an ORGANIZATION connection resolves from another workspace of the same organization', async () => {
      const c = await openai('resolve_org', { scope: 'ORGANIZATION' })
      const res = await resolve({ workspaceId: workspace2, externalId: 'resolve_org' })
      expect(res.status).toBe(200)
      expect(((await res.json()) as { connection: ConnectionJson }).connection.id).toBe(c.id)
    })

    it('a WORKSPACE connection from another workspace → 409 SCOPE_MISMATCH', async () => {
      const c = await openai('resolve_ws', { scope: 'WORKSPACE' })
      expect(c.scope).toBe('WORKSPACE')
      await expectError(
        await resolve({ workspaceId: workspace2, externalId: 'resolve_ws' }),
        409,
        'SCOPE_MISMATCH',
      )
      const own = await resolve({ workspaceId: h.org.workspaceId, externalId: 'resolve_ws' })
      expect(own.status).toBe(200)
    })

    it('an explicit scope that differs from the connection’s → SCOPE_MISMATCH', async () => {
      await openai('resolve_scope', { scope: 'ORGANIZATION' })
      await expectError(
        await resolve({ workspaceId: h.org.workspaceId, externalId: 'resolve_scope', scope: 'WORKSPACE' }),
        409,
        'SCOPE_MISMATCH',
      )
      await expectError(
        await resolve({ workspaceId: h.org.workspaceId, externalId: 'resolve_scope', scope: 'USER' }),
        409,
        'SCOPE_MISMATCH',
      )
      const same = await resolve({
        workspaceId: h.org.workspaceId,
        externalId: 'resolve_scope',
        scope: 'ORGANIZATION',
      })
      expect(same.status).toBe(200)
    })

    it('a USER connection needs its own end user: none or another → SCOPE_MISMATCH; the right one → 200', async () => {
      await post('/api/v1/end-users', { workspaceId: h.org.workspaceId, externalId: 'bob' })
      const c = await openai('resolve_user', { scope: 'USER', endUserId: 'alice' })
      expect(c.scope).toBe('USER')
      expect(c.endUserId).not.toBeNull()
      await expectError(
        await resolve({ workspaceId: h.org.workspaceId, externalId: 'resolve_user' }),
        409,
        'SCOPE_MISMATCH',
      )
      await expectError(
        await resolve({ workspaceId: h.org.workspaceId, externalId: 'resolve_user', endUserId: 'bob' }),
        409,
        'SCOPE_MISMATCH',
      )
      const ok = await resolve({
        workspaceId: h.org.workspaceId,
        externalId: 'resolve_user',
        endUserId: 'alice',
      })
      expect(ok.status).toBe(200)
      expect(((await ok.json()) as { connection: ConnectionJson }).connection.id).toBe(c.id)
      // Not from another workspace either, even naming the end user.
      const elsewhere = await resolve({
        workspaceId: workspace2,
        externalId: 'resolve_user',
        endUserId: 'alice',
      })
      expect(elsewhere.status).toBeGreaterThanOrEqual(400)
      expect(elsewhere.status).toBeLessThan(500)
      // An ORGANIZATION connection asked for on behalf of an end user it is not linked to is refused too.
      await openai('resolve_org_for_user', { scope: 'ORGANIZATION' })
      await expectError(
        await resolve({
          workspaceId: h.org.workspaceId,
          externalId: 'resolve_org_for_user',
          endUserId: 'bob',
        }),
        409,
        'SCOPE_MISMATCH',
      )
    })

    it('a USER connection without endUserId at creation → 400 VALIDATION_ERROR', async () => {
      const err = await expectError(
        await post('/api/v1/connections', {
          type: 'SECRET_TEXT',
          integrationName: 'openai',
          workspaceId: h.org.workspaceId,
          externalId: 'user_without_end_user',
          secretText: 'sk-1',
          scope: 'USER',
        }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(err)).toEqual(['endUserId'])
    })
  })
})
