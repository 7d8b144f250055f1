import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { CookieJar } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type OAuthKit,
  postForm,
  REDIRECT_URI,
  type RegisteredClient,
  startOAuthKit,
} from './oauth-test-kit.ts'

// Checklist items 24–38 (token and revocation endpoints, tokens at our API, storage).

const VERIFIER = 'k'.repeat(50)
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url')
const SECOND_REDIRECT = 'https://app.example.com/oauth/callback'

describe('token and revocation endpoints', () => {
  let kit: OAuthKit
  let jar: CookieJar
  let app: RegisteredClient
  let other: RegisteredClient
  let pub: RegisteredClient

  const creds = (c: RegisteredClient) => ({ id: c.clientId, secret: c.clientSecret ?? '' })

  /** A code for `client`, with PKCE unless `pkce` is false. */
  const codeFor = async (
    client: RegisteredClient,
    opts: { pkce?: boolean; redirectUri?: string; scope?: string } = {},
  ) => {
    const q = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: opts.redirectUri ?? REDIRECT_URI,
      response_type: 'code',
      scope: opts.scope ?? 'connections:read offline_access',
      state: 's',
    })
    if (opts.pkce !== false) {
      q.set('code_challenge', CHALLENGE)
      q.set('code_challenge_method', 'S256')
    }
    const callback = await kit.authorize(jar, `${kit.authorizeUrl}?${q.toString()}`)
    const code = callback.searchParams.get('code')
    if (!code) throw new Error(`no code: ${callback.href}`)
    return code
  }

  const exchange = (
    client: RegisteredClient,
    code: string,
    extra: Record<string, string> = {},
    auth: 'basic' | 'post' | 'none' = 'basic',
  ) =>
    postForm(
      kit.tokenUrl,
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: VERIFIER,
        ...(auth === 'post' && { client_id: client.clientId, client_secret: client.clientSecret ?? '' }),
        ...(auth === 'none' && { client_id: client.clientId }),
        ...extra,
      },
      auth === 'basic' ? creds(client) : undefined,
    )

  const tokensFor = async (client: RegisteredClient, scope?: string) => {
    const res = await exchange(client, await codeFor(client, scope ? { scope } : {}))
    expect(res.status).toBe(200)
    return (await res.json()) as { access_token: string; refresh_token: string; scope: string }
  }

  const refresh = (client: RegisteredClient, refreshToken: string, extra: Record<string, string> = {}) =>
    postForm(
      kit.tokenUrl,
      { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra },
      creds(client),
    )

  const apiStatus = async (token: string, path = '/api/v1/connections') =>
    (await kit.h.api(path, { key: token })).status

  beforeAll(async () => {
    kit = await startOAuthKit()
    jar = await kit.signedInJar()
    app = await kit.register({
      scopes: ['connections:read', 'connect:write', 'offline_access'],
      redirectUris: [REDIRECT_URI, SECOND_REDIRECT],
    })
    other = await kit.register({ name: 'Other app', scopes: ['connections:read', 'offline_access'] })
    pub = await kit.register({
      name: 'CLI',
      confidential: false,
      scopes: ['connections:read', 'offline_access'],
    })
  })
  afterAll(async () => {
    await kit.close()
  })

  it('25: a code is single-use; a second redemption fails and revokes what the first issued', async () => {
    const code = await codeFor(app)
    const first = await exchange(app, code)
    expect(first.status).toBe(200)
    const tokens = (await first.json()) as { access_token: string; refresh_token: string }
    expect(await apiStatus(tokens.access_token)).toBe(200)

    const second = await exchange(app, code)
    expect(second.status).toBe(400)
    expect(await second.json()).toMatchObject({ error: 'invalid_grant' })
    expect(await apiStatus(tokens.access_token)).toBe(401)
    expect(await (await refresh(app, tokens.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('25: two simultaneous redemptions of one code: exactly one succeeds', async () => {
    const code = await codeFor(app)
    const results = await Promise.all([exchange(app, code), exchange(app, code), exchange(app, code)])
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
  })

  it('26: a code is bound to its client', async () => {
    const code = await codeFor(app)
    const stolen = await exchange(other, code)
    expect(stolen.status).toBe(400)
    expect(await stolen.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('27: a code is bound to its redirect_uri', async () => {
    const code = await codeFor(app)
    const wrong = await exchange(app, code, { redirect_uri: SECOND_REDIRECT })
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' })

    // Required even when the client has a single registered redirect URI.
    const missing = await postForm(
      kit.tokenUrl,
      { grant_type: 'authorization_code', code: await codeFor(other), code_verifier: VERIFIER },
      creds(other),
    )
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' })
  })

  it('28: PKCE — wrong or missing verifier, downgrade, plain, public clients without PKCE', async () => {
    const wrong = await exchange(app, await codeFor(app), { code_verifier: 'w'.repeat(50) })
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' })

    const missing = await exchange(app, await codeFor(app), { code_verifier: '' })
    expect(await missing.json()).toMatchObject({ error: 'invalid_grant' })

    // A code issued without a challenge refuses any verifier (no downgrade)…
    const noChallenge = await codeFor(app, { pkce: false })
    const downgrade = await exchange(app, noChallenge)
    expect(downgrade.status).toBe(400)
    expect(await downgrade.json()).toMatchObject({ error: 'invalid_grant' })
    // …and works without one (confidential clients may omit PKCE, as in seed 003).
    expect((await exchange(app, await codeFor(app, { pkce: false }), { code_verifier: '' })).status).toBe(200)

    // A public client must use PKCE.
    const q = new URLSearchParams({
      client_id: pub.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'connections:read',
      state: 'p',
    })
    const res = await kit.get(jar, `${kit.authorizeUrl}?${q.toString()}`)
    const location = new URL(res.headers.get('location') ?? '')
    expect(location.searchParams.get('error')).toBe('invalid_request')
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/)

    // With PKCE it gets tokens without any secret.
    const pubTokens = await exchange(pub, await codeFor(pub), {}, 'none')
    expect(pubTokens.status).toBe(200)
  })

  it('29: confidential clients must authenticate; secrets are hashed; guessing is throttled', async () => {
    const code = await codeFor(app)
    const anonymous = await exchange(app, code, { client_id: app.clientId }, 'none')
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toMatchObject({ error: 'invalid_client' })

    const row = await kit.h.t.deps.db
      .selectFrom('oauthClients')
      .select('clientSecretHash')
      .where('clientId', '=', app.clientId)
      .executeTakeFirstOrThrow()
    expect(row.clientSecretHash).toMatch(/^sha256:/)
    expect(row.clientSecretHash).not.toContain(app.clientSecret ?? '-')

    // client_secret_post works too.
    expect((await exchange(app, await codeFor(app), {}, 'post')).status).toBe(200)

    // Ten wrong secrets lock the client out for a minute, even with the right secret.
    const victim = await kit.register({ name: 'Victim', scopes: ['connections:read'] })
    const guess = () =>
      postForm(
        kit.tokenUrl,
        { grant_type: 'authorization_code', code: 'x'.repeat(43), redirect_uri: REDIRECT_URI },
        {
          id: victim.clientId,
          secret: 'sbs_guess',
        },
      )
    for (let i = 0; i < 10; i++) expect((await guess()).status).toBe(401)
    const bogusCode = { grant_type: 'authorization_code', code: 'x'.repeat(43), redirect_uri: REDIRECT_URI }
    const locked = await postForm(kit.tokenUrl, bogusCode, creds(victim))
    expect(await locked.json()).toMatchObject({ error: 'invalid_client' })
    kit.h.clock.advance(61_000)
    const unlocked = await postForm(kit.tokenUrl, bogusCode, creds(victim))
    expect(await unlocked.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('30: invalid_client through Basic is 401 with WWW-Authenticate', async () => {
    const res = await postForm(
      kit.tokenUrl,
      { grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT_URI },
      { id: app.clientId, secret: 'sbs_wrong' },
    )
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic /)
    expect(await res.json()).toMatchObject({ error: 'invalid_client' })
    const unknown = await postForm(
      kit.tokenUrl,
      { grant_type: 'refresh_token', refresh_token: 'x' },
      {
        id: 'sbc_nobody',
        secret: 'x',
      },
    )
    expect(unknown.status).toBe(401)
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Basic /)
  })

  it('31/32: POST and form only; no-store on success; RFC 6749 JSON errors', async () => {
    const ok = await exchange(app, await codeFor(app))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('cache-control')).toBe('no-store')
    expect(ok.headers.get('content-type')).toMatch(/application\/json/)
    expect(await ok.json()).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'connections:read',
    })

    const get = await fetch(`${kit.tokenUrl}?grant_type=client_credentials`)
    expect([404, 405]).toContain(get.status)

    const json = await fetch(kit.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`,
      },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }),
    })
    expect(json.status).toBe(400)
    expect(await json.json()).toMatchObject({ error: 'invalid_request' })

    for (const [grantType, error] of [
      ['password', 'unsupported_grant_type'],
      ['client_credentials', 'unsupported_grant_type'],
    ] as const) {
      const res = await postForm(kit.tokenUrl, { grant_type: grantType }, creds(app))
      expect(res.status).toBe(400)
      expect(res.headers.get('cache-control')).toBe('no-store')
      const body = (await res.json()) as Record<string, unknown>
      expect(body.error).toBe(error)
      expect(Object.keys(body).every((k) => ['error', 'error_description'].includes(k))).toBe(true)
    }
  })

  it('33: a refresh token is bound to its client and its scope (narrower is fine)', async () => {
    const tokens = await tokensFor(app, 'connections:read connect:write offline_access')
    const stolen = await refresh(other, tokens.refresh_token)
    expect(stolen.status).toBe(400)
    expect(await stolen.json()).toMatchObject({ error: 'invalid_grant' })

    const broader = await refresh(app, tokens.refresh_token, { scope: 'connections:read proxy' })
    expect(broader.status).toBe(400)
    expect(await broader.json()).toMatchObject({ error: 'invalid_scope' })

    const narrower = await refresh(app, tokens.refresh_token, { scope: 'connections:read' })
    expect(narrower.status).toBe(200)
    const narrow = (await narrower.json()) as { access_token: string; scope: string }
    expect(narrow.scope).toBe('connections:read')
    expect(await apiStatus(narrow.access_token)).toBe(200)
    const connect = await kit.h.api('/api/v1/connect/token', {
      method: 'POST',
      key: narrow.access_token,
      json: {
        integrationName: 'github',
        connectionName: 'x',
        externalId: 'x',
        workspaceId: kit.h.org.workspaceId,
      },
    })
    expect(connect.status).toBe(403)
  })

  it('34: refresh tokens rotate; replaying a rotated one revokes the grant', async () => {
    const tokens = await tokensFor(app)
    const rotated = (await (await refresh(app, tokens.refresh_token)).json()) as {
      access_token: string
      refresh_token: string
    }
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token)
    expect(await apiStatus(rotated.access_token)).toBe(200)

    const replay = await refresh(app, tokens.refresh_token)
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' })
    // The attacker's replay (or the victim's) kills the current token and the grant.
    expect(await (await refresh(app, rotated.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' })
    expect(await apiStatus(rotated.access_token)).toBe(401)
  })

  it('35: refresh tokens expire after 30 days unused; customers can disconnect the app', async () => {
    const tokens = await tokensFor(app)
    const row = await kit.h.t.deps.db
      .selectFrom('oauthServerModels')
      .select(['createdAt', 'expiresAt', 'grantId'])
      .where('model', '=', 'RefreshToken')
      .where('id', '=', createHash('sha256').update(tokens.refresh_token).digest('base64url'))
      .executeTakeFirstOrThrow()
    expect(Date.parse(row.expiresAt ?? '') - Date.parse(row.createdAt)).toBe(30 * 24 * 3600_000)

    // The customer sees the app among the authorized ones and revokes it.
    const listed = await kit.h.api('/api/v1/oauth-grants')
    const { oauthGrants } = (await listed.json()) as {
      oauthGrants: Array<{ id: string; clientId: string; scopes: string[]; userEmail: string }>
    }
    const grant = oauthGrants.find((g) => g.id === row.grantId)
    expect(grant).toMatchObject({ clientId: app.clientId, userEmail: kit.email })
    expect(grant?.scopes.sort()).toEqual(['connections:read', 'offline_access'])
    expect((await kit.h.api(`/api/v1/oauth-grants/${row.grantId}`, { method: 'DELETE' })).status).toBe(204)
    expect(await apiStatus(tokens.access_token)).toBe(401)
    expect(await (await refresh(app, tokens.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' })
    expect((await kit.h.api(`/api/v1/oauth-grants/${row.grantId}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('36: revocation authenticates the client, only touches its tokens, answers 200 to unknown ones', async () => {
    const tokens = await tokensFor(app)
    const anonymous = await postForm(kit.revocationUrl, {
      token: tokens.access_token,
      client_id: app.clientId,
    })
    expect(anonymous.status).toBe(401)
    expect(await apiStatus(tokens.access_token)).toBe(200)

    const foreign = await postForm(kit.revocationUrl, { token: tokens.access_token }, creds(other))
    // RFC 7009 §2.1: the request is refused and the token stays valid.
    expect(foreign.status).toBe(400)
    expect(await foreign.json()).toMatchObject({ error: 'invalid_request' })
    expect(await apiStatus(tokens.access_token)).toBe(200)

    const unknown = await postForm(kit.revocationUrl, { token: 'not-a-token' }, creds(app))
    expect(unknown.status).toBe(200)

    const oddHint = await postForm(
      kit.revocationUrl,
      { token: tokens.access_token, token_type_hint: 'banana' },
      creds(app),
    )
    expect(oddHint.status).toBe(200)
    expect(await apiStatus(tokens.access_token)).toBe(401)
  })

  it('37: a token is limited to its scopes, its organization and our API', async () => {
    const tokens = await tokensFor(app, 'connections:read')
    // Beyond its scopes.
    const connect = await kit.h.api('/api/v1/connect/token', {
      method: 'POST',
      key: tokens.access_token,
      json: {
        integrationName: 'github',
        connectionName: 'x',
        externalId: 'x',
        workspaceId: kit.h.org.workspaceId,
      },
    })
    expect(connect.status).toBe(403)
    expect(await connect.json()).toMatchObject({ error: { code: 'INSUFFICIENT_SCOPE' } })
    for (const [method, path] of [
      ['GET', '/api/v1/workspaces'],
      ['GET', '/api/v1/end-users'],
      ['POST', '/api/v1/proxy'],
      ['GET', '/api/v1/api-keys'],
      ['GET', '/api/v1/oauth-apps'],
      ['GET', '/api/v1/oauth-clients'],
      ['GET', '/api/v1/oauth-grants'],
    ] as const) {
      const json = { connectionId: '00000000-0000-4000-8000-000000000000', method: 'GET', url: '/' }
      const res = await kit.h.api(path, {
        method,
        key: tokens.access_token,
        ...(method === 'POST' && { json }),
      })
      expect([403, 400]).toContain(res.status)
      if (res.status === 400) throw new Error(`${path} validated input before checking scope`)
    }

    // Another organization's connection: 404, never its data.
    const { createConnection, bootstrapOrganization } = await import('@switchboard/core')
    const otherOrg = await bootstrapOrganization(kit.h.t.deps, { organizationName: 'Globex', plan: 'TEAM' })
    const otherPrincipal = { kind: 'apiKey' as const, organizationId: otherOrg.organizationId, apiKeyId: 'x' }
    const { connection } = await createConnection(kit.h.t.deps, otherPrincipal, {
      type: 'SECRET_TEXT',
      integrationName: 'openai',
      workspaceId: otherOrg.workspaceId,
      externalId: 'globex',
      secretText: 'sk-globex-secret',
    } as never)
    const foreign = await kit.h.api(`/api/v1/connections/${connection.id}`, { key: tokens.access_token })
    expect(foreign.status).toBe(404)
    expect(await foreign.text()).not.toContain('globex')
    const mine = (await (await kit.h.api('/api/v1/connections', { key: tokens.access_token })).json()) as {
      connections: unknown[]
    }
    expect(JSON.stringify(mine)).not.toContain(connection.id)

    // Even with the proxy scope, the raw upstream token never reaches a third-party app.
    const proxyApp = await kit.register({ name: 'Proxy app', scopes: ['proxy'] })
    const proxyTokens = await tokensFor(proxyApp, 'proxy')
    const raw = await kit.h.api(`/api/v1/connections/${connection.id}/token`, {
      key: proxyTokens.access_token,
    })
    expect(raw.status).toBe(403)

    // Tokens for another audience are refused at issuance.
    const q = new URLSearchParams({
      client_id: app.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'connections:read',
      state: 'r',
      resource: 'https://evil.example/api',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
    })
    const res = await kit.get(jar, `${kit.authorizeUrl}?${q.toString()}`)
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_target')
  })

  it('24/38: codes, tokens and client secrets are stored only as hashes (byte search of the database)', async () => {
    const code = await codeFor(app)
    const res = await exchange(app, code)
    const tokens = (await res.json()) as { access_token: string; refresh_token: string }
    const rotated = (await (await refresh(app, tokens.refresh_token)).json()) as {
      access_token: string
      refresh_token: string
    }
    const file = kit.h.t.database.sqliteFile
    if (!file) throw new Error('this test needs the SQLite file')
    const bytes = Buffer.concat(
      [file, `${file}-wal`].flatMap((f) => {
        try {
          return [readFileSync(f)]
        } catch {
          return []
        }
      }),
    )
    expect(bytes.length).toBeGreaterThan(0)
    // The database does hold their hashes (so the search looks at the right bytes)…
    const hash = (v: string) => createHash('sha256').update(v).digest('base64url')
    expect(bytes.includes(hash(rotated.access_token))).toBe(true)
    // …and never the values.
    for (const secret of [
      code,
      tokens.access_token,
      tokens.refresh_token,
      rotated.access_token,
      rotated.refresh_token,
      app.clientSecret ?? '',
    ]) {
      expect(secret.length).toBeGreaterThan(20)
      expect(bytes.includes(secret)).toBe(false)
    }
  })
})
