import { z } from 'zod'
import {
  type Principal,
  requireScope,
  requireSeenWorkspace,
  seesWorkspace,
  workspacesOf,
} from '../auth/principal.ts'
import { removeConnection } from '../connections/connections.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { actorOf } from '../events/types.ts'
import { lockOrganization } from './organizations.ts'
import { toWorkspaceView, type WorkspaceView } from './views.ts'

export const CreateWorkspaceInput = z.object({ name: z.string().trim().min(1).max(200) })
export type CreateWorkspaceInput = z.infer<typeof CreateWorkspaceInput>

export async function insertWorkspace(deps: CoreDeps, organizationId: string, name: string) {
  const row = { id: deps.newId(), organizationId, name, createdAt: deps.clock.now().toISOString() }
  await deps.db.insertInto('workspaces').values(row).execute()
  return row
}

export async function createWorkspace(
  deps: CoreDeps,
  principal: Principal,
  input: CreateWorkspaceInput,
): Promise<WorkspaceView> {
  requireScope(principal, 'workspaces:write')
  // A principal narrowed to some workspaces would not see the one it made.
  if (workspacesOf(principal) !== null) {
    throw new AppError('FORBIDDEN', 'Access narrowed to some workspaces cannot create workspaces')
  }
  return inTransaction(deps, async (tx) => {
    const row = await insertWorkspace(tx, principal.organizationId, input.name)
    await appendEvent(tx, {
      organizationId: principal.organizationId,
      workspaceId: row.id,
      type: 'workspace.created',
      actor: actorOf(principal),
      data: { workspaceId: row.id, name: row.name },
    })
    return toWorkspaceView(row)
  })
}

export async function listWorkspaces(deps: CoreDeps, principal: Principal): Promise<WorkspaceView[]> {
  requireScope(principal, 'workspaces:read')
  const rows = await deps.db
    .selectFrom('workspaces')
    .selectAll()
    .where('organizationId', '=', principal.organizationId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
  return rows.filter((w) => seesWorkspace(principal, w.id)).map(toWorkspaceView)
}

/** A workspace of the principal's organization; another tenant's id is simply not found. */
export async function requireWorkspace(deps: CoreDeps, organizationId: string, workspaceId: string) {
  const row = await deps.db
    .selectFrom('workspaces')
    .selectAll()
    .where('id', '=', workspaceId)
    .where('organizationId', '=', organizationId)
    .executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', `Workspace ${workspaceId} not found in this organization`)
  return row
}

export async function getWorkspace(
  deps: CoreDeps,
  principal: Principal,
  workspaceId: string,
): Promise<WorkspaceView> {
  requireScope(principal, 'workspaces:read')
  requireSeenWorkspace(
    principal,
    workspaceId,
    () => new AppError('NOT_FOUND', `Workspace ${workspaceId} not found in this organization`),
  )
  return toWorkspaceView(await requireWorkspace(deps, principal.organizationId, workspaceId))
}

export const RenameWorkspaceInput = z.object({
  id: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(200),
})
export type RenameWorkspaceInput = z.infer<typeof RenameWorkspaceInput>

export async function renameWorkspace(
  deps: CoreDeps,
  principal: Principal,
  raw: z.input<typeof RenameWorkspaceInput>,
): Promise<WorkspaceView> {
  requireScope(principal, 'workspaces:write')
  const input = RenameWorkspaceInput.parse(raw)
  requireSeenWorkspace(
    principal,
    input.id,
    () => new AppError('NOT_FOUND', `Workspace ${input.id} not found in this organization`),
  )
  return inTransaction(deps, async (tx) => {
    const row = await requireWorkspace(tx, principal.organizationId, input.id)
    await tx.db
      .updateTable('workspaces')
      .set({ name: input.name })
      .where('id', '=', row.id)
      .where('organizationId', '=', principal.organizationId)
      .execute()
    await appendEvent(tx, {
      organizationId: principal.organizationId,
      workspaceId: row.id,
      type: 'workspace.updated',
      actor: actorOf(principal),
      data: { workspaceId: row.id, name: input.name, previousName: row.name },
    })
    return toWorkspaceView({ ...row, name: input.name })
  })
}

export const DeleteWorkspaceInput = z.object({
  id: z.string().min(1).max(200),
  /** Revoke and delete the workspace's connections first, instead of refusing. */
  force: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
})
export type DeleteWorkspaceInput = z.input<typeof DeleteWorkspaceInput>

/** How many times a forced delete sweeps connections that arrived while it revoked. */
const FORCE_SWEEPS = 3

/**
 * Deletes a workspace with its end users and connect sessions. While it holds connections it
 * is refused (409 WORKSPACE_NOT_EMPTY, `details.connections`) unless `force`: then each
 * connection goes the way a deleted connection does (revoked at the provider, then deleted,
 * its history kept). The organization's last workspace is never deleted (409 LAST_WORKSPACE).
 */
export async function deleteWorkspace(
  deps: CoreDeps,
  principal: Principal,
  raw: DeleteWorkspaceInput,
): Promise<{ revokedConnections: number }> {
  requireScope(principal, 'workspaces:write')
  const input = DeleteWorkspaceInput.parse(raw)
  requireSeenWorkspace(
    principal,
    input.id,
    () => new AppError('NOT_FOUND', `Workspace ${input.id} not found in this organization`),
  )
  const organizationId = principal.organizationId
  const workspace = await requireWorkspace(deps, organizationId, input.id)
  await requireNotLast(deps, organizationId)
  let revokedConnections = 0
  for (let sweep = 0; ; sweep++) {
    const connections = await deps.db
      .selectFrom('connections')
      .selectAll()
      .where('organizationId', '=', organizationId)
      .where('workspaceId', '=', workspace.id)
      .execute()
    if (connections.length > 0 && (!input.force || sweep >= FORCE_SWEEPS)) {
      throw new AppError(
        'WORKSPACE_NOT_EMPTY',
        `Workspace "${workspace.name}" still has ${connections.length} connection${connections.length === 1 ? '' : 's'}; delete them first, or delete with force to revoke them at their providers`,
        { connections: connections.length },
      )
    }
    // Network calls (revocation) happen here, outside any transaction.
    for (const connection of connections) {
      await removeConnection(deps, connection)
      revokedConnections++
    }
    const deleted = await deps.db.transaction().execute(async (trx) => {
      // Two deletes of an organization's last two workspaces must not both pass the count.
      await lockOrganization({ db: trx }, organizationId)
      const count = await trx
        .selectFrom('workspaces')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('organizationId', '=', organizationId)
        .executeTakeFirstOrThrow()
      if (Number(count.n) <= 1) throw lastWorkspace()
      const remaining = await trx
        .selectFrom('connections')
        .select('id')
        .where('workspaceId', '=', workspace.id)
        .limit(1)
        .executeTakeFirst()
      if (remaining) return false
      await trx
        .deleteFrom('workspaces')
        .where('id', '=', workspace.id)
        .where('organizationId', '=', organizationId)
        .execute()
      await appendEvent(
        { ...deps, db: trx },
        {
          organizationId,
          workspaceId: workspace.id,
          type: 'workspace.deleted',
          actor: actorOf(principal),
          data: { workspaceId: workspace.id, name: workspace.name, revokedConnections },
        },
      )
      return true
    })
    if (deleted) return { revokedConnections }
  }
}

function lastWorkspace(): AppError {
  return new AppError(
    'LAST_WORKSPACE',
    "This is the organization's only workspace; create another before deleting this one",
  )
}

async function requireNotLast(deps: CoreDeps, organizationId: string): Promise<void> {
  const count = await deps.db
    .selectFrom('workspaces')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organizationId', '=', organizationId)
    .executeTakeFirstOrThrow()
  if (Number(count.n) <= 1) throw lastWorkspace()
}
