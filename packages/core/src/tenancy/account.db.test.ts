import { describe, expect, it } from 'vitest'
import { createTestDeps, ManualClock } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import {
  changePassword,
  listSessions,
  resetUserPassword,
  revokeOtherSessions,
  revokeSession,
} from './account.ts'
import { bootstrapOrganization } from './bootstrap.ts'
import { authenticateSession, createUser, login } from './users.ts'

const PASSWORD = 'correct horse battery staple'
const from = { sourceAddress: '192.0.2.1' }

async function setup() {
  const clock = new ManualClock()
  const t = await createTestDeps({ clock })
  const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
  await createUser(t.deps, {
    organizationId: org.organizationId,
    email: 'ann@acme.test',
    password: PASSWORD,
    role: 'owner',
  })
  await createUser(t.deps, {
    organizationId: org.organizationId,
    email: 'bob@acme.test',
    password: PASSWORD,
    role: 'admin',
  })
  const signIn = async (email: string, userAgent?: string, password = PASSWORD) => {
    const { sessionToken } = await login(t.deps, { email, password }, { ...from, userAgent })
    return { token: sessionToken, principal: await authenticateSession(t.deps, sessionToken) }
  }
  return { t, clock, org, signIn }
}

describe('account sessions', () => {
  it("lists the user's own live sessions with their browser and the current one marked", async () => {
    const { t, clock, signIn } = await setup()
    try {
      const laptop = await signIn('ann@acme.test', 'Mozilla/5.0 (X11; Linux) Firefox/140.0')
      clock.advance(5 * 60_000)
      const phone = await signIn('ann@acme.test', 'Mozilla/5.0 (iPhone) Safari/18')
      await signIn('bob@acme.test', 'curl/8')
      const sessions = await listSessions(t.deps, phone.principal)
      expect(sessions).toHaveLength(2)
      expect(sessions[0]).toMatchObject({ userAgent: 'Mozilla/5.0 (iPhone) Safari/18', current: true })
      expect(sessions[1]).toMatchObject({
        userAgent: 'Mozilla/5.0 (X11; Linux) Firefox/140.0',
        current: false,
      })
      expect(sessions.map((s) => s.id)).not.toContain(
        laptop.principal.kind === 'user' && laptop.principal.sessionId,
      )
      expect(sessions[0]?.id).toMatch(/^[0-9a-f-]{36}$/)
      // An expired session is not listed.
      clock.advance(7 * 24 * 3600 * 1000 - 60_000)
      expect((await listSessions(t.deps, phone.principal)).map((s) => s.current)).toEqual([true])
    } finally {
      await t.close()
    }
  })

  it('records when a session was last seen, at most once a minute', async () => {
    const { t, clock, signIn } = await setup()
    try {
      const s = await signIn('ann@acme.test')
      const seenAt = async () => (await listSessions(t.deps, s.principal))[0]?.lastSeenAt
      const first = await seenAt()
      expect(first).toBe(clock.now().toISOString())
      clock.advance(30_000)
      await authenticateSession(t.deps, s.token)
      expect(await seenAt()).toBe(first)
      clock.advance(31_000)
      await authenticateSession(t.deps, s.token)
      expect(await seenAt()).toBe(clock.now().toISOString())
    } finally {
      await t.close()
    }
  })

  it("revokes one of the user's sessions, never another user's", async () => {
    const { t, signIn } = await setup()
    try {
      const a1 = await signIn('ann@acme.test')
      const a2 = await signIn('ann@acme.test')
      const b = await signIn('bob@acme.test')
      const bobsId = (await listSessions(t.deps, b.principal))[0]?.id as string
      await expect(revokeSession(t.deps, a1.principal, { id: bobsId })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      await expect(authenticateSession(t.deps, b.token)).resolves.toMatchObject({ kind: 'user' })
      const other = (await listSessions(t.deps, a1.principal)).find((s) => !s.current)
      expect(await revokeSession(t.deps, a1.principal, { id: other?.id as string })).toEqual({
        current: false,
      })
      await expect(authenticateSession(t.deps, a2.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
      await expect(authenticateSession(t.deps, a1.token)).resolves.toMatchObject({ kind: 'user' })
    } finally {
      await t.close()
    }
  })

  it('signs out everywhere else, keeping this session', async () => {
    const { t, signIn } = await setup()
    try {
      const here = await signIn('ann@acme.test')
      const others = [await signIn('ann@acme.test'), await signIn('ann@acme.test')]
      const bob = await signIn('bob@acme.test')
      expect(await revokeOtherSessions(t.deps, here.principal)).toEqual({ revoked: 2 })
      for (const o of others)
        await expect(authenticateSession(t.deps, o.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
      await expect(authenticateSession(t.deps, here.token)).resolves.toMatchObject({ kind: 'user' })
      await expect(authenticateSession(t.deps, bob.token)).resolves.toMatchObject({ kind: 'user' })
    } finally {
      await t.close()
    }
  })

  it('refuses API keys and third-party tokens, which have no account', async () => {
    const { t, org } = await setup()
    try {
      const key: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'k' }
      const token: Principal = {
        kind: 'oauthToken',
        organizationId: org.organizationId,
        clientId: 'c',
        userId: null,
        scopes: [],
      }
      await expect(listSessions(t.deps, key)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(revokeOtherSessions(t.deps, token)).rejects.toMatchObject({ code: 'INSUFFICIENT_SCOPE' })
      await expect(
        changePassword(t.deps, key, { currentPassword: PASSWORD, newPassword: 'another password' }, from),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    } finally {
      await t.close()
    }
  })
})

describe('password change', () => {
  it('needs the current password, then ends the other sessions and keeps this one', async () => {
    const { t, signIn } = await setup()
    try {
      const here = await signIn('ann@acme.test')
      const elsewhere = await signIn('ann@acme.test')
      await expect(
        changePassword(
          t.deps,
          here.principal,
          { currentPassword: 'not it', newPassword: 'a new password' },
          from,
        ),
      ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
      await expect(
        changePassword(t.deps, here.principal, { currentPassword: PASSWORD, newPassword: PASSWORD }, from),
      ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' })
      expect(
        await changePassword(
          t.deps,
          here.principal,
          { currentPassword: PASSWORD, newPassword: 'a new password' },
          from,
        ),
      ).toEqual({ revokedSessions: 1 })
      await expect(authenticateSession(t.deps, elsewhere.token)).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      })
      await expect(authenticateSession(t.deps, here.token)).resolves.toMatchObject({ kind: 'user' })
      await expect(signIn('ann@acme.test')).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
      await expect(signIn('ann@acme.test', undefined, 'a new password')).resolves.toBeDefined()
      const hash = await t.deps.db
        .selectFrom('users')
        .select('passwordHash')
        .where('email', '=', 'ann@acme.test')
        .executeTakeFirstOrThrow()
      expect(hash.passwordHash).toMatch(/^scrypt\$/)
      expect(hash.passwordHash).not.toContain('a new password')
    } finally {
      await t.close()
    }
  })

  it('counts wrong current passwords against the sign-in limits of the account', async () => {
    const { t, signIn } = await setup()
    try {
      const here = await signIn('ann@acme.test')
      const wrong = () =>
        changePassword(
          t.deps,
          here.principal,
          { currentPassword: 'guess', newPassword: 'a new password' },
          from,
        )
      for (let i = 0; i < 6; i++) await expect(wrong()).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
      await expect(wrong()).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } })
      // The same count as the sign-in form's: the account now waits there too.
      await expect(signIn('ann@acme.test')).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    } finally {
      await t.close()
    }
  })
})

describe('operator password reset', () => {
  it("sets a generated password and ends all of the user's sessions", async () => {
    const { t, signIn } = await setup()
    try {
      const s = await signIn('ann@acme.test')
      const bob = await signIn('bob@acme.test')
      const reset = await resetUserPassword(t.deps, { email: 'Ann@Acme.test' })
      expect(reset).toMatchObject({ email: 'ann@acme.test', generated: true, revokedSessions: 1 })
      expect(reset.password.length).toBeGreaterThanOrEqual(20)
      await expect(authenticateSession(t.deps, s.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
      await expect(authenticateSession(t.deps, bob.token)).resolves.toMatchObject({ kind: 'user' })
      await expect(signIn('ann@acme.test', undefined, reset.password)).resolves.toBeDefined()
      const given = await resetUserPassword(t.deps, { email: 'ann@acme.test', password: 'chosen by ops' })
      expect(given).toMatchObject({ generated: false, password: 'chosen by ops' })
      await expect(signIn('ann@acme.test', undefined, 'chosen by ops')).resolves.toBeDefined()
    } finally {
      await t.close()
    }
  })

  it('refuses an unknown email and a short password', async () => {
    const { t } = await setup()
    try {
      await expect(resetUserPassword(t.deps, { email: 'nobody@acme.test' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      await expect(
        resetUserPassword(t.deps, { email: 'ann@acme.test', password: 'short' }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      })
    } finally {
      await t.close()
    }
  })
})
