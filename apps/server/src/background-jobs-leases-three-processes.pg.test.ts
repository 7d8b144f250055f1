import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  appendEvent,
  createConnection,
  createCustomIntegration,
  inTransaction,
  type Principal,
  systemActor,
} from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { ChildServer } from './testing/child-server.ts'
import {
  type AcmeOrg,
  connectThrough,
  createAcmeOrg,
  type ProcessFixture,
  startProcessFixture,
} from './testing/processes.ts'

const PROBED = 12
const OLD_EVENTS = 25
const OLD_KEYS = 15
const CALLS = 90
const DAY = 86_400_000

/**
 * The other background jobs on three server processes sharing one PostgreSQL database (the
 * refresh, connection.expiring and recovery jobs are in background-jobs-three-processes.pg.test.ts):
 * each process runs a pass every second, and still every item is handled once across them —
 * - scheduled verification probes: each due connection's probe reaches the loopback upstream once;
 * - event retention and Idempotency-Key retention: one process prunes in its lease interval, so
 *   rows that age past the cutoff after that pass stay until the next interval (a process
 *   pruning on every pass would delete them within a second);
 * - the proxy stats flush: every process writes its own rows (its instance id) and every proxied
 *   call is counted once, in the rows of the process that served it;
 * - the authorization server's expired-row purge: one process purges per lease interval (it ran
 *   on a timer in every process before), and when that process dies another takes the lease
 *   once it runs out and purges.
 */
describe('leased background jobs on three server processes sharing one PostgreSQL', () => {
  let f: ProcessFixture
  let org: AcmeOrg
  let oauthConnectionId: string
  let receiver: Server
  /** Verification probes received, by API key. */
  const probes = new Map<string, number>()
  const probedIds: string[] = []

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const key = (req.headers.authorization ?? '').replace(/^Bearer /, '')
      probes.set(key, (probes.get(key) ?? 0) + 1)
      res.statusCode = req.url === '/me' ? 200 : 404
      res.end('{}')
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`

    f = await startProcessFixture('postgres')
    // No background pass on the set-up server: the three below are the only ones running jobs.
    const first = await f.startServer({ SWITCHBOARD_REFRESH_INTERVAL_SECONDS: '0' })
    org = await createAcmeOrg(f)
    oauthConnectionId = await connectThrough(first, org, undefined, 'stats-1')
    await first.stop()

    const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
    await createCustomIntegration(f.deps, principal, {
      name: 'probe-api',
      displayName: 'Probe API',
      authType: 'SECRET_TEXT',
      api: { baseUrl: receiverUrl, auth: { in: 'header', name: 'Authorization', value: 'Bearer {apiKey}' } },
      verify: { method: 'GET', path: '/me', expectStatus: 200 },
    })
    for (let i = 0; i < PROBED; i++) {
      const created = await createConnection(f.deps, principal, {
        type: 'SECRET_TEXT',
        integrationName: 'probe-api',
        workspaceId: org.workspaceId,
        externalId: `probe-${i}`,
        secretText: `sk-${i}`,
      })
      probedIds.push(created.connection.id)
    }
  }, 120_000)

  afterAll(async () => {
    await f?.close()
    await new Promise((resolve) => receiver?.close(resolve))
  })

  /** `n` events that occurred 200 days ago (past the default 90-day retention); returns their ids. */
  const oldEvents = async (n: number, tag: string) => {
    const ids: string[] = []
    for (let i = 0; i < n; i++) {
      const e = await inTransaction(f.deps, (tx) =>
        appendEvent(tx, {
          organizationId: org.organizationId,
          workspaceId: org.workspaceId,
          type: 'connection.deleted',
          actor: systemActor,
          data: { tag, i },
        }),
      )
      ids.push(e.id)
    }
    await f.database.db
      .updateTable('events')
      .set({ occurredAt: new Date(Date.now() - 200 * DAY).toISOString() })
      .where('id', 'in', ids)
      .execute()
    return ids
  }
  /** `n` Idempotency-Key rows written 25 hours ago (past their 24 h); returns their ids. */
  const oldKeys = async (n: number, tag: string) => {
    const rows = Array.from({ length: n }, (_, i) => ({
      id: `${tag}-${i}`,
      organizationId: org.organizationId,
      idempotencyKey: `${tag}-${i}`,
      requestHash: 'x'.repeat(64),
      responseStatus: 201,
      responseCiphertext: null,
      createdAt: new Date(Date.now() - 25 * 3600_000).toISOString(),
      completedAt: new Date(Date.now() - 25 * 3600_000).toISOString(),
    }))
    await f.database.db.insertInto('idempotencyKeys').values(rows).execute()
    return rows.map((r) => r.id)
  }
  const remaining = async (table: 'events' | 'idempotencyKeys', ids: string[]) =>
    (await f.database.db.selectFrom(table).select('id').where('id', 'in', ids).execute()).length

  it('probe each due connection once, prune once per lease interval, and count each proxied call once', async () => {
    const eventsA = await oldEvents(OLD_EVENTS, 'a')
    const keysA = await oldKeys(OLD_KEYS, 'a')
    probes.clear()

    const servers: ChildServer[] = await Promise.all(
      [1, 2, 3].map(() =>
        f.startServer({
          SWITCHBOARD_REFRESH_INTERVAL_SECONDS: '1',
          SWITCHBOARD_VERIFY_INTERVAL: '1h',
          SWITCHBOARD_STATS_FLUSH_MS: '200',
        }),
      ),
    )
    // Stopped when this test ends, passed or not: the next test's processes must be the only ones.
    onTestFinished(() => Promise.all(servers.map((s) => s.stop())).then(() => {}))

    // The first passes: every probe made, the aged rows pruned.
    await expect
      .poll(
        async () => ({
          probed: probedIds.filter((_, i) => (probes.get(`sk-${i}`) ?? 0) > 0).length,
          events: await remaining('events', eventsA),
          keys: await remaining('idempotencyKeys', keysA),
        }),
        { timeout: 30_000, interval: 200 },
      )
      .toEqual({ probed: PROBED, events: 0, keys: 0 })

    // Rows that age past the cutoff now, after this interval's retention pass.
    const eventsB = await oldEvents(OLD_EVENTS, 'b')
    const keysB = await oldKeys(OLD_KEYS, 'b')

    // Proxied calls, spread over the three processes.
    const served = [0, 0, 0]
    const statuses = await Promise.all(
      Array.from({ length: CALLS }, async (_, i) => {
        const server = servers[i % 3] as ChildServer
        const res = await fetch(`${server.url}/api/v1/proxy`, {
          method: 'POST',
          headers: org.headers,
          body: JSON.stringify({ connectionId: oauthConnectionId, url: '/me' }),
        })
        await res.body?.cancel()
        served[i % 3] = (served[i % 3] ?? 0) + 1
        return res.status
      }),
    )
    expect(statuses.filter((s) => s !== 200)).toEqual([])

    // Several more passes (and stats flushes) on every process.
    await new Promise((r) => setTimeout(r, 3500))

    // One probe per connection: its claim moved lastVerifiedAt, so no other process probed it.
    expect(Object.fromEntries(probes)).toEqual(
      Object.fromEntries(probedIds.map((_, i) => [`sk-${i}`, 1] as const)),
    )
    const verified = await f.database.db
      .selectFrom('connections')
      .select('lastVerifiedAt')
      .where('id', 'in', probedIds)
      .execute()
    expect(verified.every((r) => r.lastVerifiedAt !== null)).toBe(true)

    // The retention jobs ran once in their interval (one process holds each lease for an hour).
    expect(await remaining('events', eventsB)).toBe(OLD_EVENTS)
    expect(await remaining('idempotencyKeys', keysB)).toBe(OLD_KEYS)
    const leases = await f.database.db
      .selectFrom('jobLeases')
      .select(['name', 'leasedUntil'])
      .where('name', 'in', ['event-retention', 'idempotency-key-retention'])
      .execute()
    expect(leases.map((l) => l.name).sort()).toEqual(['event-retention', 'idempotency-key-retention'])
    for (const l of leases) expect(Date.parse(l.leasedUntil)).toBeGreaterThan(Date.now() + 3000_000)

    // Each process flushed its own counts; together they count every call once.
    const stats = await f.database.db
      .selectFrom('proxyStats')
      .select(['instanceId', 'calls'])
      .where('organizationId', '=', org.organizationId)
      .execute()
    const byInstance = new Map<string, number>()
    for (const s of stats) byInstance.set(s.instanceId, (byInstance.get(s.instanceId) ?? 0) + Number(s.calls))
    expect([...byInstance.values()].sort()).toEqual([...served].sort())
    expect([...byInstance.values()].reduce((a, b) => a + b, 0)).toBe(CALLS)
  }, 120_000)

  it('purge expired authorization server rows on one process per lease interval, and after its holder dies', async () => {
    const PURGE_MS = 5000
    const ROWS = 10
    /** `n` authorization server rows that expired a minute ago; returns their ids. */
    const expiredRows = async (tag: string) => {
      const rows = Array.from({ length: ROWS }, (_, i) => ({
        model: 'Session',
        id: `${tag}-${i}`,
        payload: '{}',
        grantId: null,
        uid: null,
        userCode: null,
        clientId: null,
        accountId: null,
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
        consumedAt: null,
        createdAt: new Date().toISOString(),
      }))
      await f.database.db.insertInto('oauthServerModels').values(rows).execute()
      return rows.map((r) => r.id)
    }
    const left = async (ids: string[]) =>
      (await f.database.db.selectFrom('oauthServerModels').select('id').where('id', 'in', ids).execute())
        .length
    const lease = () =>
      f.database.db
        .selectFrom('jobLeases')
        .select(['owner', 'leasedUntil'])
        .where('name', '=', 'oauth-server-retention')
        .executeTakeFirstOrThrow()
    // The lease the first test's processes took (for the default 10 minutes) is not this test's.
    await f.database.db.deleteFrom('jobLeases').where('name', '=', 'oauth-server-retention').execute()

    const rowsA = await expiredRows('purge-a')
    const servers: ChildServer[] = await Promise.all(
      [1, 2, 3].map(() =>
        f.startServer({
          SWITCHBOARD_REFRESH_INTERVAL_SECONDS: '1',
          SWITCHBOARD_OAUTH_PURGE_MS: String(PURGE_MS),
        }),
      ),
    )
    onTestFinished(() => Promise.all(servers.map((s) => s.stop())).then(() => {}))
    const pidOf = (owner: string | null) => Number((owner ?? '').split('-')[0])
    await expect.poll(() => left(rowsA), { timeout: 30_000, interval: 100 }).toBe(0)

    // Rows that expire after an interval's purge stay until the lease runs out, though every
    // process runs a pass each second: no other process purged in the holder's interval. (From
    // the start of the next interval, once its claim has purged: a slow poll on a loaded machine
    // would otherwise read the lease near its end.)
    const first = await lease()
    await expect
      .poll(async () => (await lease()).leasedUntil, { timeout: 30_000, interval: 50 })
      .not.toBe(first.leasedUntil)
    await new Promise((r) => setTimeout(r, 500))
    const held = await lease()
    const rowsB = await expiredRows('purge-b')
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(held.leasedUntil) - Date.now() - 700)))
    expect(await left(rowsB)).toBe(ROWS)
    expect(await lease()).toEqual(held)
    // The next interval purges them.
    await expect.poll(() => left(rowsB), { timeout: 30_000, interval: 100 }).toBe(0)

    // The holder of the current lease dies (kill -9: it releases nothing); its lease runs out and
    // a living process purges.
    const holder = await lease()
    const dead = servers.find((s) => s.process.pid === pidOf(holder.owner))
    expect(dead).toBeDefined()
    const exited = new Promise((r) => dead?.process.once('exit', r))
    dead?.process.kill('SIGKILL')
    await exited
    const rowsC = await expiredRows('purge-c')
    await expect.poll(() => left(rowsC), { timeout: 30_000, interval: 100 }).toBe(0)
    const after = await lease()
    expect(pidOf(after.owner)).not.toBe(pidOf(holder.owner))
    expect(servers.filter((s) => s !== dead).map((s) => s.process.pid)).toContain(pidOf(after.owner))
  }, 120_000)
})
