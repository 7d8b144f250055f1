import type { Connection } from '@switchboard/db'
import type { CoreDeps } from '../deps.ts'
import { appendConnectionEvent } from '../events/connection-event.ts'
import { statusDetailOf } from './connection-health.ts'

/**
 * A connection's health as its API sees it: UNHEALTHY when the API refuses a token that was
 * just refreshed (refreshing again would not help), ACTIVE again once the API accepts one.
 * These two functions are the only places the transitions happen (and are recorded): the
 * status change and its event commit together, once per transition.
 */

/** Why a connection is UNHEALTHY: a stable code, then what to do. */
export const TOKEN_REJECTED_REASON =
  'TOKEN_REJECTED: The API refused a freshly refreshed access token (401), so Switchboard does not refresh it again. Check that the account still has access at the provider, then reconnect.'

/** Why a verification probe turned an API-key connection UNHEALTHY: the provider refused the key. */
export const CREDENTIALS_REJECTED_REASON = (status: number) =>
  `CREDENTIALS_REJECTED: The provider refused the stored credentials on the scheduled check (HTTP ${status}). The end user must enter valid credentials again (reconnect).`
/** The probe's URL is refused by the egress policy: the integration's base URL is for an admin to fix. */
export const EGRESS_REFUSED_REASON = (message: string) =>
  `EGRESS_REFUSED: ${message}. An admin must fix the integration's base URL or SWITCHBOARD_EGRESS_ALLOW.`

export interface UnhealthyCause {
  /** The stored statusReason: `CODE: what to do`. */
  reason: string
  /** A short note for the event (`401 after refresh`, `verification probe: HTTP 401`). */
  detail: string
}

/** ACTIVE → UNHEALTHY, recorded once; a connection already unhealthy (or failed) is left as it is. */
export async function markConnectionUnhealthy(
  deps: CoreDeps,
  c: Connection,
  cause: UnhealthyCause = { reason: TOKEN_REJECTED_REASON, detail: '401 after refresh' },
): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('connections')
      .set({
        status: 'UNHEALTHY',
        statusReason: cause.reason,
        lastUnhealthyAt: deps.clock.now().toISOString(),
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', c.id)
      .where('status', '=', 'ACTIVE')
      .executeTakeFirst()
    if (marked.numUpdatedRows === 0n) return false
    const health = statusDetailOf({ status: 'UNHEALTHY', statusReason: cause.reason })
    await appendConnectionEvent({ ...deps, db: trx }, c, 'connection.unhealthy', {
      data: {
        reason: health.detail,
        resolution: health.resolution,
        previousStatus: 'ACTIVE',
        detail: cause.detail,
      },
    })
    return true
  })
}

/** UNHEALTHY → ACTIVE once the API accepted the connection's token again, recorded once. */
export async function markConnectionRecovered(
  deps: CoreDeps,
  c: Connection,
  how: { via: string; detail: string } = { via: 'api_accepted', detail: 'The API accepted the token again' },
): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('connections')
      .set({
        status: 'ACTIVE',
        statusReason: null,
        lastHealthyAt: deps.clock.now().toISOString(),
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', c.id)
      .where('status', '=', 'UNHEALTHY')
      .executeTakeFirst()
    if (marked.numUpdatedRows === 0n) return false
    await appendConnectionEvent({ ...deps, db: trx }, c, 'connection.recovered', {
      data: { previousStatus: 'UNHEALTHY', via: how.via, detail: how.detail },
    })
    return true
  })
}
