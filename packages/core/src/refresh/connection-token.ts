import { type Principal, requireFirstParty, requireScope } from '../auth/principal.ts'
import { requireConnection } from '../connections/connections.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { inTransaction } from '../events/append-event.ts'
import { appendConnectionEvent } from '../events/connection-event.ts'
import { actorOf } from '../events/types.ts'
import { getFreshCredentials } from './refresh-connection.ts'

/**
 * GET /api/v1/connections/:id/token — a currently valid access token for callers that must
 * hold it themselves (refreshed first if needed). The one place a token leaves Switchboard.
 */
export async function getConnectionAccessToken(deps: CoreDeps, principal: Principal, connectionId: string) {
  requireFirstParty(principal, 'read upstream access tokens; use the proxy (POST /api/v1/proxy)')
  // Third-party apps use connections through the proxy; the raw upstream token never reaches them.
  requireScope(principal, 'connections:token')
  const connection = await requireConnection(deps, principal.organizationId, connectionId)
  if (connection.type !== 'OAUTH2') {
    throw new AppError('VALIDATION_ERROR', 'Only OAuth2 connections have access tokens')
  }
  const fresh = await getFreshCredentials(deps, connection)
  if (fresh.credentials.kind !== 'oauth2') throw new AppError('INTERNAL', 'OAuth2 connection without a token')
  // Handing out a credential is itself the change this event records (the audit trail).
  await inTransaction(deps, (tx) =>
    appendConnectionEvent(tx, fresh.connection, 'connection.token_revealed', {
      actor: actorOf(principal),
      data: { expiresAt: fresh.connection.tokenExpiresAt },
    }),
  )
  return {
    accessToken: fresh.credentials.accessToken,
    tokenType: fresh.credentials.tokenType,
    expiresAt: fresh.connection.tokenExpiresAt,
  }
}
