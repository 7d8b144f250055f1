// Run by lazy-driver.pg.test.ts in a process of its own: prints whether the PostgreSQL driver
// (pg) is loaded after opening SQLite, after opening PostgreSQL, and after its first query.
import { createRequire } from 'node:module'
import { sql } from 'kysely'
import { openDatabase } from './database.ts'

const require = createRequire(import.meta.url)
const pgLoaded = () => Object.keys(require.cache).some((k) => /[/\\]node_modules[/\\]pg[/\\]lib[/\\]/.test(k))

const sqlite = openDatabase({ sqliteFile: ':memory:' })
await sql`select 1`.execute(sqlite.db)
const afterSqlite = pgLoaded()
const pg = openDatabase({ databaseUrl: process.env.DATABASE_URL })
const afterOpen = pgLoaded()
const row = await sql<{ one: number }>`select 1 as one`.execute(pg.db)
const afterQuery = pgLoaded()
await pg.close()
await sqlite.close()
process.stdout.write(`${JSON.stringify({ afterSqlite, afterOpen, afterQuery, one: row.rows[0]?.one })}\n`)
