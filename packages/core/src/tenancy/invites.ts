import type { Invite, Role, User } from '@switchboard/db'
import { z } from 'zod'
import {
  mayHandleOwners,
  type Principal,
  requireScope,
  requireWithinOwnAccess,
  requireWithinSeenWorkspaces,
} from '../auth/principal.ts'
import { hashPassword, verifyPassword } from '../crypto/password.ts'
import { randomToken, sha256 } from '../crypto/random.ts'
import { type CoreDeps, clockMs } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { actorOf } from '../events/types.ts'
import { RoleSchema, WorkspaceIdsSchema } from './members.ts'
import {
  type LoginMethod,
  PasswordSchema,
  requireSignInMethodAllowed,
  SSO_ONLY_PASSWORD_HASH,
  sessionMethod,
} from './users.ts'
import { requireWorkspace } from './workspaces.ts'

/** An invite link lives this long. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000

export interface InviteView {
  id: string
  email: string
  role: Role
  /** null: every workspace. */
  workspaceIds: string[] | null
  expiresAt: string
  createdAt: string
  acceptedAt: string | null
  revokedAt: string | null
}
const toInviteView = (i: Invite): InviteView => ({
  id: i.id,
  email: i.email,
  role: i.role,
  workspaceIds: i.workspaceIds === null ? null : (JSON.parse(i.workspaceIds) as string[]),
  expiresAt: i.expiresAt,
  createdAt: i.createdAt,
  acceptedAt: i.acceptedAt,
  revokedAt: i.revokedAt,
})

export const CreateInviteInput = z.object({
  email: z
    .email()
    .max(320)
    .transform((e) => e.trim().toLowerCase()),
  role: RoleSchema,
  workspaceIds: WorkspaceIdsSchema.optional(),
})
export type CreateInviteInput = z.input<typeof CreateInviteInput>

/** The page an invite link opens (the SPA's /invite/:token). */
export const inviteUrl = (deps: CoreDeps, token: string) =>
  `${deps.config.publicUrl.replace(/\/$/, '')}/invite/${token}`

/**
 * Invites an email into the organization with a role (and optionally some workspaces). The
 * `inv_` token is in the answer's url only; the database keeps its SHA-256. Only an owner
 * invites an owner.
 */
export async function createInvite(
  deps: CoreDeps,
  principal: Principal,
  input: CreateInviteInput,
): Promise<{ invite: InviteView; url: string; emailed: boolean }> {
  requireScope(principal, 'members:write')
  const { email, role, workspaceIds } = CreateInviteInput.parse(input)
  if (role === 'owner' && !mayHandleOwners(principal)) {
    throw new AppError('FORBIDDEN', 'Only an owner can invite an owner')
  }
  requireWithinSeenWorkspaces(principal, workspaceIds, 'this invite')
  requireWithinOwnAccess(principal, { role }, 'this invite')
  for (const w of workspaceIds ?? []) await requireWorkspace(deps, principal.organizationId, w)
  const already = await deps.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select('users.id')
    .where('memberships.organizationId', '=', principal.organizationId)
    .where('users.email', '=', email)
    .executeTakeFirst()
  if (already) throw new AppError('ALREADY_EXISTS', `${email} is already a member of this organization`)
  const token = `inv_${randomToken(32)}`
  const now = deps.clock.now()
  const row: Invite = {
    id: deps.newId(),
    organizationId: principal.organizationId,
    email,
    role,
    workspaceIds: workspaceIds ? JSON.stringify(workspaceIds) : null,
    tokenHash: sha256(token),
    invitedBy: principal.kind === 'user' ? principal.userId : null,
    expiresAt: new Date(now.getTime() + INVITE_TTL_MS).toISOString(),
    createdAt: now.toISOString(),
    acceptedAt: null,
    revokedAt: null,
  }
  await inTransaction(deps, async (tx) => {
    await tx.db.insertInto('invites').values(row).execute()
    await appendEvent(tx, {
      organizationId: principal.organizationId,
      type: 'invite.created',
      actor: actorOf(principal),
      data: { inviteId: row.id, email, role, workspaceIds: workspaceIds ?? null },
    })
  })
  const url = inviteUrl(deps, token)
  return { invite: toInviteView(row), url, emailed: await emailInvite(deps, row, url, token) }
}

/**
 * Emails the invite link when the server has a mail transport. A failure loses nothing: the
 * invite stands, the answer says `emailed: false` (the admin copies the link), and the warning
 * logged never carries the token.
 */
async function emailInvite(deps: CoreDeps, invite: Invite, url: string, token: string): Promise<boolean> {
  if (!deps.sendMail) return false
  const org = await deps.db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', invite.organizationId)
    .executeTakeFirst()
  const name = org?.name ?? 'an organization'
  try {
    await deps.sendMail({
      to: invite.email,
      subject: `You are invited to ${name} on Switchboard`,
      text: [
        `You are invited to join ${name} on Switchboard as ${invite.role}.`,
        '',
        `Accept the invite: ${url}`,
        '',
        `The link works once and until ${invite.expiresAt}. If you did not expect it, ignore this email.`,
      ].join('\n'),
    })
    return true
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).replaceAll(token, '[token]')
    deps.log.warn({ inviteId: invite.id, reason }, 'invite email not sent; the invite stands')
    return false
  }
}

export async function listInvites(deps: CoreDeps, principal: Principal): Promise<InviteView[]> {
  requireScope(principal, 'members:read')
  const rows = await deps.db
    .selectFrom('invites')
    .selectAll()
    .where('organizationId', '=', principal.organizationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute()
  return rows.map(toInviteView)
}

/** Revokes a pending invite; its link stops working. An unknown (or another tenant's) id is 404. */
export async function revokeInvite(deps: CoreDeps, principal: Principal, id: string): Promise<void> {
  requireScope(principal, 'members:write')
  await inTransaction(deps, async (tx) => {
    const row = await tx.db
      .selectFrom('invites')
      .selectAll()
      .where('id', '=', id)
      .where('organizationId', '=', principal.organizationId)
      .executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', 'Invite not found')
    requireWithinOwnAccess(
      principal,
      {
        role: row.role,
        workspaceIds: row.workspaceIds === null ? null : (JSON.parse(row.workspaceIds) as string[]),
      },
      'this invite',
    )
    if (row.revokedAt !== null || row.acceptedAt !== null) return
    await tx.db
      .updateTable('invites')
      .set({ revokedAt: deps.clock.now().toISOString() })
      .where('id', '=', id)
      .execute()
    await appendEvent(tx, {
      organizationId: principal.organizationId,
      type: 'invite.revoked',
      actor: actorOf(principal),
      data: { inviteId: id, email: row.email },
    })
  })
}

const TokenSchema = z.string().regex(/^inv_[A-Za-z0-9_-]{43}$/)
const notValid = () =>
  new AppError(
    'INVITE_NOT_VALID',
    'This invite link is not valid: it may have expired, been used or been revoked',
  )

/** A pending invite by its token, or 400 INVITE_NOT_VALID (unknown, expired, used, revoked). */
async function pendingInvite(deps: CoreDeps, token: unknown): Promise<Invite> {
  const parsed = TokenSchema.safeParse(token)
  if (!parsed.success) throw notValid()
  const row = await deps.db
    .selectFrom('invites')
    .selectAll()
    .where('tokenHash', '=', sha256(parsed.data))
    .executeTakeFirst()
  if (!row || row.acceptedAt !== null || row.revokedAt !== null) throw notValid()
  if (Date.parse(row.expiresAt) <= clockMs(deps.clock)) throw notValid()
  return row
}

export const LookupInviteInput = z.object({ token: z.string().max(200) })

/** What the invite page shows before accepting (public: the token is the credential). */
export async function lookupInvite(
  deps: CoreDeps,
  input: z.input<typeof LookupInviteInput>,
): Promise<{ organizationName: string; email: string; role: Role; userExists: boolean }> {
  const invite = await pendingInvite(deps, input.token)
  const org = await deps.db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', invite.organizationId)
    .executeTakeFirstOrThrow()
  const user = await deps.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', invite.email)
    .executeTakeFirst()
  return {
    organizationName: org.name,
    email: invite.email,
    role: invite.role,
    userExists: user !== undefined,
  }
}

export const AcceptInviteInput = z.object({
  token: z.string().max(200),
  password: PasswordSchema.optional(),
  name: z.string().trim().min(1).max(200).optional(),
})
export type AcceptInviteInput = z.input<typeof AcceptInviteInput>

/**
 * Accepts an invite, once: creates the user (with `password`) or, for an existing account,
 * adds the organization — which takes that user signed in (`signedIn`, same email) or the
 * account's password. Answers the user to open a session for, in the invite's organization.
 */
export async function acceptInvite(
  deps: CoreDeps,
  input: AcceptInviteInput,
  signedIn: Principal | null,
): Promise<{ user: User; organizationId: string; method: LoginMethod }> {
  const { token, password } = AcceptInviteInput.parse(input)
  const invite = await pendingInvite(deps, token)
  // The session it opens is signed in as the caller's is (a signed-in SSO session), else by password.
  const existing = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', invite.email)
    .executeTakeFirst()
  if (existing) {
    const mine = signedIn?.kind === 'user' && signedIn.userId === existing.id
    if (!mine) {
      const sso = existing.passwordHash === SSO_ONLY_PASSWORD_HASH
      if (password === undefined || sso || !(await verifyPassword(password, existing.passwordHash))) {
        throw new AppError(
          'UNAUTHORIZED',
          `An account for ${invite.email} exists: sign in as it first, or give its password`,
        )
      }
    }
  } else if (password === undefined) {
    throw new AppError('VALIDATION_ERROR', 'Choose a password (at least 8 characters)', { field: 'password' })
  }
  const method: LoginMethod =
    signedIn?.kind === 'user' && existing && signedIn.userId === existing.id
      ? ((await sessionMethod(deps, signedIn.sessionId)) ?? 'password')
      : 'password'
  // Refused before the invite is used: it stays valid for an SSO sign-in.
  await requireSignInMethodAllowed(deps, existing ?? { isSuperuser: 0 }, invite.organizationId, method)
  const now = deps.clock.now().toISOString()
  const user = await inTransaction(deps, async (tx) => {
    // Single use: the update that marks it accepted decides, should two accepts race.
    const claimed = await tx.db
      .updateTable('invites')
      .set({ acceptedAt: now })
      .where('id', '=', invite.id)
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .executeTakeFirst()
    if (claimed.numUpdatedRows === 0n) throw notValid()
    let user = existing
    if (!user) {
      user = {
        id: deps.newId(),
        organizationId: invite.organizationId,
        email: invite.email,
        passwordHash: await hashPassword(password as string),
        role: invite.role,
        isSuperuser: 0,
        createdAt: now,
      }
      await tx.db.insertInto('users').values(user).execute()
    }
    await tx.db
      .insertInto('memberships')
      .values({
        userId: user.id,
        organizationId: invite.organizationId,
        role: invite.role,
        workspaceIds: invite.workspaceIds,
        createdAt: now,
      })
      .onConflict((oc) => oc.columns(['userId', 'organizationId']).doNothing())
      .execute()
    await appendEvent(tx, {
      organizationId: invite.organizationId,
      type: 'invite.accepted',
      actor: { type: 'user', id: user.id },
      data: { inviteId: invite.id, email: invite.email, role: invite.role, newUser: !existing },
    })
    return user
  })
  return { user, organizationId: invite.organizationId, method }
}
