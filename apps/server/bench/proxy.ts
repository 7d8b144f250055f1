/**
 * `pnpm bench proxy` — Switchboard's three proxy routes against bare proxies, side by side in
 * one run. A loopback upstream (its own process) answers small JSON; the load generator
 * (autocannon, its own process) drives each target, each in its own process:
 *   - the upstream directly (once, for reference),
 *   - a bare Node pass-through proxy (undici.request + pipe, no auth, no database): the
 *     baseline of `GET /api/integrations/:id/request/*`,
 *   - a bare Node envelope proxy (reads a POST's JSON body `{method, url}`, JSON.parse,
 *     undici.request + pipe): the baseline of the envelope routes,
 *   - Switchboard's `GET /api/integrations/:id/request/items`, `POST /api/integrations/:id/request`
 *     (seed 002) and `POST /api/v1/proxy` (docs/connect-real-accounts.md), one process each:
 *     API-key auth, connection lookup, credential injection, at the default `info` log level
 *     writing its log to a file as a deployment does (logger.ts's logDestination).
 * The proxies take turns for BENCH_ROUNDS rounds of BENCH_DURATION seconds, in an order that
 * rotates each round, so drift in the machine's load hits them alike; every round starts them
 * afresh and warms them up (BENCH_WARMUP seconds each). Prints medians of requests/s, p50,
 * p99, the proxy process's CPU time per request and its garbage collection's share, and per
 * route the ratios the targets are written in (each taken round by round against its
 * baseline's run of that round): ≥ 90 % of the baseline's throughput, ≤ 1 ms added p99.
 *
 * `--silent`: the three routes again with the logger silent, beside (never instead).
 * `--flags`: the path route again with each optimisation of apps/server/src/perf/ off.
 * `--write`: records the table in docs/performance.md.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeDocsBlock } from './docs-block.ts'
import type { BenchCall } from './fixture.ts'
import { BENCH_TOKEN as TOKEN } from './fixture.ts'
import { type BenchProcess, median, autocannon as runLoad, spawnBenchProcess } from './load.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const duration = Number(process.env.BENCH_DURATION ?? 3)
const rounds = Number(process.env.BENCH_ROUNDS ?? 7)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64)
const warmup = Number(process.env.BENCH_WARMUP ?? 5)
const writeDocs = args.includes('--write')
const logDir = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-log-'))
let logFiles = 0

/** Starts one of bench/servers.ts's roles in its own process. */
function startServer(roleArgs: string[], env: Record<string, string> = {}): Promise<BenchProcess> {
  // BENCH_CPU_PROF=<dir> profiles these processes (read the .cpuprofile by self time).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : []
  return spawnBenchProcess(path.join(here, 'servers.ts'), roleArgs, env, profile)
}

const upstream = await startServer(['upstream', TOKEN])
const upstreamUrl = upstream.url

interface Run {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  /** The proxy process's CPU time per request, in µs. */
  cpuPerRequest: number
  /** Of which in garbage collection (the main thread's pauses), in µs. */
  gcPerRequest: number
}

interface Target {
  name: string
  /** The measured call, given the process. */
  call(server: BenchProcess): { url: string; args: string[] }
  runs: Run[]
}
interface ProxyTarget extends Target {
  start(): Promise<BenchProcess>
}

function loadArgs(call: Omit<BenchCall, 'path'>): string[] {
  return [
    ...Object.entries(call.headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]),
    ...(call.method === 'GET' ? [] : ['-m', call.method]),
    ...(call.body === undefined ? [] : ['-b', call.body]),
  ]
}

/** One recorded run against a server (or, with `record` false, a warm-up of BENCH_WARMUP s). */
async function measure(target: Target, server: BenchProcess, record = true): Promise<void> {
  const { url, args } = target.call(server)
  if (!record) {
    await runLoad(url, { connections, seconds: warmup, args })
    return
  }
  const before = await server.usage()
  const r = await runLoad(url, { connections, seconds: duration, args })
  const after = await server.usage()
  const per = (us: number) => (r.total > 0 ? us / r.total : 0)
  const run = { ...r, cpuPerRequest: per(after.cpu - before.cpu), gcPerRequest: per(after.gc - before.gc) }
  target.runs.push(run)
  console.error(
    `  ${target.name}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, ${Math.round(run.cpuPerRequest)} µs CPU/request (GC ${run.gcPerRequest.toFixed(1)})${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`,
  )
}

const direct: Target = {
  name: 'upstream (direct)',
  call: () => ({ url: `${upstreamUrl}/items`, args: ['-H', `authorization=Bearer ${TOKEN}`] }),
  runs: [],
}
const bare: ProxyTarget = {
  name: 'bare Node proxy (undici)',
  start: () => startServer(['bare', upstreamUrl]),
  call: (server) => ({ url: `${server.url}/items`, args: [] }),
  runs: [],
}
const envelope: ProxyTarget = {
  name: 'bare Node envelope proxy (JSON {method, url})',
  start: () => startServer(['envelope', upstreamUrl]),
  call: (server) => ({
    url: server.url,
    args: loadArgs({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'GET', url: '/items' }),
    }),
  }),
  runs: [],
}

type Route = 'path' | 'request' | 'proxy'
const routeName: Record<Route, string> = {
  path: 'GET /api/integrations/:id/request/*',
  request: 'POST /api/integrations/:id/request',
  proxy: 'POST /api/v1/proxy',
}
interface SwitchboardTarget extends ProxyTarget {
  route: Route
  baseline: ProxyTarget
}
function switchboard(
  route: Route,
  options: { silent?: boolean; env?: Record<string, string>; label?: string } = {},
) {
  const target: SwitchboardTarget = {
    name: `Switchboard ${routeName[route]}${options.silent ? ' (logger silent)' : ''}${options.label ?? ''}`,
    route,
    baseline: route === 'path' ? bare : envelope,
    start: () =>
      startServer(['switchboard', upstreamUrl], {
        ...(options.silent
          ? { BENCH_LOG_LEVEL: 'silent' }
          : { BENCH_LOG_LEVEL: 'info', BENCH_LOG_FILE: path.join(logDir, `${logFiles++}.log`) }),
        ...options.env,
      }),
    call: (server) => {
      const call = (JSON.parse(server.info) as Record<Route, BenchCall>)[route]
      return { url: `${server.url}${call.path}`, args: loadArgs(call) }
    },
    runs: [],
  }
  return target
}

const routes: Route[] = ['path', 'request', 'proxy']
const atInfo = routes.map((r) => switchboard(r))
const silent = args.includes('--silent') ? routes.map((r) => switchboard(r, { silent: true })) : []
// Each optimisation of apps/server/src/perf/ turned off, on the path route at info, so the
// figure each one buys is measured in the same run against that route's default row.
const flags = args.includes('--flags')
  ? [
      switchboard('path', { env: { SWITCHBOARD_TICK_SHAPE: 'off' }, label: ', SWITCHBOARD_TICK_SHAPE=off' }),
      switchboard('path', {
        env: { BENCH_READ_CACHE_MS: '0' },
        label: ', read cache off (SWITCHBOARD_READ_CACHE_MS=0)',
      }),
    ]
  : []
const all: ProxyTarget[] = [bare, envelope, ...atInfo, ...silent, ...flags]

console.error(
  `Benchmarking at ${connections} concurrent connections: ${rounds} rounds of ${duration}s per proxy, interleaved, each round on fresh processes; Switchboard logging at info to files in ${logDir}…`,
)
const loadBefore = loadavg()[0] as number
await measure(direct, upstream)
for (let round = 0; round < rounds; round++) {
  // Every round starts each proxy afresh (a Node process's garbage collector settles at start
  // into one of two regimes that it then keeps: docs/performance.md), in the next rotation
  // of the list, so over the rounds every proxy runs in every position.
  const order = all.map((_, i) => all[(i + round) % all.length] as ProxyTarget)
  console.error(`round ${round + 1} of ${rounds} (load ${loadavg()[0]?.toFixed(1)})`)
  // One at a time: starting them side by side slows each one's start-up.
  const servers: BenchProcess[] = []
  for (const target of order) servers.push(await target.start())
  for (const [i, target] of order.entries()) await measure(target, servers[i] as BenchProcess, false)
  for (const [i, target] of order.entries()) await measure(target, servers[i] as BenchProcess)
  await Promise.all(servers.map((server) => server.stop()))
}
const loadAfter = loadavg()[0] as number
let logBytes = 0
for (let i = 0; i < logFiles; i++) {
  try {
    logBytes += statSync(path.join(logDir, `${i}.log`)).size
  } catch {}
}
rmSync(logDir, { recursive: true, force: true })

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
function summary(t: Target): Run {
  return {
    rps: median(t.runs.map((r) => r.rps)),
    p50: median(t.runs.map((r) => r.p50)),
    p99: median(t.runs.map((r) => r.p99)),
    errors: sum(t.runs.map((r) => r.errors)),
    non2xx: sum(t.runs.map((r) => r.non2xx)),
    cpuPerRequest: median(t.runs.map((r) => r.cpuPerRequest)),
    gcPerRequest: median(t.runs.map((r) => r.gcPerRequest)),
  }
}
/** Round by round against `base`'s run of the same round, then the median. */
const ratio = (t: Target, base: Target, of: (r: Run) => number) =>
  median(t.runs.map((r, i) => of(r) / of(base.runs[i] ?? r)))
const added = (t: Target, base: Target, of: (r: Run) => number) =>
  median(t.runs.map((r, i) => of(r) - of(base.runs[i] ?? r)))

const row = (name: string, r: Run, vs?: { ratio: number; addedP99: number }) =>
  `| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${Math.round(r.cpuPerRequest)} | ${r.gcPerRequest.toFixed(1)} | ${vs ? `${(vs.ratio * 100).toFixed(1)} %` : '—'} | ${vs ? `${vs.addedP99 >= 0 ? '+' : ''}${vs.addedP99.toFixed(2)}` : '—'} | ${r.errors} / ${r.non2xx} |`
const sbRow = (t: SwitchboardTarget) =>
  row(t.name, summary(t), {
    ratio: ratio(t, t.baseline, (r) => r.rps),
    addedP99: added(t, t.baseline, (r) => r.p99),
  })
const verdict = (t: SwitchboardTarget) => {
  const rps = ratio(t, t.baseline, (r) => r.rps)
  const p99 = added(t, t.baseline, (r) => r.p99)
  const ok = rps >= 0.9 && p99 <= 1
  return `- ${routeName[t.route]} / ${t.baseline.name}: **${(rps * 100).toFixed(1)} %** throughput, p99 **${p99 >= 0 ? '+' : ''}${p99.toFixed(2)} ms**, CPU per request ${ratio(t, t.baseline, (r) => r.cpuPerRequest).toFixed(2)}× — ${ok ? 'meets' : 'misses'} the target (≥ 90 %, ≤ +1 ms)`
}
const lines = [
  '| target | requests/s | p50 (ms) | p99 (ms) | CPU µs/request | of which GC | vs baseline | p99 added (ms) | errors / non-2xx |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  row(direct.name, summary(direct)),
  row(bare.name, summary(bare)),
  row(envelope.name, summary(envelope)),
  ...atInfo.map(sbRow),
  ...silent.map(sbRow),
  ...flags.map(sbRow),
  '',
  ...atInfo.map(verdict),
  ...flags.map(
    (t) =>
      `- ${t.name} / the same route with it on: throughput ${(ratio(t, atInfo[0] as Target, (r) => r.rps) * 100).toFixed(1)} %, CPU per request ${ratio(t, atInfo[0] as Target, (r) => r.cpuPerRequest).toFixed(2)}× (what the optimisation buys)`,
  ),
  `- envelope baseline / pass-through baseline throughput: ${(ratio(envelope, bare, (r) => r.rps) * 100).toFixed(1)} %; bare proxy / upstream: ${((summary(bare).rps / summary(direct).rps) * 100).toFixed(1)} %`,
  `- Switchboard logged at info to a file (${(logBytes / 1e6).toFixed(0)} MB written in the run); vs baseline and p99 added are medians of per-round differences`,
  `- machine load (1-min average) ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, ${availableParallelism()} cores`,
]
console.log(lines.join('\n'))

if (writeDocs) {
  writeDocsBlock(
    'bench',
    `Last run (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch}, Node ${process.version}, ${availableParallelism()} cores; ${connections} connections, ${rounds} interleaved rounds of ${duration} s, medians):`,
    lines,
  )
}

await upstream.stop()
process.exit(0)
