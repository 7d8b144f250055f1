import { DEFAULT_EXPIRING_DAYS } from '../connections/connection-health.ts'
import type { CoreDeps } from '../deps.ts'
import { inTransaction } from '../events/append-event.ts'
import { appendConnectionEvent } from '../events/connection-event.ts'

/**
 * connection.expiring: once per connection per refresh-token lifetime, when its refresh token
 * (so the connection) ends within SWITCHBOARD_EXPIRING_DAYS (default 7), or has ended. The
 * connection's `expiringNotifiedAt` records the `refreshTokenExpiresAt` the event was sent for
 * (a compare-and-swap in the event's transaction, so N instances send it once); a new refresh
 * token with a lifetime clears it (refresh-connection.ts, store-connection.ts), and the next
 * window sends it again.
 */
export async function notifyExpiringConnections(
  deps: CoreDeps,
  options: { expiringDays?: number; batchSize?: number; signal?: AbortSignal } = {},
): Promise<{ notified: number }> {
  const days = options.expiringDays ?? deps.config.expiringDays ?? DEFAULT_EXPIRING_DAYS
  const now = deps.clock.now()
  const horizon = new Date(now.getTime() + days * 86_400_000).toISOString()
  const due = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('refreshTokenExpiresAt', 'is not', null)
    .where('refreshTokenExpiresAt', '<=', horizon)
    .where((eb) =>
      eb.or([
        eb('expiringNotifiedAt', 'is', null),
        eb('expiringNotifiedAt', '!=', eb.ref('refreshTokenExpiresAt')),
      ]),
    )
    .orderBy('refreshTokenExpiresAt')
    .limit(options.batchSize ?? 500)
    .execute()
  let notified = 0
  for (const c of due) {
    if (options.signal?.aborted) break
    const endsAt = c.refreshTokenExpiresAt as string
    const sent = await inTransaction(deps, async (tx) => {
      const marked = await tx.db
        .updateTable('connections')
        .set({ expiringNotifiedAt: endsAt })
        .where('id', '=', c.id)
        .where('refreshTokenExpiresAt', '=', endsAt)
        .where((eb) => eb.or([eb('expiringNotifiedAt', 'is', null), eb('expiringNotifiedAt', '!=', endsAt)]))
        .executeTakeFirst()
      if (marked.numUpdatedRows === 0n) return false
      const msLeft = Date.parse(endsAt) - now.getTime()
      await appendConnectionEvent(tx, c, 'connection.expiring', {
        data: {
          refreshTokenExpiresAt: endsAt,
          daysLeft: Math.max(0, Math.floor(msLeft / 86_400_000)),
          expired: msLeft <= 0,
          resolution: 'END_USER_RECONNECT',
          detail:
            msLeft <= 0
              ? 'The refresh token has ended: the end user must reconnect.'
              : 'The refresh token ends soon: the end user should reconnect before then.',
        },
      })
      return true
    })
    if (sent) notified++
  }
  return { notified }
}
