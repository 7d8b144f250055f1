import { z } from 'zod'
import { type Principal, requireAdmin, requireScope } from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
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
  requireAdmin(principal)
  return toWorkspaceView(await insertWorkspace(deps, principal.organizationId, input.name))
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
  return rows.map(toWorkspaceView)
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
  return toWorkspaceView(await requireWorkspace(deps, principal.organizationId, workspaceId))
}
