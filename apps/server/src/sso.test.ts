import { randomUUID } from 'node:crypto'
import * as core from '@switchboard/core'
import { bootstrapOrganization, createUser, type Principal } from '@switchboard/core'
import {
  CookieJar,
  completeAuthorization,
  createTestDeps,
  ManualClock,
  startOidcProvider,
  type TestDeps,
  type TestProvider,
} from '@switchboard/testing'
import { pino } from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type App, buildApp, SESSION_COOKIE } from './app.ts'

// Dashboard SSO against oidc-provider in-process: authorization code + PKCE, nonce, state bound
// to the browser, RFC 9207 `iss`, ID token checked by openid-client; just-in-time membership by
// verified email domain; enforced SSO refuses password sign-in.

const PASSWORD = 'correct horse battery staple'

describe('dashboard SSO (OpenID Connect)', () => {
  let t: TestDeps
  let app: App
  let url: string
  let provider: TestProvider
  let org: { organizationId: string }
  let admin: Principal
  let other: { organizationId: string }

  beforeAll(async () => {
    t = await createTestDeps({ dialect: 'sqlite', clock: new ManualClock(new Date()) })
    if (process.env.SSO_DEBUG) t.deps.log = pino({ level: 'debug' })
    app = await buildApp({
      core: t.deps,
      logger: pino({ level: process.env.SSO_DEBUG ? 'debug' : 'silent' }),
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    t.deps.config.publicUrl = url
    provider = await startOidcProvider({ redirectUris: [`${url}/api/v1/auth/sso/callback`] })
    t.deps.config.sso = {
      issuer: provider.issuer,
      clientId: provider.client.clientId,
      clientSecret: provider.client.clientSecret,
    }
    org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
    admin = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
    await core.updateSsoSettings(t.deps, admin, { domains: ['acme.test'], defaultRole: 'member' })
    other = await bootstrapOrganization(t.deps, { organizationName: 'Other', plan: 'TEAM' })
  })

  afterAll(async () => {
    await app.close()
    await provider.close()
    await t.close()
  })

  beforeEach(() => provider.setAccountClaims((sub) => ({ email: `${sub}@acme.test` })))

  /** Starts SSO in a fresh "browser" and signs in at the provider as `login`; the callback is not yet sent. */
  async function throughProvider(login: string, rewriteAuthorize?: (u: URL) => void) {
    const jar = new CookieJar()
    const start = await fetch(`${url}/api/v1/auth/sso/start?returnTo=/app/connections`, {
      redirect: 'manual',
    })
    expect(start.status).toBe(302)
    jar.store(start.url, start.headers.getSetCookie())
    const authorize = new URL(start.headers.get('location') ?? '')
    rewriteAuthorize?.(authorize)
    const { callbackUrl } = await completeAuthorization(authorize, {
      stopAt: `${url}/api/v1/auth/sso/callback`,
      login,
      jar,
    })
    return { callbackUrl, jar, authorize }
  }

  async function sendCallback(callbackUrl: URL, jar: CookieJar) {
    const cookie = jar.header(callbackUrl)
    const res = await fetch(callbackUrl, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    const session = res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`))
    return { status: res.status, location: res.headers.get('location') ?? '', session }
  }

  async function loginEvents(organizationId: string) {
    const rows = await t.deps.db
      .selectFrom('events')
      .select('data')
      .where('organizationId', '=', organizationId)
      .where('type', '=', 'user.login')
      .orderBy('seq')
      .execute()
    return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>)
  }

  const userByEmail = (email: string) =>
    t.deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()

  it('says on the sign-in page whether SSO is offered', async () => {
    const res = await fetch(`${url}/trpc/auth.sso`)
    expect(((await res.json()) as { result: { data: unknown } }).result.data).toEqual({
      enabled: true,
      startUrl: '/api/v1/auth/sso/start',
    })
  })

  it('sends the provider PKCE S256, a nonce and a state, and binds the attempt to the browser', async () => {
    const start = await fetch(`${url}/api/v1/auth/sso/start`, { redirect: 'manual' })
    const location = new URL(start.headers.get('location') ?? '')
    expect(location.origin).toBe(provider.issuer)
    expect(location.searchParams.get('code_challenge_method')).toBe('S256')
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(location.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/)
    expect(location.searchParams.get('state')).toMatch(/^[\w-]{20,}$/)
    expect(location.searchParams.get('scope')).toBe('openid email')
    expect(location.searchParams.get('redirect_uri')).toBe(`${url}/api/v1/auth/sso/callback`)
    expect(start.headers.getSetCookie().join()).toMatch(
      /^sb_sso=[\w-]+; Path=\/api\/v1\/auth\/sso;.*HttpOnly; SameSite=Lax/,
    )
  })

  it('creates the member with the default role on first sign-in (verified email in an allowed domain)', async () => {
    const login = `new-${randomUUID().slice(0, 8)}`
    const { callbackUrl, jar } = await throughProvider(login)
    expect(callbackUrl.searchParams.get('iss')).toBe(provider.issuer)
    const res = await sendCallback(callbackUrl, jar)
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${url}/app/connections`)
    expect(res.session).toBeDefined()
    const user = await userByEmail(`${login}@acme.test`)
    expect(user).toMatchObject({ organizationId: org.organizationId, role: 'member', isSuperuser: 0 })
    // The session works: auth.me answers with the new member.
    const cookie = res.session?.split(';')[0] ?? ''
    const me = await fetch(`${url}/trpc/auth.me`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } })
    const body = (await me.json()) as { result: { data: { user: { email: string; role: string } } } }
    expect(body.result.data.user).toMatchObject({ email: `${login}@acme.test`, role: 'member' })
    expect((await loginEvents(org.organizationId)).at(-1)).toMatchObject({
      outcome: 'success',
      method: 'sso',
      email: `${login}@acme.test`,
      provisioned: true,
      role: 'member',
    })
    // A second sign-in is the same user (linked by issuer and subject), not a new one.
    const again = await throughProvider(login)
    expect((await sendCallback(again.callbackUrl, again.jar)).session).toBeDefined()
    const users = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', `${login}@acme.test`)
      .execute()
    expect(users).toEqual([{ id: user?.id }])
  })

  it('links an existing user by verified email, whatever the domain', async () => {
    const email = `existing-${randomUUID().slice(0, 8)}@elsewhere.test`
    const existing = await createUser(t.deps, {
      organizationId: other.organizationId,
      email,
      password: PASSWORD,
      role: 'admin',
    })
    provider.setAccountClaims(() => ({ email }))
    const { callbackUrl, jar } = await throughProvider(`sub-${randomUUID()}`)
    const res = await sendCallback(callbackUrl, jar)
    expect(res.session).toBeDefined()
    const link = await t.deps.db
      .selectFrom('ssoIdentities')
      .selectAll()
      .where('userId', '=', existing.id)
      .execute()
    expect(link).toHaveLength(1)
    expect(link[0]?.issuer).toBe(provider.issuer)
    expect((await userByEmail(email))?.role).toBe('admin')
  })

  // Defect: a user of another organization whose email is in a domain an organization takes
  // signed in by SSO without becoming its member (only a brand-new account joined).
  it('a user of another organization joins the domain organization with its default role, and the session opens there', async () => {
    const email = `moved-${randomUUID().slice(0, 8)}@acme.test`
    const existing = await createUser(t.deps, {
      organizationId: other.organizationId,
      email,
      password: PASSWORD,
      role: 'admin',
    })
    provider.setAccountClaims(() => ({ email }))
    const sub = `sub-${randomUUID()}`
    const { callbackUrl, jar } = await throughProvider(sub)
    const res = await sendCallback(callbackUrl, jar)
    expect(res.session).toBeDefined()
    const memberships = await t.deps.db
      .selectFrom('memberships')
      .select(['organizationId', 'role', 'workspaceIds'])
      .where('userId', '=', existing.id)
      .orderBy('role')
      .execute()
    expect(memberships).toEqual([
      { organizationId: other.organizationId, role: 'admin', workspaceIds: null },
      { organizationId: org.organizationId, role: 'member', workspaceIds: null },
    ])
    const cookie = res.session?.split(';')[0] ?? ''
    const me = await fetch(`${url}/trpc/auth.me`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } })
    const body = (await me.json()) as {
      result: { data: { organization: { id: string }; user: { role: string } } }
    }
    expect(body.result.data.organization.id).toBe(org.organizationId)
    expect(body.result.data.user.role).toBe('member')
    expect((await loginEvents(org.organizationId)).at(-1)).toMatchObject({
      outcome: 'success',
      method: 'sso',
      email,
      provisioned: true,
      role: 'member',
    })
    // Signing in again changes nothing: one membership each.
    const again = await throughProvider(sub)
    expect((await sendCallback(again.callbackUrl, again.jar)).session).toBeDefined()
    const after = await t.deps.db
      .selectFrom('memberships')
      .select('organizationId')
      .where('userId', '=', existing.id)
      .execute()
    expect(after).toHaveLength(2)
    expect((await loginEvents(org.organizationId)).at(-1)).not.toHaveProperty('provisioned')
  })

  it('refuses a callback whose iss is not the provider (RFC 9207 mix-up defence)', async () => {
    const login = `iss-${randomUUID().slice(0, 8)}`
    const { callbackUrl, jar } = await throughProvider(login)
    callbackUrl.searchParams.set('iss', 'http://127.0.0.1:1/evil')
    const tokenCalls = provider.stats.tokenRequests.authorization_code
    const res = await sendCallback(callbackUrl, jar)
    expect(res.status).toBe(302)
    expect(res.location).toBe(`${url}/app/login?sso_error=SSO_FAILED`)
    expect(res.session).toBeUndefined()
    // Refused before the code was redeemed.
    expect(provider.stats.tokenRequests.authorization_code).toBe(tokenCalls)
    expect(await userByEmail(`${login}@acme.test`)).toBeUndefined()
  })

  it('refuses a callback without iss, since the provider advertises it', async () => {
    const { callbackUrl, jar } = await throughProvider(`noiss-${randomUUID().slice(0, 8)}`)
    callbackUrl.searchParams.delete('iss')
    const res = await sendCallback(callbackUrl, jar)
    expect(res.location).toBe(`${url}/app/login?sso_error=SSO_FAILED`)
    expect(res.session).toBeUndefined()
  })

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const login = `nonce-${randomUUID().slice(0, 8)}`
    // The provider is asked with another nonce than the one kept for this attempt: the ID token
    // it signs carries that one.
    const { callbackUrl, jar } = await throughProvider(login, (u) =>
      u.searchParams.set('nonce', 'forged-nonce-value'),
    )
    const res = await sendCallback(callbackUrl, jar)
    expect(res.location).toBe(`${url}/app/login?sso_error=SSO_FAILED`)
    expect(res.session).toBeUndefined()
    expect(await userByEmail(`${login}@acme.test`)).toBeUndefined()
  })

  it('refuses a callback in another browser (no cookie), and a state used twice', async () => {
    const { callbackUrl, jar } = await throughProvider(`csrf-${randomUUID().slice(0, 8)}`)
    const elsewhere = await sendCallback(callbackUrl, new CookieJar())
    expect(elsewhere.location).toBe(`${url}/app/login?sso_error=INVALID_STATE`)
    expect(elsewhere.session).toBeUndefined()
    // The attempt was consumed by that try: the right browser cannot replay it either.
    const replay = await sendCallback(callbackUrl, jar)
    expect(replay.location).toBe(`${url}/app/login?sso_error=INVALID_STATE`)
  })

  it('refuses an unverified email, and records it for a known account', async () => {
    const email = `unverified-${randomUUID().slice(0, 8)}@acme.test`
    const existing = await createUser(t.deps, {
      organizationId: org.organizationId,
      email,
      password: PASSWORD,
      role: 'member',
    })
    provider.setAccountClaims(() => ({ email, email_verified: false }))
    const { callbackUrl, jar } = await throughProvider(`sub-${randomUUID()}`)
    const res = await sendCallback(callbackUrl, jar)
    expect(res.location).toBe(`${url}/app/login?sso_error=SSO_EMAIL_NOT_VERIFIED`)
    expect(res.session).toBeUndefined()
    expect(
      await t.deps.db
        .selectFrom('ssoIdentities')
        .select('userId')
        .where('userId', '=', existing.id)
        .execute(),
    ).toEqual([])
    expect((await loginEvents(org.organizationId)).at(-1)).toMatchObject({
      outcome: 'failure',
      method: 'sso',
      email,
      reason: 'email_not_verified',
    })
    // Unverified and unknown: nobody is created.
    provider.setAccountClaims((sub) => ({ email: `${sub}@acme.test`, email_verified: false }))
    const login = `unv-${randomUUID().slice(0, 8)}`
    const fresh = await throughProvider(login)
    expect((await sendCallback(fresh.callbackUrl, fresh.jar)).location).toContain(
      'sso_error=SSO_EMAIL_NOT_VERIFIED',
    )
    expect(await userByEmail(`${login}@acme.test`)).toBeUndefined()
  })

  it('refuses a verified email in a domain no organization takes', async () => {
    provider.setAccountClaims((sub) => ({ email: `${sub}@not-allowed.test` }))
    const login = `dom-${randomUUID().slice(0, 8)}`
    const { callbackUrl, jar } = await throughProvider(login)
    const res = await sendCallback(callbackUrl, jar)
    expect(res.location).toBe(`${url}/app/login?sso_error=SSO_DOMAIN_NOT_ALLOWED`)
    expect(res.session).toBeUndefined()
    expect(await userByEmail(`${login}@not-allowed.test`)).toBeUndefined()
  })

  it('an organization that enforces SSO refuses password sign-in with SSO_REQUIRED', async () => {
    const email = `enforced-${randomUUID().slice(0, 8)}@acme.test`
    await createUser(t.deps, {
      organizationId: org.organizationId,
      email,
      password: PASSWORD,
      role: 'member',
    })
    const login = (password: string) =>
      fetch(`${url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      })
    expect((await login(PASSWORD)).status).toBe(200)
    await core.updateSsoSettings(t.deps, admin, { enforced: true })
    try {
      const refused = await login(PASSWORD)
      expect(refused.status).toBe(403)
      const body = (await refused.json()) as { error: { message: string; data: { appCode: string } } }
      expect(body.error.data.appCode).toBe('SSO_REQUIRED')
      expect(body.error.message).toMatch(/Sign in with SSO/)
      expect(refused.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false)
      expect((await loginEvents(org.organizationId)).at(-1)).toMatchObject({
        outcome: 'failure',
        method: 'password',
        reason: 'sso_required',
      })
      // A wrong password says what it always says: the answer reveals nothing to a guesser.
      const wrong = (await (await login('wrong password here')).json()) as {
        error: { data: { appCode: string } }
      }
      expect(wrong.error.data.appCode).toBe('UNAUTHORIZED')
      // SSO itself still signs the user in.
      provider.setAccountClaims(() => ({ email }))
      const { callbackUrl, jar } = await throughProvider(`sub-${randomUUID()}`)
      expect((await sendCallback(callbackUrl, jar)).session).toBeDefined()
    } finally {
      await core.updateSsoSettings(t.deps, admin, { enforced: false })
    }
  })

  describe('enforced SSO leaves no password way in', () => {
    const passwordLogin = (email: string) =>
      fetch(`${url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      })
    const cookieOf = (res: Response) =>
      (res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '').split(';')[0] ?? ''
    const trpc = async (cookie: string, path: string, input?: unknown, query = false) => {
      const q = query ? `?input=${encodeURIComponent(JSON.stringify(input ?? {}))}` : ''
      const res = await fetch(`${url}/trpc/${path}${q}`, {
        method: query ? 'GET' : 'POST',
        headers: {
          cookie,
          'sec-fetch-site': 'same-origin',
          ...(!query && { 'content-type': 'application/json' }),
        },
        ...(!query && { body: JSON.stringify(input ?? {}) }),
      })
      // biome-ignore lint/suspicious/noExplicitAny: tRPC answers are read field by field in the test
      return { status: res.status, body: (await res.json()) as Record<string, any> }
    }
    /** A password user of Other who is also a member of Acme. */
    async function memberOfBoth() {
      const email = `both-${randomUUID().slice(0, 8)}@elsewhere.test`
      const user = await createUser(t.deps, {
        organizationId: other.organizationId,
        email,
        password: PASSWORD,
        role: 'member',
      })
      await t.deps.db
        .insertInto('memberships')
        .values({
          userId: user.id,
          organizationId: org.organizationId,
          role: 'member',
          workspaceIds: null,
          createdAt: new Date().toISOString(),
        })
        .execute()
      return { user, email }
    }
    const enforce = (on: boolean) => core.updateSsoSettings(t.deps, admin, { enforced: on })

    it('password sign-in is refused when the organization it opens in enforces SSO, not only the first one', async () => {
      const { user, email } = await memberOfBoth()
      // No longer in Other: a password sign-in would open in Acme.
      await t.deps.db
        .deleteFrom('memberships')
        .where('userId', '=', user.id)
        .where('organizationId', '=', other.organizationId)
        .execute()
      await enforce(true)
      try {
        const res = await passwordLogin(email)
        expect(res.status).toBe(403)
        const body = (await res.json()) as { error: { message: string; data: { appCode: string } } }
        expect(body.error.data.appCode).toBe('SSO_REQUIRED')
        expect(body.error.message).toMatch(/Sign in with SSO/)
        expect(cookieOf(res)).toBe('')
      } finally {
        await enforce(false)
      }
    })

    it('a password session cannot switch into an organization that enforces SSO; an SSO session can', async () => {
      const { email } = await memberOfBoth()
      const cookie = cookieOf(await passwordLogin(email))
      await enforce(true)
      try {
        const refused = await trpc(cookie, 'account.switchOrganization', {
          organizationId: org.organizationId,
        })
        expect(refused.status).toBe(403)
        expect(refused.body.error.data.appCode).toBe('SSO_REQUIRED')
        expect(refused.body.error.message).toMatch(/Sign in with SSO/)
        const me = await trpc(cookie, 'auth.me', undefined, true)
        expect(me.body.result.data.organization.id).toBe(other.organizationId)

        provider.setAccountClaims(() => ({ email }))
        const { callbackUrl, jar } = await throughProvider(`sub-${randomUUID()}`)
        const sso = (await sendCallback(callbackUrl, jar)).session?.split(';')[0] ?? ''
        expect(sso).not.toBe('')
        const switched = await trpc(sso, 'account.switchOrganization', { organizationId: org.organizationId })
        expect(switched.status).toBe(200)
      } finally {
        await enforce(false)
      }
    })

    it('accepting an invite into an organization that enforces SSO opens no password session (and keeps the invite)', async () => {
      await enforce(true)
      try {
        const email = `invited-${randomUUID().slice(0, 8)}@elsewhere.test`
        const { url: link } = await core.createInvite(t.deps, admin, { email, role: 'member' })
        const token = link.slice(link.lastIndexOf('/') + 1)
        const res = await fetch(`${url}/api/v1/invites/accept`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, password: 'a fine new password' }),
        })
        expect(res.status).toBe(403)
        const body = (await res.json()) as { error: { code: string; message: string } }
        expect(body.error.code).toBe('SSO_REQUIRED')
        expect(body.error.message).toMatch(/Sign in with SSO/)
        expect(cookieOf(res)).toBe('')
        const invite = await t.deps.db
          .selectFrom('invites')
          .select('acceptedAt')
          .where('email', '=', email)
          .executeTakeFirstOrThrow()
        expect(invite.acceptedAt).toBeNull()
      } finally {
        await enforce(false)
      }
    })

    it("turning enforcement on ends the organization's password sessions; SSO sessions stay", async () => {
      const email = `before-${randomUUID().slice(0, 8)}@acme.test`
      await createUser(t.deps, {
        organizationId: org.organizationId,
        email,
        password: PASSWORD,
        role: 'member',
      })
      const password = cookieOf(await passwordLogin(email))
      provider.setAccountClaims(() => ({ email }))
      const { callbackUrl, jar } = await throughProvider(`sub-${randomUUID()}`)
      const sso = (await sendCallback(callbackUrl, jar)).session?.split(';')[0] ?? ''
      expect((await trpc(password, 'auth.me', undefined, true)).body.result.data).not.toBeNull()
      await enforce(true)
      try {
        const after = await trpc(password, 'members.list', undefined, true)
        expect(after.status).toBe(401)
        expect((await trpc(sso, 'members.list', undefined, true)).status).toBe(200)
        // The change is in the audit log, with its actor, in the change's transaction.
        const event = await t.deps.db
          .selectFrom('events')
          .select(['actorType', 'actorId', 'data'])
          .where('organizationId', '=', org.organizationId)
          .where('type', '=', 'sso_settings.updated')
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow()
        expect(event).toMatchObject({ actorType: 'api_key', actorId: 'test' })
        expect(JSON.parse(event.data)).toMatchObject({
          domains: ['acme.test'],
          enforced: true,
          previousEnforced: false,
          endedPasswordSessions: expect.any(Number),
        })
        expect(JSON.parse(event.data).endedPasswordSessions).toBeGreaterThanOrEqual(1)
      } finally {
        await enforce(false)
      }
    })
  })

  it('keeps SSO settings per organization: a domain belongs to one organization, admins only', async () => {
    const res = await fetch(`${url}/api/v1/organization/sso`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${(other as { apiKey: string } & typeof other).apiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ domains: ['ACME.test'] }),
    })
    expect(res.status).toBe(409)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CONFLICT')
    const bad = await fetch(`${url}/api/v1/organization/sso`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${(other as { apiKey: string } & typeof other).apiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ domains: ['https://other.test'], defaultRole: 'owner' }),
    })
    expect(bad.status).toBe(400)
    const got = await fetch(`${url}/api/v1/organization/sso`, {
      headers: { authorization: `Bearer ${(org as { apiKey: string } & typeof org).apiKey}` },
    })
    expect(await got.json()).toEqual({
      sso: { available: true, domains: ['acme.test'], defaultRole: 'member', enforced: false },
    })
    const member = await createUser(t.deps, {
      organizationId: org.organizationId,
      email: `m-${randomUUID()}@x.test`,
      password: PASSWORD,
      role: 'member',
    })
    await expect(
      core.updateSsoSettings(
        t.deps,
        {
          kind: 'user',
          organizationId: org.organizationId,
          userId: member.id,
          role: 'member',
          isSuperuser: false,
          sessionId: 'x',
        },
        { enforced: true },
      ),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_SCOPE' })
  })

  it('without a configured provider: no SSO offered, start explains, enforcing refused', async () => {
    const sso = t.deps.config.sso
    t.deps.config.sso = undefined
    try {
      const res = await fetch(`${url}/api/v1/auth/sso/start`, { redirect: 'manual' })
      expect(res.headers.get('location')).toBe(`${url}/app/login?sso_error=SSO_NOT_CONFIGURED`)
      await expect(core.updateSsoSettings(t.deps, admin, { enforced: true })).rejects.toMatchObject({
        code: 'SSO_NOT_CONFIGURED',
      })
    } finally {
      t.deps.config.sso = sso
    }
  })
})
