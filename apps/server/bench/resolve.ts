/**
 * `pnpm bench resolve` — the hot reads at two table sizes, in one run: connection resolve,
 * get-by-id, session poll and the list's first page, with 1 k and then 1 M connections in
 * SQLite (and 100 k on PostgreSQL when DATABASE_URL is set; RESOLVE_PG_ROWS changes it). The
 * rows are grown by a fixture with bulk INSERT … SELECT from one connection made through the
 * core (not through the API). The read cache is off: every call reads the database. Prints
 * p50/p99 per read at each size and the ratio large / small of the p99 (targets: p99 ≤ 1 ms,
 * ratio ≤ 1.5). apps/server/src/hot-queries.db.test.ts checks the same queries' plans.
 */
import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import {
  type CoreDeps,
  createConnectToken,
  getConnection,
  listConnections,
  pollConnectSession,
  resolveConnectionRow,
} from '@switchboard/core'
import type { Dialect } from '@switchboard/db'
import { sql } from 'kysely'
import { benchSwitchboard } from './fixture.ts'

const calls = Number(process.env.RESOLVE_CALLS ?? 2000)
const small = 1000
const large = Number(process.env.RESOLVE_ROWS ?? 1_000_000)
const pgRows = Number(process.env.RESOLVE_PG_ROWS ?? 100_000)

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number
}

/** Grows `connections` to `rows` copies of the one connection (distinct id and externalId). */
async function grow(deps: CoreDeps, dialect: Dialect, templateId: string, rows: number): Promise<void> {
  const { count } = (await deps.db
    .selectFrom('connections')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()) as { count: number | string }
  const have = Number(count)
  if (have >= rows) return
  const columns =
    dialect === 'sqlite'
      ? (
          await sql<{ name: string }>`select name from pragma_table_info('connections')`.execute(deps.db)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string
          }>`select column_name as name from information_schema.columns where table_name = 'connections' and table_schema = current_schema() order by ordinal_position`.execute(
            deps.db,
          )
        ).rows.map((r) => r.name)
  const id =
    dialect === 'sqlite'
      ? sql`printf('%08x-0000-4000-8000-%012x', n.i, n.i)`
      : sql`lpad(to_hex(n.i), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n.i), 12, '0')`
  const select = columns.map((c) =>
    c === 'id' ? id : c === 'external_id' ? sql`'grown-' || n.i` : sql`c.${sql.ref(c)}`,
  )
  // In batches, so one statement's memory stays bounded.
  const batch = 100_000
  for (let from = have; from < rows; from += batch) {
    const to = Math.min(rows, from + batch)
    const series =
      dialect === 'sqlite'
        ? sql`with recursive n(i) as (select ${from} union all select i + 1 from n where i < ${to - 1})`
        : sql`with n(i) as (select generate_series(${from}::int, ${to - 1}::int))`
    await sql`${series} insert into connections (${sql.join(columns.map((c) => sql.ref(c)))}) select ${sql.join(select)} from n, connections c where c.id = ${templateId}`.execute(
      deps.db,
    )
  }
  if (dialect === 'postgres') await sql`analyze connections`.execute(deps.db)
}

interface Sizes {
  rows: number
  reads: Record<string, { p50: number; p99: number }>
}

async function measureAt(reads: Record<string, () => Promise<unknown>>, rows: number): Promise<Sizes> {
  const out: Sizes = { rows, reads: {} }
  for (const [name, read] of Object.entries(reads)) {
    for (let i = 0; i < calls / 4; i++) await read() // warm-up: JIT, statement cache
    const times: number[] = []
    for (let i = 0; i < calls; i++) {
      const start = performance.now()
      await read()
      times.push(performance.now() - start)
    }
    out.reads[name] = { p50: percentile(times, 50), p99: percentile(times, 99) }
    console.error(
      `  ${rows} rows, ${name}: p50 ${out.reads[name].p50.toFixed(3)} ms, p99 ${out.reads[name].p99.toFixed(3)} ms`,
    )
  }
  return out
}

async function benchDialect(dialect: Dialect, sizes: [number, number]): Promise<string[]> {
  const sb = await benchSwitchboard('http://127.0.0.1:9', { dialect })
  const deps: CoreDeps = { ...sb.t.deps, readCache: undefined }
  const principal = { kind: 'apiKey' as const, organizationId: sb.org.organizationId, apiKeyId: 'bench' }
  const { token } = await createConnectToken(deps, principal, {
    integrationName: 'bench-api',
    connectionName: 'Bench session',
    workspaceId: sb.org.workspaceId,
    externalId: 'bench-session',
  })
  const reads: Record<string, () => Promise<unknown>> = {
    'connection resolve': () =>
      resolveConnectionRow(deps, principal.organizationId, {
        integrationName: 'bench-api',
        workspaceId: sb.org.workspaceId,
        externalId: 'bench',
      }),
    'get by id': () => getConnection(deps, principal, sb.connectionId),
    'session poll': () => pollConnectSession(deps, token),
    "list's first page": () => listConnections(deps, principal, {}),
  }
  const results: Sizes[] = []
  for (const rows of sizes) {
    const start = performance.now()
    await grow(deps, dialect, sb.connectionId, rows)
    console.error(
      `${dialect}: ${rows} connections (grown in ${((performance.now() - start) / 1000).toFixed(1)} s)`,
    )
    results.push(await measureAt(reads, rows))
  }
  await sb.t.close()
  const [a, b] = results as [Sizes, Sizes]
  return Object.keys(reads).map((name) => {
    const x = a.reads[name] as { p50: number; p99: number }
    const y = b.reads[name] as { p50: number; p99: number }
    const ratio = y.p99 / x.p99
    return `| ${dialect} | ${name} | ${x.p50.toFixed(3)} | ${x.p99.toFixed(3)} | ${y.p50.toFixed(3)} | ${y.p99.toFixed(3)} | ${ratio.toFixed(2)} | ${y.p99 <= 1 && ratio <= 1.5 ? 'yes' : 'no'} |`
  })
}

console.error(`${calls} calls per read, one at a time, read cache off…`)
const loadBefore = loadavg()[0] as number
const rowsOut = [...(await benchDialect('sqlite', [small, large]))]
if (process.env.DATABASE_URL) rowsOut.push(...(await benchDialect('postgres', [small, pgRows])))
console.log(
  [
    `| database | read | p50 at 1 k (ms) | p99 at 1 k (ms) | p50 large (ms) | p99 large (ms) | p99 large / 1 k | p99 ≤ 1 ms and ratio ≤ 1.5 |`,
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...rowsOut,
    '',
    `- large: ${large.toLocaleString('en')} connections in SQLite${process.env.DATABASE_URL ? `, ${pgRows.toLocaleString('en')} on PostgreSQL` : ' (PostgreSQL skipped: no DATABASE_URL)'}; ${calls} sequential calls per read, read cache off`,
    `- machine load (1-min average) ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]?.toFixed(1)} at the end, ${availableParallelism()} cores; one pass per size`,
  ].join('\n'),
)
process.exit(0)
