import { recoverInterruptedConnectSessions } from '../connect/recover-sessions.ts'
import type { CoreDeps } from '../deps.ts'
import { type BackgroundJobOptions, runBackgroundJobs } from '../jobs/background-jobs.ts'
import { getFreshCredentials } from './refresh-connection.ts'

export interface BackgroundRefresherOptions {
  /** How many connections one pass handles. Default 100. */
  batchSize?: number
  /** Once aborted, the pass finishes the refresh it is in and starts no other. */
  signal?: AbortSignal
  /** The leased jobs of each pass (retention, connection.expiring, verification probes). */
  jobs?: Omit<BackgroundJobOptions, 'signal' | 'passMs'>
}

/**
 * One pass of the background refresher: renews OAuth2 tokens that are due (a share of their
 * lifetime before they expire) and touches connections not refreshed for a day — whatever
 * `connections.refreshDueAt` says (refresh-margin.ts holds the rule; every write keeps it), read
 * as one range of its index, earliest first. Safe on several instances: each connection's
 * refresh takes the database lease, so it never runs twice at once.
 */
export async function refreshDueConnections(
  deps: CoreDeps,
  options: BackgroundRefresherOptions = {},
): Promise<{ refreshed: number; failed: number }> {
  const due = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('refreshDueAt', '<=', deps.clock.now().toISOString())
    // Implied by a non-null refreshDueAt; kept so a status written without it is never refreshed.
    .where('type', '=', 'OAUTH2')
    .where('status', 'in', ['ACTIVE', 'UNHEALTHY'])
    .orderBy('refreshDueAt')
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
 * Runs `refreshDueConnections`, then `recoverInterruptedConnectSessions` (both claim each item
 * by a compare-and-swap), then the leased jobs (`runBackgroundJobs`), every `intervalMs`;
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
      // Retention (events, proxy stats, Idempotency-Keys), connection.expiring and verification
      // probes, each under its job lease.
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
