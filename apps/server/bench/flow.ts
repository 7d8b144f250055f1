/**
 * `pnpm bench flow` — hosted OAuth connect flows completed per second, end to end, against the
 * in-process oidc-provider and one Switchboard server process (`startServer`, SQLite, `info`
 * level). One flow is what a product and its end user do:
 *   1. `POST /api/v1/connect/token` (the product's backend, API key)
 *   2. the connect page: `GET /connect?token=…` and its `connect.describe` query
 *   3. `GET /api/v1/connect/authorize?token=…` → the provider's login and consent (a
 *      browserless user agent with a cookie jar, testing's completeAuthorization) → the
 *      redirect to Switchboard's callback
 *   4. `GET /oauth2/callback?code=…` (Switchboard exchanges the code at the provider and stores
 *      the connection)
 *   5. `POST /api/v1/connect/session/poll` until COMPLETED
 * The provider and the user agent run in this process, the server in its own: beside flows/s
 * the bench reports the CPU time the server process spent per flow (from /proc, Linux), the
 * figure that says what the server can do on a loaded machine, and this process's CPU per flow.
 * BENCH_CONCURRENCY (16) flows run at once for BENCH_DURATION (10) s, BENCH_ROUNDS (3) times;
 * it reports flows/s, flow latency and the median time of each step. Target: ≥ 200 flows/s.
 * `--write` rewrites the docs/performance.md block. BENCH_CPU_PROF=<dir> profiles the server.
 */
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { completeAuthorization } from '@switchboard/testing'
import type { ChildServer } from '../src/testing/child-server.ts'
import { type AcmeOrg, createAcmeOrg, startProcessFixture } from '../src/testing/processes.ts'
import { writeDocsBlock } from './docs-block.ts'
import { median } from './load.ts'

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
const duration = Number(process.env.BENCH_DURATION ?? 10)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const target = 200
const writeDocs = process.argv.includes('--write')
const steps = ['token', 'page', 'authorize', 'callback', 'poll'] as const
type Step = (typeof steps)[number]

let flowNo = 0
async function flow(server: ChildServer, org: AcmeOrg): Promise<Record<Step, number>> {
  const times = {} as Record<Step, number>
  let t = performance.now()
  const lap = (step: Step) => {
    const now = performance.now()
    times[step] = now - t
    t = now
  }
  const tokenRes = await fetch(`${server.url}/api/v1/connect/token`, {
    method: 'POST',
    headers: org.headers,
    body: JSON.stringify({
      integrationName: 'acme-idp',
      connectionName: 'Acme',
      externalId: `flow-${++flowNo}`,
      workspaceId: org.workspaceId,
    }),
  })
  if (tokenRes.status !== 201) throw new Error(`connect token answered ${tokenRes.status}`)
  const { token } = (await tokenRes.json()) as { token: string }
  lap('token')
  const page = await fetch(`${server.url}/connect?token=${encodeURIComponent(token)}`)
  await page.body?.cancel()
  if (page.status !== 200) throw new Error(`connect page answered ${page.status}`)
  const describe = await fetch(
    `${server.url}/trpc/connect.describe?input=${encodeURIComponent(JSON.stringify({ token }))}`,
  )
  await describe.body?.cancel()
  if (describe.status !== 200) throw new Error(`connect.describe answered ${describe.status}`)
  lap('page')
  const { callbackUrl } = await completeAuthorization(
    `${server.url}/api/v1/connect/authorize?token=${encodeURIComponent(token)}`,
    { stopAt: `${server.url}/oauth2/callback` },
  )
  lap('authorize')
  const callback = await fetch(callbackUrl, { redirect: 'manual' })
  await callback.body?.cancel()
  if (callback.status >= 400) throw new Error(`callback answered ${callback.status}`)
  lap('callback')
  for (;;) {
    const poll = (await (
      await fetch(`${server.url}/api/v1/connect/session/poll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      })
    ).json()) as { status: string }
    if (poll.status === 'COMPLETED') break
    if (poll.status !== 'PENDING' && poll.status !== 'CONNECTING') {
      throw new Error(`poll answered ${JSON.stringify(poll)}`)
    }
  }
  lap('poll')
  return times
}

/** CPU seconds (user + system) process `pid` has used so far (/proc/<pid>/stat, 100 ticks/s). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) / 100
}

interface Round {
  flows: number
  /** CPU ms per completed flow: the server process, and this one (provider + user agent). */
  serverCpuMs: number
  driverCpuMs: number
  failed: number
  perSecond: number
  latencies: number[]
  steps: Record<Step, number[]>
  firstError?: string
}

async function round(server: ChildServer, org: AcmeOrg): Promise<Round> {
  const end = performance.now() + duration * 1000
  const r: Round = {
    flows: 0,
    serverCpuMs: 0,
    driverCpuMs: 0,
    failed: 0,
    perSecond: 0,
    latencies: [],
    steps: Object.fromEntries(steps.map((s) => [s, []])) as unknown as Record<Step, number[]>,
  }
  const start = performance.now()
  const pid = server.process.pid as number
  const serverBefore = cpuSecondsOf(pid)
  const driverBefore = process.cpuUsage()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const begun = performance.now()
        try {
          const times = await flow(server, org)
          r.flows++
          r.latencies.push(performance.now() - begun)
          for (const s of steps) r.steps[s].push(times[s])
        } catch (err) {
          r.failed++
          r.firstError ??= err instanceof Error ? err.message : String(err)
        }
      }
    }),
  )
  r.perSecond = (r.flows / (performance.now() - start)) * 1000
  const driver = process.cpuUsage(driverBefore)
  r.serverCpuMs = ((cpuSecondsOf(pid) - serverBefore) * 1000) / Math.max(1, r.flows)
  r.driverCpuMs = (driver.user + driver.system) / 1000 / Math.max(1, r.flows)
  return r
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0
}

const started = new Date()
const loadBefore = loadavg()[0] ?? 0
const f = await startProcessFixture('sqlite')
let results: Round[] = []
try {
  // BENCH_CPU_PROF=<dir>: the server process writes a V8 CPU profile there when it exits
  // (docs/performance.md, "How to profile").
  const prof = process.env.BENCH_CPU_PROF
  const server = await f.startServer(
    { LOG_LEVEL: 'info', DATABASE_URL: '' },
    prof ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${prof}`] } : {},
  )
  const org = await createAcmeOrg(f)
  // Warm-up: a few flows, unmeasured.
  for (let i = 0; i < 3; i++) await flow(server, org)
  for (let i = 0; i < rounds; i++) {
    const r = await round(server, org)
    console.error(
      `  round ${i + 1}: ${r.flows} flows in ${duration} s = ${r.perSecond.toFixed(1)}/s, server CPU ${r.serverCpuMs.toFixed(1)} ms/flow, ${r.failed} failed` +
        (r.firstError ? ` (first: ${r.firstError})` : ''),
    )
    results.push(r)
  }
} finally {
  await f.close()
}
const loadAfter = loadavg()[0] ?? 0
const all = results.flatMap((r) => r.latencies)
const perSecond = median(results.map((r) => r.perSecond))
const failed = results.reduce((n, r) => n + r.failed, 0)
const serverCpuMs = median(results.map((r) => r.serverCpuMs))
const driverCpuMs = median(results.map((r) => r.driverCpuMs))
const stepMedians = steps.map((s) => `${s} ${median(results.flatMap((r) => r.steps[s])).toFixed(0)} ms`)
const heading =
  `Last run (${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${process.platform} ${process.arch}, ` +
  `Node ${process.version}, ${cpus().length} cores, load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}; ` +
  `${concurrency} flows at once, ${rounds} rounds of ${duration} s):`
const lines = [
  '| flows/s (median of rounds) | target | server CPU per flow | flows/s one server core allows | provider + user agent CPU per flow | flows completed | failed | flow p50 | flow p99 |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  `| ${perSecond.toFixed(1)} | ≥ ${target} | ${serverCpuMs.toFixed(1)} ms | ${(1000 / serverCpuMs).toFixed(0)} | ${driverCpuMs.toFixed(1)} ms | ${all.length} | ${failed} | ${percentile(all, 50).toFixed(0)} ms | ${percentile(all, 99).toFixed(0)} ms |`,
  '',
  `Median time per step: ${stepMedians.join(', ')}.`,
]
console.log([heading, '', ...lines].join('\n'))
if (writeDocs) writeDocsBlock('flow', heading, lines)
results = []
process.exit(failed > 0 ? 1 : 0)
