import { z } from 'zod'
import { type Principal, requireScope, requireSeenWorkspace } from '../auth/principal.ts'
import { requireConnection, resolveConnectionRow } from '../connections/connections.ts'
import type { CoreDeps } from '../deps.ts'
import { ExternalIdSchema } from '../end-users/end-users.ts'
import { AppError } from '../errors.ts'
import { requireIntegration } from '../integrations/integrations.ts'
import { cachedRead } from '../util/read-cache.ts'
import { type ProxyCall, type ProxyOptions, type ProxyResult, proxyResolved } from './proxy-request.ts'

export const ProxyInput = z
  .object({
    connectionId: z.uuid().optional(),
    integrationName: z.string().min(1).max(200).optional(),
    workspaceId: z.uuid().optional(),
    externalId: ExternalIdSchema.optional(),
    endUserId: ExternalIdSchema.optional(),
    method: z.string().max(10).optional(),
    url: z.string().min(1).max(8000),
    headers: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    data: z.unknown().optional(),
    retryNonIdempotent: z.boolean().optional(),
  })
  .refine(
    (v) => v.connectionId !== undefined || (v.integrationName !== undefined && v.workspaceId !== undefined),
    {
      message: 'pass connectionId, or integrationName + workspaceId with externalId or endUserId',
      path: ['connectionId'],
    },
  )
export type ProxyInput = z.infer<typeof ProxyInput>

/** POST /api/v1/proxy: finds the connection (by id or by the resolve rules) and proxies. */
export async function proxyRequest(
  deps: CoreDeps,
  principal: Principal,
  input: ProxyInput,
  options: Pick<ProxyOptions, 'signal'> = {},
): Promise<ProxyResult> {
  requireScope(principal, 'proxy')
  const key = JSON.stringify([
    principal.organizationId,
    input.connectionId,
    input.integrationName,
    input.workspaceId,
    input.externalId,
    input.endUserId,
  ])
  // The connection and its integration, read (and the definition parsed) together and kept
  // together, as POST …/request does: the integration was read per call otherwise.
  const { connection, integration } = await cachedRead(deps, 'proxyConnection', key, async () => {
    const connection = input.connectionId
      ? await requireConnection(deps, principal.organizationId, input.connectionId)
      : await resolveConnectionRow(deps, principal.organizationId, {
          integrationName: input.integrationName as string,
          workspaceId: input.workspaceId as string,
          ...(input.externalId !== undefined && { externalId: input.externalId }),
          ...(input.endUserId !== undefined && { endUserId: input.endUserId }),
        })
    const integration = await requireIntegration(deps, connection.organizationId, connection.integrationName)
    return { connection, integration }
  })
  requireSeenWorkspace(
    principal,
    connection.workspaceId,
    () => new AppError('CONNECTION_NOT_FOUND', 'Connection not found'),
  )
  const call: ProxyCall = { url: input.url }
  if (input.method !== undefined) call.method = input.method
  if (input.headers !== undefined) call.headers = input.headers
  if (input.data !== undefined) call.data = input.data
  if (input.retryNonIdempotent !== undefined) call.retryNonIdempotent = input.retryNonIdempotent
  return await proxyResolved(deps, connection, integration, call, options.signal)
}
