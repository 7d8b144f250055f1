import type { EndUser } from '@switchboard/db'
import { z } from 'zod'
import {
  type Principal,
  requireScope,
  requireSeenWorkspace,
  seenWorkspaceIds,
  workspacesOf,
} from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { requireWorkspace } from '../tenancy/workspaces.ts'
import { keysetPage } from '../util/cursor.ts'
import { containsText } from '../util/search.ts'

export interface EndUserView {
  id: string
  workspaceId: string
  externalId: string
  displayName: string | null
  email: string | null
  metadata: Record<string, unknown>
  createdAt: string
}

export const toEndUserView = (u: EndUser): EndUserView => ({
  id: u.id,
  workspaceId: u.workspaceId,
  externalId: u.externalId,
  displayName: u.displayName,
  email: u.email,
  metadata: JSON.parse(u.metadata) as Record<string, unknown>,
  createdAt: u.createdAt,
})

export const ExternalIdSchema = z.string().trim().min(1).max(255)

export const CreateEndUserInput = z.object({
  workspaceId: z.uuid(),
  externalId: ExternalIdSchema,
  displayName: z.string().trim().min(1).max(255).optional(),
  email: z.email().max(320).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
})
export type CreateEndUserInput = z.infer<typeof CreateEndUserInput>

/**
 * Seed 001's "register the end user", idempotent on (workspace, externalId): the first call
 * creates the end user (`created: true`, 201 over REST); a later or concurrent one with the same
 * externalId answers that end user (`created: false`, 200) when the fields it sends agree with
 * it, and 409 ALREADY_EXISTS (`details.endUserId`) when one of them differs — never a silent
 * update. Fields it leaves out are not compared.
 */
export async function createEndUser(
  deps: CoreDeps,
  principal: Principal,
  input: CreateEndUserInput,
): Promise<{ endUser: EndUserView; created: boolean }> {
  requireScope(principal, 'end-users:write')
  requireSeenWorkspace(principal, input.workspaceId, () => workspaceNotFound(input.workspaceId))
  await requireWorkspace(deps, principal.organizationId, input.workspaceId)
  const row = {
    id: deps.newId(),
    organizationId: principal.organizationId,
    workspaceId: input.workspaceId,
    externalId: input.externalId,
    displayName: input.displayName ?? null,
    email: input.email ?? null,
    metadata: JSON.stringify(input.metadata ?? {}),
    createdAt: deps.clock.now().toISOString(),
  }
  // One statement decides, on both dialects: a concurrent insert of the same key waits for
  // the other and does nothing, instead of failing on the unique constraint.
  const inserted = await deps.db
    .insertInto('endUsers')
    .values(row)
    .onConflict((oc) => oc.columns(['workspaceId', 'externalId']).doNothing())
    .executeTakeFirst()
  if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return { endUser: toEndUserView(row), created: true }
  const existing = await deps.db
    .selectFrom('endUsers')
    .selectAll()
    .where('workspaceId', '=', input.workspaceId)
    .where('externalId', '=', input.externalId)
    .executeTakeFirstOrThrow()
  const differs = [
    input.displayName !== undefined && input.displayName !== existing.displayName && 'displayName',
    input.email !== undefined && input.email !== existing.email && 'email',
    input.metadata !== undefined &&
      canonicalJson(input.metadata) !== canonicalJson(JSON.parse(existing.metadata)) &&
      'metadata',
  ].filter((f): f is string => f !== false)
  if (differs.length > 0) {
    throw new AppError(
      'ALREADY_EXISTS',
      `An end user with externalId "${input.externalId}" already exists in this workspace with another ${differs.join(', ')}; it was not changed`,
      { endUserId: existing.id },
    )
  }
  return { endUser: toEndUserView(existing), created: false }
}

/** JSON with object keys sorted, so two equal values compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/** Registers an end user on first use (seed 002's X-End-User-Id); safe against concurrent first uses. */
async function registerEndUser(
  deps: CoreDeps,
  organizationId: string,
  workspaceId: string,
  externalId: string,
): Promise<EndUser> {
  await deps.db
    .insertInto('endUsers')
    .values({
      id: deps.newId(),
      organizationId,
      workspaceId,
      externalId,
      displayName: null,
      email: null,
      metadata: '{}',
      createdAt: deps.clock.now().toISOString(),
    })
    .onConflict((oc) => oc.columns(['workspaceId', 'externalId']).doNothing())
    .execute()
  return deps.db
    .selectFrom('endUsers')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('externalId', '=', externalId)
    .executeTakeFirstOrThrow()
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The end users an `endUserId` value can name in an organization (seed 001 passes both): the
 * one whose id it is, else those whose externalId it is (in `workspaceId` when given). The id
 * wins: an externalId that happens to equal another end user's id never shadows that end user.
 */
export async function matchEndUsers(
  deps: CoreDeps,
  organizationId: string,
  ref: string,
  workspaceId?: string,
): Promise<EndUser[]> {
  if (UUID.test(ref)) {
    const byId = await deps.db
      .selectFrom('endUsers')
      .selectAll()
      .where('id', '=', ref)
      .where('organizationId', '=', organizationId)
      .executeTakeFirst()
    if (byId) return [byId]
  }
  let q = deps.db
    .selectFrom('endUsers')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .where('externalId', '=', ref)
  if (workspaceId !== undefined) q = q.where('workspaceId', '=', workspaceId)
  return q.orderBy('createdAt').orderBy('id').execute()
}

export interface ResolveEndUserOptions {
  /** The end user must belong to this workspace (and an unknown externalId is looked up there). */
  workspaceId?: string
  /** An unknown externalId is registered in `workspaceId` (seed 002's "registered on first use"). */
  register?: boolean
}

/**
 * The one end user an `endUserId` names, by id or externalId (see `matchEndUsers`): every
 * endpoint that takes an end user resolves it here. 404 END_USER_NOT_FOUND when there is none
 * (an end user of another workspace is none), 400 when an externalId is used in several
 * workspaces and no workspace says which.
 */
export async function resolveEndUser(
  deps: CoreDeps,
  organizationId: string,
  ref: string,
  options: ResolveEndUserOptions = {},
): Promise<EndUser> {
  const { workspaceId } = options
  const [first, second] = await matchEndUsers(deps, organizationId, ref, workspaceId)
  if (first && !second) {
    if (workspaceId !== undefined && first.workspaceId !== workspaceId) {
      throw new AppError('END_USER_NOT_FOUND', `End user ${ref} belongs to another workspace`)
    }
    return first
  }
  if (first && second) {
    throw new AppError(
      'VALIDATION_ERROR',
      `End users with externalId "${ref}" exist in several workspaces: pass the end user's id instead`,
      [{ path: 'endUserId', message: 'ambiguous externalId' }],
    )
  }
  if (options.register && workspaceId !== undefined) {
    return registerEndUser(deps, organizationId, workspaceId, ref)
  }
  throw new AppError(
    'END_USER_NOT_FOUND',
    workspaceId !== undefined ? `No end user "${ref}" in this workspace` : `End user ${ref} not found`,
  )
}

const workspaceNotFound = (id: string) =>
  new AppError('NOT_FOUND', `Workspace ${id} not found in this organization`)

/**
 * `resolveEndUser` for a principal: an end user of a workspace it may not see is not found
 * (404 END_USER_NOT_FOUND), and an externalId is looked up among the workspaces it sees only.
 */
export async function resolveEndUserFor(
  deps: CoreDeps,
  principal: Principal,
  ref: string,
  options: ResolveEndUserOptions = {},
): Promise<EndUser> {
  const asked = options.workspaceId
  if (asked !== undefined) requireSeenWorkspace(principal, asked, () => workspaceNotFound(asked))
  const only = seenWorkspaceIds(principal)?.[0]
  if (asked === undefined && only !== undefined && workspacesOf(principal)?.length === 1) {
    // Narrowed to one workspace: an externalId means the end user there.
    return resolveEndUser(deps, principal.organizationId, ref, { ...options, workspaceId: only })
  }
  const endUser = await resolveEndUser(deps, principal.organizationId, ref, options)
  requireSeenWorkspace(
    principal,
    endUser.workspaceId,
    () => new AppError('END_USER_NOT_FOUND', `End user ${ref} not found`),
  )
  return endUser
}

/** GET /api/v1/end-users/:id: the end user's id or, when it is unambiguous, its externalId. */
export async function getEndUser(deps: CoreDeps, principal: Principal, ref: string): Promise<EndUserView> {
  requireScope(principal, 'end-users:read')
  return toEndUserView(await resolveEndUserFor(deps, principal, ref))
}

export const ListEndUsersInput = z.object({
  workspaceId: z.uuid().optional(),
  externalId: z.string().max(255).optional(),
  search: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type ListEndUsersInput = z.input<typeof ListEndUsersInput>

export async function listEndUsers(deps: CoreDeps, principal: Principal, raw: ListEndUsersInput) {
  requireScope(principal, 'end-users:read')
  const input = ListEndUsersInput.parse(raw)
  let q = deps.db.selectFrom('endUsers').selectAll().where('organizationId', '=', principal.organizationId)
  const visible = seenWorkspaceIds(principal)
  if (visible !== null) q = q.where('workspaceId', 'in', visible)
  if (input.workspaceId) q = q.where('workspaceId', '=', input.workspaceId)
  if (input.externalId) q = q.where('externalId', '=', input.externalId)
  if (input.search) {
    const text = input.search
    q = q.where((eb) =>
      eb.or([
        containsText('externalId', text),
        containsText('displayName', text),
        containsText('email', text),
      ]),
    )
  }
  const { rows, nextCursor } = await keysetPage(q, input.cursor, input.limit)
  return { endUsers: rows.map(toEndUserView), nextCursor }
}
