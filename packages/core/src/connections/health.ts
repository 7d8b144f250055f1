import type { Connection } from '@switchboard/db'
import type { CoreDeps } from '../deps.ts'
import { appendConnectionEvent } from '../events/connection-event.ts'

/**
 * A connection's health as its API sees it: UNHEALTHY when the API refuses a token that was
 * just refreshed (refreshing again would not help), ACTIVE again once the API accepts one.
 * These two functions are the only places the transitions happen (and are recorded): the
 * status change and its event commit together, once per transition.
 */

/** Why a connection is UNHEALTHY: a stable code, then what to do. */
export const TOKEN_REJECTED_REASON =
  'TOKEN_REJECTED: The API refused a freshly refreshed access token (401), so Switchboard does not refresh it again. Check that the account still has access at the provider, then reconnect.'

/** ACTIVE → UNHEALTHY, recorded once; a connection already unhealthy (or failed) is left as it is. */
export async function markConnectionUnhealthy(deps: CoreDeps, c: Connection): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('connections')
      .set({
        status: 'UNHEALTHY',
        statusReason: TOKEN_REJECTED_REASON,
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', c.id)
      .where('status', '=', 'ACTIVE')
      .executeTakeFirst()
    if (marked.numUpdatedRows === 0n) return
    await appendConnectionEvent({ ...deps, db: trx }, c, 'connection.unhealthy', {
      data: {
        reason: { code: 'TOKEN_REJECTED', message: TOKEN_REJECTED_REASON.replace(/^TOKEN_REJECTED: /, '') },
        resolution: 'END_USER_RECONNECT',
        detail: '401 after refresh',
      },
    })
  })
}

/** UNHEALTHY → ACTIVE once the API accepted the connection's token again, recorded once. */
export async function markConnectionRecovered(deps: CoreDeps, c: Connection): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('connections')
      .set({ status: 'ACTIVE', statusReason: null, updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', c.id)
      .where('status', '=', 'UNHEALTHY')
      .executeTakeFirst()
    if (marked.numUpdatedRows === 0n) return
    await appendConnectionEvent({ ...deps, db: trx }, c, 'connection.recovered', {
      data: { previousStatus: 'UNHEALTHY', via: 'api_accepted', detail: 'The API accepted the token again' },
    })
  })
}
