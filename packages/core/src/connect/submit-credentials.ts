import { z } from 'zod'
import { storeConnection } from '../connections/store-connection.ts'
import { validateFields, verifyCredentials } from '../connections/verify-credentials.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendSessionEvent, sessionActor } from '../events/session-event.ts'
import { requireIntegration } from '../integrations/integrations.ts'
import { sessionConnectionMetadata, sessionForToken } from './connect-sessions.ts'

export const SubmitCredentialsInput = z.object({
  token: z.string().max(500).optional(),
  credentials: z.record(z.string(), z.unknown()),
})
export type SubmitCredentialsInput = z.infer<typeof SubmitCredentialsInput>

/**
 * The connect page's form for API-key, basic and custom integrations: checks the fields,
 * runs the verify request, then stores the connection and completes the session together.
 */
export async function submitCredentials(deps: CoreDeps, input: SubmitCredentialsInput) {
  const session = await sessionForToken(deps, input.token)
  if (session.status === 'COMPLETED') {
    throw new AppError('SESSION_NOT_ACTIVE', 'This connect link was already used; ask the app for a new one')
  }
  const integration = await requireIntegration(deps, session.organizationId, session.integrationName)
  const def = integration.definition
  if (def.authType === 'OAUTH2') {
    throw new AppError('VALIDATION_ERROR', `${def.displayName} uses OAuth: use the Authorize button`)
  }
  const credentials = { kind: 'fields' as const, values: validateFields(def, input.credentials) }
  await verifyCredentials(deps, def, credentials)
  const connectionId = await deps.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('connectSessions')
      .set({ status: 'CONNECTING', updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', session.id)
      .where('status', 'in', ['PENDING', 'FAILED'])
      .executeTakeFirst()
    if (claimed.numUpdatedRows === 0n)
      throw new AppError('SESSION_NOT_ACTIVE', 'This connect link is already in use')
    const { connection } = await storeConnection(
      { ...deps, db: trx },
      {
        organizationId: session.organizationId,
        workspaceId: session.workspaceId,
        integrationName: integration.name,
        type: def.authType,
        externalId: session.externalId,
        displayName: session.connectionName,
        scope: session.scope,
        endUserId: session.endUserId,
        ownerUserId: session.ownerUserId,
        oauthAppId: null,
        credentials,
        tokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        grantedScopes: [],
        apiBaseUri: def.api.baseUrl,
        metadata: sessionConnectionMetadata(session),
        reconnectConnectionId: session.reconnectConnectionId,
        actor: sessionActor(session),
        connectSessionId: session.id,
      },
    )
    await trx
      .updateTable('connectSessions')
      .set({
        status: 'COMPLETED',
        connectionId: connection.id,
        error: null,
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', session.id)
      .execute()
    await appendSessionEvent({ ...deps, db: trx }, session, 'connect_session.completed', {}, connection.id)
    return connection.id
  })
  return { status: 'COMPLETED' as const, connectionId }
}
