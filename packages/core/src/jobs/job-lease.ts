import { randomUUID } from 'node:crypto'
import type { CoreDeps } from '../deps.ts'

/** This process's name in job_leases.owner (for logs and debugging; the lease is the time). */
const processOwner = `${process.pid}-${randomUUID().slice(0, 8)}`

/**
 * Claims the named background job for `forMs`: true when this instance moved the job's lease
 * forward (it runs the pass), false when another instance holds it (its pass is running, or ran
 * less than `forMs` ago). A compare-and-swap on one row, so on N instances sharing one
 * PostgreSQL exactly one wins each interval; on SQLite it is the same statement. A holder that
 * dies simply lets the lease run out: the next claim after that succeeds.
 */
export async function claimJob(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  name: string,
  forMs: number,
): Promise<boolean> {
  const now = deps.clock.now()
  const nowIso = now.toISOString()
  const until = new Date(now.getTime() + forMs).toISOString()
  // The row exists once; losing this insert to another instance is fine.
  await deps.db
    .insertInto('jobLeases')
    .values({ name, owner: null, leasedUntil: new Date(0).toISOString(), lastRunAt: null })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const claimed = await deps.db
    .updateTable('jobLeases')
    .set({ owner: processOwner, leasedUntil: until, lastRunAt: nowIso })
    .where('name', '=', name)
    .where('leasedUntil', '<=', nowIso)
    .executeTakeFirst()
  return claimed.numUpdatedRows > 0n
}
