import type { EndUser } from '@switchboard/db'
import { z } from 'zod'
import { type Principal, requireScope } from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { requireWorkspace } from '../tenancy/workspaces.ts'
import { keysetPage } from '../util/cursor.ts'

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

export async function createEndUser(
  deps: CoreDeps,
  principal: Principal,
  input: CreateEndUserInput,
): Promise<EndUserView> {
  requireScope(principal, 'end-users:write')
  await requireWorkspace(deps, principal.organizationId, input.workspaceId)
  const existing = await deps.db
    .selectFrom('endUsers')
    .select('id')
    .where('workspaceId', '=', input.workspaceId)
    .where('externalId', '=', input.externalId)
    .executeTakeFirst()
  if (existing) {
    throw new AppError(
      'ALREADY_EXISTS',
      `An end user with externalId "${input.externalId}" already exists in this workspace`,
      {
        endUserId: existing.id,
      },
    )
  }
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
  await deps.db.insertInto('endUsers').values(row).execute()
  return toEndUserView(row)
}

/** The end user with this externalId in a workspace, registered on first use. */
export async function ensureEndUser(
  deps: CoreDeps,
  organizationId: string,
  workspaceId: string,
  externalId: string,
): Promise<EndUser> {
  const found = await deps.db
    .selectFrom('endUsers')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('externalId', '=', externalId)
    .executeTakeFirst()
  if (found) return found
  const row = {
    id: deps.newId(),
    organizationId,
    workspaceId,
    externalId,
    displayName: null,
    email: null,
    metadata: '{}',
    createdAt: deps.clock.now().toISOString(),
  }
  await deps.db
    .insertInto('endUsers')
    .values(row)
    .onConflict((oc) => oc.columns(['workspaceId', 'externalId']).doNothing())
    .execute()
  return deps.db
    .selectFrom('endUsers')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('externalId', '=', externalId)
    .executeTakeFirstOrThrow()
}

export async function requireEndUser(deps: CoreDeps, organizationId: string, id: string): Promise<EndUser> {
  const row = await deps.db
    .selectFrom('endUsers')
    .selectAll()
    .where('id', '=', id)
    .where('organizationId', '=', organizationId)
    .executeTakeFirst()
  if (!row) throw new AppError('END_USER_NOT_FOUND', `End user ${id} not found`)
  return row
}

export async function getEndUser(deps: CoreDeps, principal: Principal, id: string): Promise<EndUserView> {
  requireScope(principal, 'end-users:read')
  return toEndUserView(await requireEndUser(deps, principal.organizationId, id))
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
  if (input.workspaceId) q = q.where('workspaceId', '=', input.workspaceId)
  if (input.externalId) q = q.where('externalId', '=', input.externalId)
  if (input.search) {
    const like = `%${input.search.replace(/[%_\\]/g, '\\$&')}%`
    q = q.where((eb) =>
      eb.or([eb('externalId', 'like', like), eb('displayName', 'like', like), eb('email', 'like', like)]),
    )
  }
  const { rows, nextCursor } = await keysetPage(q, input.cursor, input.limit)
  return { endUsers: rows.map(toEndUserView), nextCursor }
}
