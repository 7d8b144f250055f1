/**
 * `pnpm bench refresh-storm` — 1,000 concurrent proxied calls (`POST /api/v1/proxy`) on one
 * connection whose access token has expired, against the in-process oidc-provider: the count
 * that matters is the refresh grants the provider saw (exactly 1) and the calls that failed (0).
 *   1. one server process on SQLite;
 *   2. three server processes on one PostgreSQL database, the calls dealt round-robin over
 *      them (needs DATABASE_URL; skipped, with the reason printed, when it is unset).
 * Each server is a real `startServer` process (src/testing/serve.ts) at the default `info`
 * log level; the upstream accepts only tokens the provider says are active. The provider
 * answers each token request after BENCH_TOKEN_DELAY_MS (default 100 ms, a provider's usual
 * latency), so the storm's calls really wait on one refresh.
 *
 * BENCH_CALLS (1000) and BENCH_ROUNDS (3) storms per configuration; `--write` rewrites the
 * docs/performance.md block.
 */
import { cpus } from 'node:os'
import type { Dialect } from '@switchboard/db'
import type { ChildServer } from '../src/testing/child-server.ts'
import { connectThroughServer, expireAccessToken, startProcessFixture } from '../src/testing/processes.ts'
import { writeDocsBlock } from './docs-block.ts'
import { median } from './load.ts'

const calls = Number(process.env.BENCH_CALLS ?? 1000)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const tokenDelayMs = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 100)
const writeDocs = process.argv.includes('--write')

interface Storm {
  grants: number
  failed: number
  ms: number
  p50: number
  p99: number
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0
}

async function storms(dialect: Dialect, processes: number): Promise<Storm[]> {
  const f = await startProcessFixture(dialect)
  try {
    const servers: ChildServer[] = []
    // On SQLite the servers open the fixture's file: a DATABASE_URL of the bench's own
    // environment (set for the PostgreSQL half) must not reach them.
    const extra = { LOG_LEVEL: 'info', ...(dialect === 'sqlite' && { DATABASE_URL: '' }) }
    for (let i = 0; i < processes; i++) servers.push(await f.startServer(extra))
    const first = servers[0] as ChildServer
    const { connectionId, headers } = await connectThroughServer(f, first)
    const body = JSON.stringify({ connectionId, url: '/me' })
    const call = async (server: ChildServer) => {
      const start = performance.now()
      const r = await fetch(`${server.url}/api/v1/proxy`, { method: 'POST', headers, body })
      await r.body?.cancel()
      return { status: r.status, ms: performance.now() - start }
    }
    // Warm every process up (database pool, caches) so that the storm's calls really overlap.
    for (const server of servers) {
      const w = await call(server)
      if (w.status !== 200) throw new Error(`warm-up call answered ${w.status}`)
    }
    f.provider.setTokenDelay(tokenDelayMs)
    const results: Storm[] = []
    for (let round = 0; round < rounds; round++) {
      await expireAccessToken(f, connectionId)
      f.provider.resetStats()
      const start = performance.now()
      const answers = await Promise.all(
        Array.from({ length: calls }, (_, i) => call(servers[i % servers.length] as ChildServer)),
      )
      const ms = performance.now() - start
      const latencies = answers.map((a) => a.ms)
      const storm: Storm = {
        grants: f.provider.stats.tokenRequests.refresh_token,
        failed: answers.filter((a) => a.status !== 200).length,
        ms,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      }
      console.error(
        `  ${dialect} ×${processes} round ${round + 1}: ${storm.grants} refresh grant(s), ${storm.failed} failed, ` +
          `${ms.toFixed(0)} ms for ${calls} calls (p50 ${storm.p50.toFixed(0)} ms, p99 ${storm.p99.toFixed(0)} ms)`,
      )
      results.push(storm)
    }
    return results
  } finally {
    await f.close()
  }
}

function row(label: string, runs: Storm[]): string {
  const grants = runs.map((r) => r.grants)
  const failed = runs.reduce((n, r) => n + r.failed, 0)
  const ms = median(runs.map((r) => r.ms))
  return (
    `| ${label} | ${grants.join(', ')} | ${failed} of ${calls * runs.length} | ${ms.toFixed(0)} ms | ` +
    `${((calls / ms) * 1000).toFixed(0)} | ${median(runs.map((r) => r.p50)).toFixed(0)} ms | ` +
    `${median(runs.map((r) => r.p99)).toFixed(0)} ms |`
  )
}

const started = new Date()
const lines = [
  `| configuration | refresh grants per storm | calls failed | storm (median) | calls/s | p50 | p99 |`,
  `| --- | --- | --- | --- | --- | --- | --- |`,
]
const sqlite = await storms('sqlite', 1)
lines.push(row('1 process, SQLite', sqlite))
let pgNote = ''
let pg: Storm[] = []
if (process.env.DATABASE_URL?.startsWith('postgres')) {
  pg = await storms('postgres', 3)
  lines.push(row('3 processes, one PostgreSQL', pg))
} else {
  pgNote = 'The three-process half did not run: DATABASE_URL is not set to a PostgreSQL database.'
  console.error(`Skipping the PostgreSQL half: ${pgNote}`)
}
const heading =
  `Last run (${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${process.platform} ${process.arch}, ` +
  `Node ${process.version}, ${cpus().length} cores; ${calls} concurrent calls per storm, ${rounds} storms per ` +
  `configuration, token endpoint delay ${tokenDelayMs} ms):`
const out = [...lines, ...(pgNote ? ['', pgNote] : [])]
console.log([heading, '', ...out].join('\n'))
if (writeDocs) writeDocsBlock('refresh-storm', heading, out)
const ok = [...sqlite, ...pg].every((r) => r.grants === 1 && r.failed === 0)
if (!ok) {
  console.error('FAILED: a storm made other than exactly one refresh grant, or a call failed')
  process.exitCode = 1
}
process.exit()
