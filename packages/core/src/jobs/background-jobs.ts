import type { CoreDeps } from '../deps.ts'
import { pruneIdempotencyKeys } from '../idempotency/idempotency-keys.ts'
import { purgeExpiredOAuthModels } from '../oauth-server/model-store.ts'
import { pruneProxyStats } from '../stats/proxy-stats.ts'
import { notifyExpiringConnections } from './expiring-connections.ts'
import { claimJob } from './job-lease.ts'
import { pruneEvents } from './prune-events.ts'
import { verifyDueConnections } from './verify-connections.ts'

export interface BackgroundJobOptions {
  /** How often each job may run across all instances (its lease). Default: 30 s. */
  passMs?: number
  /** How often retention prunes (lease of the `event-retention`, `proxy-stats-retention` and
   * `idempotency-key-retention` jobs). Default: 1 h. */
  retentionEveryMs?: number
  /** How often the authorization server's expired rows (sessions, interactions, codes, tokens)
   * are deleted: the lease of the `oauth-server-retention` job. Default: 10 min. */
  oauthPurgeEveryMs?: number
  /** SWITCHBOARD_VERIFY_INTERVAL in ms; 0 or absent: no scheduled verification. */
  verifyIntervalMs?: number
  signal?: AbortSignal
}

export interface BackgroundJobsResult {
  pruned: number | null
  expiring: number | null
  verified: number | null
}

/**
 * The leased jobs of one background pass: event, proxy-stats, Idempotency-Key and authorization
 * server retention,
 * connection.expiring and the scheduled verification probes. Each runs only on the instance that claims its job lease
 * (job-lease.ts), so N instances on one PostgreSQL do not run a pass twice; each connection is
 * claimed again by its own compare-and-swap, so even overlapping passes send one event. A job
 * that throws is logged and the others still run. null: the job did not run here.
 */
export async function runBackgroundJobs(
  deps: CoreDeps,
  options: BackgroundJobOptions = {},
): Promise<BackgroundJobsResult> {
  const passMs = options.passMs ?? 30_000
  const out: BackgroundJobsResult = { pruned: null, expiring: null, verified: null }
  const job = async (name: string, leaseMs: number, run: () => Promise<number>) => {
    if (options.signal?.aborted) return null
    try {
      if (!(await claimJob(deps, name, leaseMs))) return null
      return await run()
    } catch (err) {
      deps.log.error({ err, job: name }, 'background job failed')
      return null
    }
  }
  const signal = options.signal ? { signal: options.signal } : {}
  out.pruned = await job(
    'event-retention',
    options.retentionEveryMs ?? 3600_000,
    async () => (await pruneEvents(deps, signal)).deleted,
  )
  // Per-minute proxy stats past the overview's 7 days (not counted in the result).
  await job('proxy-stats-retention', options.retentionEveryMs ?? 3600_000, () => pruneProxyStats(deps))
  // Idempotency-Key answers past their 24 h (an expired key is free again before it is pruned,
  // so an hourly prune changes no answer; it ran on every instance every pass before the lease).
  await job('idempotency-key-retention', options.retentionEveryMs ?? 3600_000, () =>
    pruneIdempotencyKeys(deps),
  )
  // The authorization server's expired rows (before the lease, a timer on every instance).
  await job('oauth-server-retention', options.oauthPurgeEveryMs ?? 600_000, () =>
    purgeExpiredOAuthModels(deps),
  )
  out.expiring = await job(
    'connection-expiring',
    passMs,
    async () => (await notifyExpiringConnections(deps, signal)).notified,
  )
  const verifyMs = options.verifyIntervalMs ?? 0
  if (verifyMs > 0) {
    out.verified = await job('verify-connections', Math.min(passMs, verifyMs), async () => {
      const r = await verifyDueConnections(deps, { intervalMs: verifyMs, ...signal })
      return r.ok + r.rejected + r.egress_refused + r.unavailable
    })
  }
  return out
}
