import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../../../testing/src/deps.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { appendEvent } from './append-event.ts'
import { type StoredEvent, systemActor } from './types.ts'

describe(`appendEvent (${process.env.SWITCHBOARD_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestDeps
  let org: string
  beforeAll(async () => {
    t = await createTestDeps()
    org = (await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })).organizationId
  })
  afterAll(async () => {
    await t.close()
  })

  const event = (data: Record<string, unknown> = {}) => ({
    organizationId: org,
    type: 'user.login' as const,
    actor: systemActor,
    data,
  })
  const count = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('organizationId', '=', org)
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('refuses to write outside a transaction', async () => {
    await expect(appendEvent(t.deps, event())).rejects.toThrow(/outside a transaction/)
    expect(await count()).toBe(0)
  })

  it('writes the event with the change, and answers it as stored', async () => {
    const stored = await t.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('organizations').set({ name: 'Acme 2' }).where('id', '=', org).execute()
      return appendEvent({ ...t.deps, db: trx }, event({ outcome: 'success' }))
    })
    expect(stored).toMatchObject({
      organizationId: org,
      type: 'user.login',
      actor: { type: 'system', id: null },
      data: { outcome: 'success' },
      workspaceId: null,
      connectionId: null,
    })
    expect(stored.id).toMatch(/^evt_[A-Za-z0-9_-]{22}$/)
    const row = await t.deps.db
      .selectFrom('events')
      .selectAll()
      .where('id', '=', stored.id)
      .executeTakeFirstOrThrow()
    // PostgreSQL renumbers an event at commit (seq in commit order, migration 0023): the seq
    // answered in the transaction is provisional, and the stored one larger.
    if (t.deps.dialect === 'postgres') expect(Number(row.seq)).toBeGreaterThan(stored.seq)
    else expect(Number(row.seq)).toBe(stored.seq)
  })

  it('a change that fails after its event was inserted leaves neither', async () => {
    const before = await count()
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await trx.updateTable('organizations').set({ name: 'Rolled back' }).where('id', '=', org).execute()
        await appendEvent({ ...t.deps, db: trx }, event())
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await count()).toBe(before)
    const o = await t.deps.db
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', org)
      .executeTakeFirstOrThrow()
    expect(o.name).toBe('Acme 2')
  })

  it('hands every event to the sinks in its transaction; a sink that throws rolls it back', async () => {
    const seen: Array<{ event: StoredEvent; inTransaction: boolean }> = []
    const deps = {
      ...t.deps,
      eventSinks: [
        async (trx: typeof t.deps.db, e: StoredEvent) =>
          void seen.push({ event: e, inTransaction: trx.isTransaction }),
      ],
    }
    const stored = await t.deps.db.transaction().execute((trx) => appendEvent({ ...deps, db: trx }, event()))
    expect(seen).toEqual([{ event: stored, inTransaction: true }])

    const before = await count()
    const failing = {
      ...t.deps,
      eventSinks: [
        async () => {
          throw new Error('outbox write failed')
        },
      ],
    }
    await expect(
      t.deps.db.transaction().execute((trx) => appendEvent({ ...failing, db: trx }, event())),
    ).rejects.toThrow('outbox write failed')
    expect(await count()).toBe(before)
  })

  it('seq grows strictly with every event', async () => {
    const seqs: number[] = []
    for (let i = 0; i < 5; i++) {
      seqs.push(
        (await t.deps.db.transaction().execute((trx) => appendEvent({ ...t.deps, db: trx }, event()))).seq,
      )
    }
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number)
  })
})
