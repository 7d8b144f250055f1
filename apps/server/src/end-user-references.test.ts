import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * Seed 001 names an end user both ways: `endUser.id` (createConnectToken(endUser.id, …)) and
 * its `externalId` ("pass that value as endUserId during execution"). Every endpoint that takes
 * an end user accepts either; when a value is both some end user's id and another's
 * externalId, the id wins.
 */

interface EndUserJson {
  id: string
  workspaceId: string
  externalId: string
}
interface ConnectionJson {
  id: string
  endUserId: string | null
}

describe('endUserId is the end user’s id or its externalId (issue 21, item 16)', () => {
  let h: Harness
  let alice: EndUserJson
  let impostor: EndUserJson
  let otherWorkspace: string
  let aliceConnection: ConnectionJson

  const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
    h.api(path, { method: 'POST', json, headers })

  async function ok<T>(res: Response, status = 200): Promise<T> {
    const text = await res.text()
    expect(res.status, text).toBe(status)
    return JSON.parse(text) as T
  }

  beforeAll(async () => {
    h = await startHarness()
    alice = (
      await ok<{ endUser: EndUserJson }>(
        await post('/api/v1/end-users', { workspaceId: h.org.workspaceId, externalId: 'alice-16' }),
        201,
      )
    ).endUser
    // Someone whose externalId happens to be alice's id: the id still means alice.
    impostor = (
      await ok<{ endUser: EndUserJson }>(
        await post('/api/v1/end-users', { workspaceId: h.org.workspaceId, externalId: alice.id }),
        201,
      )
    ).endUser
    const ws = await ok<{ workspace: { id: string } }>(
      await post('/api/v1/workspaces', { name: 'Elsewhere' }),
      201,
    )
    otherWorkspace = ws.workspace.id
    aliceConnection = (
      await ok<{ connection: ConnectionJson }>(
        await post('/api/v1/connections', {
          type: 'OAUTH2',
          integrationName: 'acme-idp',
          workspaceId: h.org.workspaceId,
          externalId: 'alice-16-acme',
          scope: 'USER',
          // Created with the id, as seed 001's createConnectToken(endUser.id, …) does.
          endUserId: alice.id,
          accessToken: 'alice-token',
        }),
        201,
      )
    ).connection
  })
  afterAll(async () => {
    await h.close()
  })

  it('POST /api/v1/connections with the id links the connection to that end user (no new end user)', async () => {
    expect(aliceConnection.endUserId).toBe(alice.id)
    const rows = await h.t.deps.db.selectFrom('endUsers').select('externalId').execute()
    expect(rows.map((r) => r.externalId).sort()).toEqual(['alice-16', alice.id].sort())
  })

  it.each([
    ['the id', () => alice.id],
    ['the externalId', () => 'alice-16'],
  ])('POST /api/v1/connections/resolve with %s → alice’s connection', async (_what, ref) => {
    const { connection } = await ok<{ connection: ConnectionJson }>(
      await post('/api/v1/connections/resolve', {
        integrationName: 'acme-idp',
        workspaceId: h.org.workspaceId,
        endUserId: ref(),
      }),
    )
    expect(connection.id).toBe(aliceConnection.id)
  })

  it.each([
    ['the id', () => alice.id],
    ['the externalId', () => 'alice-16'],
  ])('POST /api/v1/proxy with %s reaches the upstream through alice’s connection', async (_what, ref) => {
    const res = await post('/api/v1/proxy', {
      integrationName: 'acme-idp',
      workspaceId: h.org.workspaceId,
      endUserId: ref(),
      url: '/me',
    })
    // The upstream refuses the imported token (the provider never issued it): reaching it is the point.
    expect(res.status, await res.text()).not.toBe(404)
    expect(h.upstream.requests.at(-1)?.headers.authorization).toBe('Bearer alice-token')
  })

  it.each([
    ['the id', () => alice.id],
    ['the externalId', () => 'alice-16'],
  ])('GET /api/v1/connections?endUserId= %s lists alice’s connections only', async (_what, ref) => {
    const q = new URLSearchParams({ endUserId: ref() })
    const { connections } = await ok<{ connections: ConnectionJson[] }>(
      await h.api(`/api/v1/connections?${q}`),
    )
    expect(connections.map((c) => c.id)).toEqual([aliceConnection.id])
  })

  it.each([
    ['the id', () => alice.id],
    ['the externalId', () => 'alice-16'],
  ])('X-End-User-Id with %s acts for alice (seed 002), ownerId her externalId', async (_what, ref) => {
    const body = await ok<{ id: string; ownerId: string }>(
      await h.api('/api/integrations/acme-idp/connection', {
        headers: { 'x-end-user-id': ref(), 'x-workspace-id': h.org.workspaceId },
      }),
    )
    expect(body).toMatchObject({ id: aliceConnection.id, ownerId: 'alice-16' })
  })

  it.each([
    ['the id', () => alice.id],
    ['the externalId', () => 'alice-16'],
  ])('POST /api/v1/connect/token with %s: the session is alice’s', async (_what, ref) => {
    const { sessionId } = await ok<{ sessionId: string }>(
      await post('/api/v1/connect/token', {
        integrationName: 'acme-idp',
        connectionName: 'Acme',
        externalId: `alice-16-token-${_what}`,
        workspaceId: h.org.workspaceId,
        scope: 'USER',
        endUserId: ref(),
      }),
      201,
    )
    const session = await h.t.deps.db
      .selectFrom('connectSessions')
      .select('endUserId')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow()
    expect(session.endUserId).toBe(alice.id)
  })

  it.each([
    ['the id', () => alice.id],
    ['the externalId', () => 'alice-16'],
  ])('GET /api/v1/end-users/:id and POST …/:id/connect-token with %s', async (_what, ref) => {
    const { endUser } = await ok<{ endUser: EndUserJson }>(
      await h.api(`/api/v1/end-users/${encodeURIComponent(ref())}`),
    )
    expect(endUser.id).toBe(alice.id)
    await ok(
      await post(`/api/v1/end-users/${encodeURIComponent(ref())}/connect-token`, {
        integrationName: 'acme-idp',
      }),
      201,
    )
  })

  it('tRPC endUsers.createConnectToken takes the externalId too', async () => {
    const res = await post('/trpc/endUsers.createConnectToken', {
      endUserId: 'alice-16',
      integrationName: 'acme-idp',
    })
    expect(res.status, await res.text()).toBe(200)
  })

  it('the impostor is reached by its own id, never by alice’s', async () => {
    const { endUser } = await ok<{ endUser: EndUserJson }>(await h.api(`/api/v1/end-users/${impostor.id}`))
    expect(endUser.externalId).toBe(alice.id)
    const { endUser: byAliceId } = await ok<{ endUser: EndUserJson }>(
      await h.api(`/api/v1/end-users/${alice.id}`),
    )
    expect(byAliceId.externalId).toBe('alice-16')
  })

  it('an end user of another workspace is not found there (and no end user is made from its id)', async () => {
    const res = await post('/api/v1/connections/resolve', {
      integrationName: 'acme-idp',
      workspaceId: otherWorkspace,
      endUserId: alice.id,
    })
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('END_USER_NOT_FOUND')
    const token = await post('/api/v1/connect/token', {
      integrationName: 'acme-idp',
      connectionName: 'Acme',
      externalId: 'cross-workspace',
      workspaceId: otherWorkspace,
      scope: 'USER',
      endUserId: alice.id,
    })
    expect(token.status).toBe(404)
    const made = await h.t.deps.db
      .selectFrom('endUsers')
      .select('id')
      .where('workspaceId', '=', otherWorkspace)
      .execute()
    expect(made).toEqual([])
  })

  it('an externalId used in two workspaces is ambiguous where no workspace is given → 400 asking for the id', async () => {
    await ok(await post('/api/v1/end-users', { workspaceId: h.org.workspaceId, externalId: 'twin' }), 201)
    await ok(await post('/api/v1/end-users', { workspaceId: otherWorkspace, externalId: 'twin' }), 201)
    const res = await h.api('/api/v1/end-users/twin')
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('VALIDATION_ERROR')
    expect(body.error.message).toMatch(/id/)
  })
})
