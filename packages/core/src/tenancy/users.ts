import type { Role, User } from '@switchboard/db'
import { z } from 'zod'
import type { Principal } from '../auth/principal.ts'
import { hashPassword, verifyPassword } from '../crypto/password.ts'
import { randomToken, sha256 } from '../crypto/random.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { ssoEnforcedFor } from '../sso/sso-settings.ts'
import { throttledLogin } from './login-throttle.ts'
import { toUserView, type UserView } from './views.ts'

export const EmailSchema = z
  .email()
  .max(320)
  .transform((e) => e.toLowerCase())
export const PasswordSchema = z.string().min(8, 'at least 8 characters').max(1000)

export async function createUser(
  deps: CoreDeps,
  input: { organizationId: string; email: string; password: string; role: Role; isSuperuser?: boolean },
): Promise<UserView> {
  if (typeof input.email !== 'string' || input.email.trim() === '') {
    throw new AppError('VALIDATION_ERROR', 'Email is required', undefined, 2034)
  }
  const email = EmailSchema.safeParse(input.email)
  if (!email.success) throw new AppError('VALIDATION_ERROR', 'Email is invalid', undefined, 2041)
  const password = PasswordSchema.safeParse(input.password)
  if (!password.success) throw new AppError('VALIDATION_ERROR', 'Password must have at least 8 characters')
  const exists = () =>
    new AppError('ALREADY_EXISTS', 'A user with this email already exists', undefined, 2039)
  const existing = await deps.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email.data)
    .executeTakeFirst()
  // Checked first to spare the password hash; the insert still decides, should another
  // create of the same email land in between.
  if (existing) throw exists()
  const row = {
    id: deps.newId(),
    organizationId: input.organizationId,
    email: email.data,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    isSuperuser: input.isSuperuser ? 1 : 0,
    createdAt: deps.clock.now().toISOString(),
  }
  const inserted = await deps.db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst()
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) throw exists()
  await deps.db
    .insertInto('memberships')
    .values({
      userId: row.id,
      organizationId: row.organizationId,
      role: row.role,
      workspaceIds: null,
      createdAt: row.createdAt,
    })
    .execute()
  return toUserView(row)
}

export const LoginInput = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1000),
})
export type LoginInput = z.infer<typeof LoginInput>

const SESSION_TTL_MS = 7 * 24 * 3600 * 1000

/**
 * Checks a password and opens a dashboard session; the cookie value is returned once.
 * `sourceAddress` is the client's address as the HTTP host decided it (SWITCHBOARD_TRUST_PROXY):
 * failed attempts are limited per account and per address (login-throttle.ts), with 429
 * RATE_LIMITED and `details.retryAfterSeconds`.
 */
export async function login(
  deps: CoreDeps,
  input: LoginInput,
  source: { sourceAddress: string; userAgent?: string | undefined },
) {
  const email = input.email.trim().toLowerCase()
  let known: User | undefined
  const { ok, value: user } = await throttledLogin(deps, email, source.sourceAddress, async () => {
    const user = await deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
    known = user
    // Hash even for unknown emails so timing does not reveal which emails exist.
    if (!user) {
      await verifyPassword(input.password, DUMMY_HASH)
      return { ok: false, value: undefined }
    }
    // An account made by SSO has no password: the same hash work, the same answer.
    const hash = user.passwordHash === SSO_ONLY_PASSWORD_HASH ? DUMMY_HASH : user.passwordHash
    const ok = await verifyPassword(input.password, hash)
    return { ok: ok && hash !== DUMMY_HASH, value: user }
  })
  if (!ok || !user) {
    // A failed sign-in to an existing account is in that organization's audit log; an unknown
    // email belongs to no organization (and is not recorded).
    const account = known
    if (account) {
      await inTransaction(deps, (tx) =>
        appendEvent(tx, loginEvent(account, 'failure', source.sourceAddress, 'password')),
      ).catch((e: unknown) => deps.log.error({ err: e }, 'could not record a failed sign-in'))
    }
    throw new AppError('UNAUTHORIZED', 'Email or password is incorrect')
  }
  // Checked once the password is known to be right, so the answer tells nothing to someone who
  // does not know it (no list of which emails are in an SSO organization). Superusers keep
  // password sign-in: the operator's way back in if the provider breaks. The organization
  // checked is the one the session would open in (not only the user's first).
  const opensIn = await sessionOrganization(deps, user, undefined)
  if (!user.isSuperuser && (await ssoEnforcedFor(deps, opensIn))) {
    await inTransaction(deps, (tx) =>
      appendEvent(tx, loginEvent(user, 'failure', source.sourceAddress, 'password', 'sso_required')),
    )
    throw ssoRequired()
  }
  return openDashboardSession(deps, user, { ...source, method: 'password', organizationId: opensIn })
}

/** 403 SSO_REQUIRED: a password session in an organization that signs in with SSO only. */
export function ssoRequired(): AppError {
  return new AppError(
    'SSO_REQUIRED',
    'Your organization signs in with SSO only: use "Sign in with SSO" on the sign-in page',
  )
}

/**
 * Refuses (403 SSO_REQUIRED) a session signed in by `method` in an organization that enforces
 * SSO, unless the user is a superuser (the operator's way back in). A session opened before
 * sign-in methods were recorded (null) counts as a password one.
 */
export async function requireSignInMethodAllowed(
  deps: CoreDeps,
  user: { isSuperuser: number | boolean },
  organizationId: string,
  method: LoginMethod | null,
): Promise<void> {
  if (method === 'sso' || user.isSuperuser === true || user.isSuperuser === 1) return
  if (await ssoEnforcedFor(deps, organizationId)) throw ssoRequired()
}

/** How a session signed in; null for one opened before migration 0018 (or not found). */
export async function sessionMethod(deps: CoreDeps, sessionId: string): Promise<LoginMethod | null> {
  const row = await deps.db
    .selectFrom('dashboardSessions')
    .select('method')
    .where('id', '=', sessionId)
    .executeTakeFirst()
  return row?.method === 'sso' || row?.method === 'password' ? row.method : null
}

/**
 * Opens a dashboard session for `user` and records its `user.login` event, in one transaction
 * (deps.db may already be one). The cookie value is returned once; only its hash is stored.
 * Password sign-in and SSO (sso/sso-login.ts) both end here.
 */
export async function openDashboardSession(
  deps: CoreDeps,
  user: User,
  source: {
    sourceAddress: string
    userAgent?: string | undefined
    method: LoginMethod
    /** The account or its membership was created by this sign-in (SSO just-in-time membership). */
    provisioned?: boolean
    /** The role the membership was created with (default: the user's first). */
    role?: User['role']
    /** The organization to open the session in (default: the user's first, if still a member). */
    organizationId?: string
  },
) {
  const organizationId = await sessionOrganization(deps, user, source.organizationId)
  // Every way a session opens (password, invite, SSO) passes here: none opens a password
  // session in an organization that enforces SSO.
  await requireSignInMethodAllowed(deps, user, organizationId, source.method)
  const token = randomToken(32)
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString()
  await inTransaction(deps, async (tx) => {
    await tx.db
      .insertInto('dashboardSessions')
      .values({
        id: sha256(token),
        userId: user.id,
        organizationId,
        expiresAt,
        createdAt: now.toISOString(),
        publicId: deps.newId(),
        userAgent: userAgentOf(source.userAgent),
        method: source.method,
      })
      .execute()
    const event = loginEvent(user, 'success', source.sourceAddress, source.method)
    if (source.provisioned) event.data = { ...event.data, provisioned: true, role: source.role ?? user.role }
    await appendEvent(tx, { ...event, organizationId })
  })
  return { sessionToken: token, expiresAt, user: toUserView(user) }
}

/**
 * Which organization a new session starts in: the one asked for, else the user's first, else
 * any they still belong to. A user who belongs to none cannot sign in.
 */
async function sessionOrganization(deps: CoreDeps, user: User, wanted: string | undefined): Promise<string> {
  const rows = await deps.db
    .selectFrom('memberships')
    .select(['organizationId', 'createdAt'])
    .where('userId', '=', user.id)
    .orderBy('createdAt')
    .execute()
  const ids = rows.map((r) => r.organizationId)
  const pick = [wanted, user.organizationId].find((id) => id !== undefined && ids.includes(id)) ?? ids[0]
  if (pick === undefined)
    throw new AppError('UNAUTHORIZED', 'This account belongs to no organization any more')
  return pick
}

/** How a dashboard user signed in; `user.login` events say which. */
export type LoginMethod = 'password' | 'sso'

/** The `user.login` event of a sign-in to an existing account (a failure has a `reason`). */
export function loginEvent(
  user: Pick<User, 'id' | 'organizationId' | 'email'>,
  outcome: 'success' | 'failure',
  sourceAddress: string,
  method: LoginMethod,
  reason?: string,
) {
  const data: Record<string, unknown> = { outcome, method, email: user.email, sourceAddress }
  if (reason !== undefined) data.reason = reason
  return {
    organizationId: user.organizationId,
    type: 'user.login' as const,
    actor: { type: 'user' as const, id: user.id },
    data,
  }
}

/** How much of a User-Agent a session keeps (enough to tell browsers apart). */
export const USER_AGENT_MAX_LENGTH = 256

function userAgentOf(value: string | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed.slice(0, USER_AGENT_MAX_LENGTH) : null
}

/** A session's `lastSeenAt` is written at most this often (one write a minute, not one a request). */
export const SESSION_SEEN_RESOLUTION_MS = 60_000

/** The password hash of an account created by SSO sign-in: no password matches it. */
export const SSO_ONLY_PASSWORD_HASH = '!sso'

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

export async function authenticateSession(deps: CoreDeps, token: string): Promise<Principal> {
  const row = await deps.db
    .selectFrom('dashboardSessions')
    .innerJoin('users', 'users.id', 'dashboardSessions.userId')
    // The session's organization is the current one; its membership gives the role (a removed
    // member's sessions end with the membership).
    .innerJoin('memberships', (j) =>
      j
        .onRef('memberships.userId', '=', 'dashboardSessions.userId')
        .onRef('memberships.organizationId', '=', 'dashboardSessions.organizationId'),
    )
    .select([
      'dashboardSessions.id as sessionId',
      'dashboardSessions.expiresAt',
      'dashboardSessions.lastSeenAt',
      'users.id as userId',
      'dashboardSessions.organizationId',
      'memberships.role',
      'memberships.workspaceIds',
      'users.isSuperuser',
    ])
    .where('dashboardSessions.id', '=', sha256(token))
    .executeTakeFirst()
  if (!row || row.expiresAt <= deps.clock.now().toISOString()) {
    throw new AppError('UNAUTHORIZED', 'Your session has ended; sign in again')
  }
  const now = deps.clock.now()
  if (!row.lastSeenAt || Date.parse(row.lastSeenAt) <= now.getTime() - SESSION_SEEN_RESOLUTION_MS) {
    await deps.db
      .updateTable('dashboardSessions')
      .set({ lastSeenAt: now.toISOString() })
      .where('id', '=', row.sessionId)
      .execute()
  }
  return {
    kind: 'user',
    organizationId: row.organizationId,
    userId: row.userId,
    role: row.role,
    isSuperuser: row.isSuperuser === 1,
    sessionId: row.sessionId,
    workspaceIds: row.workspaceIds === null ? null : (JSON.parse(row.workspaceIds) as string[]),
  }
}

export async function logout(deps: CoreDeps, token: string): Promise<void> {
  await deps.db.deleteFrom('dashboardSessions').where('id', '=', sha256(token)).execute()
}

export async function getCurrentUser(deps: CoreDeps, principal: Principal): Promise<UserView | null> {
  if (principal.kind !== 'user') return null
  const user = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', principal.userId)
    .executeTakeFirst()
  return user ? toUserView(user) : null
}
