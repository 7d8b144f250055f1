import { mkdirSync } from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { migrations } from './migrations/index.ts'
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
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10 })
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin()],
    })
    const u = new URL(config.databaseUrl)
    return {
      db,
      dialect: 'postgres',
      describe: `postgres://${u.host}${u.pathname}`,
      close: () => db.destroy(),
    }
  }
  const file = config.sqliteFile ?? path.join(config.dataDir ?? './data', 'switchboard.db')
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new SQLite(file, { timeout: 5000 })
  sqlite.pragma('journal_mode = WAL')
  // WAL's default (NORMAL) can lose the last commits on power loss: a rotated refresh token
  // must survive, so every commit is synced.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  })
  return {
    db,
    dialect: 'sqlite',
    describe: `sqlite:${path.resolve(file)}`,
    sqliteFile: file === ':memory:' ? undefined : path.resolve(file),
    close: () => db.destroy(),
  }
}

/** Runs every pending migration. Idempotent; safe to run from several instances at once. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => migrations },
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
