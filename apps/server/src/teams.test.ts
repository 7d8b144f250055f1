import { bootstrapOrganization, createUser, INVITE_TTL_MS } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

// Issue 24: members, invites and several organizations per user, over REST and tRPC (thin over
// the same core), on a real server.

const PASSWORD = 'correct horse battery staple'
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' }

describe('members and invites', () => {
  let h: Harness
  let owner: string
  let ownerId: string

  async function signIn(email: string, password = PASSWORD): Promise<string> {
    const res = await fetch(`${h.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    expect(res.status).toBe(200)
    return (res.headers.getSetCookie()[0] ?? '').split(';')[0] as string
  }
  const as = (cookie: string, path: string, init: RequestInit & { json?: unknown } = {}) =>
    h.api(path, { ...init, key: null, headers: { cookie, ...SAME_ORIGIN, ...(init.headers as object) } })
  const trpc = async (cookie: string, path: string, input?: unknown, query = false) => {
    const url = `${h.url}/trpc/${path}${query ? `?input=${encodeURIComponent(JSON.stringify(input ?? {}))}` : ''}`
    const res = await fetch(url, {
      method: query ? 'GET' : 'POST',
      headers: { cookie, ...SAME_ORIGIN, ...(!query && { 'content-type': 'application/json' }) },
      ...(!query && { body: JSON.stringify(input ?? {}) }),
    })
    // biome-ignore lint/suspicious/noExplicitAny: tRPC answers are read field by field in the test
    return { status: res.status, body: (await res.json()) as Record<string, any> }
  }
  const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1)

  beforeAll(async () => {
    h = await startHarness()
    ownerId = (
      await createUser(h.t.deps, {
        organizationId: h.org.organizationId,
        email: 'olive@acme.test',
        password: PASSWORD,
        role: 'owner',
      })
    ).id
    owner = await signIn('olive@acme.test')
  })
  afterAll(async () => {
    await h?.close()
  })

  it('an owner invites a viewer; the link creates the account once, and the viewer only reads', async () => {
    const created = await as(owner, '/api/v1/invites', {
      method: 'POST',
      json: { email: 'Vic@Acme.test', role: 'viewer' },
    })
    expect(created.status).toBe(201)
    const { invite, url } = (await created.json()) as { invite: { id: string; email: string }; url: string }
    expect(invite.email).toBe('vic@acme.test')
    expect(url).toMatch(/\/invite\/inv_[A-Za-z0-9_-]{43}$/)
    const token = tokenOf(url)
    // Stored hashed: the token is nowhere in the table.
    const rows = await h.t.deps.db.selectFrom('invites').selectAll().execute()
    expect(JSON.stringify(rows)).not.toContain(token)
    const listed = await as(owner, '/api/v1/invites')
    expect(JSON.stringify(await listed.json())).not.toContain(token)

    const lookup = await fetch(`${h.url}/api/v1/invites/accept/${token}`)
    expect(await lookup.json()).toEqual({
      organizationName: expect.any(String),
      email: 'vic@acme.test',
      role: 'viewer',
      userExists: false,
    })
    const noPassword = await h.api('/api/v1/invites/accept', { method: 'POST', key: null, json: { token } })
    expect(noPassword.status).toBe(400)
    const accepted = await h.api('/api/v1/invites/accept', {
      method: 'POST',
      key: null,
      json: { token, password: 'viewer password 1' },
    })
    expect(accepted.status).toBe(200)
    const viewer = (accepted.headers.getSetCookie()[0] ?? '').split(';')[0] as string
    expect(viewer).toMatch(/=/)

    // Single use.
    const again = await h.api('/api/v1/invites/accept', {
      method: 'POST',
      key: null,
      json: { token, password: 'viewer password 1' },
    })
    expect(again.status).toBe(400)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('INVITE_NOT_VALID')

    // The viewer reads, and every change is refused by the server (403 naming the scope).
    expect((await as(viewer, '/api/v1/connections')).status).toBe(200)
    expect((await as(viewer, '/api/v1/members')).status).toBe(200)
    for (const [path, init, scope] of [
      ['/api/v1/workspaces', { method: 'POST', json: { name: 'x' } }, 'workspaces:write'],
      ['/api/v1/end-users', { method: 'POST', json: { externalId: 'x' } }, 'end-users:write'],
      ['/api/v1/invites', { method: 'POST', json: { email: 'x@acme.test', role: 'owner' } }, 'members:write'],
      [`/api/v1/members/${ownerId}`, { method: 'DELETE' }, 'members:write'],
      ['/api/v1/events', {}, 'events:read'],
    ] as const) {
      const res = await as(viewer, path, init)
      expect(res.status, path).toBe(403)
      expect(await res.json()).toMatchObject({
        error: { code: 'INSUFFICIENT_SCOPE', details: { requiredScope: scope } },
      })
    }
    const me = await trpc(viewer, 'auth.me', undefined, true)
    expect(me.body.result.data).toMatchObject({
      role: 'viewer',
      user: { email: 'vic@acme.test', role: 'viewer' },
    })
    expect(me.body.result.data.scopes).not.toContain('members:write')

    const types = (await h.t.deps.db.selectFrom('events').select('type').execute()).map((e) => e.type)
    expect(types).toEqual(expect.arrayContaining(['invite.created', 'invite.accepted']))
  })

  it('a revoked or expired invite is not valid (400 INVITE_NOT_VALID); a made-up one neither', async () => {
    const make = async (email: string) => {
      const res = await trpc(owner, 'invites.create', { email, role: 'member' })
      expect(res.status).toBe(200)
      return res.body.result.data as { invite: { id: string }; url: string }
    }
    const revoked = await make('rev@acme.test')
    expect((await as(owner, `/api/v1/invites/${revoked.invite.id}`, { method: 'DELETE' })).status).toBe(204)
    const expired = await make('old@acme.test')
    h.clock.advance(INVITE_TTL_MS + 1000)
    for (const token of [tokenOf(revoked.url), tokenOf(expired.url), `inv_${'a'.repeat(43)}`, 'nonsense']) {
      const look = await fetch(`${h.url}/api/v1/invites/accept/${token}`)
      expect(look.status, token).toBe(400)
      const res = await trpc('', 'invites.accept', { token, password: 'a fine password' })
      expect(res.status).toBe(400)
      expect(res.body.error.data.appCode).toBe('INVITE_NOT_VALID')
    }
    // A week went by: the owner's session ended too.
    owner = await signIn('olive@acme.test')
  })

  it('the last owner can be neither demoted nor removed (409 LAST_OWNER); a second owner can', async () => {
    const demote = await as(owner, `/api/v1/members/${ownerId}`, { method: 'PATCH', json: { role: 'admin' } })
    expect(demote.status).toBe(409)
    expect(((await demote.json()) as { error: { code: string } }).error.code).toBe('LAST_OWNER')
    const remove = await trpc(owner, 'members.remove', { userId: ownerId })
    expect(remove.body.error.data.appCode).toBe('LAST_OWNER')

    const second = await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email: 'adam@acme.test',
      password: PASSWORD,
      role: 'admin',
    })
    const admin = await signIn('adam@acme.test')
    // An admin cannot make an owner…
    expect(
      (await as(admin, `/api/v1/members/${second.id}`, { method: 'PATCH', json: { role: 'owner' } })).status,
    ).toBe(403)
    // …an owner can; then the first owner may step down.
    const promoted = await as(owner, `/api/v1/members/${second.id}`, {
      method: 'PATCH',
      json: { role: 'owner' },
    })
    expect(promoted.status).toBe(200)
    expect(((await promoted.json()) as { member: { role: string } }).member.role).toBe('owner')
    const down = await as(owner, `/api/v1/members/${ownerId}`, { method: 'PATCH', json: { role: 'admin' } })
    expect(down.status).toBe(200)
    // Back, for the other tests.
    expect(
      (await as(admin, `/api/v1/members/${ownerId}`, { method: 'PATCH', json: { role: 'owner' } })).status,
    ).toBe(200)
    const types = (await h.t.deps.db.selectFrom('events').select('type').execute()).map((e) => e.type)
    expect(types).toContain('member.updated')
  })

  it("an admin's API key holds no more than the admin: it neither makes, unmakes nor invites an owner (403); an owner's key does", async () => {
    const adminUser = await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email: 'ada@acme.test',
      password: PASSWORD,
      role: 'admin',
    })
    const admin = await signIn('ada@acme.test')
    const makeKey = async (cookie: string) => {
      const res = await as(cookie, '/api/v1/api-keys', { method: 'POST', json: { name: 'full' } })
      expect(res.status).toBe(201)
      return ((await res.json()) as { key: string }).key
    }
    const adminKey = await makeKey(admin)
    const byKey = (key: string, path: string, init: RequestInit & { json?: unknown } = {}) =>
      h.api(path, { ...init, key })
    const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code

    // Self-promotion, demoting the owner, removing the owner, inviting an owner: all refused.
    const promote = await byKey(adminKey, `/api/v1/members/${adminUser.id}`, {
      method: 'PATCH',
      json: { role: 'owner' },
    })
    expect(promote.status).toBe(403)
    expect(await codeOf(promote)).toBe('FORBIDDEN')
    const demote = await byKey(adminKey, `/api/v1/members/${ownerId}`, {
      method: 'PATCH',
      json: { role: 'viewer' },
    })
    expect(demote.status).toBe(403)
    expect(await codeOf(demote)).toBe('FORBIDDEN')
    const remove = await byKey(adminKey, `/api/v1/members/${ownerId}`, { method: 'DELETE' })
    expect(remove.status).toBe(403)
    const invite = await byKey(adminKey, '/api/v1/invites', {
      method: 'POST',
      json: { email: 'boss@acme.test', role: 'owner' },
    })
    expect(invite.status).toBe(403)
    expect(await codeOf(invite)).toBe('FORBIDDEN')
    // A key made by the admin's key is no stronger.
    const grandchild = await byKey(adminKey, '/api/v1/api-keys', { method: 'POST', json: { name: 'child' } })
    expect(grandchild.status).toBe(201)
    const childKey = ((await grandchild.json()) as { key: string }).key
    expect(
      (await byKey(childKey, `/api/v1/members/${adminUser.id}`, { method: 'PATCH', json: { role: 'owner' } }))
        .status,
    ).toBe(403)
    const me = await h.t.deps.db
      .selectFrom('memberships')
      .select('role')
      .where('userId', '=', adminUser.id)
      .executeTakeFirstOrThrow()
    expect(me.role).toBe('admin')

    // The owner's key still can; and a key made by the CLI (the harness's key) can too.
    const ownerKey = await makeKey(owner)
    const promoted = await byKey(ownerKey, `/api/v1/members/${adminUser.id}`, {
      method: 'PATCH',
      json: { role: 'owner' },
    })
    expect(promoted.status).toBe(200)
    const invited = await byKey(ownerKey, '/api/v1/invites', {
      method: 'POST',
      json: { email: 'boss@acme.test', role: 'owner' },
    })
    expect(invited.status).toBe(201)
    const back = await h.api(`/api/v1/members/${adminUser.id}`, { method: 'PATCH', json: { role: 'admin' } })
    expect(back.status).toBe(200)
  })

  it('a user of two organizations lists both, switches, and loses one when removed from it', async () => {
    const other = await bootstrapOrganization(h.t.deps, { organizationName: 'Initech', plan: 'TEAM' })
    const boss = await createUser(h.t.deps, {
      organizationId: other.organizationId,
      email: 'bill@initech.test',
      password: PASSWORD,
      role: 'owner',
    })
    const bill = await signIn(boss.email)
    const inv = await trpc(bill, 'invites.create', { email: 'olive@acme.test', role: 'member' })
    expect(inv.status).toBe(200)
    // Olive is signed in: accepting adds the organization without a password.
    const accepted = await trpc(owner, 'invites.accept', { token: tokenOf(inv.body.result.data.url) })
    expect(accepted.status).toBe(200)
    const olive = (await trpc(owner, 'auth.me', undefined, true)).body
    const names = olive.result.data.organizations.map((o: { name: string }) => o.name)
    expect(names).toContain('Initech')
    expect(olive.result.data.organization.id).toBe(h.org.organizationId)

    const switched = await trpc(owner, 'account.switchOrganization', { organizationId: other.organizationId })
    expect(switched.status).toBe(200)
    const me = await trpc(owner, 'auth.me', undefined, true)
    expect(me.body.result.data).toMatchObject({ organization: { id: other.organizationId }, role: 'member' })
    // A member of Initech: reads its members, cannot invite.
    expect((await as(owner, '/api/v1/members')).status).toBe(200)
    expect(
      (await as(owner, '/api/v1/invites', { method: 'POST', json: { email: 'z@x.test', role: 'viewer' } }))
        .status,
    ).toBe(403)
    // An organization one does not belong to: 404.
    const nowhere = await trpc(owner, 'account.switchOrganization', { organizationId: h.t.deps.newId() })
    expect(nowhere.status).toBe(404)

    // Removed from Initech: the session there ends; Acme still signs in.
    const removed = await as(bill, `/api/v1/members/${ownerId}`, { method: 'DELETE' })
    expect(removed.status).toBe(204)
    expect((await as(owner, '/api/v1/members')).status).toBe(401)
    owner = await signIn('olive@acme.test')
    const back = await trpc(owner, 'auth.me', undefined, true)
    expect(back.body.result.data.organization.id).toBe(h.org.organizationId)
    // Another organization's member ids are not found.
    expect(
      (await as(bill, `/api/v1/members/${ownerId}`, { method: 'PATCH', json: { role: 'viewer' } })).status,
    ).toBe(404)
  })
})
