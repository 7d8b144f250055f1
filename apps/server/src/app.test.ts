import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { restRoutes } from '@switchboard/api'
import {
  type BootstrapResult,
  bootstrapOrganization,
  createConnection,
  createConnectToken,
  createCustomIntegration,
  createEndUser,
  createInvite,
  createOAuthApp,
  createUser,
  createWebhook,
  insertApiKey,
  type Principal,
  sendTestWebhook,
  sha256,
} from '@switchboard/core'
import { createTestDeps, type TestDeps } from '@switchboard/testing'
import type { LightMyRequestResponse } from 'fastify'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, buildApp, SESSION_COOKIE } from './app.ts'
import { contractCheck, violationsError } from './testing/contract.ts'

const SPA_MARKER = '<!-- switchboard spa test marker -->'
const PASSWORD = 'correct horse battery staple'

interface ErrorJson {
  error: { code: string; message: string; details?: unknown; legacyCode?: number }
}

const json = <T = Record<string, unknown>>(res: LightMyRequestResponse) => res.json() as T
const bearer = (key: string) => ({ authorization: `Bearer ${key}` })
/** What a browser sends on the dashboard's own requests. */
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' }

function setCookieOf(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie']
  const all = Array.isArray(header) ? header : header ? [header] : []
  const cookie = all.find((c) => c.startsWith(`${SESSION_COOKIE}=`))
  if (!cookie) throw new Error(`no ${SESSION_COOKIE} cookie in ${JSON.stringify(all)}`)
  return cookie
}

const cookieValue = (setCookie: string) => setCookie.split(';')[0]?.split('=')[1] ?? ''

describe('HTTP host (SQLite)', () => {
  let t: TestDeps
  let app: App
  let webDist: string
  let acme: BootstrapResult
  let globex: BootstrapResult
  let ownerEmail: string
  /** Ids of Globex's things, by the kind of path parameter they fit. */
  const theirs: Record<string, string> = {}
  const GLOBEX_SECRET = 'sk-globex-0123456789abcdef'

  const contract = contractCheck()
  beforeAll(async () => {
    t = await createTestDeps({ dialect: 'sqlite' })
    webDist = mkdtempSync(path.join(tmpdir(), 'switchboard-web-'))
    writeFileSync(
      path.join(webDist, 'index.html'),
      `<!doctype html><html><head><title>Switchboard</title></head><body>${SPA_MARKER}<div id="root"></div></body></html>`,
    )
    app = await buildApp({ core: t.deps, logger: pino({ level: 'silent' }), webDist, onSend: contract.hook })
    ownerEmail = `owner-${randomUUID()}@acme.test`
    acme = await bootstrapOrganization(t.deps, {
      organizationName: 'Acme',
      plan: 'TEAM',
      email: ownerEmail,
      password: PASSWORD,
    })
    globex = await bootstrapOrganization(t.deps, { organizationName: 'Globex', plan: 'TEAM' })

    // Globex owns one of everything, so every :id route can be tried with another tenant's id.
    const p: Principal = { kind: 'apiKey', organizationId: globex.organizationId, apiKeyId: 'fixture' }
    const { endUser } = await createEndUser(t.deps, p, {
      workspaceId: globex.workspaceId,
      externalId: 'globex-user',
    })
    const { connection } = await createConnection(t.deps, p, {
      type: 'SECRET_TEXT',
      integrationName: 'openai',
      workspaceId: globex.workspaceId,
      externalId: 'globex-conn',
      secretText: GLOBEX_SECRET,
    })
    const session = await createConnectToken(t.deps, p, {
      integrationName: 'openai',
      connectionName: 'Globex OpenAI',
      externalId: 'globex-conn-2',
      workspaceId: globex.workspaceId,
    })
    const integration = await createCustomIntegration(t.deps, p, {
      name: 'globex-crm',
      displayName: 'Globex CRM',
      authType: 'SECRET_TEXT',
      api: {
        baseUrl: 'https://api.globex.test',
        auth: { in: 'header', name: 'Authorization', value: 'Bearer {apiKey}' },
      },
      fields: [{ key: 'apiKey', label: 'API key', secret: true }],
    } as never)
    const oauthApp = await createOAuthApp(t.deps, p, {
      integrationName: 'github',
      clientId: 'globex-client',
      clientSecret: 'globex-client-secret',
    })
    const key = await insertApiKey(t.deps, globex.organizationId, 'Globex key')
    const { webhook } = await createWebhook(t.deps, p, { url: 'https://hooks.globex.test/in' })
    const { delivery } = await sendTestWebhook(t.deps, p, webhook.id)
    const member = await createUser(t.deps, {
      organizationId: globex.organizationId,
      email: `member-${randomUUID()}@globex.test`,
      password: PASSWORD,
      role: 'member',
    })
    const { invite } = await createInvite(t.deps, p, { email: 'invited@globex.test', role: 'viewer' })
    Object.assign(theirs, {
      members: member.id,
      invites: invite.id,
      webhooks: webhook.id,
      deliveries: delivery.id,
      workspaces: globex.workspaceId,
      'end-users': endUser.id,
      connections: connection.id,
      session: session.sessionId,
      integrations: integration.id,
      'oauth-apps': oauthApp.id,
      'api-keys': key.apiKey.id,
    })
  })

  afterAll(async () => {
    await app.close()
    await t.close()
    rmSync(webDist, { recursive: true, force: true })
    // Every answer these tests received is as its route declares (testing/contract.ts).
    expect(contract.checked()).toBeGreaterThan(0)
    const mismatch = violationsError(contract.violations)
    if (mismatch) throw mismatch
  })

  async function login(email: string, password = PASSWORD, target: App = app) {
    return target.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password }),
    })
  }

  describe('health and the SPA', () => {
    it('GET /healthz answers 200 {status: ok}', async () => {
      const res = await app.inject('/healthz')
      expect(res.statusCode).toBe(200)
      expect(json(res)).toEqual({ status: 'ok', database: 'sqlite' })
    })

    it.each(['/', '/connect', '/connect?token=cst_abc', '/app/connections/x', '/app'])(
      'serves the SPA at %s',
      async (url) => {
        const res = await app.inject(url)
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-type']).toMatch(/text\/html/)
        expect(res.body).toContain(SPA_MARKER)
      },
    )

    it.each([
      ['GET', '/api/v1/nope'],
      ['POST', '/api/v1/nope'],
      ['GET', '/api/nope'],
      ['GET', '/oauth2/nope'],
      ['GET', '/oauth/nope'],
      ['DELETE', '/api/v1/workspaces'],
      // Issue 23: document-style probes and every method under /api.
      ['GET', '/api/swagger.json'],
      ['GET', '/api/v1/openapi.yaml'],
      ['PUT', '/api/anything/at/all'],
      ['PATCH', '/api/v1/nope'],
    ] as const)('answers %s %s with 404 JSON, not the SPA', async (method, url) => {
      const res = await app.inject({ method, url, headers: bearer(acme.apiKey) })
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toMatch(/application\/json/)
      expect(json<ErrorJson>(res).error.code).toBe('NOT_FOUND')
      expect(res.body).not.toContain(SPA_MARKER)
    })

    it('answers an unknown tRPC procedure with a 404 error, not the SPA', async () => {
      const res = await app.inject('/trpc/nope')
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toMatch(/application\/json/)
      const body = json<{ error: { data: { code: string; appCode: string } } }>(res)
      expect(body.error.data).toMatchObject({ code: 'NOT_FOUND', appCode: 'NOT_FOUND' })
      expect(res.body).not.toContain(SPA_MARKER)
    })

    it('explains how to build the SPA when it is missing', async () => {
      const bare = await buildApp({ core: t.deps, logger: pino({ level: 'silent' }) })
      try {
        const res = await bare.inject('/')
        expect(res.statusCode).toBe(200)
        expect(res.body).toMatch(/not built/)
        expect((await bare.inject('/api/v1/nope')).statusCode).toBe(404)
      } finally {
        await bare.close()
      }
    })

    it('serves the catalog logos from our own origin, and nothing else under /logos/', async () => {
      const res = await app.inject('/logos/github.svg')
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/)
      expect(res.headers['cache-control']).toMatch(/max-age=\d+/)
      expect(res.body).toMatch(/^<svg /)
      const missing = await app.inject('/logos/no-such-integration.svg')
      expect(missing.statusCode).toBe(404)
      expect(missing.body).not.toContain(SPA_MARKER)
      // Nothing outside the logo folder (here, the catalog's package.json) is served.
      expect((await app.inject('/logos/%2e%2e/package.json')).body).not.toContain('@switchboard/catalog')
    })

    it('lets pages load images from our origin and data: only, except where a tenant image is the point', async () => {
      const imgSrc = (csp: string | undefined) => /img-src ([^;]*)/.exec(String(csp))?.[1]
      for (const url of ['/', '/app', '/app/integrations', '/authorize/login?uid=x', '/api/v1/workspaces']) {
        expect(imgSrc((await app.inject(url)).headers['content-security-policy'] as string), url).toBe(
          "'self' data:",
        )
      }
      // The hosted connect page shows the organization's logo, the consent page the app's.
      for (const url of ['/connect?token=cst_x', '/authorize/consent?uid=x']) {
        const csp = (await app.inject(url)).headers['content-security-policy'] as string
        expect(imgSrc(csp), url).toBe("'self' data: https:")
        expect(csp, url).toMatch(/frame-ancestors 'none'/)
      }
      // Only those exact pages: a look-alike path is not one of them.
      expect(imgSrc((await app.inject('/connectx')).headers['content-security-policy'] as string)).toBe(
        "'self' data:",
      )
    })

    it('sends security headers', async () => {
      const res = await app.inject('/')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
      expect(res.headers['strict-transport-security']).toBeUndefined()
    })
  })

  describe('API key authentication', () => {
    it('lists the workspace of the bootstrap key', async () => {
      const res = await app.inject({ url: '/api/v1/workspaces', headers: bearer(acme.apiKey) })
      expect(res.statusCode).toBe(200)
      const body = json<{ workspaces: Array<{ id: string; name: string }>; nextCursor: null }>(res)
      expect(body.workspaces).toEqual([
        { id: acme.workspaceId, name: 'Default', createdAt: expect.any(String) },
      ])
      expect(body.nextCursor).toBeNull()
    })

    it.each([
      ['no Authorization header', {}, 2032],
      ['an empty bearer', { authorization: 'Bearer ' }, 2038],
      ['a malformed key', { authorization: 'Bearer sk_x' }, 2036],
      ['another scheme', { authorization: 'Basic abc' }, 2038],
      ['a key of the right shape that does not exist', bearer(`sk_${'A'.repeat(43)}`), 2036],
      ['a key of the right length with a character no key has', bearer(`sk_${'A'.repeat(42)}!`), 2036],
      ['a token that is no API key', bearer('gho_1234567890'), 2036],
      ['two tokens', { authorization: 'Bearer sk_a sk_b' }, 2038],
    ] as Array<[string, Record<string, string>, number]>)(
      'rejects %s with 401 UNAUTHORIZED',
      async (_what, headers, legacy) => {
        const res = await app.inject({ url: '/api/v1/workspaces', headers })
        expect(res.statusCode).toBe(401)
        const body = json<ErrorJson>(res)
        expect(body.error.code).toBe('UNAUTHORIZED')
        expect(body.error.message).toEqual(expect.any(String))
        expect(body.error.legacyCode).toBe(legacy)
      },
    )

    it('takes JSON only: a form body (what a cross-site form can send) is 415 on the API and tRPC', async () => {
      for (const url of ['/api/v1/workspaces', '/trpc/workspaces.create']) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { ...bearer(acme.apiKey), 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'name=Forged',
        })
        expect(res.statusCode, url).toBe(415)
        expect(res.body).not.toContain('Forged')
      }
      const rows = await t.deps.db
        .selectFrom('workspaces')
        .select('name')
        .where('name', '=', 'Forged')
        .execute()
      expect(rows).toEqual([])
    })

    it('rejects a revoked key', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: bearer(acme.apiKey),
        payload: { name: 'to revoke' },
      })
      const { key, apiKey } = json<{ key: string; apiKey: { id: string } }>(created)
      expect((await app.inject({ url: '/api/v1/workspaces', headers: bearer(key) })).statusCode).toBe(200)
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/v1/api-keys/${apiKey.id}`,
        headers: bearer(acme.apiKey),
      })
      expect(del.statusCode).toBe(204)
      const res = await app.inject({ url: '/api/v1/workspaces', headers: bearer(key) })
      expect(res.statusCode).toBe(401)
      expect(json<ErrorJson>(res).error).toMatchObject({ code: 'UNAUTHORIZED', legacyCode: 2036 })
    })

    it("answers 404 for another organization's workspace, never its data", async () => {
      const res = await app.inject({
        url: `/api/v1/workspaces/${globex.workspaceId}`,
        headers: bearer(acme.apiKey),
      })
      expect(res.statusCode).toBe(404)
      expect(json<ErrorJson>(res).error.code).toBe('NOT_FOUND')
      expect(res.body).not.toContain('Globex')

      const own = await app.inject({
        url: `/api/v1/workspaces/${acme.workspaceId}`,
        headers: bearer(acme.apiKey),
      })
      expect(own.statusCode).toBe(200)
      expect(json<{ workspace: { id: string } }>(own).workspace.id).toBe(acme.workspaceId)

      const list = await app.inject({ url: '/api/v1/workspaces', headers: bearer(globex.apiKey) })
      expect(list.body).not.toContain(acme.workspaceId)
    })

    it('creates a workspace: 201 {workspace}', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/workspaces',
        headers: bearer(acme.apiKey),
        payload: { name: '  Staging  ' },
      })
      expect(res.statusCode).toBe(201)
      const { workspace } = json<{ workspace: { id: string; name: string; createdAt: string } }>(res)
      expect(workspace).toEqual({ id: expect.any(String), name: 'Staging', createdAt: expect.any(String) })
      expect(new Date(workspace.createdAt).toISOString()).toBe(workspace.createdAt)
      const list = json<{ workspaces: Array<{ id: string }> }>(
        await app.inject({ url: '/api/v1/workspaces', headers: bearer(acme.apiKey) }),
      )
      expect(list.workspaces.map((w) => w.id)).toContain(workspace.id)
      const other = await app.inject({ url: '/api/v1/workspaces', headers: bearer(globex.apiKey) })
      expect(other.body).not.toContain(workspace.id)
    })

    it('tRPC and REST list the same workspaces', async () => {
      const rest = json<{ workspaces: unknown[] }>(
        await app.inject({ url: '/api/v1/workspaces', headers: bearer(acme.apiKey) }),
      )
      const trpc = await app.inject({ url: '/trpc/workspaces.list', headers: bearer(acme.apiKey) })
      expect(trpc.statusCode).toBe(200)
      expect(json<{ result: { data: unknown[] } }>(trpc).result.data).toEqual(rest.workspaces)
      expect(rest.workspaces.length).toBeGreaterThan(0)
    })

    it('tRPC rejects a bad key the same way as REST', async () => {
      const res = await app.inject({
        url: '/trpc/workspaces.list',
        headers: { authorization: 'Bearer sk_x' },
      })
      expect(res.statusCode).toBe(401)
      expect(json<{ error: { data: { appCode: string } } }>(res).error.data.appCode).toBe('UNAUTHORIZED')
      const none = await app.inject({ url: '/trpc/workspaces.list' })
      expect(none.statusCode).toBe(401)
    })
  })

  describe('API keys', () => {
    it('shows a new key once, never lists it or its hash, and revokes it', async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: bearer(acme.apiKey),
        payload: { name: 'CI' },
      })
      expect(created.statusCode).toBe(201)
      const { key, apiKey } = json<{ key: string; apiKey: { id: string; name: string; prefix: string } }>(
        created,
      )
      expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/)
      expect(apiKey).toMatchObject({ name: 'CI', revokedAt: null })
      expect(key.startsWith(apiKey.prefix.replace('…', ''))).toBe(true)
      expect(created.body).not.toContain(sha256(key))

      const works = await app.inject({ url: '/api/v1/workspaces', headers: bearer(key) })
      expect(works.statusCode).toBe(200)

      const list = await app.inject({ url: '/api/v1/api-keys', headers: bearer(acme.apiKey) })
      expect(list.statusCode).toBe(200)
      expect(list.body).not.toContain(key)
      expect(list.body).not.toContain(sha256(key))
      expect(list.body).not.toContain(sha256(acme.apiKey))
      expect(list.body).not.toContain(acme.apiKey)
      const listed = json<{ apiKeys: Array<Record<string, unknown>> }>(list).apiKeys
      expect(listed.map((k) => k.id)).toContain(apiKey.id)
      for (const k of listed)
        expect(Object.keys(k).sort()).toEqual([
          'createdAt',
          'expiresAt',
          'id',
          'lastUsedAt',
          'name',
          'prefix',
          'revokedAt',
          'scopes',
          'workspaceIds',
        ])

      const del = await app.inject({
        method: 'DELETE',
        url: `/api/v1/api-keys/${apiKey.id}`,
        headers: bearer(acme.apiKey),
      })
      expect(del.statusCode).toBe(204)
      expect(del.body).toBe('')
      const after = await app.inject({ url: '/api/v1/workspaces', headers: bearer(key) })
      expect(after.statusCode).toBe(401)
    })

    it("cannot revoke another organization's key", async () => {
      const theirs = json<{ apiKey: { id: string } }>(
        await app.inject({
          method: 'POST',
          url: '/api/v1/api-keys',
          headers: bearer(globex.apiKey),
          payload: {},
        }),
      )
      const res = await app.inject({
        method: 'DELETE',
        url: `/api/v1/api-keys/${theirs.apiKey.id}`,
        headers: bearer(acme.apiKey),
      })
      expect(res.statusCode).toBe(404)
      expect((await app.inject({ url: '/api/v1/api-keys', headers: bearer(globex.apiKey) })).body).toContain(
        theirs.apiKey.id,
      )
    })
  })

  describe('dashboard session', () => {
    it('login sets an httpOnly, SameSite=Lax cookie (not Secure over http) backed by a session row', async () => {
      const res = await login(ownerEmail)
      expect(res.statusCode).toBe(200)
      expect(json<{ result: { data: { user: { email: string } } } }>(res).result.data.user.email).toBe(
        ownerEmail,
      )
      const cookie = setCookieOf(res)
      expect(cookie).toMatch(/;\s*HttpOnly/i)
      expect(cookie).toMatch(/;\s*SameSite=Lax/i)
      expect(cookie).toMatch(/;\s*Path=\//i)
      expect(cookie).not.toMatch(/;\s*Secure/i)
      const token = cookieValue(cookie)
      expect(token.length).toBeGreaterThanOrEqual(43)
      expect(res.body).not.toContain(token)

      // The server keeps a row keyed by the hash of the cookie, never the cookie itself.
      const row = await t.deps.db
        .selectFrom('dashboardSessions')
        .selectAll()
        .where('id', '=', sha256(token))
        .executeTakeFirst()
      expect(row?.userId).toBe(acme.userId)
      const raw = await t.deps.db
        .selectFrom('dashboardSessions')
        .select('id')
        .where('id', '=', token)
        .execute()
      expect(raw).toEqual([])
    })

    it('sets the Secure attribute when served over https', async () => {
      const https = await buildApp({
        core: { ...t.deps, config: { ...t.deps.config, publicUrl: 'https://switchboard.example.com' } },
        logger: pino({ level: 'silent' }),
      })
      try {
        const res = await login(ownerEmail, PASSWORD, https)
        expect(res.statusCode).toBe(200)
        const cookie = setCookieOf(res)
        expect(cookie).toMatch(/;\s*Secure/i)
        expect(cookie).toMatch(/;\s*HttpOnly/i)
        expect(cookie).toMatch(/;\s*SameSite=Lax/i)
        expect((await https.inject('/healthz')).headers['strict-transport-security']).toBeDefined()
        // The proxy routes' own policy keeps HSTS (here on an answer refused for want of a key).
        const proxied = await https.inject('/api/integrations/acme/request/anything')
        expect(proxied.statusCode).toBe(401)
        expect(proxied.headers['content-security-policy']).toMatch(/sandbox/)
        expect(proxied.headers['strict-transport-security']).toBeDefined()
      } finally {
        await https.close()
      }
    })

    it('the cookie authenticates REST and tRPC; logout deletes the session row and the cookie stops working', async () => {
      const token = cookieValue(setCookieOf(await login(ownerEmail)))
      const cookies = { [SESSION_COOKIE]: token }

      const rest = await app.inject({ url: '/api/v1/workspaces', cookies })
      expect(rest.statusCode).toBe(200)
      expect(rest.body).toContain(acme.workspaceId)
      // As the dashboard's own pages send it (cookie-authenticated tRPC must be same-origin).
      const me = await app.inject({ url: '/trpc/auth.me', cookies, headers: SAME_ORIGIN })
      expect(json<{ result: { data: { user: { id: string } } } }>(me).result.data.user.id).toBe(acme.userId)

      const out = await app.inject({
        method: 'POST',
        url: '/trpc/auth.logout',
        cookies,
        headers: { 'content-type': 'application/json', ...SAME_ORIGIN },
      })
      expect(out.statusCode).toBe(200)
      const cleared = setCookieOf(out)
      expect(cookieValue(cleared)).toBe('')
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i)
      const row = await t.deps.db
        .selectFrom('dashboardSessions')
        .select('id')
        .where('id', '=', sha256(token))
        .executeTakeFirst()
      expect(row).toBeUndefined()

      const after = await app.inject({ url: '/api/v1/workspaces', cookies })
      expect(after.statusCode).toBe(401)
      expect(json<ErrorJson>(after).error.code).toBe('UNAUTHORIZED')
      const meAfter = await app.inject({ url: '/trpc/organization.get', cookies, headers: SAME_ORIGIN })
      expect(meAfter.statusCode).toBe(401)
    })

    it('rejects a wrong password and an unknown email alike', async () => {
      const wrong = await login(ownerEmail, 'not the password')
      const unknown = await login('nobody@acme.test', 'not the password')
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401)
        expect(res.headers['set-cookie']).toBeUndefined()
        expect(json<{ error: { message: string; data: { appCode: string } } }>(res).error).toMatchObject({
          message: 'Email or password is incorrect',
          data: { appCode: 'UNAUTHORIZED' },
        })
      }
    })

    it('an expired session is refused', async () => {
      const token = cookieValue(setCookieOf(await login(ownerEmail)))
      await t.deps.db
        .updateTable('dashboardSessions')
        .set({ expiresAt: new Date(t.clock.now().getTime() - 1000).toISOString() })
        .where('id', '=', sha256(token))
        .execute()
      const res = await app.inject({ url: '/api/v1/workspaces', cookies: { [SESSION_COOKIE]: token } })
      expect(res.statusCode).toBe(401)
    })

    it('a forged cookie is refused', async () => {
      const res = await app.inject({ url: '/api/v1/workspaces', cookies: { [SESSION_COOKIE]: 'forged' } })
      expect(res.statusCode).toBe(401)
      expect(json<ErrorJson>(res).error.code).toBe('UNAUTHORIZED')
    })

    it('a member can read but cannot manage API keys (403 INSUFFICIENT_SCOPE on both surfaces)', async () => {
      const email = `member-${randomUUID()}@acme.test`
      await createUser(t.deps, {
        organizationId: acme.organizationId,
        email,
        password: PASSWORD,
        role: 'member',
      })
      const cookies = { [SESSION_COOKIE]: cookieValue(setCookieOf(await login(email))) }

      expect((await app.inject({ url: '/api/v1/workspaces', cookies })).statusCode).toBe(200)

      const rest = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        cookies,
        payload: { name: 'x' },
      })
      expect(rest.statusCode).toBe(403)
      expect(json<ErrorJson>(rest).error).toMatchObject({
        code: 'INSUFFICIENT_SCOPE',
        details: { requiredScope: 'api-keys:write' },
      })
      expect(rest.body).not.toMatch(/sk_/)

      const trpc = await app.inject({
        method: 'POST',
        url: '/trpc/apiKeys.create',
        cookies,
        headers: { 'content-type': 'application/json', ...SAME_ORIGIN },
        payload: JSON.stringify({ name: 'x' }),
      })
      expect(trpc.statusCode).toBe(403)
      expect(json<{ error: { data: { appCode: string } } }>(trpc).error.data.appCode).toBe(
        'INSUFFICIENT_SCOPE',
      )

      const keys = await t.deps.db
        .selectFrom('apiKeys')
        .select('name')
        .where('organizationId', '=', acme.organizationId)
        .where('name', '=', 'x')
        .execute()
      expect(keys).toEqual([])
    })
  })

  describe('bad input never causes a 5xx', () => {
    const oddIds = [
      'nope',
      randomUUID(),
      '%00',
      '..%2F..%2Fetc%2Fpasswd',
      "'%3B%20drop%20table%20users%3B--",
      '%F0%9F%92%A9',
      '%E0%A4%A',
      'a'.repeat(490),
      'a'.repeat(600),
      '%20',
    ]
    const oddValues: unknown[] = [
      null,
      -1,
      1e308,
      true,
      [],
      [1, 'x'],
      {},
      { nested: { deep: [null] } },
      '',
      'x'.repeat(100_000),
      '\u0000\u202e',
      randomUUID(),
      'javascript:alert(1)',
    ]
    // [what, body, content type, whether a 2xx is acceptable (the route's input may be all optional)]
    const rawBodies: Array<[string, string, string, boolean]> = [
      ['invalid JSON', '{"name": ', 'application/json', false],
      ['a JSON array', '[1,2,3]', 'application/json', false],
      ['a JSON string', '"hello"', 'application/json', false],
      ['JSON null', 'null', 'application/json', true],
      ['a JSON number', '42', 'application/json', false],
      ['an empty JSON body', '', 'application/json', true],
      ['deeply nested JSON', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'application/json', false],
      [
        'a prototype-pollution attempt',
        '{"__proto__": {"admin": true}, "constructor": {"prototype": {}}}',
        'application/json',
        true,
      ],
      ['a huge string field', JSON.stringify({ name: 'x'.repeat(2_000_000) }), 'application/json', false],
      [
        'a body over the size limit',
        JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) }),
        'application/json',
        false,
      ],
      ['text/plain', 'name=x', 'text/plain', false],
      ['a form body', 'name=x&workspaceId=y', 'application/x-www-form-urlencoded', true],
      ['XML', '<name>x</name>', 'application/xml', false],
    ]

    function expandPath(p: string, value: string): string {
      return p.replace(/:[A-Za-z]+/g, value)
    }

    function fieldsOf(input: unknown): string[] {
      const shape = (input as { shape?: Record<string, unknown> }).shape
      const fields = shape && typeof shape === 'object' ? Object.keys(shape) : []
      return [...new Set([...fields, 'name', 'workspaceId', 'integrationName', 'token', 'id'])]
    }

    /** 2xx happen for the valid-looking cases; redirects go back to a page that explains the error. */
    function expectNo5xx(res: LightMyRequestResponse, what: string) {
      expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500)
      // A HEAD answer has no body to carry the error (its status says it).
      if (res.statusCode >= 400 && res.raw.req.method !== 'HEAD') {
        const body = json<ErrorJson>(res)
        expect(body.error?.code, `${what} → ${res.body.slice(0, 300)}`).toMatch(/^[A-Z_]+$/)
        expect(typeof body.error.message).toBe('string')
        expect(res.body).not.toMatch(/at .*\.ts:\d+|node_modules|SqliteError|stack/)
      }
    }

    it('the route table is not empty', () => {
      expect(restRoutes.length).toBeGreaterThanOrEqual(8)
    })

    for (const r of restRoutes) {
      describe(`${r.method} ${r.path}`, () => {
        const withBody = r.method === 'POST' || r.method === 'PATCH' || r.method === 'PUT'
        const hasParams = r.path.includes(':')

        if (hasParams) {
          it('odd path parameters', async () => {
            for (const id of oddIds) {
              const url = expandPath(r.path, id)
              const res = await app.inject({
                method: r.method,
                url,
                headers: bearer(acme.apiKey),
                ...(withBody && { payload: {} }),
              })
              expectNo5xx(res, `${r.method} ${url}`)
            }
          })

          it("another organization's ids answer 404/403 and reveal nothing", async () => {
            const kind = Object.keys(theirs).find(
              (k) => r.path.includes(`/${k}/`) || r.path.includes(`:${k}`),
            )
            const theirId = (kind === undefined ? undefined : theirs[kind]) ?? globex.workspaceId
            const url = expandPath(r.path, theirId)
            const res = await app.inject({
              method: r.method,
              url,
              headers: bearer(acme.apiKey),
              ...(withBody && { payload: {} }),
            })
            expectNo5xx(res, `${r.method} ${url}`)
            const others = Object.values(theirs).filter((id) => id !== theirId)
            for (const leak of [...others, globex.organizationId, 'Globex', GLOBEX_SECRET]) {
              expect(res.body, `${r.method} ${url} reveals ${leak}`).not.toContain(leak)
            }
            if (withBody) {
              // An empty body may fail validation before the id is looked up: still no data.
              expect(res.statusCode).toBeGreaterThanOrEqual(400)
            } else if (r.path.endsWith('/:token')) {
              // A link's token names no organization: a wrong one is just not valid (400).
              expect([400, 403, 404]).toContain(res.statusCode)
            } else {
              expect([403, 404]).toContain(res.statusCode)
            }
          })
        }

        const url = expandPath(r.path, randomUUID())

        if (withBody) {
          it.each(rawBodies)('a body that is %s', async (_what, payload, contentType, mayPass) => {
            const res = await app.inject({
              method: r.method,
              url,
              headers: { ...bearer(acme.apiKey), 'content-type': contentType },
              payload,
            })
            expectNo5xx(res, `${r.method} ${url} with ${_what}`)
            if (!mayPass) expect(res.statusCode).toBeGreaterThanOrEqual(400)
          })

          it('fields of the wrong type, one at a time', async () => {
            for (const field of fieldsOf(r.input)) {
              for (const value of oddValues) {
                const res = await app.inject({
                  method: r.method,
                  url,
                  headers: bearer(acme.apiKey),
                  payload: { [field]: value },
                })
                expectNo5xx(res, `${r.method} ${url} with ${field}=${JSON.stringify(value)?.slice(0, 40)}`)
              }
            }
          })
        } else {
          it('odd query strings', async () => {
            const queries = [
              'limit=-1',
              'limit=99999999999999999999',
              'limit=abc',
              'cursor=%00garbage',
              'cursor=eyJub3QiOiJhIGN1cnNvciJ9',
              'workspaceId=nope',
              `workspaceId=${globex.workspaceId}`,
              'workspaceId[]=a&workspaceId[]=b',
              'token=cst_nope',
              `token=${'x'.repeat(10_000)}`,
              'externalId=%F0%9F%92%A9&integrationName=..%2F',
              'code=x&state=y',
              'error=access_denied&state=nope',
            ]
            for (const q of queries) {
              const res = await app.inject({
                method: r.method,
                url: `${url}?${q}`,
                headers: bearer(acme.apiKey),
              })
              expectNo5xx(res, `${r.method} ${url}?${q.slice(0, 60)}`)
            }
          })
        }

        it('odd X-Workspace-Id / X-End-User-Id headers', async () => {
          const variants: Array<Record<string, string>> = [
            { 'x-workspace-id': 'nope' },
            { 'x-workspace-id': globex.workspaceId, 'x-end-user-id': 'someone' },
            { 'x-workspace-id': acme.workspaceId, 'x-end-user-id': 'x'.repeat(5000) },
            { 'x-workspace-id': acme.workspaceId, 'x-end-user-id': '../../etc' },
            { 'x-end-user-id': 'someone' },
          ]
          for (const headers of variants) {
            const res = await app.inject({
              method: r.method,
              url,
              headers: { ...bearer(acme.apiKey), ...headers },
              ...(withBody && { payload: {} }),
            })
            expectNo5xx(res, `${r.method} ${url} with ${JSON.stringify(headers).slice(0, 80)}`)
          }
        })

        if (r.auth === 'required') {
          it('without credentials: 401 before any input is looked at', async () => {
            const res = await app.inject({
              method: r.method,
              url,
              ...(withBody && { payload: '[' as string, headers: { 'content-type': 'application/json' } }),
            })
            // A body that is not JSON fails in the framework before the route runs.
            if (withBody) expect([400, 401]).toContain(res.statusCode)
            else expect(res.statusCode).toBe(401)
            expectNo5xx(res, `${r.method} ${url} without a key`)
            const noBody = await app.inject({ method: r.method, url, ...(withBody && { payload: {} }) })
            expect(noBody.statusCode).toBe(401)
            if (r.method !== 'HEAD') expect(json<ErrorJson>(noBody).error.code).toBe('UNAUTHORIZED')
          })
        }
      })
    }
  })
})
