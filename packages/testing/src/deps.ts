import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  type Clock,
  type CoreDeps,
  createCipher,
  createGuardedAgent,
  createGuardedFetch,
  generateKey,
  type Logger,
  parseKeyRing,
  silentLogger,
} from '@switchboard/core'
import { type Db, type Dialect, migrateToLatest, openDatabase } from '@switchboard/db'
import pg from 'pg'

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-01-15T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current)
  }
  nowMs(): number {
    return this.current.getTime()
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms)
  }
  set(date: Date): void {
    this.current = new Date(date)
  }
}

/**
 * Which database the suite runs on: SQLite always; PostgreSQL when the `pg` vitest project
 * sets SWITCHBOARD_TEST_DIALECT=postgres. That project fails (never skips) without DATABASE_URL.
 */
export function testDialect(): Dialect {
  if (process.env.SWITCHBOARD_TEST_DIALECT !== 'postgres') return 'sqlite'
  if (!process.env.DATABASE_URL) {
    throw new Error('The PostgreSQL suite needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)')
  }
  return 'postgres'
}

export interface TestDatabase extends Db {
  /** The SQLite data dir or the PostgreSQL schema; dropped by `close()`. */
  location: string
  /** A connection string for this database (PostgreSQL) or the SQLite data dir, for second processes. */
  env: Record<string, string>
}

/** A fresh, migrated database: a temp SQLite file, or a throwaway PostgreSQL schema. */
export async function createTestDatabase(
  dialect: Dialect = testDialect(),
  options: { onQuery?: ((sql: string) => void) | undefined } = {},
): Promise<TestDatabase> {
  if (dialect === 'postgres') {
    const base = process.env.DATABASE_URL as string
    const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    const url = new URL(base)
    url.searchParams.set('options', `-c search_path=${schema}`)
    const db = openDatabase({ databaseUrl: url.toString(), poolSize: 20, onQuery: options.onQuery })
    await migrateToLatest(db.db)
    return {
      ...db,
      location: schema,
      env: { DATABASE_URL: url.toString() },
      async close() {
        await db.close()
        const c = new pg.Client({ connectionString: base })
        await c.connect()
        await c.query(`drop schema if exists ${schema} cascade`)
        await c.end()
      },
    }
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-test-'))
  const db = openDatabase({ dataDir, onQuery: options.onQuery })
  await migrateToLatest(db.db)
  return {
    ...db,
    location: dataDir,
    env: { SWITCHBOARD_DATA_DIR: dataDir },
    async close() {
      await db.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface TestDepsOptions {
  dialect?: Dialect
  clock?: Clock
  log?: Logger
  /** Key ring as SWITCHBOARD_ENCRYPTION_KEYS would give it. */
  keys?: string
  publicUrl?: string
  egressAllow?: string[]
  fetch?: typeof globalThis.fetch
  proxyRateLimitPerMinute?: number
  /** Every statement's SQL (openDatabase's `onQuery`). */
  onQuery?: (sql: string) => void
}

export interface TestDeps {
  deps: CoreDeps
  database: TestDatabase
  clock: Clock
  keys: string
  close(): Promise<void>
}

/** Core dependencies over a fresh database, as apps/server/src/main.ts would build them. */
export async function createTestDeps(options: TestDepsOptions = {}): Promise<TestDeps> {
  const database = await createTestDatabase(options.dialect, { onQuery: options.onQuery })
  const keys = options.keys ?? `k1:${generateKey()}`
  const clock = options.clock ?? new ManualClock()
  const egressAllow = options.egressAllow ?? ['127.0.0.1']
  const dispatcher = createGuardedAgent({ allow: egressAllow })
  const deps: CoreDeps = {
    db: database.db,
    dialect: database.dialect,
    clock,
    fetch: options.fetch ?? createGuardedFetch({ allow: egressAllow }, dispatcher),
    dispatcher,
    cipher: createCipher(parseKeyRing(keys)),
    log: options.log ?? silentLogger,
    config: {
      publicUrl: options.publicUrl ?? 'http://localhost:3000',
      egressAllow,
      proxyRateLimitPerMinute: options.proxyRateLimitPerMinute ?? 0,
    },
    newId: randomUUID,
  }
  return {
    deps,
    database,
    clock,
    keys,
    async close() {
      await dispatcher.close()
      await database.close()
    },
  }
}
