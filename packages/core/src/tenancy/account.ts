import { z } from 'zod'
import type { Principal } from '../auth/principal.ts'
import { hashPassword, verifyPassword } from '../crypto/password.ts'
import { randomToken } from '../crypto/random.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { actorOf, systemActor } from '../events/types.ts'
import { throttledLogin } from './login-throttle.ts'
import { EmailSchema, PasswordSchema } from './users.ts'

/**
 * The signed-in user's own account: password and dashboard sessions. Only a dashboard
 * session speaks for a user; an API key has no account, and a third-party access token may
 * never touch one.
 */
type UserPrincipal = Extract<Principal, { kind: 'user' }>

function requireAccountUser(principal: Principal): UserPrincipal {
  if (principal.kind === 'user') return principal
  if (principal.kind === 'oauthToken') {
    throw new AppError('INSUFFICIENT_SCOPE', "Third-party access tokens cannot manage a user's account")
  }
  throw new AppError(
    'FORBIDDEN',
    'API keys have no account: sign in to the dashboard to change your password or manage your sessions (operators: pnpm cli user reset-password)',
  )
}

export interface SessionView {
  id: string
  createdAt: string
  /** When it last authenticated a request (to the minute); null if never since sign-in. */
  lastSeenAt: string | null
  expiresAt: string
  userAgent: string | null
  /** The session this request came with. */
  current: boolean
}

/** The user's live sessions, most recently used first. */
export async function listSessions(deps: CoreDeps, principal: Principal): Promise<SessionView[]> {
  const user = requireAccountUser(principal)
  const rows = await deps.db
    .selectFrom('dashboardSessions')
    .select(['id', 'publicId', 'createdAt', 'lastSeenAt', 'expiresAt', 'userAgent'])
    .where('userId', '=', user.userId)
    .where('organizationId', '=', user.organizationId)
    .where('expiresAt', '>', deps.clock.now().toISOString())
    .execute()
  return rows
    .map((r) => ({
      id: r.publicId,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      expiresAt: r.expiresAt,
      userAgent: r.userAgent,
      current: r.id === user.sessionId,
    }))
    .sort(
      (a, b) =>
        (b.lastSeenAt ?? b.createdAt).localeCompare(a.lastSeenAt ?? a.createdAt) || a.id.localeCompare(b.id),
    )
}

export const SessionIdInput = z.object({ id: z.string().min(1).max(100) })
export type SessionIdInput = z.infer<typeof SessionIdInput>

/**
 * Ends one of the user's sessions (the current one too: that is signing out). Another
 * user's session, or an unknown id, is not found.
 */
export async function revokeSession(
  deps: CoreDeps,
  principal: Principal,
  input: SessionIdInput,
): Promise<{ current: boolean }> {
  const user = requireAccountUser(principal)
  return inTransaction(deps, async (tx) => {
    const row = await tx.db
      .deleteFrom('dashboardSessions')
      .where('publicId', '=', input.id)
      .where('userId', '=', user.userId)
      .where('organizationId', '=', user.organizationId)
      .returning('id')
      .executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', `Session ${input.id} not found`)
    const current = row.id === user.sessionId
    await appendEvent(tx, {
      organizationId: user.organizationId,
      type: 'session.revoked',
      actor: actorOf(principal),
      data: { userId: user.userId, sessionId: input.id, current },
    })
    return { current }
  })
}

/** "Sign out everywhere": ends every session of the user but the one this request came with. */
export async function revokeOtherSessions(
  deps: CoreDeps,
  principal: Principal,
): Promise<{ revoked: number }> {
  const user = requireAccountUser(principal)
  return inTransaction(deps, async (tx) => {
    const result = await tx.db
      .deleteFrom('dashboardSessions')
      .where('userId', '=', user.userId)
      .where('id', '!=', user.sessionId)
      .executeTakeFirst()
    const revoked = Number(result.numDeletedRows)
    await appendEvent(tx, {
      organizationId: user.organizationId,
      type: 'session.revoked',
      actor: actorOf(principal),
      data: { userId: user.userId, otherSessions: true, revoked },
    })
    return { revoked }
  })
}

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(1000),
  newPassword: PasswordSchema,
})
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>

/**
 * Changes the user's password. The current password is checked under the sign-in limits
 * (login-throttle.ts: the same per-account and per-address counts as sign-in, so a stolen
 * session cannot guess the password faster than the sign-in form). On success every other
 * session of the user ends; this one stays.
 */
export async function changePassword(
  deps: CoreDeps,
  principal: Principal,
  input: ChangePasswordInput,
  source: { sourceAddress: string },
): Promise<{ revokedSessions: number }> {
  const user = requireAccountUser(principal)
  const row = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'passwordHash'])
    .where('id', '=', user.userId)
    .executeTakeFirst()
  if (!row) throw new AppError('UNAUTHORIZED', 'Your session has ended; sign in again')
  const { ok } = await throttledLogin(deps, row.email, source.sourceAddress, async () => ({
    ok: await verifyPassword(input.currentPassword, row.passwordHash),
    value: undefined,
  }))
  if (!ok) throw new AppError('WRONG_PASSWORD', 'The current password is incorrect')
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION_ERROR', 'The new password must differ from the current one', [
      { path: 'newPassword', message: 'must differ from the current password' },
    ])
  }
  const passwordHash = await hashPassword(input.newPassword)
  return inTransaction(deps, async (tx) => {
    await tx.db.updateTable('users').set({ passwordHash }).where('id', '=', row.id).execute()
    const result = await tx.db
      .deleteFrom('dashboardSessions')
      .where('userId', '=', row.id)
      .where('id', '!=', user.sessionId)
      .executeTakeFirst()
    const revokedSessions = Number(result.numDeletedRows)
    await appendEvent(tx, {
      organizationId: user.organizationId,
      type: 'user.password_changed',
      actor: actorOf(principal),
      data: { userId: row.id, email: row.email, by: 'user', revokedSessions },
    })
    return { revokedSessions }
  })
}

export const ResetPasswordInput = z.object({
  email: EmailSchema,
  /** Omitted: a random one is generated and returned. */
  password: PasswordSchema.optional(),
})
export type ResetPasswordInput = z.input<typeof ResetPasswordInput>

/**
 * The operator's reset (CLI): sets a user's password, generated unless given, and ends every
 * session of that user. Not reachable over HTTP.
 */
export async function resetUserPassword(
  deps: CoreDeps,
  input: ResetPasswordInput,
): Promise<{ userId: string; email: string; password: string; generated: boolean; revokedSessions: number }> {
  const parsed = ResetPasswordInput.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError(
      'VALIDATION_ERROR',
      issue?.path[0] === 'email' ? 'Email is invalid' : 'Password must have at least 8 characters',
    )
  }
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'organizationId'])
    .where('email', '=', parsed.data.email)
    .executeTakeFirst()
  if (!user) throw new AppError('NOT_FOUND', `No user with email ${parsed.data.email}`)
  const generated = parsed.data.password === undefined
  const password = parsed.data.password ?? randomToken(18)
  const passwordHash = await hashPassword(password)
  const revokedSessions = await inTransaction(deps, async (tx) => {
    await tx.db.updateTable('users').set({ passwordHash }).where('id', '=', user.id).execute()
    const result = await tx.db
      .deleteFrom('dashboardSessions')
      .where('userId', '=', user.id)
      .executeTakeFirst()
    const revoked = Number(result.numDeletedRows)
    // The operator's reset, recorded in the user's first organization.
    await appendEvent(tx, {
      organizationId: user.organizationId,
      type: 'user.password_changed',
      actor: systemActor,
      data: { userId: user.id, email: user.email, by: 'operator', revokedSessions: revoked },
    })
    return revoked
  })
  return { userId: user.id, email: user.email, password, generated, revokedSessions }
}
