import type { Principal } from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { resolveEndUser } from '../end-users/end-users.ts'
import { AppError } from '../errors.ts'
import { requireWorkspace } from '../tenancy/workspaces.ts'
import { cachedRead } from '../util/read-cache.ts'

/**
 * Whom a seed-002 call acts for: a dashboard user, or an API key (or OAuth token) plus the
 * X-End-User-Id header naming the customer's user. X-Workspace-Id picks the workspace.
 */
export interface Actor {
  organizationId: string
  workspaceId: string
  /** The dashboard user, when the principal is one. */
  userId: string | null
  /** The end user (our id) and their externalId, when acting for one. */
  endUserId: string | null
  endUserExternalId: string | null
  /** seed 002's ownerId: the user's id or the end user's externalId. */
  ownerId: string | null
  isSuperuser: boolean
}

type ActorHeaders = { workspaceId?: string | undefined; endUserId?: string | undefined }

export function actorFor(deps: CoreDeps, principal: Principal, headers: ActorHeaders): Promise<Actor> {
  const { workspaceId: ws, endUserId: eu } = headers
  // A frozen principal (an API key's, from its cached read) stays the same object while it is
  // cached: the actor is kept under it, keyed by the headers alone. The usual call names a
  // workspace and no end user, and its key is the workspace id as it arrived; otherwise the
  // key is both values, length-prefixed so that no two pairs make the same key.
  if (Object.isFrozen(principal)) {
    const [kind, key] =
      eu === undefined
        ? ws === undefined
          ? ['actor', '']
          : ['actorInWorkspace', ws]
        : ['actorForEndUser', `${ws?.length ?? -1}:${ws ?? ''}${eu}`]
    // The loaders are inline arrows: tsx names a closure kept in a const, at a cost per call.
    return cachedRead(deps, kind, key, () => resolveActor(deps, principal, headers), principal)
  }
  const userId =
    principal.kind === 'user' ? principal.userId : principal.kind === 'oauthToken' ? principal.userId : null
  const superuser = principal.kind === 'user' && principal.isSuperuser
  const key = JSON.stringify([principal.organizationId, userId, superuser, ws, eu])
  return cachedRead(deps, 'actor', key, () => resolveActor(deps, principal, headers))
}

async function resolveActor(deps: CoreDeps, principal: Principal, headers: ActorHeaders): Promise<Actor> {
  let workspaceId = headers.workspaceId
  if (workspaceId !== undefined) {
    if (!/^[0-9a-f-]{36}$/i.test(workspaceId))
      throw new AppError('VALIDATION_ERROR', 'X-Workspace-Id must be a workspace id (uuid)')
    await requireWorkspace(deps, principal.organizationId, workspaceId)
  } else {
    const first = await deps.db
      .selectFrom('workspaces')
      .select('id')
      .where('organizationId', '=', principal.organizationId)
      .orderBy('createdAt')
      .orderBy('id')
      .executeTakeFirst()
    if (!first) throw new AppError('NOT_FOUND', 'This organization has no workspace')
    workspaceId = first.id
  }
  const endUserRef = headers.endUserId?.trim() || null
  if (endUserRef !== null && endUserRef.length > 255) {
    throw new AppError('VALIDATION_ERROR', 'X-End-User-Id is too long (max 255 characters)')
  }
  // The end user's id or externalId; an unknown externalId is registered on first use.
  const endUser =
    endUserRef !== null
      ? await resolveEndUser(deps, principal.organizationId, endUserRef, { workspaceId, register: true })
      : null
  const endUserExternalId = endUser?.externalId ?? null
  const userId =
    principal.kind === 'user' ? principal.userId : principal.kind === 'oauthToken' ? principal.userId : null
  return {
    organizationId: principal.organizationId,
    workspaceId,
    userId,
    endUserId: endUser?.id ?? null,
    endUserExternalId,
    ownerId: endUserExternalId ?? userId,
    isSuperuser: principal.kind === 'user' && principal.isSuperuser,
  }
}
