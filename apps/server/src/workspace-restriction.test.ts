import { createUser, insertApiKey } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// Issue 24: an API key or a membership narrowed to workspace A never sees workspace B's data:
// B's resources answer 404, lists leave them out, the proxy does not reach them.

const PASSWORD = 'correct horse battery staple'

describe('workspace restrictions', () => {
  let h: Harness
  let workspaceB: string
  let inA: string
  let inB: string

  /** A dashboard session of a new admin narrowed to workspace A (narrowed with the bootstrap key). */
  async function narrowedAdminSession(email: string): Promise<string> {
    const admin = await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email,
      password: PASSWORD,
      role: 'admin',
    })
    const narrowed = await h.api(`/api/v1/members/${admin.id}`, {
      method: 'PATCH',
      json: { workspaceIds: [h.org.workspaceId] },
    })
    expect(narrowed.status).toBe(200)
    const login = await fetch(`${h.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    })
    return (login.headers.getSetCookie()[0] ?? '').split(';')[0] as string
  }

  beforeAll(async () => {
    h = await startHarness()
    const res = await h.api('/api/v1/workspaces', { method: 'POST', json: { name: 'B' } })
    expect(res.status).toBe(201)
    workspaceB = ((await res.json()) as { workspace: { id: string } }).workspace.id
    inA = (await connectAcme(h)).connectionId
    inB = (await connectAcme(h, { workspaceId: workspaceB })).connectionId
  }, 60_000)
  afterAll(async () => {
    await h?.close()
  })

  async function expectNarrowedToA(
    call: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>,
  ) {
    const workspaces = (await (await call('/api/v1/workspaces')).json()) as {
      workspaces: Array<{ id: string }>
    }
    expect(workspaces.workspaces.map((w) => w.id)).toEqual([h.org.workspaceId])
    expect((await call(`/api/v1/workspaces/${workspaceB}`)).status).toBe(404)
    const list = (await (await call('/api/v1/connections')).json()) as { connections: Array<{ id: string }> }
    expect(list.connections.map((c) => c.id)).toEqual([inA])
    expect((await call(`/api/v1/connections/${inA}`)).status).toBe(200)
    const other = await call(`/api/v1/connections/${inB}`)
    expect(other.status).toBe(404)
    expect(await other.text()).not.toContain(workspaceB)
    expect((await call(`/api/v1/connections/${inB}`, { method: 'DELETE' })).status).toBe(404)
    const proxied = await call('/api/v1/proxy', {
      method: 'POST',
      json: { connectionId: inB, method: 'GET', url: '/userinfo' },
    })
    expect(proxied.status).toBe(404)
  }

  it('a key restricted to workspace A gets 404 for workspace B and lists only A', async () => {
    const { key } = await insertApiKey(h.t.deps, h.org.organizationId, 'A only', {
      workspaceIds: [h.org.workspaceId],
    })
    await expectNarrowedToA((path, init) => h.api(path, { ...init, key }))
    // It cannot make a workspace it would not see.
    expect((await h.api('/api/v1/workspaces', { method: 'POST', key, json: { name: 'C' } })).status).toBe(403)
  })

  it('an admin narrowed to workspace A never sees workspace B', async () => {
    const admin = await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email: 'narrow@acme.test',
      password: PASSWORD,
      role: 'admin',
    })
    const owner = await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email: 'owner@acme.test',
      password: PASSWORD,
      role: 'owner',
    })
    const signIn = async (email: string) => {
      const res = await fetch(`${h.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      })
      return (res.headers.getSetCookie()[0] ?? '').split(';')[0] as string
    }
    const ownerCookie = await signIn(owner.email)
    const narrowed = await h.api(`/api/v1/members/${admin.id}`, {
      method: 'PATCH',
      key: null,
      headers: { cookie: ownerCookie, 'sec-fetch-site': 'same-origin' },
      json: { workspaceIds: [h.org.workspaceId] },
    })
    expect(narrowed.status).toBe(200)
    const cookie = await signIn(admin.email)
    await expectNarrowedToA((path, init) =>
      h.api(path, { ...init, key: null, headers: { cookie, 'sec-fetch-site': 'same-origin' } }),
    )
  })

  it('a key cannot be made wider than its maker: a narrowed admin names workspaces it sees', async () => {
    const { key } = await insertApiKey(h.t.deps, h.org.organizationId, 'A maker', {
      workspaceIds: [h.org.workspaceId],
    })
    const wide = await h.api('/api/v1/api-keys', { method: 'POST', key, json: { name: 'wide' } })
    expect(wide.status).toBe(404)
    const theirs = await h.api('/api/v1/api-keys', {
      method: 'POST',
      key,
      json: { workspaceIds: [workspaceB] },
    })
    expect(theirs.status).toBe(404)
    const ok = await h.api('/api/v1/api-keys', {
      method: 'POST',
      key,
      json: {
        name: 'A too',
        scopes: ['proxy'],
        workspaceIds: [h.org.workspaceId],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    })
    expect(ok.status).toBe(201)
    const made = (await ok.json()) as {
      apiKey: { scopes: string[]; workspaceIds: string[]; expiresAt: string }
    }
    expect(made.apiKey).toMatchObject({ scopes: ['proxy'], workspaceIds: [h.org.workspaceId] })
  })

  it("a key restricted to workspace A never sees B's end users, connect sessions, events or stats", async () => {
    const made = async (workspaceId: string, externalId: string) => {
      const res = await h.api('/api/v1/end-users', { method: 'POST', json: { workspaceId, externalId } })
      expect(res.status).toBe(201)
      return ((await res.json()) as { endUser: { id: string } }).endUser.id
    }
    const userA = await made(h.org.workspaceId, 'user-a')
    const userB = await made(workspaceB, 'user-b')
    const token = async (workspaceId: string) => {
      const res = await h.api('/api/v1/connect/token', {
        method: 'POST',
        json: { integrationName: 'acme-idp', connectionName: 'S', externalId: 'sess', workspaceId },
      })
      expect(res.status).toBe(201)
      return ((await res.json()) as { sessionId: string }).sessionId
    }
    const sessionA = await token(h.org.workspaceId)
    const sessionB = await token(workspaceB)
    const { key } = await insertApiKey(h.t.deps, h.org.organizationId, 'A only, people', {
      workspaceIds: [h.org.workspaceId],
    })
    const call = (path: string, init: RequestInit & { json?: unknown } = {}) => h.api(path, { ...init, key })
    const trpc = async <T>(path: string, input: unknown): Promise<T> => {
      const res = await call(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
      expect(res.status).toBe(200)
      return ((await res.json()) as { result: { data: T } }).result.data
    }

    // End users: only A's are listed, B's answer 404 however they are reached.
    const list = (await (await call('/api/v1/end-users')).json()) as { endUsers: Array<{ id: string }> }
    expect(list.endUsers.map((u) => u.id)).toEqual([userA])
    const filtered = (await (await call(`/api/v1/end-users?workspaceId=${workspaceB}`)).json()) as {
      endUsers: unknown[]
    }
    expect(filtered.endUsers).toEqual([])
    expect((await call(`/api/v1/end-users/${userA}`)).status).toBe(200)
    expect((await call(`/api/v1/end-users/${userB}`)).status).toBe(404)
    expect((await call('/api/v1/end-users/user-b')).status).toBe(404)
    expect(
      (await call(`/api/v1/end-users/${userB}`, { method: 'PATCH', json: { displayName: 'x' } })).status,
    ).toBe(404)
    expect((await call(`/api/v1/end-users/${userB}`, { method: 'DELETE' })).status).toBe(404)
    expect(
      (
        await call('/api/v1/end-users', {
          method: 'POST',
          json: { workspaceId: workspaceB, externalId: 'new' },
        })
      ).status,
    ).toBe(404)
    expect(
      (
        await call(`/api/v1/end-users/${userB}/connect-token`, {
          method: 'POST',
          json: { integrationName: 'acme-idp' },
        })
      ).status,
    ).toBe(404)

    // Connect tokens and sessions.
    const tokenInB = await call('/api/v1/connect/token', {
      method: 'POST',
      json: { integrationName: 'acme-idp', connectionName: 'S', externalId: 'k', workspaceId: workspaceB },
    })
    expect(tokenInB.status).toBe(404)
    const tokenInA = await call('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-idp',
        connectionName: 'S',
        externalId: 'k',
        workspaceId: h.org.workspaceId,
      },
    })
    expect(tokenInA.status).toBe(201)
    expect((await call(`/api/v1/connect/session/${sessionA}`)).status).toBe(200)
    expect((await call(`/api/v1/connect/session/${sessionB}`)).status).toBe(404)
    const sessions = await trpc<Array<{ id: string }>>('connect.sessions', {})
    expect(sessions.map((s) => s.id)).not.toContain(sessionB)
    expect(sessions.map((s) => s.id)).toContain(sessionA)

    // Connection history, the event log and the overview leave B out.
    expect((await call(`/api/v1/connections/${inB}/events`)).status).toBe(404)
    const events = (await (await call('/api/v1/events?limit=200')).json()) as {
      events: Array<{ workspaceId: string | null }>
    }
    expect(events.events.length).toBeGreaterThan(0)
    expect(events.events.every((e) => e.workspaceId === h.org.workspaceId)).toBe(true)
    // …while the log holds B's events and organization-level ones (no workspace) that it leaves out.
    const everyone = (await (await h.api('/api/v1/events?limit=200')).json()) as {
      events: Array<{ workspaceId: string | null }>
    }
    const seen = new Set(everyone.events.map((e) => e.workspaceId))
    expect(seen.has(workspaceB) && seen.has(null) && seen.has(h.org.workspaceId)).toBe(true)
    const overview = await trpc<{ connectionsByIntegration: Array<{ count: number }> }>('stats.overview', {})
    expect(overview.connectionsByIntegration.reduce((n, r) => n + r.count, 0)).toBe(1)
    const res = await call(
      `/trpc/stats.overview?input=${encodeURIComponent(JSON.stringify({ workspaceId: workspaceB }))}`,
    )
    expect(res.status).toBe(404)
  })

  it('a narrowed key invites or narrows members only within its workspaces', async () => {
    const { key } = await insertApiKey(h.t.deps, h.org.organizationId, 'A only, members', {
      workspaceIds: [h.org.workspaceId],
    })
    const invite = (json: object) => h.api('/api/v1/invites', { method: 'POST', key, json })
    expect((await invite({ email: 'wide@acme.test', role: 'member' })).status).toBe(404)
    expect((await invite({ email: 'b@acme.test', role: 'member', workspaceIds: [workspaceB] })).status).toBe(
      404,
    )
    const ok = await invite({ email: 'a@acme.test', role: 'member', workspaceIds: [h.org.workspaceId] })
    expect(ok.status).toBe(201)
    const member = await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email: 'member-a@acme.test',
      password: PASSWORD,
      role: 'member',
    })
    // The member sees every workspace: the narrowed key cannot touch them (below); once the
    // owner narrows them to A, the key may.
    const narrowToA = await h.api(`/api/v1/members/${member.id}`, {
      method: 'PATCH',
      json: { workspaceIds: [h.org.workspaceId] },
    })
    expect(narrowToA.status).toBe(200)
    const patch = (json: object) => h.api(`/api/v1/members/${member.id}`, { method: 'PATCH', key, json })
    expect((await patch({ workspaceIds: null })).status).toBe(404)
    expect((await patch({ workspaceIds: [workspaceB] })).status).toBe(404)
    expect((await patch({ workspaceIds: [h.org.workspaceId] })).status).toBe(200)
  })

  // Defect: a narrowed admin could change or remove a member (or revoke an invite) whose access
  // is wider than theirs. One rule with "a key is never wider than its maker": 403 WIDER_THAN_YOURS.
  it('a narrowed admin or key cannot change, remove or revoke someone wider than itself (REST and tRPC)', async () => {
    const { key } = await insertApiKey(h.t.deps, h.org.organizationId, 'A only, wider', {
      workspaceIds: [h.org.workspaceId],
    })
    const viewerKey = (
      await insertApiKey(h.t.deps, h.org.organizationId, 'A viewer-ish', {
        workspaceIds: [h.org.workspaceId],
        scopes: ['members:read', 'members:write'],
      })
    ).key
    const mk = async (email: string, workspaceIds: string[] | null) => {
      const u = await createUser(h.t.deps, {
        organizationId: h.org.organizationId,
        email,
        password: PASSWORD,
        role: 'member',
      })
      if (workspaceIds) {
        const r = await h.api(`/api/v1/members/${u.id}`, { method: 'PATCH', json: { workspaceIds } })
        expect(r.status).toBe(200)
      }
      return u.id
    }
    const everywhere = await mk('everywhere@acme.test', null)
    const inBOnly = await mk('b-only@acme.test', [workspaceB])
    const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code
    for (const id of [everywhere, inBOnly]) {
      const changed = await h.api(`/api/v1/members/${id}`, { method: 'PATCH', key, json: { role: 'viewer' } })
      expect(changed.status).toBe(403)
      expect(await codeOf(changed)).toBe('WIDER_THAN_YOURS')
      const removed = await h.api(`/api/v1/members/${id}`, { method: 'DELETE', key })
      expect(removed.status).toBe(403)
      expect(await codeOf(removed)).toBe('WIDER_THAN_YOURS')
    }
    // An invite the owner made for every workspace cannot be revoked by the narrowed key.
    const wide = await h.api('/api/v1/invites', {
      method: 'POST',
      json: { email: 'wide2@acme.test', role: 'member' },
    })
    expect(wide.status).toBe(201)
    const inviteId = ((await wide.json()) as { invite: { id: string } }).invite.id
    const revoked = await h.api(`/api/v1/invites/${inviteId}`, { method: 'DELETE', key })
    expect(revoked.status).toBe(403)
    expect(await codeOf(revoked)).toBe('WIDER_THAN_YOURS')
    // A key holding only members scopes cannot invite or promote to a role wider than it holds.
    const inA = await mk('in-a@acme.test', [h.org.workspaceId])
    const promote = await h.api(`/api/v1/members/${inA}`, {
      method: 'PATCH',
      key: viewerKey,
      json: { role: 'admin' },
    })
    expect(promote.status).toBe(403)
    expect(await codeOf(promote)).toBe('WIDER_THAN_YOURS')
    const invite = await h.api('/api/v1/invites', {
      method: 'POST',
      key: viewerKey,
      json: { email: 'm@acme.test', role: 'member', workspaceIds: [h.org.workspaceId] },
    })
    expect(invite.status).toBe(403)
    expect(await codeOf(invite)).toBe('WIDER_THAN_YOURS')

    // Through tRPC as a signed-in admin narrowed to A.
    const cookie = await narrowedAdminSession('narrow-admin2@acme.test')
    const trpc = (path: string, input: unknown) =>
      fetch(`${h.url}/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify(input),
      })
    for (const [path, input] of [
      ['members.update', { userId: everywhere, role: 'viewer' }],
      ['members.remove', { userId: inBOnly }],
      ['invites.revoke', { id: inviteId }],
    ] as const) {
      const res = await trpc(path, input)
      expect(res.status).toBe(403)
      expect(((await res.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe(
        'WIDER_THAN_YOURS',
      )
    }
    // Within its own access the narrowed admin still may.
    expect((await trpc('members.update', { userId: inA, role: 'viewer' })).status).toBe(200)
  })

  // Defect: a narrowed admin or key could revoke an API key that does more than it can (a
  // full-access key, or one for workspaces it does not see). The same rule as for members:
  // 403 WIDER_THAN_YOURS; a key within its own access it still may revoke.
  it('a narrowed admin or key cannot revoke an API key wider than itself (REST and tRPC)', async () => {
    const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code
    const { key } = await insertApiKey(h.t.deps, h.org.organizationId, 'A only, keys', {
      workspaceIds: [h.org.workspaceId],
    })
    const fullAccess = await insertApiKey(h.t.deps, h.org.organizationId, 'Full access')
    const inB = await insertApiKey(h.t.deps, h.org.organizationId, 'B only', { workspaceIds: [workspaceB] })
    const moreScopes = await insertApiKey(h.t.deps, h.org.organizationId, 'A, more scopes', {
      workspaceIds: [h.org.workspaceId],
    })
    const keysOnly = (
      await insertApiKey(h.t.deps, h.org.organizationId, 'A, keys scopes only', {
        workspaceIds: [h.org.workspaceId],
        scopes: ['api-keys:read', 'api-keys:write'],
      })
    ).key
    for (const target of [fullAccess, inB]) {
      const res = await h.api(`/api/v1/api-keys/${target.apiKey.id}`, { method: 'DELETE', key })
      expect(res.status).toBe(403)
      expect(await codeOf(res)).toBe('WIDER_THAN_YOURS')
    }
    // A key with only the api-keys scopes cannot revoke one holding more scopes than it.
    const scoped = await h.api(`/api/v1/api-keys/${moreScopes.apiKey.id}`, {
      method: 'DELETE',
      key: keysOnly,
    })
    expect(scoped.status).toBe(403)
    expect(await codeOf(scoped)).toBe('WIDER_THAN_YOURS')
    const stillWorks = await h.api('/api/v1/end-users', { key: fullAccess.key })
    expect(stillWorks.status).toBe(200)

    // Through tRPC as a signed-in admin narrowed to A.
    const cookie = await narrowedAdminSession('narrow-admin-keys@acme.test')
    const revoke = (id: string) =>
      fetch(`${h.url}/trpc/apiKeys.revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ id }),
      })
    const refused = await revoke(fullAccess.apiKey.id)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe(
      'WIDER_THAN_YOURS',
    )
    // Within its own access: the narrowed key (A, every scope an admin holds) may go.
    expect((await revoke(moreScopes.apiKey.id)).status).toBe(200)
    const gone = await h.api('/api/v1/end-users', { key: moreScopes.key })
    expect(gone.status).toBe(401)
  })

  // Issue 22: an endpoint's payloads carry its workspaces' events. A narrowed principal sees only
  // endpoints filtered to workspaces it sees (the others answer 404 on every route), makes only
  // such endpoints (none for every workspace: 403 WIDER_THAN_YOURS), and cannot widen one.
  it('a key restricted to workspace A sees, makes and changes only webhook endpoints filtered to A (REST and tRPC)', async () => {
    type Hook = { id: string; workspaceIds: string[] | null }
    const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code
    const made = async (json: object, key?: string) => {
      const res = await h.api('/api/v1/webhooks', { method: 'POST', json, ...(key && { key }) })
      expect(res.status).toBe(201)
      return ((await res.json()) as { webhook: Hook }).webhook
    }
    const everywhere = await made({ url: 'https://example.com/all' })
    expect(everywhere.workspaceIds).toBeNull()
    const onlyB = await made({ url: 'https://example.com/b', workspaceIds: [workspaceB] })
    expect(onlyB.workspaceIds).toEqual([workspaceB])
    const wideDelivery = await h.t.deps.db
      .selectFrom('webhookDeliveries')
      .select('id')
      .where('endpointId', '=', everywhere.id)
      .executeTakeFirstOrThrow()

    const { key } = await insertApiKey(h.t.deps, h.org.organizationId, 'A only, webhooks', {
      workspaceIds: [h.org.workspaceId],
      scopes: ['webhooks:read', 'webhooks:write'],
    })
    const call = (path: string, init: RequestInit & { json?: unknown } = {}) => h.api(path, { ...init, key })

    // Made without a filter, the endpoint gets the key's own workspaces; wider ones are refused.
    const mine = await made({ url: 'https://example.com/a' }, key)
    expect(mine.workspaceIds).toEqual([h.org.workspaceId])
    for (const workspaceIds of [null, [workspaceB], [h.org.workspaceId, workspaceB]]) {
      const res = await call('/api/v1/webhooks', {
        method: 'POST',
        json: { url: 'https://example.com/wide', workspaceIds },
      })
      expect(res.status, JSON.stringify(workspaceIds)).toBe(403)
      expect(await codeOf(res)).toBe('WIDER_THAN_YOURS')
    }

    const listed = (await (await call('/api/v1/webhooks')).json()) as { webhooks: Hook[] }
    expect(listed.webhooks.map((w) => w.id)).toEqual([mine.id])
    for (const id of [everywhere.id, onlyB.id]) {
      for (const [method, path, json] of [
        ['GET', `/api/v1/webhooks/${id}`],
        ['PATCH', `/api/v1/webhooks/${id}`, { description: 'mine now' }],
        ['DELETE', `/api/v1/webhooks/${id}`],
        ['POST', `/api/v1/webhooks/${id}/rotate-secret`],
        ['POST', `/api/v1/webhooks/${id}/test`],
        ['GET', `/api/v1/webhooks/${id}/deliveries`],
        ['POST', `/api/v1/webhooks/${id}/replay`, { since: new Date(0).toISOString() }],
        ['POST', `/api/v1/webhooks/${id}/deliveries/${wideDelivery.id}/retry`],
      ] as const) {
        const res = await call(path, { method, ...(json && { json }) })
        expect(res.status, `${method} ${path}`).toBe(404)
        expect(await res.text()).not.toContain('example.com')
      }
    }
    // Its own endpoint: changed within A, never widened.
    for (const workspaceIds of [null, [workspaceB]]) {
      const res = await call(`/api/v1/webhooks/${mine.id}`, { method: 'PATCH', json: { workspaceIds } })
      expect(res.status).toBe(403)
      expect(await codeOf(res)).toBe('WIDER_THAN_YOURS')
    }
    expect(
      (await call(`/api/v1/webhooks/${mine.id}`, { method: 'PATCH', json: { description: 'A' } })).status,
    ).toBe(200)
    expect((await call(`/api/v1/webhooks/${mine.id}/deliveries`)).status).toBe(200)

    // The tRPC twin answers the same.
    const trpcGet = (path: string, input: unknown) =>
      call(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
    const trpcPost = (path: string, input: unknown) => call(`/trpc/${path}`, { method: 'POST', json: input })
    const appCode = async (res: Response) =>
      ((await res.json()) as { error: { data: { appCode: string } } }).error.data.appCode
    const viaTrpc = (await (await trpcGet('webhooks.list', {})).json()) as { result: { data: Hook[] } }
    expect(viaTrpc.result.data.map((w) => w.id)).toEqual([mine.id])
    const hidden = await trpcGet('webhooks.get', { id: everywhere.id })
    expect(hidden.status).toBe(404)
    expect(await appCode(hidden)).toBe('NOT_FOUND')
    const wide = await trpcPost('webhooks.create', { url: 'https://example.com/t', workspaceIds: null })
    expect(wide.status).toBe(403)
    expect(await appCode(wide)).toBe('WIDER_THAN_YOURS')
    const widen = await trpcPost('webhooks.update', { id: mine.id, workspaceIds: [workspaceB] })
    expect(widen.status).toBe(403)
    expect(await appCode(widen)).toBe('WIDER_THAN_YOURS')

    // An unrestricted key sees all three.
    const all = (await (await h.api('/api/v1/webhooks')).json()) as { webhooks: Hook[] }
    expect(all.webhooks.map((w) => w.id).sort()).toEqual([everywhere.id, onlyB.id, mine.id].sort())
    for (const id of [everywhere.id, onlyB.id, mine.id])
      expect((await h.api(`/api/v1/webhooks/${id}`, { method: 'DELETE' })).status).toBe(204)
  })

  it('a member narrowed to workspace A sees only the webhook endpoints filtered to A (issue 22)', async () => {
    const hook = await h.api('/api/v1/webhooks', { method: 'POST', json: { url: 'https://example.com/m' } })
    expect(hook.status).toBe(201)
    const wideId = ((await hook.json()) as { webhook: { id: string } }).webhook.id
    const cookie = await narrowedAdminSession('narrow-hooks@acme.test')
    const headers = { cookie, 'sec-fetch-site': 'same-origin' }
    const created = await fetch(`${h.url}/trpc/webhooks.create`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/member-a' }),
    })
    expect(created.status).toBe(200)
    const own = (
      (await created.json()) as { result: { data: { webhook: { id: string; workspaceIds: unknown } } } }
    ).result.data.webhook
    expect(own.workspaceIds).toEqual([h.org.workspaceId])
    const list = await fetch(`${h.url}/trpc/webhooks.list?input=%7B%7D`, { headers })
    const ids = ((await list.json()) as { result: { data: Array<{ id: string }> } }).result.data.map(
      (w) => w.id,
    )
    expect(ids).toEqual([own.id])
    const get = await fetch(
      `${h.url}/trpc/webhooks.get?input=${encodeURIComponent(JSON.stringify({ id: wideId }))}`,
      {
        headers,
      },
    )
    expect(get.status).toBe(404)
    for (const id of [wideId, own.id])
      expect((await h.api(`/api/v1/webhooks/${id}`, { method: 'DELETE' })).status).toBe(204)
  })

  it("the overview's webhook part follows GET /api/v1/webhooks for a narrowed key (issue 22)", async () => {
    // A narrowed key that may read webhooks is shown the trouble of the endpoints it lists
    // (filtered to its workspaces), not of the others; one that may not (403 on the list) must
    // not learn of any through the overview either.
    const disabled = async (json: object) => {
      const made = await h.api('/api/v1/webhooks', { method: 'POST', json })
      expect(made.status).toBe(201)
      const id = ((await made.json()) as { webhook: { id: string } }).webhook.id
      expect(
        (await h.api(`/api/v1/webhooks/${id}`, { method: 'PATCH', json: { enabled: false } })).status,
      ).toBe(200)
      return id
    }
    const wide = await disabled({ url: 'https://example.com/hook' })
    const inA = await disabled({ url: 'https://example.com/hook-a', workspaceIds: [h.org.workspaceId] })
    const overviewOf = async (key: string) => {
      const res = await h.api('/trpc/stats.overview?input=%7B%7D', { key })
      expect(res.status).toBe(200)
      return (
        (await res.json()) as { result: { data: { webhookAttention: Array<{ endpointId: string }> } } }
      ).result.data.webhookAttention.map((w) => w.endpointId)
    }
    const full = await insertApiKey(h.t.deps, h.org.organizationId, 'A only, all scopes', {
      workspaceIds: [h.org.workspaceId],
    })
    const listed = (await (await h.api('/api/v1/webhooks', { key: full.key })).json()) as {
      webhooks: Array<{ id: string }>
    }
    expect(listed.webhooks.map((w) => w.id)).toEqual([inA])
    expect(await overviewOf(full.key)).toEqual([inA])
    const everyone = await insertApiKey(h.t.deps, h.org.organizationId, 'every workspace', {})
    expect((await overviewOf(everyone.key)).sort()).toEqual([wide, inA].sort())

    const narrow = await insertApiKey(h.t.deps, h.org.organizationId, 'A only, connections:read', {
      workspaceIds: [h.org.workspaceId],
      scopes: ['connections:read'],
    })
    expect((await h.api('/api/v1/webhooks', { key: narrow.key })).status).toBe(403)
    expect(await overviewOf(narrow.key)).toEqual([])
    for (const id of [wide, inA])
      expect((await h.api(`/api/v1/webhooks/${id}`, { method: 'DELETE' })).status).toBe(204)
  })

  it('an expired key is refused like a revoked one (401)', async () => {
    const { key } = await insertApiKey(h.t.deps, h.org.organizationId, 'short', {
      expiresAt: new Date(h.clock.now().getTime() + 60_000).toISOString(),
    })
    expect((await h.api('/api/v1/workspaces', { key })).status).toBe(200)
    h.clock.advance(120_000)
    const res = await h.api('/api/v1/workspaces', { key })
    expect(res.status).toBe(401)
    const past = await h.api('/api/v1/api-keys', {
      method: 'POST',
      json: { expiresAt: new Date(h.clock.now().getTime() - 1000).toISOString() },
    })
    expect(past.status).toBe(400)
  })
})
