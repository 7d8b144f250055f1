import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Kysely, Migrator, sql } from 'kysely'
import pg from 'pg'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { type RefreshDueInputs, refreshDueAt } from '../../core/src/refresh/refresh-margin.ts'
// Relative on purpose: a devDependency on @switchboard/testing would make a package cycle
// (testing depends on db), which turbo's `^build` graph rejects.
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/src/deps.ts'
import { type Db, migrateToLatest, openDatabase } from './database.ts'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

const dialect = testDialect()

/** Every table the migrations create, as the database names them. */
const expectedTables = [
  'organizations',
  'workspaces',
  'users',
  'dashboard_sessions',
  'api_keys',
  'custom_integrations',
  'integration_settings',
  'oauth_apps',
  'webhook_endpoints',
  'webhook_deliveries',
  'webhook_delivery_attempts',
  'end_users',
  'connections',
  'connect_sessions',
  'events',
  'job_leases',
]

async function tableNames(db: Db): Promise<string[]> {
  const tables = await db.db.withoutPlugins().introspection.getTables({ withInternalKyselyTables: true })
  if (db.dialect === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.db)
    return tables.filter((t) => t.schema === rows[0]?.schema).map((t) => t.name)
  }
  return tables.map((t) => t.name)
}

/** An empty, unmigrated database of the suite's dialect, reachable by several connections. */
async function emptyDatabase(): Promise<{ open: () => Db; drop: () => Promise<void> }> {
  if (dialect === 'postgres') {
    const base = process.env.DATABASE_URL as string
    const schema = `m_${randomUUID().replaceAll('-', '').slice(0, 16)}`
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    const url = new URL(base)
    url.searchParams.set('options', `-c search_path=${schema}`)
    return {
      open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 4 }),
      drop: async () => {
        const c = new pg.Client({ connectionString: base })
        await c.connect()
        await c.query(`drop schema if exists ${schema} cascade`)
        await c.end()
      },
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-migrate-'))
  return {
    open: () => openDatabase({ dataDir }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

describe(`migrations (${dialect})`, () => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  let shared: TestDatabase | undefined
  afterAll(async () => {
    await shared?.close()
  })

  it('creates every table, and a second run applies nothing', async () => {
    shared = await createTestDatabase(dialect)
    const names = await tableNames(shared)
    for (const table of expectedTables) expect(names).toContain(table)

    // createTestDatabase already migrated: running again is a no-op, twice over.
    expect(await migrateToLatest(shared.db)).toEqual([])
    expect(await migrateToLatest(shared.db)).toEqual([])

    const applied = await shared.db
      .withoutPlugins()
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute()
    expect(applied.map((r) => (r as { name: string }).name).sort()).toEqual(Object.keys(migrations).sort())
  })

  it('a migration that fails half-way leaves nothing behind, and runs cleanly once fixed', async () => {
    const empty = await emptyDatabase()
    cleanups.push(empty.drop)
    const db = empty.open()
    cleanups.push(() => db.close())
    await migrateToLatest(db.db)
    const columns = async (table: string) => {
      const tables = await db.db.withoutPlugins().introspection.getTables()
      return (tables.find((t) => t.name === table)?.columns ?? []).map((c) => c.name)
    }
    const halfWay = (fail: boolean) => ({
      // biome-ignore lint/suspicious/noExplicitAny: a migration is schema-agnostic
      up: async (m: Kysely<any>) => {
        await m.schema
          .createTable('half_done')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .execute()
        await m.schema.alterTable('organizations').addColumn('half_done_flag', 'text').execute()
        await sql`insert into half_done (id) values ('x')`.execute(m)
        if (fail) throw new Error('the migration failed half-way')
      },
    })

    await expect(
      migrateToLatest(db.db, { migrations: { ...migrations, '9999_half_way': halfWay(true) } }),
    ).rejects.toThrow('the migration failed half-way')
    expect(await tableNames(db)).not.toContain('half_done')
    expect(await columns('organizations')).not.toContain('half_done_flag')
    const applied = await db.db
      .withoutPlugins()
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute()
    expect(applied.map((r) => (r as { name: string }).name)).not.toContain('9999_half_way')

    // Nothing half-applied is in the way: the fixed migration runs from the start.
    expect(
      await migrateToLatest(db.db, { migrations: { ...migrations, '9999_half_way': halfWay(false) } }),
    ).toEqual(['9999_half_way'])
    expect(await tableNames(db)).toContain('half_done')
    expect(await columns('organizations')).toContain('half_done_flag')
  })

  it('reports what a fresh database receives, then nothing', async () => {
    const empty = await emptyDatabase()
    cleanups.push(empty.drop)
    const db = empty.open()
    cleanups.push(() => db.close())

    expect(await migrateToLatest(db.db)).toEqual(Object.keys(migrations))
    expect(await migrateToLatest(db.db)).toEqual([])
    expect(await tableNames(db)).toEqual(expect.arrayContaining(expectedTables))
  })

  it('survives two instances migrating the same database at once', async () => {
    const empty = await emptyDatabase()
    cleanups.push(empty.drop)
    const a = empty.open()
    const b = empty.open()
    cleanups.push(
      () => a.close(),
      () => b.close(),
    )

    const [fromA, fromB] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)])
    // Each migration ran exactly once, whichever instance got there first.
    expect([...fromA, ...fromB].sort()).toEqual(Object.keys(migrations).sort())
    expect(await migrateToLatest(a.db)).toEqual([])
    expect(await tableNames(b)).toEqual(expect.arrayContaining(expectedTables))

    // And the schema works: a row written through one instance is read through the other.
    const now = new Date().toISOString()
    const id = randomUUID()
    await a.db
      .insertInto('organizations')
      .values({
        id,
        name: 'Acme',
        plan: 'TEAM',
        allowedRedirectOrigins: '[]',
        branding: '{}',
        createdAt: now,
        updatedAt: now,
      })
      .execute()
    const row = await b.db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst()
    expect(row?.name).toBe('Acme')
  })

  it('migrates a schema of its own even when another schema already holds migration tables', async () => {
    // Two databases side by side (PostgreSQL schemas on one server; on SQLite simply two
    // files): the second must still be migrated, not mistaken for the first.
    const first = await emptyDatabase()
    cleanups.push(first.drop)
    const firstDb = first.open()
    cleanups.push(() => firstDb.close())
    await migrateToLatest(firstDb.db)

    const second = await emptyDatabase()
    cleanups.push(second.drop)
    const secondDb = second.open()
    cleanups.push(() => secondDb.close())
    expect(await migrateToLatest(secondDb.db)).toEqual(Object.keys(migrations))
    expect(await tableNames(secondDb)).toEqual(expect.arrayContaining(expectedTables))
  })

  /** A fresh database migrated up to, not including, `name`: the shape a migration starts from. */
  async function migratedUpTo(name: string) {
    const empty = await emptyDatabase()
    cleanups.push(empty.drop)
    const db = empty.open()
    cleanups.push(() => db.close())
    const raw = db.db.withoutPlugins()
    const before = Object.fromEntries(Object.entries(migrations).filter(([n]) => n < name))
    let migrationTableSchema: string | undefined
    if (dialect === 'postgres') {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(raw)
      migrationTableSchema = rows[0]?.schema
    }
    const { error } = await new Migrator({
      db: raw,
      provider: { getMigrations: async () => before },
      ...(migrationTableSchema !== undefined && { migrationTableSchema }),
    }).migrateToLatest()
    expect(error).toBeUndefined()
    return { db, raw }
  }

  /** Organization o1 ("Acme") created at `at`, and with `withWorkspace` its workspace w1 ("Default"). */
  async function insertOrganization(
    raw: Kysely<Database>,
    at: string,
    options: { withWorkspace?: boolean } = {},
  ) {
    await sql`insert into organizations (id, name, plan, allowed_redirect_origins, branding, created_at, updated_at)
      values ('o1', 'Acme', 'TEAM', '[]', '{}', ${at}, ${at})`.execute(raw)
    if (options.withWorkspace)
      await sql`insert into workspaces (id, organization_id, name, created_at) values ('w1', 'o1', 'Default', ${at})`.execute(
        raw,
      )
  }

  /** An organization with an owner (u_owner) and an admin (u_admin), as the tables were at `name`. */
  async function seedTeam(raw: Kysely<Database>, withMemberships: boolean) {
    const t0 = '2026-01-01T00:00:00.000Z'
    await insertOrganization(raw, t0, { withWorkspace: true })
    for (const [id, role] of [
      ['u_owner', 'owner'],
      ['u_admin', 'admin'],
    ]) {
      await sql`insert into users (id, organization_id, email, password_hash, role, is_superuser, created_at)
        values (${id}, 'o1', ${`${id}@acme.test`}, 'x', ${role}, 0, ${t0})`.execute(raw)
      if (withMemberships) {
        await sql`insert into memberships (user_id, organization_id, role, workspace_ids, created_at)
          values (${id}, 'o1', ${role}, null, ${t0})`.execute(raw)
      }
    }
    return t0
  }
  const insertKey = (raw: Kysely<Database>, id: string, at: string) =>
    sql`insert into api_keys (id, organization_id, name, key_hash, prefix, created_at)
      values (${id}, 'o1', ${id}, ${`hash-${id}`}, 'sk_x…', ${at})`.execute(raw)

  it('0014 leaves a key made before it full-access (no scopes, every workspace, no expiry)', async () => {
    const { db, raw } = await migratedUpTo('0014')
    const t0 = await seedTeam(raw, false)
    await insertKey(raw, 'k_old', t0)
    await migrateToLatest(db.db)
    const key = await db.db
      .selectFrom('apiKeys')
      .selectAll()
      .where('id', '=', 'k_old')
      .executeTakeFirstOrThrow()
    expect({ scopes: key.scopes, workspaceIds: key.workspaceIds, expiresAt: key.expiresAt }).toEqual({
      scopes: null,
      workspaceIds: null,
      expiresAt: null,
    })
  })

  it('0015 gives every existing user a membership of their organization with their role, all workspaces', async () => {
    const { db, raw } = await migratedUpTo('0015')
    await seedTeam(raw, false)
    await migrateToLatest(db.db)
    const rows = await db.db
      .selectFrom('memberships')
      .select(['userId', 'organizationId', 'role', 'workspaceIds'])
      .orderBy('userId')
      .execute()
    expect(rows).toEqual([
      { userId: 'u_admin', organizationId: 'o1', role: 'admin', workspaceIds: null },
      { userId: 'u_owner', organizationId: 'o1', role: 'owner', workspaceIds: null },
    ])
  })

  it('0018 runs on a database already past it, and makes the keys non-owners made (and their keys) not owner-grade', async () => {
    const { db, raw } = await migratedUpTo('0018')
    const t0 = await seedTeam(raw, true)
    for (const id of ['k_owner', 'k_admin', 'k_child', 'k_old']) await insertKey(raw, id, t0)
    let n = 0
    for (const [key, actorType, actorId] of [
      ['k_owner', 'user', 'u_owner'],
      ['k_admin', 'user', 'u_admin'],
      ['k_child', 'api_key', 'k_admin'],
    ]) {
      n++
      await sql`insert into events (id, organization_id, type, occurred_at, actor_type, actor_id, data)
        values (${`e${n}`}, 'o1', 'api_key.created', ${t0}, ${actorType}, ${actorId}, ${JSON.stringify({ apiKeyId: key })})`.execute(
        raw,
      )
    }
    // The later migrations shipped first: a database at 0021 without 0018 still gets it.
    let migrationTableSchema: string | undefined
    if (dialect === 'postgres') {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(raw)
      migrationTableSchema = rows[0]?.schema
    }
    const { error } = await new Migrator({
      db: raw,
      provider: {
        getMigrations: async () =>
          Object.fromEntries(Object.entries(migrations).filter(([name]) => !name.startsWith('0018'))),
      },
      ...(migrationTableSchema !== undefined && { migrationTableSchema }),
    }).migrateToLatest()
    expect(error).toBeUndefined()
    expect(await migrateToLatest(db.db)).toEqual(['0018_owner_grade_keys_and_session_method'])
    const keys = await db.db.selectFrom('apiKeys').select(['id', 'ownerGrade']).orderBy('id').execute()
    expect(keys.map((k) => [k.id, Number(k.ownerGrade)])).toEqual([
      ['k_admin', 0],
      ['k_child', 0],
      ['k_old', 1],
      ['k_owner', 1],
    ])
  })

  it('0006 drops the dead columns and maps the never-written REVOKED status, keeping every row', async () => {
    // The database as it was before 0006, with a row in each table the migration changes.
    const { db, raw } = await migratedUpTo('0006')
    const now = new Date().toISOString()
    await insertOrganization(raw, now, { withWorkspace: true })
    for (const [id, status] of [
      ['c1', 'REVOKED'],
      ['c2', 'ACTIVE'],
    ]) {
      await sql`insert into connections (id, organization_id, workspace_id, integration_name, type, external_id,
          display_name, scope, status, credentials_ciphertext, metadata, created_at, updated_at)
        values (${id}, 'o1', 'w1', 'openai', 'SECRET_TEXT', ${id}, 'OpenAI', 'ORGANIZATION', ${status}, 'x',
          '{"kept":true}', ${now}, ${now})`.execute(raw)
    }
    await sql`insert into connect_sessions (id, organization_id, workspace_id, token_hash, integration_name,
        connection_name, external_id, scope, status, flow, expires_at, created_at, updated_at)
      values ('s1', 'o1', 'w1', 'h1', 'openai', 'OpenAI', 'c1', 'ORGANIZATION', 'PENDING', 'HOSTED', ${now}, ${now}, ${now})`.execute(
      raw,
    )

    expect(await migrateToLatest(db.db)).toEqual(Object.keys(migrations).filter((name) => name >= '0006'))

    const columns = async (table: string) => {
      const tables = await raw.introspection.getTables()
      return (tables.find((t) => t.name === table)?.columns ?? []).map((c) => c.name)
    }
    expect(await columns('connect_sessions')).not.toContain('flow')
    expect(await columns('connect_sessions')).toContain('connection_metadata')
    expect(await columns('connections')).toContain('metadata')
    const rows = await db.db
      .selectFrom('connections')
      .select(['id', 'status', 'statusReason', 'metadata'])
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      {
        id: 'c1',
        status: 'REFRESH_FAILED',
        statusReason: 'The credentials were revoked; reconnect this connection',
        metadata: '{"kept":true}',
      },
      { id: 'c2', status: 'ACTIVE', statusReason: null, metadata: '{"kept":true}' },
    ])
    const session = await db.db
      .selectFrom('connectSessions')
      .select(['id', 'connectionMetadata'])
      .executeTakeFirstOrThrow()
    expect(session).toEqual({ id: 's1', connectionMetadata: null })
  })

  it('0021 backfills refresh_due_at by the rule core writes it with (refreshDueAt), from the columns it reads', async () => {
    const { db, raw } = await migratedUpTo('0021')
    const at = (minutes: number) =>
      new Date(Date.parse('2026-03-01T12:00:00.000Z') + minutes * 60_000).toISOString()
    await insertOrganization(raw, at(0), { withWorkspace: true })
    const rows: (RefreshDueInputs & { id: string; oldDue: string | null })[] = [
      // A 1-hour token, written after 0005: renewed 10 minutes before it expires.
      {
        id: 'hour',
        type: 'OAUTH2',
        status: 'ACTIVE',
        tokenExpiresAt: at(60),
        lastAuthorizedAt: at(0),
        lastRefreshedAt: null,
        nextRefreshAt: null,
        oldDue: at(50),
      },
      // A 5-minute token refreshed after the authorization, written before 0005 (no due time).
      {
        id: 'short',
        type: 'OAUTH2',
        status: 'UNHEALTHY',
        tokenExpiresAt: at(-1000 + 5),
        lastAuthorizedAt: at(-2000),
        lastRefreshedAt: at(-1000),
        nextRefreshAt: null,
        oldDue: null,
      },
      // Backing off after a failed refresh: not before its next attempt.
      {
        id: 'backoff',
        type: 'OAUTH2',
        status: 'ACTIVE',
        tokenExpiresAt: at(2),
        lastAuthorizedAt: at(-58),
        lastRefreshedAt: null,
        nextRefreshAt: at(30),
        oldDue: at(-8),
      },
      // No expiry: refreshed once a day so its refresh token does not age out.
      {
        id: 'idle',
        type: 'OAUTH2',
        status: 'ACTIVE',
        tokenExpiresAt: null,
        lastAuthorizedAt: at(-100),
        lastRefreshedAt: null,
        nextRefreshAt: null,
        oldDue: null,
      },
      // A 30-day token: the day idle comes first.
      {
        id: 'long',
        type: 'OAUTH2',
        status: 'ACTIVE',
        tokenExpiresAt: at(30 * 1440),
        lastAuthorizedAt: at(0),
        lastRefreshedAt: null,
        nextRefreshAt: null,
        oldDue: at(30 * 1440 - 10),
      },
      // Never picked up: failed (kept for reconnect), or not OAuth2.
      {
        id: 'failed',
        type: 'OAUTH2',
        status: 'REFRESH_FAILED',
        tokenExpiresAt: at(60),
        lastAuthorizedAt: at(0),
        lastRefreshedAt: null,
        nextRefreshAt: null,
        oldDue: at(50),
      },
      {
        id: 'key',
        type: 'SECRET_TEXT',
        status: 'ACTIVE',
        tokenExpiresAt: null,
        lastAuthorizedAt: at(0),
        lastRefreshedAt: null,
        nextRefreshAt: null,
        oldDue: null,
      },
    ]
    for (const r of rows) {
      await sql`insert into connections (id, organization_id, workspace_id, integration_name, type, external_id,
          display_name, scope, status, credentials_ciphertext, metadata, token_expires_at, last_authorized_at,
          last_refreshed_at, next_refresh_at, refresh_due_at, created_at, updated_at)
        values (${r.id}, 'o1', 'w1', 'github', ${r.type}, ${r.id}, 'GitHub', 'ORGANIZATION', ${r.status}, 'x', '{}',
          ${r.tokenExpiresAt}, ${r.lastAuthorizedAt}, ${r.lastRefreshedAt}, ${r.nextRefreshAt}, ${r.oldDue},
          ${at(0)}, ${at(0)})`.execute(raw)
    }

    expect(await migrateToLatest(db.db)).toEqual(Object.keys(migrations).filter((name) => name >= '0021'))

    const stored = await db.db
      .selectFrom('connections')
      .select(['id', 'refreshDueAt'])
      .orderBy('id')
      .execute()
    const expected = rows
      .map((r) => ({ id: r.id, refreshDueAt: refreshDueAt(r) }))
      .sort((a, b) => a.id.localeCompare(b.id))
    // The SQL's arithmetic is in floating-point seconds: equal to the millisecond, at most 1 ms off.
    expect(stored.map((r) => r.id)).toEqual(expected.map((r) => r.id))
    for (const [i, r] of stored.entries()) {
      const want = expected[i]?.refreshDueAt ?? null
      if (want === null) expect({ id: r.id, due: r.refreshDueAt }).toEqual({ id: r.id, due: null })
      else {
        expect(r.refreshDueAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
        expect({
          id: r.id,
          offMs: Math.abs(Date.parse(r.refreshDueAt as string) - Date.parse(want)) <= 1,
        }).toEqual({ id: r.id, offMs: true })
      }
    }
    // The rule itself, spelled out for three of them.
    expect(expected.find((r) => r.id === 'hour')?.refreshDueAt).toBe(at(50))
    expect(expected.find((r) => r.id === 'backoff')?.refreshDueAt).toBe(at(30))
    expect(expected.find((r) => r.id === 'long')?.refreshDueAt).toBe(at(1440))
  })

  it('0022 gives webhook endpoints a workspace filter; endpoints made before it keep every workspace (null)', async () => {
    const { db, raw } = await migratedUpTo('0022')
    const now = new Date().toISOString()
    await insertOrganization(raw, now)
    await sql`insert into webhook_endpoints (id, organization_id, url, secret_ciphertext, created_at, updated_at)
      values ('whk_old', 'o1', 'https://example.com/hook', 'x', ${now}, ${now})`.execute(raw)

    expect(await migrateToLatest(db.db)).toEqual(Object.keys(migrations).filter((name) => name >= '0022'))
    const old = await db.db
      .selectFrom('webhookEndpoints')
      .select(['id', 'workspaceIds'])
      .executeTakeFirstOrThrow()
    expect(old).toEqual({ id: 'whk_old', workspaceIds: null })
    await db.db
      .updateTable('webhookEndpoints')
      .set({ workspaceIds: JSON.stringify(['w1']) })
      .where('id', '=', 'whk_old')
      .execute()
    const filtered = await db.db
      .selectFrom('webhookEndpoints')
      .select('workspaceIds')
      .executeTakeFirstOrThrow()
    expect(filtered.workspaceIds).toBe('["w1"]')
  })

  it('0007 moves connection_events into events in their order, folding revocations into connection.deleted, and drops the old table', async () => {
    const empty = await emptyDatabase()
    cleanups.push(empty.drop)
    const db = empty.open()
    cleanups.push(() => db.close())
    const raw = db.db.withoutPlugins()
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0007'))
    let migrationTableSchema: string | undefined
    if (dialect === 'postgres') {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(raw)
      migrationTableSchema = rows[0]?.schema
    }
    const { error } = await new Migrator({
      db: raw,
      provider: { getMigrations: async () => before },
      ...(migrationTableSchema !== undefined && { migrationTableSchema }),
    }).migrateToLatest()
    expect(error).toBeUndefined()
    const t0 = '2026-01-01T00:00:00.000Z'
    const t1 = '2026-01-02T00:00:00.000Z'
    await insertOrganization(raw, t0, { withWorkspace: true })
    await sql`insert into connections (id, organization_id, workspace_id, integration_name, type, external_id,
        display_name, scope, status, credentials_ciphertext, metadata, created_at, updated_at)
      values ('c1', 'o1', 'w1', 'openai', 'SECRET_TEXT', 'c1', 'OpenAI', 'ORGANIZATION', 'ACTIVE', 'x', '{}', ${t0}, ${t0})`.execute(
      raw,
    )
    // c1 lives (a null seq from before 0004 sorts first); c2 was revoked and deleted in one millisecond.
    for (const [id, conn, kind, detail, at, seq] of [
      ['e1', 'c1', 'CREATED', null, t0, null],
      ['e2', 'c1', 'REFRESH_FAILED', 'invalid_grant', t0, 5],
      ['e3', 'c2', 'CREATED', null, t0, 6],
      ['e5', 'c2', 'DELETED', null, t1, 9],
      ['e4', 'c2', 'REVOKED', 'Token revoked at the provider', t1, 8],
    ] as const) {
      await sql`insert into connection_events (id, organization_id, connection_id, kind, detail, created_at, seq)
        values (${id}, 'o1', ${conn}, ${kind}, ${detail}, ${at}, ${seq})`.execute(raw)
    }

    expect(await migrateToLatest(db.db)).toEqual(Object.keys(migrations).filter((name) => name >= '0007'))
    expect(await tableNames(db)).not.toContain('connection_events')
    const rows = await db.db
      .selectFrom('events')
      .select([
        'id',
        'seq',
        'type',
        'connectionId',
        'workspaceId',
        'integrationId',
        'occurredAt',
        'actorType',
        'data',
      ])
      .orderBy('seq')
      .execute()
    expect(rows.map((r) => [r.id, r.type, r.connectionId, JSON.parse(r.data)])).toEqual([
      ['evt_e1', 'connection.created', 'c1', {}],
      ['evt_e2', 'connection.refresh_failed', 'c1', { detail: 'invalid_grant' }],
      ['evt_e3', 'connection.created', 'c2', {}],
      ['evt_e5', 'connection.deleted', 'c2', { revocation: 'revoked' }],
    ])
    const seqs = rows.map((r) => Number(r.seq))
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
    expect(new Set(seqs).size).toBe(4)
    // Subjects come from the connection while it still exists.
    expect(rows[0]).toMatchObject({
      workspaceId: 'w1',
      integrationId: 'openai',
      occurredAt: t0,
      actorType: 'system',
    })
    expect(rows[3]).toMatchObject({ workspaceId: null, integrationId: null, occurredAt: t1 })
  })

  it('events.seq never goes back, even after every row was deleted', async () => {
    const empty = await emptyDatabase()
    cleanups.push(empty.drop)
    const db = empty.open()
    cleanups.push(() => db.close())
    await migrateToLatest(db.db)
    const now = new Date().toISOString()
    await db.db
      .insertInto('organizations')
      .values({
        id: 'o1',
        name: 'Acme',
        plan: 'TEAM',
        allowedRedirectOrigins: '[]',
        branding: '{}',
        createdAt: now,
        updatedAt: now,
      })
      .execute()
    const insert = (id: string) =>
      db.db
        .insertInto('events')
        .values({
          id,
          organizationId: 'o1',
          type: 'user.login',
          occurredAt: now,
          actorType: 'system',
          data: '{}',
        })
        .returning('seq')
        .executeTakeFirstOrThrow()
    const a = Number((await insert('evt_a')).seq)
    const b = Number((await insert('evt_b')).seq)
    expect(b).toBeGreaterThan(a)
    await db.db.deleteFrom('events').execute()
    const c = Number((await insert('evt_c')).seq)
    expect(c).toBeGreaterThan(b)
  })
})
