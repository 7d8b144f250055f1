import {
  actorFor,
  authenticateApiKey,
  bootstrapOrganization,
  type CoreDeps,
  cachedDerive,
  cachedRead,
  insertWorkspace,
  type Principal,
  revokeApiKey,
} from '@switchboard/core'
import { changeCount, openDatabase } from '@switchboard/db'
import { createTestDeps, ManualClock, type TestDeps } from '@switchboard/testing'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_READ_CACHE_MS, installReadCache } from './read-cache.ts'

/**
 * The proxy's hot-path cache on the suite's database (SQLite in `unit`, PostgreSQL in `pg`):
 * a write in this process is seen at once; another instance's write within the TTL.
 */
describe('read cache and the change counter', () => {
  let t: TestDeps
  let clock: ManualClock

  beforeEach(async () => {
    clock = new ManualClock()
    t = await createTestDeps({ clock })
    installReadCache(t.deps)
  })
  afterEach(async () => {
    await t.close()
  })

  it('serves a repeated read from memory until this process writes', async () => {
    let loads = 0
    const load = async () => ++loads
    expect(await cachedRead(t.deps, 'test', 'k', load)).toBe(1)
    expect(await cachedRead(t.deps, 'test', 'k', load)).toBe(1)
    await t.deps.db.updateTable('organizations').set({ name: 'Renamed' }).execute()
    expect(await cachedRead(t.deps, 'test', 'k', load)).toBe(2)
    expect(await cachedRead(t.deps, 'test', 'k', load)).toBe(2)
    clock.advance(DEFAULT_READ_CACHE_MS)
    expect(await cachedRead(t.deps, 'test', 'k', load)).toBe(3)
  })

  it('shares one load between concurrent misses and does not keep a failed one', async () => {
    let loads = 0
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 20))
    expect(
      await Promise.all([cachedRead(t.deps, 'test', 's', slow), cachedRead(t.deps, 'test', 's', slow)]),
    ).toEqual([1, 1])
    await expect(cachedRead(t.deps, 'test', 'f', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    )
    expect(await cachedRead(t.deps, 'test', 'f', async () => 'ok')).toBe('ok')
  })

  it('without a cache (none installed, or SWITCHBOARD_READ_CACHE_MS=0) every read loads and every derivation computes', async () => {
    const bare: CoreDeps = { ...t.deps, readCache: undefined }
    let loads = 0
    await cachedRead(bare, 'test', 'k', async () => ++loads)
    expect(await cachedRead(bare, 'test', 'k', async () => ++loads)).toBe(2)
    let computed = 0
    const scope = {}
    cachedDerive(bare, 'test', scope, 'k', () => ++computed)
    expect(cachedDerive(bare, 'test', scope, 'k', () => ++computed)).toBe(2)
    const off: CoreDeps = { ...t.deps, readCache: undefined, config: { ...t.deps.config, readCacheMs: 0 } }
    expect(installReadCache(off).readCache).toBeUndefined()
  })

  it('remembers a derivation per scope object and key, and not a computation that threw', async () => {
    let computed = 0
    const scope = {}
    expect(cachedDerive(t.deps, 'test', scope, 'k', () => ++computed)).toBe(1)
    expect(cachedDerive(t.deps, 'test', scope, 'k', () => ++computed)).toBe(1)
    expect(cachedDerive(t.deps, 'test', {}, 'k', () => ++computed)).toBe(2)
    expect(cachedDerive(t.deps, 'test', scope, 'other', () => ++computed)).toBe(3)
    expect(() =>
      cachedDerive(t.deps, 'test', scope, 'bad', () => {
        throw new Error('refused')
      }),
    ).toThrow('refused')
    expect(cachedDerive(t.deps, 'test', scope, 'bad', () => 'ok')).toBe('ok')
  })

  it('is off when readCacheMs is 0', async () => {
    const off: CoreDeps = { ...t.deps, config: { ...t.deps.config, readCacheMs: 0 } }
    let loads = 0
    await cachedRead(off, 'test', 'k', async () => ++loads)
    expect(await cachedRead(off, 'test', 'k', async () => ++loads)).toBe(2)
  })

  it('counts writes that can change a cached read, and only those', async () => {
    const count = () => changeCount(t.deps.db) as number
    const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
    const start = count()
    await t.deps.db.selectFrom('apiKeys').selectAll().execute()
    await t.deps.db.updateTable('apiKeys').set({ lastUsedAt: clock.now().toISOString() }).execute()
    await t.deps.db
      .insertInto('events')
      .values({
        id: `evt_${t.deps.newId()}`,
        organizationId: org.organizationId,
        type: 'connection.created',
        occurredAt: clock.now().toISOString(),
        actorType: 'system',
        actorId: null,
        connectionId: t.deps.newId(),
        data: '{}',
      })
      .execute()
    expect(count()).toBe(start)
    await t.deps.db.updateTable('apiKeys').set({ revokedAt: clock.now().toISOString() }).execute()
    expect(count()).toBeGreaterThan(start)
    const afterUpdate = count()
    await t.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('organizations').set({ name: 'In a transaction' }).execute()
    })
    // The write counts when sent and when it returns (the commit is not counted: see
    // packages/db/src/change-counter.ts).
    expect(count()).toBeGreaterThanOrEqual(afterUpdate + 2)
    const beforeRaw = count()
    await sql`update organizations set name = 'raw'`.execute(t.deps.db)
    expect(count()).toBeGreaterThan(beforeRaw)
  })

  it("an API key's principal is one object while cached, and its actors are kept under it by exact header values", async () => {
    const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
    const principal = await authenticateApiKey(t.deps, org.apiKey)
    expect(await authenticateApiKey(t.deps, org.apiKey)).toBe(principal)
    expect(Object.isFrozen(principal)).toBe(true)
    clock.advance(1000) // so the organization's first workspace stays its default
    const second = await insertWorkspace(t.deps, org.organizationId, 'Second')

    // The first call makes the end user (a write, which a read started before it does not outlive).
    await actorFor(t.deps, principal, { endUserId: 'ab' })
    const first = await actorFor(t.deps, principal, { endUserId: 'ab' })
    expect(await actorFor(t.deps, principal, { endUserId: 'ab' })).toBe(first)
    expect(first).toMatchObject({ workspaceId: org.workspaceId, endUserExternalId: 'ab' })
    // Values that would read alike run together stay apart.
    expect(await actorFor(t.deps, principal, { endUserId: 'a' })).toMatchObject({ endUserExternalId: 'a' })
    expect(await actorFor(t.deps, principal, { workspaceId: second.id, endUserId: 'ab' })).toMatchObject({
      workspaceId: second.id,
      endUserExternalId: 'ab',
    })
    await expect(actorFor(t.deps, principal, { workspaceId: '', endUserId: 'ab' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    })
    // A write in this process drops the entries under the principal, and the key's own: its next
    // read gives a new principal.
    await t.deps.db.updateTable('workspaces').set({ name: 'Renamed' }).where('id', '=', second.id).execute()
    expect(await actorFor(t.deps, principal, { endUserId: 'ab' })).not.toBe(first)
    const reread = await authenticateApiKey(t.deps, org.apiKey)
    expect(reread).not.toBe(principal)
    expect(await actorFor(t.deps, reread, { endUserId: 'ab' })).not.toBe(first)
  })

  it('a revoked API key is refused at once in this process, and within the TTL in another', async () => {
    const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
    const admin: Principal = {
      kind: 'user',
      organizationId: org.organizationId,
      userId: 'u',
      role: 'owner',
      isSuperuser: false,
      sessionId: 's',
    }
    const other = openDatabase(
      t.deps.dialect === 'postgres'
        ? { databaseUrl: t.database.env.DATABASE_URL, poolSize: 2 }
        : { sqliteFile: t.database.sqliteFile },
    )
    try {
      const instanceB: CoreDeps = { ...t.deps, db: other.db, readCache: undefined }
      installReadCache(instanceB)
      const principal = await authenticateApiKey(t.deps, org.apiKey)
      await authenticateApiKey(instanceB, org.apiKey)

      // Revoked through this instance: refused at once here.
      await revokeApiKey(t.deps, admin, principal.kind === 'apiKey' ? principal.apiKeyId : '')
      await expect(authenticateApiKey(t.deps, org.apiKey)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })

      // The other instance saw no write of its own: it may serve its cached answer until the
      // TTL passes, and not after.
      await authenticateApiKey(instanceB, org.apiKey)
      clock.advance(DEFAULT_READ_CACHE_MS)
      await expect(authenticateApiKey(instanceB, org.apiKey)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    } finally {
      await other.close()
    }
  })
})
