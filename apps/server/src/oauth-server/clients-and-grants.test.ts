import { type AppError, createUser } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OAuthKit, REDIRECT_URI, startOAuthKit } from './oauth-test-kit.ts'

// Registering apps (REST + tRPC, one core module), authorized apps, seed 003's legacy codes.

describe('OAuth clients and authorized apps', () => {
  let kit: OAuthKit
  beforeAll(async () => {
    kit = await startOAuthKit()
  })
  afterAll(async () => {
    await kit.close()
  })

  /** A tRPC call with the dashboard cookie; `data` is the result (or [] when there is none). */
  const trpc = async (path: string, input: unknown, cookie: string, method: 'GET' | 'POST' = 'POST') => {
    const url =
      method === 'GET'
        ? `${kit.h.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`
        : `${kit.h.url}/trpc/${path}`
    const res = await fetch(url, {
      method,
      // sec-fetch-site as the dashboard's own pages send it (cookie-authenticated tRPC).
      headers: {
        cookie,
        'sec-fetch-site': 'same-origin',
        ...(method === 'POST' && { 'content-type': 'application/json' }),
      },
      ...(method === 'POST' && { body: JSON.stringify(input) }),
    })
    const body = (await res.json()) as { result?: { data: unknown }; error?: unknown }
    // biome-ignore lint/suspicious/noExplicitAny: shapes are asserted by each test
    return { status: res.status, body, data: (body.result?.data ?? []) as any }
  }

  it('registers an app over REST: the secret is shown once and only its hash is kept', async () => {
    const res = await kit.h.api('/api/v1/oauth-clients', {
      method: 'POST',
      json: {
        name: 'Zapier-ish',
        logoUrl: 'https://cdn.example.com/logo.png',
        redirectUris: [REDIRECT_URI, 'https://app.example.com/cb'],
        confidential: true,
        scopes: ['connections:read', 'proxy', 'offline_access'],
      },
    })
    expect(res.status).toBe(201)
    const { oauthClient } = (await res.json()) as { oauthClient: Record<string, unknown> }
    expect(oauthClient).toMatchObject({
      clientId: expect.stringMatching(/^sbc_[A-Za-z0-9_-]{24}$/),
      clientSecret: expect.stringMatching(/^sbs_[A-Za-z0-9_-]{43}$/),
      name: 'Zapier-ish',
      logoUrl: 'https://cdn.example.com/logo.png',
      redirectUris: [REDIRECT_URI, 'https://app.example.com/cb'],
      confidential: true,
      tokenEndpointAuthMethod: 'client_secret_basic',
      scopes: ['connections:read', 'proxy', 'offline_access'],
    })

    const list = await kit.h.api('/api/v1/oauth-clients')
    const text = await list.text()
    expect(text).toContain(String(oauthClient.clientId))
    expect(text).not.toContain(String(oauthClient.clientSecret))
    expect(text).not.toContain('clientSecret')

    // A public client has no secret.
    const pub = await kit.register({ confidential: false })
    expect(pub.clientSecret).toBeNull()

    // Scopes outside the catalog are refused.
    const bad = await kit.h.api('/api/v1/oauth-clients', {
      method: 'POST',
      json: { name: 'x', redirectUris: [REDIRECT_URI], scopes: ['admin'] },
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } })
  })

  it('tRPC oauthClients and oauthGrants call the same core functions', async () => {
    const jar = await kit.signedInJar()
    const cookie = jar.header(kit.h.url) ?? ''
    const created = await trpc(
      'oauthClients.create',
      {
        name: 'From the dashboard',
        redirectUris: [REDIRECT_URI],
        confidential: true,
        scopes: ['connections:read'],
      },
      cookie,
    )
    expect(created.status).toBe(200)
    const client = created.data as { id: string; clientId: string; clientSecret: string }
    expect(client.clientSecret).toMatch(/^sbs_/)
    const listed = await trpc('oauthClients.list', undefined, cookie, 'GET')
    expect((listed.data as Array<{ clientId: string }>).map((c) => c.clientId)).toContain(client.clientId)
    expect(JSON.stringify(listed.body)).not.toContain(client.clientSecret)

    await kit.grant({ ...client, scopes: ['connections:read'] }, ['connections:read'])
    const grants = await trpc('oauthGrants.list', undefined, cookie, 'GET')
    const grant = (grants.data as Array<{ id: string; clientId: string }>).find(
      (g) => g.clientId === client.clientId,
    )
    expect(grant).toBeDefined()
    expect((await trpc('oauthGrants.revoke', { id: grant?.id }, cookie)).status).toBe(200)
    const after = await trpc('oauthGrants.list', undefined, cookie, 'GET')
    expect((after.data as Array<{ id: string }>).map((g) => g.id)).not.toContain(grant?.id)

    expect((await trpc('oauthClients.delete', { id: client.id }, cookie)).status).toBe(200)
  })

  it('deleting an app ends every token issued to it', async () => {
    const client = await kit.register({ scopes: ['connections:read', 'offline_access'] })
    const tokens = await kit.grant(client)
    const access = String(tokens.access_token)
    expect((await kit.h.api('/api/v1/connections', { key: access })).status).toBe(200)
    expect((await kit.h.api(`/api/v1/oauth-clients/${client.clientId}`, { method: 'DELETE' })).status).toBe(
      204,
    )
    expect((await kit.h.api('/api/v1/connections', { key: access })).status).toBe(401)
    const rows = await kit.h.t.deps.db
      .selectFrom('oauthServerModels')
      .select('id')
      .where('clientId', '=', client.clientId)
      .execute()
    expect(rows).toEqual([])
    expect((await kit.h.api(`/api/v1/oauth-clients/${client.clientId}`, { method: 'DELETE' })).status).toBe(
      404,
    )
  })

  it('another organization cannot see or delete an app, nor see or revoke its grants', async () => {
    const client = await kit.register({ scopes: ['connections:read'] })
    await kit.grant(client, ['connections:read'])
    const { bootstrapOrganization } = await import('@switchboard/core')
    const globex = await bootstrapOrganization(kit.h.t.deps, { organizationName: 'Globex', plan: 'TEAM' })
    const theirs = await kit.h.api('/api/v1/oauth-clients', { key: globex.apiKey })
    expect(await theirs.json()).toEqual({ oauthClients: [], nextCursor: null })
    const del = await kit.h.api(`/api/v1/oauth-clients/${client.id}`, {
      method: 'DELETE',
      key: globex.apiKey,
    })
    expect(del.status).toBe(404)
    const grants = (await (await kit.h.api('/api/v1/oauth-grants')).json()) as {
      oauthGrants: Array<{ id: string }>
    }
    const grantId = grants.oauthGrants[0]?.id ?? ''
    expect(grantId).not.toBe('')
    expect(await (await kit.h.api('/api/v1/oauth-grants', { key: globex.apiKey })).json()).toEqual({
      oauthGrants: [],
      nextCursor: null,
    })
    const revoke = await kit.h.api(`/api/v1/oauth-grants/${grantId}`, {
      method: 'DELETE',
      key: globex.apiKey,
    })
    expect(revoke.status).toBe(404)
  })

  it('a member sees and revokes only their own authorizations', async () => {
    const memberEmail = `member-${Date.now()}@example.com`
    await createUser(kit.h.t.deps, {
      organizationId: kit.h.org.organizationId,
      email: memberEmail,
      password: kit.password,
      role: 'member',
    })
    const client = await kit.register({ scopes: ['connections:read'] })
    await kit.grant(client, ['connections:read']) // granted by the owner
    const jar = await kit.signedInJar(memberEmail, kit.password)
    const cookie = jar.header(kit.h.url) ?? ''
    const mine = await trpc('oauthGrants.list', undefined, cookie, 'GET')
    expect(mine.status).toBe(200)
    expect(mine.data).toEqual([])
    const all = (await (await kit.h.api('/api/v1/oauth-grants')).json()) as {
      oauthGrants: Array<{ id: string }>
    }
    const ownerGrant = all.oauthGrants[0]?.id
    expect((await trpc('oauthGrants.revoke', { id: ownerGrant }, cookie)).status).toBe(404)
    // Members cannot register apps either.
    const created = await trpc(
      'oauthClients.create',
      { name: 'x', redirectUris: [REDIRECT_URI], scopes: ['proxy'] },
      cookie,
    )
    expect(created.status).toBe(403)
  })

  it('seed 003 error codes: legacyCode next to our code', async () => {
    const cases: Array<[RequestInit & { key?: string | null }, string, number, number]> = [
      [{ key: null }, '/api/v1/oauth-clients', 401, 2032],
      [{ key: `sk_${'A'.repeat(43)}` }, '/api/v1/oauth-clients', 401, 2036],
      [{ key: 'an-unknown-access-token-of-the-right-shape-xyz' }, '/api/v1/connections', 401, 2036],
      [{ key: null, headers: { authorization: 'Token abc' } }, '/api/v1/connections', 401, 2038],
    ]
    for (const [init, path, status, legacyCode] of cases) {
      const res = await kit.h.api(path, init)
      expect(res.status).toBe(status)
      expect(await res.json()).toMatchObject({ error: { legacyCode } })
    }
    const invalidEmail = await kit.h.api('/api/v1/end-users', {
      method: 'POST',
      json: { workspaceId: kit.h.org.workspaceId, externalId: 'u-1', email: 'not-an-email' },
    })
    expect(invalidEmail.status).toBe(400)
    expect(await invalidEmail.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR', legacyCode: 2041 } })

    const user = (email: string) =>
      createUser(kit.h.t.deps, {
        organizationId: kit.h.org.organizationId,
        email,
        password: kit.password,
        role: 'member',
      })
    const legacyOf = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: AppError) => e.legacyCode,
      )
    expect(await legacyOf(user(''))).toBe(2034)
    expect(await legacyOf(user('nope'))).toBe(2041)
    expect(await legacyOf(user(kit.email))).toBe(2039)
  })

  it('a third-party token cannot manage the organization', async () => {
    const client = await kit.register({ scopes: ['connections:read', 'workspaces:read'] })
    const tokens = await kit.grant(client, ['connections:read', 'workspaces:read'])
    const access = String(tokens.access_token)
    expect((await kit.h.api('/api/v1/workspaces', { key: access })).status).toBe(200)
    const valid = { name: 'x', redirectUris: [REDIRECT_URI], scopes: ['proxy'] }
    for (const [method, path, json] of [
      ['POST', '/api/v1/oauth-clients', valid],
      ['POST', '/api/v1/api-keys', { name: 'x' }],
      ['PATCH', '/api/v1/organization', { name: 'x' }],
      ['POST', '/api/v1/workspaces', { name: 'x' }],
    ] as const) {
      const res = await kit.h.api(path, { method, key: access, json })
      expect(res.status).toBe(403)
      expect(await res.json()).toMatchObject({ error: { code: 'INSUFFICIENT_SCOPE' } })
    }
  })
})
