import { createUser, decryptCredentials } from '@switchboard/core'
import { completeAuthorization, tokenFingerprint } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'
import {
  SEED_002_CONNECTION as SEED_CONNECTION,
  SEED_002_LIST as SEED_LIST,
  SEED_002_REQUEST_BODY as SEED_REQUEST_BODY,
} from './testing/seed-examples.ts'

/** Fields the seed shows as strings that we answer with null when the provider gave no value. */
const NULLABLE = new Set([
  'tokenExpiresAt',
  'refreshTokenExpiresAt',
  'lastAuthorizedAt',
  'apiBaseUri',
  'ownerId',
])
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/** Same keys as the seed example, and field for field the same JSON type (recursively). */
function expectSeedShape(actual: unknown, seed: unknown, path = '$'): void {
  if (seed === null || typeof seed !== 'object') {
    const key = path.split('.').at(-1) ?? ''
    if (actual === null && NULLABLE.has(key)) return
    expect(typeof actual, path).toBe(typeof seed)
    if (typeof seed === 'string' && ISO.test(seed)) expect(actual, path).toMatch(ISO)
    return
  }
  if (Array.isArray(seed)) {
    expect(Array.isArray(actual), path).toBe(true)
    const template = seed[0]
    for (const [i, item] of (actual as unknown[]).entries()) expectSeedShape(item, template, `${path}[${i}]`)
    return
  }
  expect(actual !== null && typeof actual === 'object' && !Array.isArray(actual), path).toBe(true)
  const a = actual as Record<string, unknown>
  const s = seed as Record<string, unknown>
  // `data` is free-form: an object, whatever is inside.
  if (path.endsWith('.data')) return
  expect(Object.keys(a).sort(), path).toEqual(Object.keys(s).sort())
  for (const key of Object.keys(s)) expectSeedShape(a[key], s[key], `${path}.${key}`)
}

type Seed002Connection = typeof SEED_CONNECTION & { ownerId: string | null }

interface Actor {
  /** X-End-User-Id, or a dashboard session cookie. */
  endUser?: string
  cookie?: string
}

function actorInit(h: Harness, actor: Actor): { key?: null; headers: Record<string, string> } {
  const headers: Record<string, string> = { 'x-workspace-id': h.org.workspaceId }
  if (actor.endUser !== undefined) headers['x-end-user-id'] = actor.endUser
  if (actor.cookie !== undefined) {
    headers.cookie = actor.cookie
    return { key: null, headers }
  }
  return { headers }
}

function as(h: Harness, actor: Actor, path: string, init: RequestInit & { json?: unknown } = {}) {
  const base = actorInit(h, actor)
  return h.api(path, {
    ...init,
    ...base,
    headers: { ...base.headers, ...(init.headers as Record<string, string>) },
  })
}

/** GET /api/integrations/:id/connect → 302 to the provider; the browser part; the callback. */
async function connectDirect(h: Harness, actor: Actor, id = 'acme-idp') {
  const res = await as(h, actor, `/api/integrations/${id}/connect`)
  expect(res.status, await res.clone().text()).toBe(302)
  const location = res.headers.get('location') as string
  const authorize = new URL(location)
  expect(`${authorize.origin}${authorize.pathname}`).toBe(h.provider.authorizationUrl)
  expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22,}$/)
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
  expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  expect(authorize.searchParams.get('code_verifier')).toBeNull()
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${h.url}/oauth2/callback`)
  const { callbackUrl } = await completeAuthorization(location, { stopAt: `${h.url}/oauth2/callback` })
  const cb = await fetch(callbackUrl, { redirect: 'manual' })
  await cb.body?.cancel()
  expect(cb.status).toBe(302)
  const done = new URL(cb.headers.get('location') as string)
  expect(done.searchParams.get('result'), done.href).not.toBe('error')
  return done
}

async function currentConnection(h: Harness, actor: Actor, id = 'acme-idp'): Promise<Seed002Connection> {
  const res = await as(h, actor, `/api/integrations/${id}/connection`)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as Seed002Connection
}

async function storedAccessToken(h: Harness, connectionId: string): Promise<string> {
  const row = await h.t.deps.db
    .selectFrom('connections')
    .selectAll()
    .where('id', '=', connectionId)
    .executeTakeFirstOrThrow()
  const creds = decryptCredentials(h.t.deps, row)
  return creds.kind === 'oauth2' ? creds.accessToken : ''
}

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code
}

async function integrationUuid(h: Harness): Promise<string> {
  const row = await h.t.deps.db
    .selectFrom('customIntegrations')
    .select('id')
    .where('name', '=', 'acme-idp')
    .where('organizationId', '=', h.org.organizationId)
    .executeTakeFirstOrThrow()
  return row.id
}

describe('seed 002 with an API key and X-End-User-Id (PER_USER)', () => {
  let h: Harness
  let acmeId: string
  const alice: Actor = { endUser: 'alice' }
  const bob: Actor = { endUser: 'bob' }

  beforeAll(async () => {
    h = await startHarness()
    acmeId = await integrationUuid(h)
  })
  afterAll(async () => {
    await h.close()
  })

  it("GET /api/integrations/acme-idp/connect → 302 (state + PKCE S256); finishing it creates alice's USER connection", async () => {
    await connectDirect(h, alice)
    const rows = await h.t.deps.db
      .selectFrom('connections')
      .innerJoin('endUsers', 'endUsers.id', 'connections.endUserId')
      .select([
        'connections.scope',
        'connections.status',
        'endUsers.externalId as endUser',
        'connections.workspaceId',
      ])
      .execute()
    expect(rows).toEqual([
      { scope: 'USER', status: 'ACTIVE', endUser: 'alice', workspaceId: h.org.workspaceId },
    ])
  })

  it('GET /api/integrations/acme-idp/connection answers exactly the seed fields, with the seed types', async () => {
    const c = await currentConnection(h, alice)
    expect(Object.keys(c).sort()).toEqual(Object.keys(SEED_CONNECTION).sort())
    expectSeedShape(c, SEED_CONNECTION)
    expect(c).toMatchObject({
      integrationId: acmeId,
      ownerId: 'alice',
      isShared: false,
      apiBaseUri: h.upstream.url,
      data: {},
    })
    expect(c.tokenExpiresAt).toMatch(ISO)
    expect(c.lastAuthorizedAt).toMatch(ISO)
    expect(Date.parse(c.tokenExpiresAt)).toBeGreaterThan(h.clock.now().getTime())
    // Never a token.
    const text = JSON.stringify(c)
    expect(text).not.toContain(await storedAccessToken(h, c.id))
  })

  it(':id also accepts the integration id (uuid)', async () => {
    const bySlug = await currentConnection(h, alice)
    const byId = await currentConnection(h, alice, acmeId)
    expect(byId).toEqual(bySlug)
    const unknown = await as(h, alice, '/api/integrations/no-such-integration/connection')
    expect(unknown.status).toBe(404)
    expect(await errorCode(unknown)).toBe('INTEGRATION_NOT_FOUND')
  })

  it("POST /api/integrations/:id/request proxies through alice's connection", async () => {
    const c = await currentConnection(h, alice)
    const token = await storedAccessToken(h, c.id)
    for (const id of ['acme-idp', acmeId]) {
      h.upstream.reset()
      const res = await as(h, alice, `/api/integrations/${id}/request`, {
        method: 'POST',
        json: { ...SEED_REQUEST_BODY, url: '/files?pageSize=10' },
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { path: string; query: Record<string, string>; authorizedAs: string }
      expect(body).toMatchObject({ path: '/files', query: { pageSize: '10' } })
      expect(body.authorizedAs).toBe(`bearer:${tokenFingerprint(token)}`)
      const seen = h.upstream.requests[0]
      expect(seen?.headers.authorization).toBe(`Bearer ${token}`)
      expect(seen?.headers.accept).toBe('application/json')
      expect(seen?.headers['x-end-user-id']).toBeUndefined()
    }
  })

  it('POST …/request with a body and method (default GET when omitted)', async () => {
    h.upstream.reset()
    const res = await as(h, alice, '/api/integrations/acme-idp/request', {
      method: 'POST',
      json: { method: 'post', url: '/echo', data: { name: 'report.pdf', tags: ['a'] } },
    })
    expect(res.status).toBe(200)
    const echo = (await res.json()) as { method: string; body: string }
    expect(echo.method).toBe('POST')
    expect(JSON.parse(echo.body)).toEqual({ name: 'report.pdf', tags: ['a'] })
    const plain = await as(h, alice, '/api/integrations/acme-idp/request', {
      method: 'POST',
      json: { url: '/me' },
    })
    expect(((await plain.json()) as { method: string }).method).toBe('GET')
  })

  it('GET /api/integrations/acme-idp/request/me?pageSize=10 proxies to base + /me?pageSize=10', async () => {
    h.upstream.reset()
    const res = await as(h, alice, '/api/integrations/acme-idp/request/me?pageSize=10', {
      headers: { accept: 'application/json' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ path: '/me', query: { pageSize: '10' } })
    expect(h.upstream.requests.map((r) => r.url)).toEqual(['/me?pageSize=10'])
    const nested = await as(h, alice, `/api/integrations/${acmeId}/request/files/abc/children?a=1&b=2`)
    expect(nested.status).toBe(200)
    expect(h.upstream.requests.at(-1)?.url).toBe('/files/abc/children?a=1&b=2')
  })

  it("bob does not get alice's connection: 404 CONNECTION_NOT_FOUND everywhere", async () => {
    const get = await as(h, bob, '/api/integrations/acme-idp/connection')
    expect(get.status).toBe(404)
    expect(await errorCode(get)).toBe('CONNECTION_NOT_FOUND')
    const post = await as(h, bob, '/api/integrations/acme-idp/request', {
      method: 'POST',
      json: { url: '/me' },
    })
    expect(post.status).toBe(404)
    expect(await errorCode(post)).toBe('CONNECTION_NOT_FOUND')
    const path = await as(h, bob, '/api/integrations/acme-idp/request/me')
    expect(path.status).toBe(404)
    expect(await errorCode(path)).toBe('CONNECTION_NOT_FOUND')
    const del = await as(h, bob, '/api/integrations/acme-idp/connection', { method: 'DELETE' })
    expect(del.status).toBe(404)
    expect(await errorCode(del)).toBe('CONNECTION_NOT_FOUND')
    // Alice's connection is untouched.
    expect((await currentConnection(h, alice)).ownerId).toBe('alice')
  })

  it('an API key without X-End-User-Id cannot act on a per-user integration', async () => {
    const res = await h.api('/api/integrations/acme-idp/connection', {
      headers: { 'x-workspace-id': h.org.workspaceId },
    })
    expect(res.status).toBe(400)
    expect(await errorCode(res)).toBe('VALIDATION_ERROR')
  })

  it('bob connects his own; each end user proxies with their own token', async () => {
    await connectDirect(h, bob)
    const a = await currentConnection(h, alice)
    const b = await currentConnection(h, bob)
    expect(b.id).not.toBe(a.id)
    expect(b.ownerId).toBe('bob')
    for (const [actor, c] of [
      [alice, a],
      [bob, b],
    ] as const) {
      const res = await as(h, actor, '/api/integrations/acme-idp/request/me')
      expect(((await res.json()) as { authorizedAs: string }).authorizedAs).toBe(
        `bearer:${tokenFingerprint(await storedAccessToken(h, c.id))}`,
      )
    }
  })

  it('connecting again for the same end user re-authorizes the same connection', async () => {
    const before = await currentConnection(h, alice)
    await connectDirect(h, alice)
    const after = await currentConnection(h, alice)
    expect(after.id).toBe(before.id)
    const count = await h.t.deps.db
      .selectFrom('connections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('endUserId', 'in', (eb) =>
        eb.selectFrom('endUsers').select('id').where('externalId', '=', 'alice'),
      )
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)
  })

  it('POST /api/integrations/:id/connect with tokens → 201 in the seed shape', async () => {
    const expiresAt = new Date(h.clock.now().getTime() + 3600_000).toISOString()
    const res = await as(h, { endUser: 'dave' }, '/api/integrations/acme-idp/connect', {
      method: 'POST',
      json: { accessToken: 'imported-access', refreshToken: 'imported-refresh', expiresAt },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const c = (await res.json()) as Seed002Connection
    expect(Object.keys(c).sort()).toEqual(Object.keys(SEED_CONNECTION).sort())
    expectSeedShape(c, SEED_CONNECTION)
    expect(c).toMatchObject({
      ownerId: 'dave',
      isShared: false,
      integrationId: acmeId,
      tokenExpiresAt: expiresAt,
    })
    expect(JSON.stringify(c)).not.toContain('imported-')
    expect(await currentConnection(h, { endUser: 'dave' })).toEqual(c)
    const bad = await as(h, { endUser: 'dave' }, '/api/integrations/acme-idp/connect', {
      method: 'POST',
      json: {},
    })
    expect(bad.status).toBe(400)
    expect(await errorCode(bad)).toBe('VALIDATION_ERROR')
  })

  it('GET /api/integration-connections: HAL+JSON in the seed structure, own USER connections plus shared ones, paged', async () => {
    // Alice gets two more of her own (seed 001 imports) and the organization one shared connection.
    // Later than her first one, which stays her current connection (the oldest is current).
    h.clock.advance(1000)
    for (const externalId of ['alice-extra-1', 'alice-extra-2']) {
      const res = await h.api('/api/v1/connections', {
        method: 'POST',
        json: {
          type: 'OAUTH2',
          integrationName: 'acme-idp',
          workspaceId: h.org.workspaceId,
          externalId,
          endUserId: 'alice',
          accessToken: `at-${externalId}`,
        },
      })
      expect(res.status, await res.clone().text()).toBe(201)
    }
    const orgWide = await h.api('/api/v1/connections', {
      method: 'POST',
      json: {
        type: 'OAUTH2',
        integrationName: 'acme-idp',
        workspaceId: h.org.workspaceId,
        externalId: 'org-wide',
        accessToken: 'at-org',
      },
    })
    expect(orgWide.status).toBe(201)
    const orgWideId = ((await orgWide.json()) as { connection: { id: string } }).connection.id

    const res = await as(h, alice, '/api/integration-connections')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/hal\+json/)
    const list = (await res.json()) as typeof SEED_LIST
    expectSeedShape(list, SEED_LIST)
    expect(Object.keys(list).sort()).toEqual(Object.keys(SEED_LIST).sort())
    expect(list._links.self.href).toBe('/api/integration-connections')
    const items = list._embedded['inf:integration-connection']
    expect(list).toMatchObject({ start: 0, count: 4, total: 4 })
    expect(items).toHaveLength(4)
    expect(items.filter((i) => !i.isShared).map((i) => i.ownerId)).toEqual(['alice', 'alice', 'alice'])
    expect(items.filter((i) => i.isShared).map((i) => i.id)).toEqual([orgWideId])
    for (const item of items) {
      expect(item.integrationId).toBe(acmeId)
      expect(item._embedded['inf:integration']).toMatchObject({ id: acmeId, type: expect.any(String) })
      expect(item._embedded['inf:integration'].name).toEqual(expect.any(String))
    }

    // Bob: his own and the shared one; dave: his own and the shared one.
    const bobList = (await (await as(h, bob, '/api/integration-connections')).json()) as typeof SEED_LIST
    expect(bobList.total).toBe(2)
    expect(bobList._embedded['inf:integration-connection'].map((i) => i.ownerId).sort()).toEqual(
      ['bob', null].sort() as string[],
    )
    const erin = (await (
      await as(h, { endUser: 'erin' }, '/api/integration-connections')
    ).json()) as typeof SEED_LIST
    expect(erin).toMatchObject({ start: 0, count: 1, total: 1 })

    // Paging with start/count covers the whole list once.
    const seen: string[] = []
    for (let start = 0; start < 4; start += 3) {
      const page = (await (
        await as(h, alice, `/api/integration-connections?start=${start}&count=3`)
      ).json()) as typeof SEED_LIST
      expect(page.start).toBe(start)
      expect(page.total).toBe(4)
      expect(page.count).toBe(page._embedded['inf:integration-connection'].length)
      seen.push(...page._embedded['inf:integration-connection'].map((i) => i.id))
    }
    expect(seen).toHaveLength(4)
    expect(new Set(seen)).toEqual(new Set(items.map((i) => i.id)))
    const past = (await (
      await as(h, alice, '/api/integration-connections?start=10&count=5')
    ).json()) as typeof SEED_LIST
    expect(past).toMatchObject({ start: 10, count: 0, total: 4 })
    const invalid = await as(h, alice, '/api/integration-connections?count=0')
    expect(invalid.status).toBe(400)
    await invalid.body?.cancel()
  })

  it('DELETE /api/integrations/acme-idp/connection: bob 404, alice 204 and revoked at the provider', async () => {
    const c = await currentConnection(h, alice)
    const row = await h.t.deps.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow()
    const creds = decryptCredentials(h.t.deps, row)
    const refreshToken = creds.kind === 'oauth2' ? (creds.refreshToken as string) : ''
    expect(await h.provider.introspect(refreshToken)).toBe(true)

    const bobsDelete = await as(h, { endUser: 'nobody' }, '/api/integrations/acme-idp/connection', {
      method: 'DELETE',
    })
    expect(bobsDelete.status).toBe(404)
    await bobsDelete.body?.cancel()

    const res = await as(h, alice, '/api/integrations/acme-idp/connection', { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    expect(await h.provider.introspect(refreshToken)).toBe(false)
    const gone = await h.t.deps.db
      .selectFrom('connections')
      .select('id')
      .where('id', '=', c.id)
      .executeTakeFirst()
    expect(gone).toBeUndefined()
    // Bob's connection is still there.
    expect((await currentConnection(h, bob)).ownerId).toBe('bob')
  })
})

describe('seed 002 SHARED mode', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  it('PUT /api/v1/integrations/acme-idp/sharing SHARED → one workspace connection with isShared: true serves every end user', async () => {
    const put = await h.api('/api/v1/integrations/acme-idp/sharing', {
      method: 'PUT',
      json: { sharingMode: 'SHARED' },
    })
    expect(put.status).toBe(200)
    expect(await put.json()).toEqual({ integrationName: 'acme-idp', sharingMode: 'SHARED' })

    await connectDirect(h, { endUser: 'alice' })
    const a = await currentConnection(h, { endUser: 'alice' })
    const b = await currentConnection(h, { endUser: 'bob' })
    expect(b).toEqual(a)
    expect(Object.keys(a).sort()).toEqual(Object.keys(SEED_CONNECTION).sort())
    expectSeedShape(a, SEED_CONNECTION)
    expect(a.isShared).toBe(true)
    const row = await h.t.deps.db
      .selectFrom('connections')
      .select(['scope', 'endUserId'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ scope: 'WORKSPACE', endUserId: null })

    const token = await storedAccessToken(h, a.id)
    for (const endUser of ['alice', 'bob', 'carol']) {
      const res = await as(h, { endUser }, '/api/integrations/acme-idp/request/me')
      expect(res.status).toBe(200)
      expect(((await res.json()) as { authorizedAs: string }).authorizedAs).toBe(
        `bearer:${tokenFingerprint(token)}`,
      )
      const list = (await (
        await as(h, { endUser }, '/api/integration-connections')
      ).json()) as typeof SEED_LIST
      expect(list._embedded['inf:integration-connection'].map((i) => [i.id, i.isShared])).toEqual([
        [a.id, true],
      ])
    }

    // Connecting again (from bob) re-authorizes the same shared connection.
    await connectDirect(h, { endUser: 'bob' })
    expect((await currentConnection(h, { endUser: 'carol' })).id).toBe(a.id)

    const invalid = await h.api('/api/v1/integrations/acme-idp/sharing', {
      method: 'PUT',
      json: { sharingMode: 'ALL' },
    })
    expect(invalid.status).toBe(400)
    await invalid.body?.cancel()
  })
})

describe('seed 002 for dashboard sessions', () => {
  let h: Harness
  const password = 'correct horse battery'
  let member: { id: string; cookie: string }
  let other: { id: string; cookie: string }
  let superuser: { id: string; cookie: string }

  async function login(email: string): Promise<string> {
    const res = await fetch(`${h.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    expect(res.status).toBe(200)
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sb_session='))
    expect(cookie).toBeDefined()
    return (cookie as string).split(';')[0] as string
  }

  async function user(email: string, isSuperuser = false) {
    const u = await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email,
      password,
      role: 'member',
      isSuperuser,
    })
    return { id: u.id, cookie: await login(email) }
  }

  beforeAll(async () => {
    h = await startHarness()
    member = await user('member@example.com')
    other = await user('other@example.com')
    superuser = await user('root@example.com', true)
  })
  afterAll(async () => {
    await h.close()
  })

  it("PER_USER: a dashboard user connects without X-End-User-Id and ownerId is the user's id", async () => {
    await connectDirect(h, { cookie: member.cookie })
    const c = await currentConnection(h, { cookie: member.cookie })
    expectSeedShape(c, SEED_CONNECTION)
    expect(c).toMatchObject({ ownerId: member.id, isShared: false })
  })

  it('PER_USER: a dashboard user imports tokens with POST /api/integrations/:id/connect', async () => {
    const res = await as(h, { cookie: other.cookie }, '/api/integrations/acme-idp/connect', {
      method: 'POST',
      json: { accessToken: 'imported' },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    expect(((await res.json()) as Seed002Connection).ownerId).toBe(other.id)
  })

  it("SHARED: a dashboard user acts without X-End-User-Id; ownerId is the user's id", async () => {
    const put = await as(h, { cookie: superuser.cookie }, '/api/v1/integrations/acme-idp/sharing', {
      method: 'PUT',
      json: { sharingMode: 'SHARED' },
    })
    expect(put.status).toBe(200)
    await put.body?.cancel()
    await connectDirect(h, { cookie: member.cookie })
    const c = await currentConnection(h, { cookie: member.cookie })
    expect(Object.keys(c).sort()).toEqual(Object.keys(SEED_CONNECTION).sort())
    expectSeedShape(c, SEED_CONNECTION)
    expect(c).toMatchObject({ ownerId: member.id, isShared: true })
    const res = await as(h, { cookie: member.cookie }, '/api/integrations/acme-idp/request/me')
    expect(res.status).toBe(200)
    expect(((await res.json()) as { authorizedAs: string }).authorizedAs).toBe(
      `bearer:${tokenFingerprint(await storedAccessToken(h, c.id))}`,
    )
    // The other member sees and uses the same shared connection.
    expect(await currentConnection(h, { cookie: other.cookie })).toEqual(c)
    const list = (await (
      await as(h, { cookie: other.cookie }, '/api/integration-connections')
    ).json()) as typeof SEED_LIST
    // `other` sees the shared connection next to its own per-user one (imported above), nobody else's.
    const items = list._embedded['inf:integration-connection'].map((i) => [i.id, i.ownerId, i.isShared])
    expect(items).toContainEqual([c.id, member.id, true])
    expect(items.filter(([, , shared]) => !shared).every(([, owner]) => owner === other.id)).toBe(true)
  })

  it("a member may not delete another user's connection (403); a superuser may", async () => {
    const c = await currentConnection(h, { cookie: member.cookie })
    const denied = await as(h, { cookie: other.cookie }, `/api/v1/connections/${c.id}`, { method: 'DELETE' })
    expect(denied.status).toBe(403)
    expect(await errorCode(denied)).toBe('FORBIDDEN')
    const denied002 = await as(h, { cookie: other.cookie }, '/api/integrations/acme-idp/connection', {
      method: 'DELETE',
    })
    expect(denied002.status).toBe(403)
    expect(await errorCode(denied002)).toBe('FORBIDDEN')
    expect((await currentConnection(h, { cookie: member.cookie })).id).toBe(c.id)

    const byRoot = await as(h, { cookie: superuser.cookie }, '/api/integrations/acme-idp/connection', {
      method: 'DELETE',
    })
    expect(byRoot.status).toBe(204)
    const gone = await as(h, { cookie: member.cookie }, '/api/integrations/acme-idp/connection')
    expect(gone.status).toBe(404)
    await gone.body?.cancel()

    // Via seed 001's DELETE too.
    await connectDirect(h, { cookie: member.cookie })
    const again = await currentConnection(h, { cookie: member.cookie })
    const byRoot001 = await as(h, { cookie: superuser.cookie }, `/api/v1/connections/${again.id}`, {
      method: 'DELETE',
    })
    expect(byRoot001.status).toBe(204)
  })

  it('the owner may disconnect their own connection', async () => {
    await connectDirect(h, { cookie: member.cookie })
    const own = await as(h, { cookie: member.cookie }, '/api/integrations/acme-idp/connection', {
      method: 'DELETE',
    })
    expect(own.status).toBe(204)
    const gone = await as(h, { cookie: other.cookie }, '/api/integrations/acme-idp/connection')
    expect(gone.status).toBe(404)
    await gone.body?.cancel()
  })

  it('a member may not change the sharing mode', async () => {
    const res = await as(h, { cookie: other.cookie }, '/api/v1/integrations/acme-idp/sharing', {
      method: 'PUT',
      json: { sharingMode: 'PER_USER' },
    })
    expect(res.status).toBe(403)
    await res.body?.cancel()
  })

  it('without any credential every seed 002 endpoint answers 401', async () => {
    for (const [method, path] of [
      ['GET', '/api/integrations/acme-idp/connect'],
      ['POST', '/api/integrations/acme-idp/connect'],
      ['GET', '/api/integrations/acme-idp/connection'],
      ['DELETE', '/api/integrations/acme-idp/connection'],
      ['GET', '/api/integration-connections'],
      ['POST', '/api/integrations/acme-idp/request'],
      ['GET', '/api/integrations/acme-idp/request/me'],
    ] as const) {
      const res = await h.api(path, { method, key: null, ...(method === 'POST' && { json: { url: '/me' } }) })
      expect(res.status, `${method} ${path}`).toBe(401)
      expect(await errorCode(res)).toBe('UNAUTHORIZED')
    }
  })
})
