import type { Role } from '@switchboard/db'
import { z } from 'zod'
import {
  mayHandleOwners,
  type Principal,
  requireScope,
  requireWithinOwnAccess,
  requireWithinSeenWorkspaces,
  roles,
} from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { actorOf } from '../events/types.ts'
import { lockOrganization } from './organizations.ts'
import { requireSignInMethodAllowed, sessionMethod } from './users.ts'
import { requireWorkspace } from './workspaces.ts'

/** A member of the organization, as members.list and GET /api/v1/members show it. */
export interface MemberView {
  userId: string
  email: string
  name: string | null
  role: Role
  /** null: every workspace. */
  workspaceIds: string[] | null
  createdAt: string
}

export const RoleSchema = z.enum(roles)
/** A workspace restriction: some workspaces, or null for all of them. */
export const WorkspaceIdsSchema = z
  .array(z.uuid())
  .min(1)
  .max(100)
  .transform((ids) => [...new Set(ids)])
  .nullable()

const parseIds = (s: string | null) => (s === null ? null : (JSON.parse(s) as string[]))

function membersQuery(deps: CoreDeps, organizationId: string) {
  return deps.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select([
      'memberships.userId',
      'users.email',
      'memberships.role',
      'memberships.workspaceIds',
      'memberships.createdAt',
    ])
    .where('memberships.organizationId', '=', organizationId)
}

type MemberRow = { userId: string; email: string; role: Role; workspaceIds: string | null; createdAt: string }
const toMemberView = (r: MemberRow): MemberView => ({
  userId: r.userId,
  email: r.email,
  name: null,
  role: r.role,
  workspaceIds: parseIds(r.workspaceIds),
  createdAt: r.createdAt,
})

export async function listMembers(deps: CoreDeps, principal: Principal): Promise<MemberView[]> {
  requireScope(principal, 'members:read')
  const rows = await membersQuery(deps, principal.organizationId)
    .orderBy('memberships.createdAt')
    .orderBy('memberships.userId')
    .execute()
  return rows.map(toMemberView)
}

async function requireMember(deps: CoreDeps, organizationId: string, userId: string): Promise<MemberRow> {
  const row = await membersQuery(deps, organizationId)
    .where('memberships.userId', '=', userId)
    .executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', 'No such member in this organization')
  return row
}

async function ownerCount(deps: CoreDeps, organizationId: string): Promise<number> {
  const row = await deps.db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organizationId', '=', organizationId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export const UpdateMemberInput = z.object({
  userId: z.string().min(1).max(200),
  role: RoleSchema.optional(),
  workspaceIds: WorkspaceIdsSchema.optional(),
})
export type UpdateMemberInput = z.input<typeof UpdateMemberInput>

/** Changes a member's role or workspaces. The last owner is never demoted (409 LAST_OWNER). */
export async function updateMember(
  deps: CoreDeps,
  principal: Principal,
  input: UpdateMemberInput,
): Promise<MemberView> {
  requireScope(principal, 'members:write')
  const { userId, role, workspaceIds } = UpdateMemberInput.parse(input)
  const orgId = principal.organizationId
  if (workspaceIds !== undefined) requireWithinSeenWorkspaces(principal, workspaceIds, 'this member')
  for (const w of workspaceIds ?? []) await requireWorkspace(deps, orgId, w)
  return inTransaction(deps, async (tx) => {
    // Two demotions or removals at once must not both see the other owner still there.
    await lockOrganization(tx, orgId)
    const before = await requireMember(tx, orgId, userId)
    requireWithinOwnAccess(
      principal,
      { role: before.role, workspaceIds: parseIds(before.workspaceIds) },
      'this member',
    )
    requireWithinOwnAccess(principal, { role }, 'this member')
    if ((before.role === 'owner' || role === 'owner') && role !== undefined && role !== before.role) {
      if (!mayHandleOwners(principal)) {
        throw new AppError('FORBIDDEN', 'Only an owner can make or unmake an owner')
      }
    }
    if (
      before.role === 'owner' &&
      role !== undefined &&
      role !== 'owner' &&
      (await ownerCount(tx, orgId)) <= 1
    ) {
      throw new AppError(
        'LAST_OWNER',
        'The organization keeps at least one owner: make someone else owner first',
      )
    }
    const set: { role?: Role; workspaceIds?: string | null } = {}
    if (role !== undefined) set.role = role
    if (workspaceIds !== undefined)
      set.workspaceIds = workspaceIds === null ? null : JSON.stringify(workspaceIds)
    if (Object.keys(set).length > 0) {
      await tx.db
        .updateTable('memberships')
        .set(set)
        .where('organizationId', '=', orgId)
        .where('userId', '=', userId)
        .execute()
      // users.role is the role in the user's first organization; keep it the same.
      if (role !== undefined) {
        await tx.db
          .updateTable('users')
          .set({ role })
          .where('id', '=', userId)
          .where('organizationId', '=', orgId)
          .execute()
      }
    }
    const after = await requireMember(tx, orgId, userId)
    await appendEvent(tx, {
      organizationId: orgId,
      type: 'member.updated',
      actor: actorOf(principal),
      data: {
        userId,
        email: after.email,
        role: after.role,
        previousRole: before.role,
        workspaceIds: parseIds(after.workspaceIds),
      },
    })
    return toMemberView(after)
  })
}

/** Removes a member (their sessions in this organization end). Never the last owner. */
export async function removeMember(deps: CoreDeps, principal: Principal, userId: string): Promise<void> {
  requireScope(principal, 'members:write')
  const orgId = principal.organizationId
  await inTransaction(deps, async (tx) => {
    // Two demotions or removals at once must not both see the other owner still there.
    await lockOrganization(tx, orgId)
    const before = await requireMember(tx, orgId, userId)
    requireWithinOwnAccess(
      principal,
      { role: before.role, workspaceIds: parseIds(before.workspaceIds) },
      'this member',
    )
    if (before.role === 'owner') {
      if (!mayHandleOwners(principal)) throw new AppError('FORBIDDEN', 'Only an owner can remove an owner')
      if ((await ownerCount(tx, orgId)) <= 1) {
        throw new AppError(
          'LAST_OWNER',
          'The organization keeps at least one owner: make someone else owner first',
        )
      }
    }
    await tx.db
      .deleteFrom('memberships')
      .where('organizationId', '=', orgId)
      .where('userId', '=', userId)
      .execute()
    await tx.db
      .deleteFrom('dashboardSessions')
      .where('organizationId', '=', orgId)
      .where('userId', '=', userId)
      .execute()
    await appendEvent(tx, {
      organizationId: orgId,
      type: 'member.removed',
      actor: actorOf(principal),
      data: { userId, email: before.email, role: before.role },
    })
  })
}

/** The organizations a signed-in user belongs to (auth.me), with their role in each. */
export async function listMyOrganizations(
  deps: CoreDeps,
  userId: string,
): Promise<Array<{ id: string; name: string; role: Role }>> {
  const rows = await deps.db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .select(['organizations.id', 'organizations.name', 'memberships.role', 'memberships.createdAt'])
    .where('memberships.userId', '=', userId)
    .orderBy('memberships.createdAt')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role }))
}

export const SwitchOrganizationInput = z.object({ organizationId: z.string().min(1).max(200) })

/** Moves the current session to another organization the user belongs to (404 otherwise). */
export async function switchOrganization(
  deps: CoreDeps,
  principal: Principal,
  input: z.input<typeof SwitchOrganizationInput>,
): Promise<{ ok: true }> {
  requireScope(principal, 'account')
  if (principal.kind !== 'user') throw new AppError('FORBIDDEN', 'Only dashboard users switch organizations')
  const { organizationId } = SwitchOrganizationInput.parse(input)
  const member = await deps.db
    .selectFrom('memberships')
    .select('userId')
    .where('userId', '=', principal.userId)
    .where('organizationId', '=', organizationId)
    .executeTakeFirst()
  if (!member) throw new AppError('NOT_FOUND', 'You are not a member of that organization')
  // A password session does not move into an organization that signs in with SSO only.
  await requireSignInMethodAllowed(
    deps,
    principal,
    organizationId,
    await sessionMethod(deps, principal.sessionId),
  )
  await deps.db
    .updateTable('dashboardSessions')
    .set({ organizationId })
    .where('id', '=', principal.sessionId)
    .execute()
  return { ok: true }
}
