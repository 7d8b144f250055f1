import type { Database } from '@switchboard/db'
import type { ControlledTransaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { appendEvent } from './append-event.ts'
import { type EventView, listEvents } from './list-events.ts'
import { type NewEvent, systemActor } from './types.ts'

// Issue 22: on PostgreSQL a reader tailing the log with `after=<seq>` (GET /api/v1/events,
// tRPC events.list: both are listEvents) must never skip an event whose transaction commits
// after one holding a higher seq. Real transactions on separate pooled connections.
describe('events.seq is commit-ordered (PostgreSQL)', () => {
  let t: TestDeps
  let org: string
  let other: string
  const reader = (organizationId: string): Principal => ({ kind: 'apiKey', organizationId, apiKeyId: 'k' })
  beforeAll(async () => {
    t = await createTestDeps()
    org = (await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })).organizationId
    other = (await bootstrapOrganization(t.deps, { organizationName: 'Other', plan: 'TEAM' })).organizationId
  })
  afterAll(async () => {
    await t.close()
  })

  const event = (organizationId: string, data: Record<string, unknown>): NewEvent => ({
    organizationId,
    type: 'user.login',
    actor: systemActor,
    data,
  })
  const append = (trx: ControlledTransaction<Database>, e: NewEvent) => appendEvent({ ...t.deps, db: trx }, e)
  /** The newest seq of an organization's log (the cursor a tailing reader starts from). */
  const head = async (organizationId: string) =>
    (await listEvents(t.deps, reader(organizationId), { order: 'desc', limit: 1 })).events[0]?.seq ?? 0
  /** One page a tailing reader reads: everything after `after`, oldest first. */
  const tail = async (organizationId: string, after: number): Promise<EventView[]> =>
    (await listEvents(t.deps, reader(organizationId), { order: 'asc', after, limit: 200 })).events

  /** Every page after `after`. */
  const everything = async (organizationId: string, after: number): Promise<EventView[]> => {
    const out: EventView[] = []
    for (let cursor = after; ; ) {
      const page = await tail(organizationId, cursor)
      if (page.length === 0) return out
      out.push(...page)
      cursor = page.at(-1)?.seq as number
    }
  }

  it('a reader paging with after= sees the event of a transaction that commits after a higher seq', async () => {
    const start = await head(org)
    const a = await t.deps.db.startTransaction().execute()
    const b = await t.deps.db.startTransaction().execute()
    try {
      // A appends first (the lower seq at insert) and stays open; B appends after and commits.
      const ea = await append(a, event(org, { tx: 'A' }))
      const eb = await append(b, event(org, { tx: 'B' }))
      await b.commit().execute()

      const seen: EventView[] = []
      let cursor = start
      const page1 = await tail(org, cursor)
      seen.push(...page1)
      cursor = page1.at(-1)?.seq ?? cursor
      expect(page1.map((e) => e.id)).toEqual([eb.id])

      await a.commit().execute()
      const page2 = await tail(org, cursor)
      seen.push(...page2)
      // Every event exactly once, in the order of the log.
      expect(seen.map((e) => e.id)).toEqual([eb.id, ea.id])
      const seqs = seen.map((e) => e.seq)
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
    } finally {
      if (!a.isCommitted) await a.rollback().execute()
      if (!b.isCommitted) await b.rollback().execute()
    }
  })

  it('an open transaction that appended an event never blocks another writer (no lock before commit)', async () => {
    // B holds the organization row; A appended an event and then waits for that row. Were the
    // ordering lock taken by appendEvent, B's own append would wait for A: a deadlock.
    const b = await t.deps.db.startTransaction().execute()
    const a = await t.deps.db.startTransaction().execute()
    try {
      await b.updateTable('organizations').set({ name: 'Acme (B)' }).where('id', '=', org).execute()
      const ea = await append(a, event(org, { tx: 'A' }))
      const aWaits = a
        .updateTable('organizations')
        .set({ name: 'Acme (A)' })
        .where('id', '=', org)
        .execute()
        .then(() => a.commit().execute())
      const eb = await append(b, event(org, { tx: 'B' }))
      await b.commit().execute()
      await aWaits
      const ids = (await tail(org, 0)).map((e) => e.id)
      expect(ids.slice(-2)).toEqual([eb.id, ea.id])
    } finally {
      if (!a.isCommitted && !a.isRolledBack) await a.rollback().execute()
      if (!b.isCommitted && !b.isRolledBack) await b.rollback().execute()
    }
  })

  it('transactions writing two organizations in opposite orders commit together without a deadlock', async () => {
    // Were the organizations locked in the order each transaction wrote them, X (org, other)
    // and Y (other, org) committing at once would deadlock (PostgreSQL aborts one).
    for (let round = 0; round < 30; round++) {
      const x = await t.deps.db.startTransaction().execute()
      const y = await t.deps.db.startTransaction().execute()
      try {
        await append(x, event(org, { round, tx: 'X' }))
        await append(y, event(other, { round, tx: 'Y' }))
        await append(x, event(other, { round, tx: 'X' }))
        await append(y, event(org, { round, tx: 'Y' }))
        await Promise.all([x.commit().execute(), y.commit().execute()])
      } finally {
        for (const trx of [x, y]) if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute()
      }
    }
    const rounds = (await everything(other, 0)).filter((e) => typeof e.data.round === 'number')
    expect(rounds).toHaveLength(60)
  })

  it('many writers, a tailing reader: every committed event exactly once, in order', async () => {
    const orgs = [org, other]
    const starts = new Map<string, number>()
    for (const o of orgs) starts.set(o, await head(o))
    const committed = new Map<string, Set<string>>(orgs.map((o) => [o, new Set()]))
    const rolledBack = new Set<string>()
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
    const rand = (n: number) => Math.floor(Math.random() * n)

    let writing = true
    const writer = async (w: number) => {
      for (let i = 0; i < 15; i++) {
        const trx = await t.deps.db.startTransaction().execute()
        const mine: Array<{ id: string; org: string }> = []
        try {
          // 1–3 events; some transactions write to both organizations, in either order.
          const n = 1 + rand(3)
          for (let k = 0; k < n; k++) {
            const o = orgs[(w + k + rand(2)) % 2] as string
            mine.push({ id: (await append(trx, event(o, { w, i, k }))).id, org: o })
            if (rand(2) === 0) await sleep(rand(8))
          }
          await sleep(rand(10))
          if (rand(10) === 0) {
            await trx.rollback().execute()
            for (const m of mine) rolledBack.add(m.id)
          } else {
            await trx.commit().execute()
            for (const m of mine) committed.get(m.org)?.add(m.id)
          }
        } catch (error) {
          if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute()
          throw error
        }
      }
    }

    const readers = orgs.map(async (o) => {
      const seen: EventView[] = []
      let cursor = starts.get(o) as number
      while (writing) {
        const page = await tail(o, cursor)
        seen.push(...page)
        cursor = page.at(-1)?.seq ?? cursor
        await sleep(rand(3))
      }
      seen.push(...(await everything(o, cursor)))
      return seen
    })

    const writers = Array.from({ length: 12 }, (_, w) => writer(w))
    await Promise.all(writers)
    writing = false
    const seenBy = await Promise.all(readers)

    for (const [i, o] of orgs.entries()) {
      const seen = seenBy[i] as EventView[]
      const ids = seen.map((e) => e.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.filter((id) => rolledBack.has(id))).toEqual([])
      expect([...ids].sort()).toEqual([...(committed.get(o) as Set<string>)].sort())
      const seqs = seen.map((e) => e.seq)
      for (let k = 1; k < seqs.length; k++) expect(seqs[k]).toBeGreaterThan(seqs[k - 1] as number)
      // And what the reader saw is the log as it stands, page by page.
      const log = (await everything(o, starts.get(o) as number)).map((e) => e.id)
      expect(ids).toEqual(log)
    }
  })
})
