import { recoverInterruptedConnectSessions } from '../connect/recover-sessions.ts'
import type { CoreDeps } from '../deps.ts'
import { pruneIdempotencyKeys } from '../idempotency/idempotency-keys.ts'
import { type BackgroundJobOptions, runBackgroundJobs } from '../jobs/background-jobs.ts'
import { getFreshCredentials } from './refresh-connection.ts'
import { MAX_REFRESH_MARGIN_MS, MIN_REFRESH_MARGIN_MS } from './refresh-margin.ts'

export interface BackgroundRefresherOptions {
  /**
   * For connections written before `refreshDueAt` existed (migration 0005): renew tokens that
   * expire within this window. Default 10 minutes. Every other connection is renewed at its
   * `refreshDueAt` (refresh-margin.ts: a quarter of the token's lifetime before it expires,
   * between 30 s and 10 minutes).
   */
  marginMs?: number
  /** Refresh idle connections at least this often, so refresh tokens do not age out. Default 24 h. */
  idleMs?: number
  /** How many connections one pass handles. Default 100. */
  batchSize?: number
  /** Once aborted, the pass finishes the refresh it is in and starts no other. */
  signal?: AbortSignal
  /** The leased jobs of each pass (retention, connection.expiring, verification probes). */
  jobs?: Omit<BackgroundJobOptions, 'signal' | 'passMs'>
}

/**
 * One pass of the background refresher: renews OAuth2 tokens that are due (a share of their
 * lifetime before they expire) and touches connections not refreshed for a day. Safe on
 * several instances: each connection's refresh takes the database lease, so it never runs
 * twice at once.
 */
export async function refreshDueConnections(
  deps: CoreDeps,
  options: BackgroundRefresherOptions = {},
): Promise<{ refreshed: number; failed: number }> {
  const now = deps.clock.now()
  const nowIso = now.toISOString()
  const legacySoon = new Date(now.getTime() + (options.marginMs ?? MAX_REFRESH_MARGIN_MS)).toISOString()
  // Whatever its schedule says, a token this close to expiry is renewed.
  const closeToExpiry = new Date(now.getTime() + MIN_REFRESH_MARGIN_MS).toISOString()
  const stale = new Date(now.getTime() - (options.idleMs ?? 24 * 3600_000)).toISOString()
  const due = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('type', '=', 'OAUTH2')
    // An UNHEALTHY connection's refresh token must not age out either (the API may accept it again).
    .where('status', 'in', ['ACTIVE', 'UNHEALTHY'])
    .where((eb) => eb.or([eb('nextRefreshAt', 'is', null), eb('nextRefreshAt', '<=', nowIso)]))
    .where((eb) =>
      eb.or([
        eb('refreshDueAt', '<=', nowIso),
        eb.and([eb('refreshDueAt', 'is', null), eb('tokenExpiresAt', '<=', legacySoon)]),
        eb('tokenExpiresAt', '<=', closeToExpiry),
        eb.and([eb('lastRefreshedAt', 'is', null), eb('lastAuthorizedAt', '<=', stale)]),
        eb('lastRefreshedAt', '<=', stale),
      ]),
    )
    .orderBy('tokenExpiresAt')
    .limit(options.batchSize ?? 100)
    .execute()
  let refreshed = 0
  let failed = 0
  for (const connection of due) {
    if (options.signal?.aborted) break
    try {
      await getFreshCredentials(deps, connection, { force: true })
      refreshed++
    } catch (err) {
      failed++
      deps.log.warn(
        { connectionId: connection.id, err: err instanceof Error ? err.message : String(err) },
        'background refresh failed',
      )
    }
  }
  return { refreshed, failed }
}

export interface BackgroundRefresher {
  /** Starts no further pass or refresh; resolves when the refresh in progress (if any) is committed. */
  stop(): Promise<void>
}

/**
 * Runs `refreshDueConnections`, then `recoverInterruptedConnectSessions`, then
 * `pruneIdempotencyKeys`, then the leased jobs (`runBackgroundJobs`), every `intervalMs`;
 * a pass never overlaps the previous one.
 */
export function startBackgroundRefresher(
  deps: CoreDeps,
  intervalMs = 30_000,
  options: Omit<BackgroundRefresherOptions, 'signal'> = {},
): BackgroundRefresher {
  const stopping = new AbortController()
  let pass: Promise<void> | null = null
  const timer = setInterval(() => {
    if (pass) return
    pass = refreshDueConnections(deps, { ...options, signal: stopping.signal })
      // The same pass ends connect flows a crash left half done (see recover-sessions.ts).
      .then(() => (stopping.signal.aborted ? undefined : recoverInterruptedConnectSessions(deps)))
      // And forgets Idempotency-Key answers older than 24 h.
      .then(() => (stopping.signal.aborted ? undefined : pruneIdempotencyKeys(deps)))
      // Event retention, connection.expiring and verification probes, each under its job lease.
      .then(() =>
        stopping.signal.aborted
          ? undefined
          : runBackgroundJobs(deps, { ...options.jobs, passMs: intervalMs, signal: stopping.signal }),
      )
      .then(
        () => {},
        (err: unknown) => deps.log.error({ err }, 'background refresher pass failed'),
      )
      .finally(() => {
        pass = null
      })
  }, intervalMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      stopping.abort()
      await pass
    },
  }
}
