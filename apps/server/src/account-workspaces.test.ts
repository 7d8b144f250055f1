import { bootstrapOrganization, createUser, decryptCredentials } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// Account (sessions, password) and workspace management over HTTP: REST and tRPC are thin over
// the same core; an organization never reaches another's sessions or workspaces.

const PASSWORD = 'correct horse battery staple'

describe('account and workspaces over HTTP', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
    await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email: 'ann@acme.test',
      password: PASSWORD,
      role: 'owner',
    })
  })
  afterAll(async () => {
    await h.close()
  })

  async function signIn(email: string, userAgent: string, password = PASSWORD): Promise<string> {
    const res = await fetch(`${h.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({ email, password }),
    })
    expect(res.status).toBe(200)
    const cookie = res.headers.getSetCookie()[0] ?? ''
    return cookie.split(';')[0] as string
  }
  const withCookie = (cookie: string, path: string, init: RequestInit & { json?: unknown } = {}) =>
    h.api(path, { ...init, key: null, headers: { cookie, ...(init.headers as Record<string, string>) } })

  it('lists, revokes and signs out the other sessions; another organization sees none of them', async () => {
    const laptop = await signIn('ann@acme.test', 'Firefox/140')
    const phone = await signIn('ann@acme.test', 'Safari/18')
    const third = await signIn('ann@acme.test', 'Chromium/140')
    const res = await withCookie(laptop, '/api/v1/account/sessions')
    expect(res.status).toBe(200)
    const { sessions } = (await res.json()) as {
      sessions: Array<{ id: string; userAgent: string; current: boolean }>
    }
    expect(sessions.map((s) => s.userAgent).sort()).toEqual(['Chromium/140', 'Firefox/140', 'Safari/18'])
    expect(sessions.find((s) => s.current)?.userAgent).toBe('Firefox/140')
    const phoneId = sessions.find((s) => s.userAgent === 'Safari/18')?.id as string

    // A user of another organization cannot end it, and learns nothing (404).
    const other = await bootstrapOrganization(h.t.deps, { organizationName: 'Other', plan: 'TEAM' })
    await createUser(h.t.deps, {
      organizationId: other.organizationId,
      email: 'eve@other.test',
      password: PASSWORD,
      role: 'owner',
    })
    const eve = await signIn('eve@other.test', 'curl/8')
    const denied = await withCookie(eve, `/api/v1/account/sessions/${phoneId}`, { method: 'DELETE' })
    expect(denied.status).toBe(404)
    const evesList = (await (await withCookie(eve, '/api/v1/account/sessions')).json()) as {
      sessions: unknown[]
    }
    expect(evesList.sessions).toHaveLength(1)

    const revoked = await withCookie(laptop, `/api/v1/account/sessions/${phoneId}`, { method: 'DELETE' })
    expect(revoked.status).toBe(204)
    expect((await withCookie(phone, '/api/v1/account/sessions')).status).toBe(401)
    const others = await withCookie(laptop, '/api/v1/account/sessions/revoke-others', {
      method: 'POST',
      json: {},
    })
    expect(await others.json()).toEqual({ revoked: 1 })
    expect((await withCookie(third, '/api/v1/account/sessions')).status).toBe(401)
    expect((await withCookie(laptop, '/api/v1/account/sessions')).status).toBe(200)
    expect((await withCookie(eve, '/api/v1/account/sessions')).status).toBe(200)
  })

  it('changes the password with the current one; an API key has no account (403)', async () => {
    const here = await signIn('ann@acme.test', 'Firefox/140')
    const wrong = await withCookie(here, '/api/v1/account/password', {
      method: 'POST',
      json: { currentPassword: 'nope', newPassword: 'a brand new password' },
    })
    expect(wrong.status).toBe(403)
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('WRONG_PASSWORD')
    const short = await withCookie(here, '/api/v1/account/password', {
      method: 'POST',
      json: { currentPassword: PASSWORD, newPassword: 'short' },
    })
    expect(short.status).toBe(400)
    const ok = await withCookie(here, '/api/v1/account/password', {
      method: 'POST',
      json: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
    })
    expect(ok.status).toBe(200)
    await signIn('ann@acme.test', 'Firefox/140', 'a brand new password')
    // An API key has no account: `account` is the one scope a key cannot hold.
    const byKey = await h.api('/api/v1/account/sessions')
    expect(byKey.status).toBe(403)
    expect(((await byKey.json()) as { error: { code: string } }).error.code).toBe('INSUFFICIENT_SCOPE')
  })

  it('renames and deletes workspaces: 409 while connections exist, force revokes them at the provider', async () => {
    const created = await h.api('/api/v1/workspaces', { method: 'POST', json: { name: 'Staging' } })
    expect(created.status).toBe(201)
    const { workspace } = (await created.json()) as { workspace: { id: string } }
    const renamed = await h.api(`/api/v1/workspaces/${workspace.id}`, {
      method: 'PATCH',
      json: { name: 'Stage' },
    })
    expect(await renamed.json()).toMatchObject({ workspace: { id: workspace.id, name: 'Stage' } })

    const { connectionId } = await connectAcme(h, { workspaceId: workspace.id })
    const row = await h.t.deps.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow()
    const creds = decryptCredentials(h.t.deps, row)
    if (creds.kind !== 'oauth2') throw new Error('expected oauth2 credentials')
    expect(await h.provider.introspect(creds.refreshToken as string)).toBe(true)

    const refused = await h.api(`/api/v1/workspaces/${workspace.id}`, { method: 'DELETE' })
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({
      error: { code: 'WORKSPACE_NOT_EMPTY', details: { connections: 1 } },
    })

    // Another organization's key cannot touch it.
    const other = await bootstrapOrganization(h.t.deps, { organizationName: 'Other2', plan: 'TEAM' })
    const foreign = await h.api(`/api/v1/workspaces/${workspace.id}?force=true`, {
      method: 'DELETE',
      key: other.apiKey,
    })
    expect(foreign.status).toBe(404)

    const forced = await h.api(`/api/v1/workspaces/${workspace.id}?force=true`, { method: 'DELETE' })
    expect(forced.status).toBe(204)
    expect(await h.provider.introspect(creds.refreshToken as string)).toBe(false)
    expect((await h.api(`/api/v1/workspaces/${workspace.id}`)).status).toBe(404)

    const last = await h.api(`/api/v1/workspaces/${h.org.workspaceId}`, { method: 'DELETE' })
    expect(last.status).toBe(409)
    expect(((await last.json()) as { error: { code: string } }).error.code).toBe('LAST_WORKSPACE')
  })
})
