import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Connection, openDatabase } from '@switchboard/db'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
// Relative on purpose: a devDependency on @switchboard/testing would make a package cycle.
import { createTestDeps, ManualClock, type TestDeps } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { createConnection } from '../connections/connections.ts'
import { decryptCredentials, encryptCredentials } from '../connections/credentials.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { createCustomIntegration } from '../integrations/integrations.ts'
import { createOAuthApp } from '../oauth-apps/oauth-apps.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { refreshDueConnections } from './background-refresher.ts'
import { getFreshCredentials, LEASE_RENEW_MS, LEASE_TTL_MS, stopRefreshes } from './refresh-connection.ts'
import { refreshDueAt } from './refresh-margin.ts'

/**
 * The refresh engine on the suite's database (SQLite in `unit`, PostgreSQL in `pg`), against a
 * small rotating token endpoint that, like oidc-provider, kills the grant when a rotated-out
 * refresh token is presented again.
 */

interface TokenCall {
  params: Record<string, string>
  answered: number
}

interface FakeTokenServer {
  url: string
  calls: TokenCall[]
  /** Refresh tokens presented after they had been rotated out. */
  reuse: string[]
  /** The refresh token the server currently accepts for each grant. */
  live: Map<string, string>
  delayMs: number
  /** While set, answers wait for it (a provider that takes as long as a test needs). */
  gate: Promise<void> | null
  /** Canned answers, served before the real logic. */
  script: Array<{ status: number; body: Record<string, unknown> }>
  /** Extra fields on the next successful answer (e.g. no refresh_token, a scope). */
  shape: (body: Record<string, unknown>) => Record<string, unknown>
  close(): Promise<void>
}

async function startTokenServer(): Promise<FakeTokenServer> {
  let n = 0
  const rotatedOut = new Set<string>()
  const state: FakeTokenServer = {
    url: '',
    calls: [],
    reuse: [],
    live: new Map(),
    delayMs: 0,
    gate: null,
    script: [],
    shape: (b) => b,
    close: async () => {},
  }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()))
      const call: TokenCall = { params, answered: 0 }
      state.calls.push(call)
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs))
      if (state.gate) await state.gate
      const send = (status: number, body: Record<string, unknown>) => {
        call.answered = status
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        res.end(JSON.stringify(body))
      }
      const canned = state.script.shift()
      if (canned) return send(canned.status, canned.body)
      const presented = params.refresh_token ?? ''
      const grant = [...state.live.entries()].find(([, rt]) => rt === presented)?.[0]
      if (!grant) {
        if (rotatedOut.has(presented)) {
          state.reuse.push(presented)
          // Reuse detection: the whole grant dies.
          state.live.delete(presented.split('#')[0] as string)
        }
        return send(400, { error: 'invalid_grant', error_description: 'grant request is invalid' })
      }
      n++
      const next = `${grant}#rt-${n}`
      rotatedOut.add(presented)
      state.live.set(grant, next)
      const body = state.shape({
        access_token: `${grant}#at-${n}`,
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: next,
      })
      state.shape = (b) => b
      if (body.refresh_token === undefined) {
        // No rotation after all: the presented token stays live.
        state.live.set(grant, presented)
        rotatedOut.delete(presented)
      }
      send(200, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return state
}

describe('getFreshCredentials on the database', () => {
  let t: TestDeps
  let clock: ManualClock
  let tokens: FakeTokenServer
  let principal: Principal
  let workspaceId: string
  let counter = 0

  /** An organization with the fake server as its "rotating" OAuth2 integration. */
  async function setUp(deps: CoreDeps) {
    const org = await bootstrapOrganization(deps, { organizationName: 'Refresh', plan: 'TEAM' })
    const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
    await createCustomIntegration(deps, principal, {
      name: 'rotating',
      displayName: 'Rotating',
      authType: 'OAUTH2',
      oauth2: {
        authorizationUrl: `${tokens.url}/auth`,
        tokenUrl: `${tokens.url}/token`,
        scopes: ['read'],
        clientAuth: 'basic',
      },
      api: {
        baseUrl: `${tokens.url}/api`,
        auth: { in: 'header', name: 'Authorization', value: 'Bearer {accessToken}' },
      },
    })
    await createOAuthApp(deps, principal, {
      integrationName: 'rotating',
      clientId: 'client',
      clientSecret: 'secret',
    })
    return { principal, workspaceId: org.workspaceId }
  }

  beforeAll(async () => {
    tokens = await startTokenServer()
    clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'))
    t = await createTestDeps({ clock })
    ;({ principal, workspaceId } = await setUp(t.deps))
  })
  afterAll(async () => {
    await tokens.close()
    await t.close()
  })
  afterEach(() => {
    tokens.gate = null
    tokens.delayMs = 0
    tokens.script.length = 0
  })

  /** An OAuth2 connection whose access token expired a minute ago; its grant is live at the server. */
  async function expiredConnection(
    deps: CoreDeps = t.deps,
    owner: { principal: Principal; workspaceId: string } = { principal, workspaceId },
  ): Promise<Connection> {
    const grant = `g${++counter}`
    tokens.live.set(grant, `${grant}#rt-0`)
    const { connection } = await createConnection(deps, owner.principal, {
      type: 'OAUTH2',
      integrationName: 'rotating',
      workspaceId: owner.workspaceId,
      externalId: grant,
      accessToken: `${grant}#at-0`,
      refreshToken: `${grant}#rt-0`,
      expiresAt: new Date(clock.now().getTime() - 60_000).toISOString(),
      scopes: ['read'],
    })
    return load(deps, connection.id)
  }

  async function holdLease(deps: CoreDeps, c: Connection, owner: string) {
    await deps.db
      .updateTable('connections')
      .set({
        refreshLeaseOwner: owner,
        refreshLeaseUntil: new Date(clock.now().getTime() + 60_000).toISOString(),
      })
      .where('id', '=', c.id)
      .execute()
  }

  async function load(deps: CoreDeps, id: string): Promise<Connection> {
    return deps.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  }

  function stored(c: Connection) {
    const creds = decryptCredentials(t.deps, c)
    if (creds.kind !== 'oauth2') throw new Error('expected oauth2')
    return creds
  }

  const callsFor = (c: Connection) =>
    tokens.calls.filter((x) => x.params.refresh_token?.startsWith(`${c.externalId}#`))

  it('refreshes an expired token, persists the rotated refresh token and never asks for scope', async () => {
    const c = await expiredConnection()
    const fresh = await getFreshCredentials(t.deps, c)
    const row = await load(t.deps, c.id)
    expect(stored(row)).toEqual(fresh.credentials)
    expect(stored(row).refreshToken).toBe(tokens.live.get(c.externalId))
    expect(row.credentialsVersion).toBe(c.credentialsVersion + 1)
    expect(row.tokenExpiresAt).toBe(new Date(clock.now().getTime() + 3600_000).toISOString())
    expect(row.lastRefreshedAt).toBe(clock.now().toISOString())
    expect(row).toMatchObject({ status: 'ACTIVE', refreshLeaseOwner: null, refreshLeaseUntil: null })
    expect(callsFor(c)).toHaveLength(1)
    expect(callsFor(c)[0]?.params).toEqual({
      grant_type: 'refresh_token',
      refresh_token: `${c.externalId}#rt-0`,
    })
    // A token that is not near expiry is used as is.
    await getFreshCredentials(t.deps, row)
    expect(callsFor(c)).toHaveLength(1)
  })

  it('stores the granted scope only when the response carries one (checklist 13)', async () => {
    const c = await expiredConnection()
    tokens.shape = (b) => ({ ...b, scope: 'read write:limited' })
    await getFreshCredentials(t.deps, c)
    expect(JSON.parse((await load(t.deps, c.id)).grantedScopes)).toEqual(['read', 'write:limited'])
    await getFreshCredentials(t.deps, await load(t.deps, c.id), { force: true })
    expect(JSON.parse((await load(t.deps, c.id)).grantedScopes)).toEqual(['read', 'write:limited'])
  })

  it('keeps the old refresh token when the response has none (checklist 11)', async () => {
    const c = await expiredConnection()
    tokens.shape = ({ refresh_token: _drop, ...rest }) => rest
    const fresh = await getFreshCredentials(t.deps, c)
    expect(fresh.credentials).toMatchObject({ refreshToken: `${c.externalId}#rt-0` })
    const again = await getFreshCredentials(t.deps, await load(t.deps, c.id), { force: true })
    expect(again.credentials).toMatchObject({ refreshToken: tokens.live.get(c.externalId) })
    expect(tokens.reuse).toEqual([])
  })

  it('two instances (separate pools) refreshing at once make one token request and share its result', async () => {
    const c = await expiredConnection()
    const second = openDatabase(
      t.deps.dialect === 'postgres'
        ? { databaseUrl: t.database.env.DATABASE_URL, poolSize: 10 }
        : { sqliteFile: t.database.sqliteFile },
    )
    tokens.delayMs = 150
    try {
      const other: CoreDeps = { ...t.deps, db: second.db }
      const results = await Promise.all([
        ...Array.from({ length: 10 }, () => getFreshCredentials(t.deps, c)),
        ...Array.from({ length: 10 }, () => getFreshCredentials(other, c)),
      ])
      const accessTokens = new Set(
        results.map((r) => (r.credentials.kind === 'oauth2' ? r.credentials.accessToken : '')),
      )
      expect(accessTokens.size).toBe(1)
      expect(callsFor(c)).toHaveLength(1)
      expect(tokens.reuse).toEqual([])
      const row = await load(t.deps, c.id)
      expect(row.credentialsVersion).toBe(c.credentialsVersion + 1)
      expect(stored(row).accessToken).toBe([...accessTokens][0])
    } finally {
      await second.close()
    }
  })

  it('forced refreshes in a row rotate every time and never resend a rotated-out token', async () => {
    const c = await expiredConnection()
    let row = c
    for (let i = 0; i < 5; i++) {
      await getFreshCredentials(t.deps, row, { force: true })
      row = await load(t.deps, c.id)
    }
    const sent = callsFor(c).map((x) => x.params.refresh_token)
    expect(sent).toHaveLength(5)
    expect(new Set(sent).size).toBe(5)
    expect(tokens.reuse).toEqual([])
    expect(stored(row).refreshToken).toBe(tokens.live.get(c.externalId))
    // A caller holding a stale row still gets the current credentials, without a refresh.
    const stale = await getFreshCredentials(t.deps, c, { force: true })
    expect(stale.credentials).toMatchObject({ refreshToken: tokens.live.get(c.externalId) })
    expect(tokens.reuse).toEqual([])
  })

  it('a live lease held by a crashed refresher is waited for, then taken over once it expires', async () => {
    const c = await expiredConnection()
    await t.deps.db
      .updateTable('connections')
      .set({
        refreshLeaseOwner: 'crashed',
        refreshLeaseUntil: new Date(clock.now().getTime() + 60_000).toISOString(),
      })
      .where('id', '=', c.id)
      .execute()
    let settled = false
    const pending = getFreshCredentials(t.deps, c).finally(() => {
      settled = true
    })
    await new Promise((r) => setTimeout(r, 150))
    expect(settled).toBe(false)
    expect(callsFor(c)).toHaveLength(0)
    clock.advance(61_000)
    const fresh = await pending
    expect(fresh.credentials).toMatchObject({ refreshToken: tokens.live.get(c.externalId) })
    expect(callsFor(c)).toHaveLength(1)
    expect((await load(t.deps, c.id)).refreshLeaseOwner).toBeNull()
  })

  it('two refreshes racing on one connection: the one that commits second loses the compare-and-swap and adopts the winner’s tokens', async () => {
    const c = await expiredConnection()
    const answer = (who: string) => ({
      status: 200,
      body: {
        access_token: `${c.externalId}#at-${who}`,
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: `${c.externalId}#rt-${who}`,
      },
    })
    // Both token requests succeed (as with a provider's reuse grace): A's answer first, then B's.
    tokens.script.push(answer('A'), answer('B'))
    const second = openDatabase(
      t.deps.dialect === 'postgres'
        ? { databaseUrl: t.database.env.DATABASE_URL, poolSize: 10 }
        : { sqliteFile: t.database.sqliteFile },
    )
    try {
      const otherInstance: CoreDeps = { ...t.deps, db: second.db }
      let winner: Awaited<ReturnType<typeof getFreshCredentials>> | undefined
      // A has its answer and is about to commit when it stalls (a pause, a slow database) past
      // its lease: another instance takes the refresh over and commits first.
      const loser = await getFreshCredentials(t.deps, c, {
        hooks: {
          beforeCommit: async () => {
            if (winner) return
            clock.advance(10 * 60_000)
            winner = await getFreshCredentials(otherInstance, c)
          },
        },
      })
      expect(winner?.credentials).toMatchObject({ accessToken: `${c.externalId}#at-B` })
      expect(loser.credentials).toEqual(winner?.credentials)
      const row = await load(t.deps, c.id)
      expect(stored(row)).toEqual(winner?.credentials)
      expect(row.credentialsVersion).toBe(c.credentialsVersion + 1)
      expect(row).toMatchObject({ status: 'ACTIVE', refreshLeaseOwner: null })
      expect(callsFor(c)).toHaveLength(2)
    } finally {
      await second.close()
    }
  })

  /** A second database handle: another instance, with its own in-process refresh map. */
  function otherInstance() {
    const second = openDatabase(
      t.deps.dialect === 'postgres'
        ? { databaseUrl: t.database.env.DATABASE_URL, poolSize: 10 }
        : { sqliteFile: t.database.sqliteFile },
    )
    return { deps: { ...t.deps, db: second.db } as CoreDeps, close: () => second.close() }
  }

  it('a live refresher renews its lease: a slow refresh is never taken over, and a caller that waits past its budget gets REFRESH_IN_PROGRESS (503, Retry-After)', async () => {
    const c = await expiredConnection()
    let answer = () => {}
    tokens.gate = new Promise<void>((resolve) => {
      answer = resolve
    })
    const other = otherInstance()
    try {
      const first = getFreshCredentials(t.deps, c)
      await expect.poll(() => callsFor(c).length).toBe(1)
      const taken = (await load(t.deps, c.id)).refreshLeaseUntil as string
      clock.advance(LEASE_TTL_MS - 1000)
      // The refresher is alive: its next renewal moves the lease on from the clock's time.
      await expect
        .poll(async () => (await load(t.deps, c.id)).refreshLeaseUntil, { timeout: LEASE_RENEW_MS * 3 })
        .not.toBe(taken)
      // Past the lease as first taken, not past the renewed one.
      clock.advance(LEASE_TTL_MS - 1000)
      const waited = await getFreshCredentials(other.deps, c, { maxWaitMs: 100 }).catch((e: unknown) => e)
      expect(waited).toBeInstanceOf(AppError)
      expect(waited).toMatchObject({
        code: 'REFRESH_IN_PROGRESS',
        httpStatus: 503,
        details: { retryAfterSeconds: 5 },
      })
      tokens.gate = null
      answer()
      await first
      expect(callsFor(c)).toHaveLength(1)
      // Once it is done, the same caller gets its tokens without a refresh of its own.
      const after = await getFreshCredentials(other.deps, c)
      expect(after.credentials).toMatchObject({ refreshToken: tokens.live.get(c.externalId) })
      expect(callsFor(c)).toHaveLength(1)
    } finally {
      await other.close()
    }
  })

  it('a caller waiting on a refresh that then fails for now gets REFRESH_FAILED with Retry-After, without a token request of its own', async () => {
    const c = await expiredConnection()
    await holdLease(t.deps, c, 'another-instance')
    // This instance's reads of the connection: two mean it found the lease held and waits.
    let reads = 0
    const counted: CoreDeps = {
      ...t.deps,
      db: new Proxy(t.deps.db, {
        get(target, prop) {
          const value = Reflect.get(target, prop, target)
          if (prop === 'selectFrom') {
            return (table: never) => {
              reads++
              return target.selectFrom(table)
            }
          }
          return typeof value === 'function' ? value.bind(target) : value
        },
      }),
    }
    const waiting = getFreshCredentials(counted, c).catch((e: unknown) => e)
    await expect.poll(() => reads).toBeGreaterThanOrEqual(2)
    // The other instance gives up for now (the provider answered 503 four times) and backs off.
    await t.deps.db
      .updateTable('connections')
      .set({
        refreshLeaseOwner: null,
        refreshLeaseUntil: null,
        refreshFailures: c.refreshFailures + 1,
        nextRefreshAt: new Date(clock.now().getTime() + 30_000).toISOString(),
      })
      .where('id', '=', c.id)
      .execute()
    expect(await waiting).toMatchObject({
      code: 'REFRESH_FAILED',
      httpStatus: 502,
      details: { retryAfterSeconds: 30 },
    })
    expect(callsFor(c)).toHaveLength(0)
  })

  it('while the lease of a refresh whose answer was lost runs out, callers get REFRESH_FAILED with the time left, at once', async () => {
    const c = await expiredConnection()
    await t.deps.db
      .updateTable('connections')
      .set({
        refreshLeaseOwner: null,
        refreshLeaseUntil: new Date(clock.now().getTime() + 12_000).toISOString(),
      })
      .where('id', '=', c.id)
      .execute()
    await expect(getFreshCredentials(t.deps, c)).rejects.toMatchObject({
      code: 'REFRESH_FAILED',
      details: { retryAfterSeconds: 12 },
    })
    expect(callsFor(c)).toHaveLength(0)
    clock.advance(12_001)
    const fresh = await getFreshCredentials(t.deps, c)
    expect(fresh.credentials).toMatchObject({ refreshToken: tokens.live.get(c.externalId) })
  })

  it('invalid_grant → REFRESH_FAILED, lease released, no second request; later calls fail fast', async () => {
    const c = await expiredConnection()
    tokens.live.delete(c.externalId)
    const err = await getFreshCredentials(t.deps, c).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('INVALID_CREDENTIALS')
    const row = await load(t.deps, c.id)
    expect(row).toMatchObject({ status: 'REFRESH_FAILED', refreshLeaseOwner: null })
    expect(row.statusReason).toMatch(/^invalid_grant/)
    expect(callsFor(c)).toHaveLength(1)
    await expect(getFreshCredentials(t.deps, row, { force: true })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    })
    expect(callsFor(c)).toHaveLength(1)
    const events = await t.deps.db
      .selectFrom('events')
      .select('type')
      .where('connectionId', '=', c.id)
      .execute()
    expect(events.map((e) => e.type)).toContain('connection.refresh_failed')
  })

  it('transient 5xx/429 answers are retried with backoff, then the refresh completes', async () => {
    const c = await expiredConnection()
    tokens.script.push({ status: 503, body: {} }, { status: 429, body: {} })
    const fresh = await getFreshCredentials(t.deps, c)
    expect(fresh.credentials).toMatchObject({ refreshToken: tokens.live.get(c.externalId) })
    expect(tokens.calls.slice(-3).map((x) => x.answered)).toEqual([503, 429, 200])
  })

  it('a failed commit is retried with the tokens in memory; the rotated token is not lost', async () => {
    const c = await expiredConnection()
    let attempts = 0
    const fresh = await getFreshCredentials(t.deps, c, {
      hooks: {
        beforeCommit: () => {
          attempts++
          if (attempts < 3) throw new Error('injected commit failure')
        },
      },
    })
    expect(attempts).toBe(3)
    expect(callsFor(c)).toHaveLength(1)
    const row = await load(t.deps, c.id)
    expect(stored(row)).toEqual(fresh.credentials)
    expect(stored(row).refreshToken).toBe(tokens.live.get(c.externalId))
  })

  it('the background refresher renews due connections once even when two instances run a pass together', async () => {
    const due = await expiredConnection()
    const second = openDatabase(
      t.deps.dialect === 'postgres'
        ? { databaseUrl: t.database.env.DATABASE_URL, poolSize: 10 }
        : { sqliteFile: t.database.sqliteFile },
    )
    tokens.delayMs = 100
    try {
      const before = tokens.calls.length
      const [a, b] = await Promise.all([
        refreshDueConnections(t.deps),
        refreshDueConnections({ ...t.deps, db: second.db }),
      ])
      expect(a.failed + b.failed).toBe(0)
      expect(callsFor(due)).toHaveLength(1)
      expect(tokens.reuse).toEqual([])
      // Every call this pass made was for a different connection.
      const sent = tokens.calls.slice(before).map((x) => x.params.refresh_token)
      expect(new Set(sent).size).toBe(sent.length)
    } finally {
      await second.close()
    }
  })

  it('the background refresher renews each connection at its refreshDueAt, and not before', async () => {
    const scheduled = await expiredConnection()
    const inNine = new Date(clock.now().getTime() + 9 * 60_000).toISOString()
    const later = new Date(clock.now().getTime() + 5 * 60_000).toISOString()
    await t.deps.db
      .updateTable('connections')
      .set({ tokenExpiresAt: inNine, refreshDueAt: later })
      .where('id', '=', scheduled.id)
      .execute()
    await refreshDueConnections(t.deps)
    expect(callsFor(scheduled)).toHaveLength(0)
    clock.advance(5 * 60_000)
    await refreshDueConnections(t.deps)
    expect(callsFor(scheduled)).toHaveLength(1)
    // A refresh schedules the next renewal: 10 minutes before the new hour-long token expires.
    expect((await load(t.deps, scheduled.id)).refreshDueAt).toBe(
      new Date(clock.now().getTime() + 50 * 60_000).toISOString(),
    )
  })

  it('every write of its inputs keeps refreshDueAt equal to the rule (refresh-margin.ts) applied to the row', async () => {
    const minutes = (n: number) => new Date(clock.now().getTime() + n * 60_000).toISOString()
    const kept = async (id: string) => {
      const row = await load(t.deps, id)
      expect(row.refreshDueAt).toBe(refreshDueAt(row))
      return row
    }
    // Stored by the connect flow: the token expired a minute ago, so it is due at once.
    const c = await expiredConnection()
    expect((await kept(c.id)).refreshDueAt).toBe(minutes(-1.5))
    // Token refreshed: an hour-long token, renewed with 10 minutes left.
    await getFreshCredentials(t.deps, c)
    expect((await kept(c.id)).refreshDueAt).toBe(minutes(50))
    // Refresh failed for now (the provider answered 503 four times): not before the back-off ends.
    clock.advance(55 * 60_000)
    tokens.script.push(...Array.from({ length: 4 }, () => ({ status: 503, body: {} })))
    await expect(
      getFreshCredentials(t.deps, await load(t.deps, c.id), { force: true }),
    ).rejects.toMatchObject({
      code: 'REFRESH_FAILED',
    })
    const backingOff = await kept(c.id)
    expect(backingOff.nextRefreshAt).toBe(minutes(0.5))
    expect(backingOff.refreshDueAt).toBe(minutes(0.5))
    await refreshDueConnections(t.deps)
    expect(callsFor(c)).toHaveLength(5)
    // Refresh failed (invalid_grant): REFRESH_FAILED, kept for reconnect, never picked up.
    clock.advance(60_000)
    tokens.live.delete(c.externalId)
    await refreshDueConnections(t.deps)
    expect(callsFor(c)).toHaveLength(6)
    expect(await kept(c.id)).toMatchObject({ status: 'REFRESH_FAILED', refreshDueAt: null })
    clock.advance(48 * 3600_000)
    await refreshDueConnections(t.deps)
    expect(callsFor(c)).toHaveLength(6)
    // Reconnect, with new expiry data: a 20-minute token, renewed with 5 minutes left.
    tokens.live.set(c.externalId, `${c.externalId}#rt-new`)
    await createConnection(t.deps, principal, {
      type: 'OAUTH2',
      integrationName: 'rotating',
      workspaceId,
      externalId: c.externalId,
      accessToken: `${c.externalId}#at-new`,
      refreshToken: `${c.externalId}#rt-new`,
      expiresAt: minutes(20),
      scopes: ['read'],
    })
    expect(await kept(c.id)).toMatchObject({ status: 'ACTIVE', refreshDueAt: minutes(15) })
    // The expiry data changed again (no expiry at all): refreshed once a day so it stays alive.
    await createConnection(t.deps, principal, {
      type: 'OAUTH2',
      integrationName: 'rotating',
      workspaceId,
      externalId: c.externalId,
      accessToken: `${c.externalId}#at-new`,
      refreshToken: `${c.externalId}#rt-new`,
      scopes: ['read'],
    })
    expect(await kept(c.id)).toMatchObject({ tokenExpiresAt: null, refreshDueAt: minutes(24 * 60) })
  })

  it('reconnecting in place clears a lease left by a refresh of the old credentials', async () => {
    const c = await expiredConnection()
    await holdLease(t.deps, c, 'stale')
    await createConnection(t.deps, principal, {
      type: 'OAUTH2',
      integrationName: 'rotating',
      workspaceId,
      externalId: c.externalId,
      accessToken: `${c.externalId}#at-new`,
      refreshToken: tokens.live.get(c.externalId) as string,
      scopes: ['read'],
    })
    expect(await load(t.deps, c.id)).toMatchObject({ refreshLeaseOwner: null, refreshLeaseUntil: null })
  })

  /** A refresh whose provider answers invalid_grant after its lease went to `thief`. */
  async function invalidGrantAfterTakeover() {
    const c = await expiredConnection()
    tokens.delayMs = 300
    tokens.script.push({ status: 400, body: { error: 'invalid_grant' } })
    const pending = getFreshCredentials(t.deps, c).catch((e: unknown) => e)
    await expect.poll(() => callsFor(c).length).toBe(1)
    await holdLease(t.deps, c, 'thief')
    // By now the answer has usually come back and the refresher waits on the thief (were it
    // later, it would find the thief's outcome the same way when it comes).
    await new Promise((r) => setTimeout(r, 500))
    return { c, pending }
  }

  it('invalid_grant after the lease was lost to another refresher: that refresher’s result is the answer', async () => {
    const { c, pending } = await invalidGrantAfterTakeover()
    // Nothing recorded as failed: the thief's lease is untouched.
    expect(await load(t.deps, c.id)).toMatchObject({ status: 'ACTIVE', refreshLeaseOwner: 'thief' })
    const theirs = {
      kind: 'oauth2' as const,
      accessToken: 'their-at',
      refreshToken: 'their-rt',
      tokenType: 'Bearer',
    }
    await t.deps.db
      .updateTable('connections')
      .set({
        credentialsCiphertext: encryptCredentials(t.deps, c.id, theirs),
        credentialsVersion: c.credentialsVersion + 1,
        refreshLeaseOwner: null,
        refreshLeaseUntil: null,
      })
      .where('id', '=', c.id)
      .execute()
    expect(await pending).toMatchObject({
      credentials: { accessToken: 'their-at', refreshToken: 'their-rt' },
    })
    expect(await load(t.deps, c.id)).toMatchObject({ status: 'ACTIVE' })
  })

  it('…and CONFLICT, not a wait on itself, when that refresher lets go without a result', async () => {
    const { c, pending } = await invalidGrantAfterTakeover()
    await t.deps.db
      .updateTable('connections')
      .set({ refreshLeaseOwner: null, refreshLeaseUntil: null })
      .where('id', '=', c.id)
      .execute()
    const outcome = await Promise.race([
      pending,
      new Promise((r) => setTimeout(() => r('still waiting'), 5000)),
    ])
    expect(outcome).toMatchObject({ code: 'CONFLICT' })
    expect(await load(t.deps, c.id)).toMatchObject({
      status: 'ACTIVE',
      credentialsVersion: c.credentialsVersion,
    })
  })

  it('a process that is stopping retries nothing, and stops waiting on other instances at once', async () => {
    const s = await createTestDeps({ clock })
    try {
      const owner = await setUp(s.deps)
      const retried = await expiredConnection(s.deps, owner)
      const waiting = await expiredConnection(s.deps, owner)
      await holdLease(s.deps, waiting, 'another-instance')
      await stopRefreshes(s.deps)
      tokens.script.push({ status: 503, body: {} })
      await expect(getFreshCredentials(s.deps, retried)).rejects.toMatchObject({ code: 'REFRESH_FAILED' })
      expect(callsFor(retried)).toHaveLength(1)
      await expect(getFreshCredentials(s.deps, waiting)).rejects.toMatchObject({
        code: 'SHUTTING_DOWN',
        httpStatus: 503,
      })
      expect(callsFor(waiting)).toHaveLength(0)
    } finally {
      await s.close()
    }
  })

  it('no refresh token was ever presented twice by this suite', () => {
    expect(tokens.reuse).toEqual([])
  })
})
