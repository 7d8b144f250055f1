import { z } from 'zod'
import { type Principal, requireScope } from '../auth/principal.ts'
import { removeConnection } from '../connections/connections.ts'
import type { CoreDeps } from '../deps.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { actorOf } from '../events/types.ts'
import { type EndUserView, resolveEndUserFor, toEndUserView } from './end-users.ts'

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
  const endUser = await resolveEndUserFor(deps, principal, ref)
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
  const endUser = await resolveEndUserFor(deps, principal, ref)
  const connections = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('organizationId', '=', principal.organizationId)
    .where('endUserId', '=', endUser.id)
    .execute()
  if (connections.length > 0) requireScope(principal, 'connections:write')
  const actor = actorOf(principal)
  // Each connection is revoked at the provider (network, outside any transaction), then deleted
  // with its connection.deleted event; the end user goes with end_user.deleted in one transaction.
  const revocations: Record<string, string> = {}
  for (const connection of connections) {
    revocations[connection.id] = (await removeConnection(deps, connection, actor)).revocation
  }
  await inTransaction(deps, async (tx) => {
    const deleted = await tx.db.deleteFrom('endUsers').where('id', '=', endUser.id).executeTakeFirst()
    if (deleted.numDeletedRows === 0n) return
    await appendEvent(tx, {
      organizationId: principal.organizationId,
      workspaceId: endUser.workspaceId,
      type: 'end_user.deleted',
      actor,
      endUserId: endUser.id,
      data: { externalId: endUser.externalId, connectionsDeleted: connections.length, revocations },
    })
  })
}
