import path from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CamelCasePlugin,
  Kysely,
  type KyselyConfig,
  type Migration,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  sql,
} from 'kysely'
import type { Pool } from 'pg'
import { ChangeCounterPlugin, registerChangeCounter } from './change-counter.ts'
import { migrations } from './migrations/index.ts'
import { ensurePrivateDir, ensurePrivateFile, restrictExisting } from './private-files.ts'
import type { Database } from './schema.ts'

export type Dialect = 'sqlite' | 'postgres'

export interface DatabaseConfig {
  /** postgres://… selects PostgreSQL; anything else means the embedded SQLite file. */
  databaseUrl?: string | undefined
  /** Folder for the SQLite file (created if missing). Ignored for PostgreSQL. */
  dataDir?: string | undefined
  /** Explicit SQLite file (":memory:" allowed), overriding dataDir. */
  sqliteFile?: string | undefined
  /** PostgreSQL pool size. */
  poolSize?: number | undefined
  /**
   * Called with the SQL of every statement run, `begin` and `commit` included (Kysely's `log`
   * option): for tests that count what a request costs the database. Absent: nothing is logged.
   */
  onQuery?: ((sql: string) => void) | undefined
}

function queryLog(config: DatabaseConfig): Pick<KyselyConfig, 'log'> {
  const onQuery = config.onQuery
  if (!onQuery) return {}
  return {
    log: (event) => {
      if (event.level === 'query') onQuery(event.query.sql)
    },
  }
}

export interface Db {
  db: Kysely<Database>
  dialect: Dialect
  /** Where the data lives, for logs and health ("sqlite:/path" or "postgres://host/db"). */
  describe: string
  /** SQLite file path (for tests that search the bytes of the file). */
  sqliteFile?: string | undefined
  close(): Promise<void>
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url)
}

/** Opens the database the configuration names. Call `migrateToLatest` before use. */
export function openDatabase(config: DatabaseConfig): Db {
  if (isPostgresUrl(config.databaseUrl)) {
    const connectionString = config.databaseUrl
    // The driver is loaded with the pool, on the first query (Kysely asks for it then), not
    // at import: a SQLite deployment never loads it (about 100 ms and 13 MB of a cold start,
    // docs/performance.md).
    const pool = async (): Promise<Pool> => {
      const { default: pg } = await import('pg')
      return new pg.Pool({ connectionString, max: config.poolSize ?? 10 })
    }
    const changes = new ChangeCounterPlugin()
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [changes, new CamelCasePlugin()],
      ...queryLog(config),
    })
    registerChangeCounter(db, changes)
    const u = new URL(config.databaseUrl)
    return {
      db,
      dialect: 'postgres',
      describe: `postgres://${u.host}${u.pathname}`,
      close: () => db.destroy(),
    }
  }
  const file = config.sqliteFile ?? path.join(config.dataDir ?? './data', 'switchboard.db')
  const onDisk = file !== ':memory:'
  if (onDisk) {
    // The data dir 0700, the database 0600 (SQLite gives its -wal and -shm the database
    // file's mode; ones left by an older version are set below).
    ensurePrivateDir(path.dirname(path.resolve(file)))
    ensurePrivateFile(file)
  }
  const sqlite = new SQLite(file, { timeout: 5000 })
  sqlite.pragma('journal_mode = WAL')
  if (onDisk) restrictExisting([`${file}-wal`, `${file}-shm`])
  // WAL's default (NORMAL) can lose the last commits on power loss: a rotated refresh token
  // must survive, so every commit is synced.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // SQLite's own lower() folds ASCII only; searches (core's containsText) fold case through
  // lower() and must treat "Ü" and "ü" alike, as PostgreSQL's lower() does.
  sqlite.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  )
  const changes = new ChangeCounterPlugin()
  const db = new Kysely<Database>({
    dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [changes, new CamelCasePlugin()],
    ...queryLog(config),
  })
  registerChangeCounter(db, changes)
  return {
    db,
    dialect: 'sqlite',
    describe: `sqlite:${path.resolve(file)}`,
    sqliteFile: file === ':memory:' ? undefined : path.resolve(file),
    close: () => db.destroy(),
  }
}

/**
 * Runs every pending migration. Idempotent; safe to run from several instances at once.
 *
 * PostgreSQL: the migration tables live in the connection's current schema (Kysely would
 * otherwise find another schema's `kysely_migration` on the same server and skip creating
 * its own), and Kysely's advisory lock serializes instances.
 * SQLite: Kysely takes no lock there, so a second process (or connection) that read the
 * migration state before the first committed fails with "already exists", "duplicate column
 * name" (a migration that adds a column), "no such column" (one that drops a column) or
 * SQLITE_BUSY; running again re-reads the state and finds the work done.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  options: { migrations?: Record<string, Migration> } = {},
): Promise<string[]> {
  const raw = db.withoutPlugins()
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  let migrationTableSchema: string | undefined
  if (!sqlite) {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(raw)
    migrationTableSchema = rows[0]?.schema ?? undefined
  }
  const migrator = new Migrator({
    db: raw,
    provider: { getMigrations: async () => options.migrations ?? migrations },
    // Numbers are handed out ahead (0011, 0012, 0018 came after 0019–0021 had shipped): a
    // database already at a later one still runs an earlier that it lacks.
    allowUnorderedMigrations: true,
    ...(migrationTableSchema !== undefined && { migrationTableSchema }),
  })
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest()
    // Both dialects run the pending migrations in one transaction (PostgreSQL natively, SQLite
    // through TransactionalDdlSqliteAdapter below): a failed attempt applied nothing.
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
    if (!sqlite || attempt >= 5 || !isSqliteRace(error)) {
      throw error instanceof Error ? error : new Error(String(error))
    }
    await new Promise((resolve) => setTimeout(resolve, 25 * attempt + Math.random() * 50))
  }
}

function isSqliteRace(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown }
  return (
    (typeof e.code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(e.code)) ||
    (typeof e.message === 'string' && /already exists|duplicate column name|no such column/.test(e.message))
  )
}

/**
 * Kysely's SqliteAdapter says SQLite's DDL is not transactional, so its Migrator runs SQLite
 * migrations outside any transaction and one that fails half-way leaves its first statements
 * applied (and unrecorded: the next start fails with "already exists"). SQLite's DDL is
 * transactional (CREATE/ALTER/DROP roll back), so this adapter says so and the Migrator wraps
 * the pending migrations in one transaction, as on PostgreSQL. A migration therefore cannot
 * use `PRAGMA foreign_keys = OFF` (a no-op inside a transaction); none does.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter()
  }
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, and preparing is
 * a large share of a small query's cost. Cache them by SQL text (bounded).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  // Kysely's SqliteDatabase interface is these two methods; the connection stays better-sqlite3's.
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      let stmt = cache.get(source)
      if (!stmt) {
        stmt = sqlite.prepare(source)
        if (cache.size >= 500) cache.clear()
        cache.set(source, stmt)
      }
      return stmt
    },
  }
}
