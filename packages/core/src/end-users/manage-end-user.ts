import { z } from 'zod'
import { type Principal, requireScope } from '../auth/principal.ts'
import { removeConnection } from '../connections/connections.ts'
import type { CoreDeps } from '../deps.ts'
import { type EndUserView, resolveEndUser, toEndUserView } from './end-users.ts'

export const UpdateEndUserInput = z.object({
  /** null clears the field. */
  displayName: z.string().trim().min(1).max(255).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  /** Replaces the whole object. */
  metadata: z.record(z.string(), z.unknown()).optional(),
})
export type UpdateEndUserInput = z.infer<typeof UpdateEndUserInput>

/**
 * PATCH /api/v1/end-users/:id: changes the fields sent (null clears displayName or email;
 * metadata is replaced whole). The externalId and workspace cannot change.
 */
export async function updateEndUser(
  deps: CoreDeps,
  principal: Principal,
  ref: string,
  input: UpdateEndUserInput,
): Promise<EndUserView> {
  requireScope(principal, 'end-users:write')
  const endUser = await resolveEndUser(deps, principal.organizationId, ref)
  const changes = {
    ...(input.displayName !== undefined && { displayName: input.displayName }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.metadata !== undefined && { metadata: JSON.stringify(input.metadata) }),
  }
  if (Object.keys(changes).length === 0) return toEndUserView(endUser)
  await deps.db.updateTable('endUsers').set(changes).where('id', '=', endUser.id).execute()
  return toEndUserView({ ...endUser, ...changes })
}

/**
 * DELETE /api/v1/end-users/:id: deletes the end user's connections the way
 * DELETE /api/v1/connections/:id does (tokens revoked at the provider, history kept), then the
 * end user. Its connect sessions stay in the history without it.
 */
export async function deleteEndUser(deps: CoreDeps, principal: Principal, ref: string): Promise<void> {
  requireScope(principal, 'end-users:write')
  const endUser = await resolveEndUser(deps, principal.organizationId, ref)
  const connections = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('organizationId', '=', principal.organizationId)
    .where('endUserId', '=', endUser.id)
    .execute()
  if (connections.length > 0) requireScope(principal, 'connections:write')
  for (const connection of connections) await removeConnection(deps, connection)
  await deps.db.deleteFrom('endUsers').where('id', '=', endUser.id).execute()
}
