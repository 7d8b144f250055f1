import { bootstrapOrganization, createUser } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { acmeIntegration, type Harness, startHarness } from './testing/harness.ts'

// The audit log (issue 22): every admin action in GET /api/v1/events with its actor, cursor
// paging on seq, one organization never seeing another's events, and truthful health.

interface EventJson {
  id: string
  seq: number
  type: string
  actor: { type: string; id: string | null }
  connectionId: string | null
  endUserId: string | null
  integrationId: string | null
  data: Record<string, unknown>
}
interface PageJson {
  events: EventJson[]
  nextCursor: string | null
}

describe('GET /api/v1/events', () => {
  let h: Harness
  let apiKeyId: string
  beforeAll(async () => {
    h = await startHarness()
    const key = await h.t.deps.db
      .selectFrom('apiKeys')
      .select('id')
      .where('organizationId', '=', h.org.organizationId)
      .executeTakeFirstOrThrow()
    apiKeyId = key.id
  })
  afterAll(async () => {
    await h.close()
  })

  async function events(query = '', key?: string): Promise<PageJson> {
    const res = await h.api(`/api/v1/events${query}`, key === undefined ? {} : { key })
    expect(res.status).toBe(200)
    return (await res.json()) as PageJson
  }
  async function all(query: string): Promise<EventJson[]> {
    const out: EventJson[] = []
    let after: string | null = null
    for (let i = 0; i < 100; i++) {
      const page = await events(`${query}${after ? `&after=${after}` : ''}`)
      out.push(...page.events)
      if (!page.nextCursor) return out
      after = page.nextCursor
    }
    throw new Error('no end')
  }

  it('lists every admin action with its actor, and the token reveal', async () => {
    const byKey = { type: 'api_key', id: apiKeyId }
    const created = await h.api('/api/v1/api-keys', { method: 'POST', json: { name: 'ci' } })
    expect(created.status).toBe(201)
    const { apiKey } = (await created.json()) as { apiKey: { id: string } }
    expect((await h.api(`/api/v1/api-keys/${apiKey.id}`, { method: 'DELETE' })).status).toBe(204)

    const definition = { ...acmeIntegration(h.provider, h.upstream), name: 'acme-two' }
    expect((await h.api('/api/v1/integrations', { method: 'POST', json: definition })).status).toBe(201)
    const put = await h.api('/api/v1/integrations/acme-two', {
      method: 'PUT',
      json: { ...definition, displayName: 'Acme Two' },
    })
    expect(put.status).toBe(200)
    const app = await h.api('/api/v1/oauth-apps', {
      method: 'POST',
      json: { integrationName: 'acme-two', clientId: 'two', clientSecret: 'two-secret' },
    })
    expect(app.status).toBe(201)
    const { oauthApp } = (await app.json()) as { oauthApp: { id: string } }
    const patched = await h.api(`/api/v1/oauth-apps/${oauthApp.id}`, {
      method: 'PATCH',
      json: { clientSecret: 'two-secret-rotated', scopes: ['api:read'] },
    })
    expect(patched.status).toBe(200)
    expect(((await patched.json()) as { oauthApp: { scopes: string[] } }).oauthApp.scopes).toEqual([
      'api:read',
    ])
    const empty = await h.api(`/api/v1/oauth-apps/${oauthApp.id}`, { method: 'PATCH', json: {} })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR')
    expect((await h.api(`/api/v1/oauth-apps/${oauthApp.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await h.api('/api/v1/integrations/acme-two', { method: 'DELETE' })).status).toBe(204)

    const { connectionId } = await connectAcme(h)
    const token = await h.api(`/api/v1/connections/${connectionId}/token`)
    expect(token.status).toBe(200)
    const { accessToken } = (await token.json()) as { accessToken: string }

    const list = await all('?order=asc&limit=3')
    const types = list.map((e) => e.type)
    for (const t of [
      'api_key.created',
      'api_key.revoked',
      'integration.created',
      'integration.updated',
      'oauth_app.created',
      'oauth_app.updated',
      'oauth_app.deleted',
      'integration.deleted',
    ]) {
      const e = list.find((x) => x.type === t && (t.startsWith('api_key') || x.integrationId === 'acme-two'))
      expect(e, t).toBeDefined()
      expect(e?.actor, t).toEqual(byKey)
    }
    expect(list.find((e) => e.type === 'api_key.revoked')?.data).toMatchObject({ apiKeyId: apiKey.id })
    expect(list.find((e) => e.type === 'oauth_app.updated')?.data).toMatchObject({
      oauthAppId: oauthApp.id,
      changed: ['clientSecret', 'scopes'],
    })
    // The hosted flow: the session completed and the connection was created, in that transaction.
    const mine = list.filter((e) => e.connectionId === connectionId).map((e) => e.type)
    expect(mine).toEqual(['connection.created', 'connect_session.completed', 'connection.token_revealed'])
    expect(list.find((e) => e.type === 'connection.token_revealed')?.actor).toEqual(byKey)
    // Ascending order on seq, and no secret in any event.
    const seqs = list.map((e) => e.seq)
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
    const text = JSON.stringify(list)
    expect(text).not.toContain(accessToken)
    expect(text).not.toContain('two-secret')
    expect(text).not.toContain('two-secret-rotated')
    expect(types.length).toBe(new Set(list.map((e) => e.id)).size)
  })

  it('deleting an end user writes connection.deleted with the revocation outcome, then end_user.deleted, with the actor', async () => {
    const byKey = { type: 'api_key', id: apiKeyId }
    const externalId = `leaver-${Date.now()}`
    const eu = await h.api('/api/v1/end-users', {
      method: 'POST',
      json: { workspaceId: h.org.workspaceId, externalId },
    })
    expect(eu.status).toBe(201)
    const endUserId = ((await eu.json()) as { endUser: { id: string } }).endUser.id
    const { connectionId } = await connectAcme(h, { endUserId })
    const before = h.provider.stats.revocations
    expect((await h.api(`/api/v1/end-users/${endUserId}`, { method: 'DELETE' })).status).toBe(204)
    const mine = await all(`?endUserId=${endUserId}&order=asc`)
    const deleted = mine.find((e) => e.type === 'connection.deleted')
    expect(deleted).toMatchObject({ connectionId, actor: byKey, data: { revocation: 'revoked' } })
    const gone = mine.at(-1)
    expect(gone).toMatchObject({
      type: 'end_user.deleted',
      actor: byKey,
      endUserId,
      data: { externalId, connectionsDeleted: 1, revocations: { [connectionId]: 'revoked' } },
    })
    expect(gone?.seq).toBeGreaterThan(deleted?.seq as number)
    expect(h.provider.stats.revocations).toBeGreaterThan(before)
    // The end user is gone; a second delete is a 404 and writes nothing.
    const again = await h.api(`/api/v1/end-users/${endUserId}`, { method: 'DELETE' })
    expect(again.status).toBe(404)
    expect((await all(`?type=end_user.deleted`)).filter((e) => e.endUserId === endUserId)).toHaveLength(1)
  })

  it('pages newest first by cursor without gaps or repeats, and filters by type and connection', async () => {
    const everything = await all('?limit=200')
    const paged = await all('?limit=2')
    expect(paged.map((e) => e.id)).toEqual(everything.map((e) => e.id))
    const seqs = paged.map((e) => e.seq)
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs)

    const created = await all('?type=connection.created,api_key.created&limit=1')
    expect(created.length).toBeGreaterThanOrEqual(2)
    expect(new Set(created.map((e) => e.type))).toEqual(new Set(['connection.created', 'api_key.created']))
    const connectionId = created.find((e) => e.type === 'connection.created')?.connectionId as string
    const ofConnection = await all(`?connectionId=${connectionId}`)
    expect(ofConnection.length).toBeGreaterThan(0)
    expect(ofConnection.every((e) => e.connectionId === connectionId)).toBe(true)
  })

  it('refuses bad filters with VALIDATION_ERROR (400), never a 500', async () => {
    for (const q of ['?type=nope', '?after=abc', '?limit=0', '?order=sideways', '?after=-1']) {
      const res = await h.api(`/api/v1/events${q}`)
      expect(res.status, q).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code, q).toBe('VALIDATION_ERROR')
    }
  })

  it("an organization never sees another's events, not even by filtering on its ids", async () => {
    const other = await bootstrapOrganization(h.t.deps, { organizationName: 'Other', plan: 'TEAM' })
    const mine = await all('?limit=200')
    const connectionId = mine.find((e) => e.connectionId)?.connectionId as string
    expect((await events('', other.apiKey)).events).toEqual([])
    expect((await events(`?connectionId=${connectionId}`, other.apiKey)).events).toEqual([])
    // And the other organization's events stay out of ours.
    await h.api('/api/v1/api-keys', { method: 'POST', json: { name: 'other' }, key: other.apiKey })
    const theirs = await events('', other.apiKey)
    expect(theirs.events.map((e) => e.type)).toEqual(['api_key.created'])
    const ours = await all('?limit=200')
    expect(ours.map((e) => e.id)).not.toContain(theirs.events[0]?.id)
  })

  it('members may not read the audit log (403 INSUFFICIENT_SCOPE); sign-ins succeed and fail into it', async () => {
    const email = `m-${Date.now()}@example.com`
    const user = await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email,
      password: 'correct horse battery',
      role: 'member',
    })
    const login = (password: string) =>
      fetch(`${h.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: h.url },
        body: JSON.stringify({ email, password }),
      })
    const bad = await login('wrong password!')
    expect(bad.status).toBe(401)
    const good = await login('correct horse battery')
    expect(good.status).toBe(200)
    const cookie = good.headers.get('set-cookie')?.split(';')[0] as string
    const logins = (await all('?type=user.login')).filter((e) => e.actor.id === user.id)
    expect(logins.map((e) => e.data.outcome)).toEqual(['success', 'failure'])
    expect(JSON.stringify(logins)).not.toContain('correct horse')
    const asMember = await fetch(`${h.url}/api/v1/events`, { headers: { cookie } })
    expect(asMember.status).toBe(403)
    expect(((await asMember.json()) as { error: { code: string } }).error.code).toBe('INSUFFICIENT_SCOPE')
  })

  it("tRPC events.list: the same listing as REST, only the caller's organization, 400 BAD_REQUEST on bad input", async () => {
    const trpc = (input: unknown, key?: string) =>
      h.api(`/trpc/events.list?input=${encodeURIComponent(JSON.stringify(input))}`, key ? { key } : {})
    const res = await trpc({ limit: 3 })
    expect(res.status).toBe(200)
    const page = ((await res.json()) as { result: { data: PageJson } }).result.data
    expect(page.events).toHaveLength(3)
    expect(page.events.map((e) => e.id)).toEqual((await events('?limit=3')).events.map((e) => e.id))
    expect(page.nextCursor).not.toBeNull()

    const other = await bootstrapOrganization(h.t.deps, { organizationName: 'Other tRPC', plan: 'TEAM' })
    const theirs = await trpc({ limit: 200 }, other.apiKey)
    expect(theirs.status).toBe(200)
    const theirEvents = ((await theirs.json()) as { result: { data: PageJson } }).result.data.events
    const ours = new Set((await all('?limit=200')).map((e) => e.id))
    expect(theirEvents.filter((e) => ours.has(e.id))).toEqual([])
    const connectionId = [...(await all('?limit=200'))].find((e) => e.connectionId)?.connectionId as string
    const filtered = await trpc({ connectionId }, other.apiKey)
    expect(((await filtered.json()) as { result: { data: PageJson } }).result.data.events).toEqual([])

    for (const input of [{ limit: 0 }, { type: 'no.such_type' }, { after: 'x' }]) {
      const bad = await trpc(input)
      expect(bad.status, JSON.stringify(input)).toBe(400)
      const body = (await bad.json()) as { error: { data: { code: string; appCode: string } } }
      expect(body.error.data, JSON.stringify(input)).toMatchObject({
        code: 'BAD_REQUEST',
        appCode: 'VALIDATION_ERROR',
      })
    }
  })
})
