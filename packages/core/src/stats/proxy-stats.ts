import { randomUUID } from 'node:crypto'
import type { Database } from '@switchboard/db'
import type { Kysely } from 'kysely'
import { type Clock, type CoreDeps, clockMs } from '../deps.ts'

const MINUTE = 60_000
/** Latency buckets grow by this factor: bucket i holds calls of up to GROWTH^i ms (p95 within 25 %). */
const GROWTH = 1.25
const LOG_GROWTH = Math.log(GROWTH)
/** The last bucket (1.25^60 ms is about 11 minutes, past any proxy deadline). */
const LAST_BUCKET = 60

/** The latency bucket of a call that took `ms`. */
export function latencyBucket(ms: number): number {
  if (!(ms > 1)) return 0
  return Math.min(LAST_BUCKET, Math.ceil(Math.log(ms) / LOG_GROWTH))
}

/** The upper bound in ms of a latency bucket. */
export function bucketUpperMs(bucket: number): number {
  return GROWTH ** bucket
}

interface Bucket {
  minuteMs: number
  organizationId: string
  workspaceId: string
  calls: number
  clientErrors: number
  serverErrors: number
  latency: number[]
  /** Changed since it was last written. */
  dirty: boolean
}

/**
 * Counts proxied calls per minute and workspace in memory, for the overview's traffic, errors
 * and p95 latency. `record` is a map lookup and a few increments (the proxy's hot path writes
 * nothing); `flush` writes this instance's buckets that changed, each row whole (its own rows
 * only, keyed by `instanceId`, so instances never add to each other's counts), and forgets the
 * minutes that are over.
 */
export class ProxyStatsRecorder {
  readonly instanceId: string
  private readonly buckets = new Map<string, Bucket>()
  private flushing: Promise<number> | undefined

  constructor(
    private readonly clock: Clock,
    instanceId: string = randomUUID(),
  ) {
    this.instanceId = instanceId
  }

  /** One proxied call: its answer's status (0: no answer) and how long until it came. */
  record(organizationId: string, workspaceId: string, status: number, latencyMs: number): void {
    const now = clockMs(this.clock)
    const minuteMs = now - (now % MINUTE)
    const key = `${minuteMs}\n${organizationId}\n${workspaceId}`
    let b = this.buckets.get(key)
    if (!b) {
      b = {
        minuteMs,
        organizationId,
        workspaceId,
        calls: 0,
        clientErrors: 0,
        serverErrors: 0,
        latency: [],
        dirty: true,
      }
      this.buckets.set(key, b)
    }
    b.calls++
    if (status === 0 || status >= 500) b.serverErrors++
    else if (status >= 400) b.clientErrors++
    const i = latencyBucket(latencyMs)
    b.latency[i] = (b.latency[i] ?? 0) + 1
    b.dirty = true
  }

  /** Calls counted and not yet written (for tests and shutdown logs). */
  get pending(): number {
    let n = 0
    for (const b of this.buckets.values()) if (b.dirty) n += b.calls
    return n
  }

  /** Writes the changed buckets; returns how many rows were written. One flush at a time. */
  flush(db: Kysely<Database>): Promise<number> {
    const run = async (): Promise<number> => {
      await this.flushing?.catch(() => {})
      return this.write(db)
    }
    const p = run()
    this.flushing = p
    return p
  }

  private async write(db: Kysely<Database>): Promise<number> {
    const now = clockMs(this.clock)
    const current = now - (now % MINUTE)
    const due: Bucket[] = []
    for (const [key, b] of this.buckets) {
      if (b.dirty) due.push(b)
      // A past minute is final once written: forget it.
      else if (b.minuteMs < current) this.buckets.delete(key)
    }
    if (due.length === 0) return 0
    const rows = due.map((b) => {
      b.dirty = false
      const latency: Record<string, number> = {}
      b.latency.forEach((n, i) => {
        if (n) latency[i] = n
      })
      return {
        minute: new Date(b.minuteMs).toISOString(),
        organizationId: b.organizationId,
        workspaceId: b.workspaceId,
        instanceId: this.instanceId,
        calls: b.calls,
        clientErrors: b.clientErrors,
        serverErrors: b.serverErrors,
        latency: JSON.stringify(latency),
      }
    })
    try {
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto('proxyStats')
          .values(rows.slice(i, i + 200))
          .onConflict((oc) =>
            oc.columns(['organizationId', 'workspaceId', 'minute', 'instanceId']).doUpdateSet((eb) => ({
              calls: eb.ref('excluded.calls'),
              clientErrors: eb.ref('excluded.clientErrors'),
              serverErrors: eb.ref('excluded.serverErrors'),
              latency: eb.ref('excluded.latency'),
            })),
          )
          .execute()
      }
    } catch (err) {
      // Written again on the next flush.
      for (const b of due) b.dirty = true
      throw err
    }
    return rows.length
  }
}

/** Writes the recorder every `everyMs` (unref'd) until stopped; stop flushes once more. */
export function startProxyStatsFlusher(
  deps: Pick<CoreDeps, 'db' | 'log'>,
  recorder: ProxyStatsRecorder,
  everyMs = 10_000,
): { stop(): Promise<void> } {
  const tick = () =>
    recorder.flush(deps.db).catch((err: unknown) => deps.log.warn({ err }, 'writing proxy stats failed'))
  const timer = setInterval(() => void tick(), everyMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await tick()
    },
  }
}

/** Drops per-minute proxy stats older than `keepDays` (the overview reads at most 7 days). */
export async function pruneProxyStats(deps: Pick<CoreDeps, 'db' | 'clock'>, keepDays = 8): Promise<number> {
  const before = new Date(clockMs(deps.clock) - keepDays * 86_400_000).toISOString()
  const r = await deps.db.deleteFrom('proxyStats').where('minute', '<', before).executeTakeFirst()
  return Number(r.numDeletedRows)
}
