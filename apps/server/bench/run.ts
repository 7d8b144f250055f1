/**
 * `pnpm bench proxy` — Switchboard's proxy against a bare pass-through proxy, side by side
 * in one run. A loopback upstream (its own process) answers small JSON; the load generator
 * (autocannon, its own process) drives each target:
 *   1. the upstream directly (once, for reference),
 *   2. a bare Node proxy (its own process: undici.request + pipe, no auth, no database),
 *   3. a Fastify pass-through (its own process: the same call as a Fastify route),
 *   4. Switchboard (its own process): API-key auth, connection lookup, credential injection.
 * 2–4 take turns for BENCH_ROUNDS rounds of BENCH_DURATION seconds, in an order that changes
 * each round, so drift in the machine's load hits them alike; every round starts them afresh
 * and warms them up (BENCH_WARMUP seconds each). Prints medians of requests/s, p50, p99, the
 * proxy process's CPU time per request and its garbage collection's share, and the ratios the
 * targets are written in: Switchboard ≥ 90 % of the bare proxy's throughput and ≤ 1 ms added
 * p99.
 */
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeDocsBlock } from './docs-block.ts'
import { BENCH_TOKEN as TOKEN } from './fixture.ts'
import { type BenchProcess, median, autocannon as runLoad, spawnBenchProcess } from './load.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const which = args.find((a) => !a.startsWith('--')) ?? 'proxy'
const duration = Number(process.env.BENCH_DURATION ?? 3)
const rounds = Number(process.env.BENCH_ROUNDS ?? 7)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64)
const warmup = Number(process.env.BENCH_WARMUP ?? 5)
const writeDocs = args.includes('--write')
// Switchboard's logger: silent by default, or at this level writing to /dev/null (the server's
// own default is info on stdout), to see what the line per request costs.
const logLevel = process.env.BENCH_LOG_LEVEL || 'silent'
if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
  console.error(`BENCH_LOG_LEVEL must be a pino level (fatal … trace, silent), not "${logLevel}"`)
  process.exit(1)
}
if (writeDocs && logLevel !== 'silent') {
  console.error('--write records runs with the silent logger only: unset BENCH_LOG_LEVEL')
  process.exit(1)
}

if (which === 'core') {
  await import('./core.ts')
} else if (which === 'instructions') {
  await import('./instructions.ts')
} else if (which === 'scale') {
  await import('./scale.ts')
} else if (which === 'startup') {
  await import('./startup.ts')
} else if (which !== 'proxy') {
  console.error(`Unknown benchmark "${which}". Available: proxy, core, instructions, scale, startup`)
  process.exit(1)
}

type BenchServer = BenchProcess

/** Starts one of bench/servers.ts's roles in its own process. */
function startServer(roleArgs: string[], env: Record<string, string> = {}): Promise<BenchServer> {
  // BENCH_CPU_PROF=<dir> profiles these processes too (run this one with node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : []
  return spawnBenchProcess(
    path.join(here, 'servers.ts'),
    roleArgs,
    { BENCH_LOG_LEVEL: logLevel, ...env },
    profile,
  )
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

function autocannon(
  url: string,
  extra: string[],
  seconds = duration,
): Promise<Omit<Run, 'cpuPerRequest' | 'gcPerRequest'> & { total: number }> {
  return runLoad(url, { connections, seconds, args: extra })
}

/** What to call on a server, and the runs measured. */
interface Target {
  name: string
  /** The URL and headers of the measured call, given the process's URL and line. */
  call(server: BenchServer): { url: string; headers: string[] }
  runs: Run[]
}

/** A proxy, started afresh every round. */
interface ProxyTarget extends Target {
  start(): Promise<BenchServer>
}

/** One recorded run against a server (or, with `record` false, a warm-up of BENCH_WARMUP s). */
async function measure(target: Target, server: BenchServer, record = true): Promise<void> {
  const { url, headers } = target.call(server)
  const args = headers.flatMap((h) => ['-H', h])
  if (!record) {
    await autocannon(url, args, warmup)
    return
  }
  const before = await server.usage()
  const r = await autocannon(url, args)
  const after = await server.usage()
  const per = (us: number) => (r.total > 0 ? us / r.total : 0)
  const run = { ...r, cpuPerRequest: per(after.cpu - before.cpu), gcPerRequest: per(after.gc - before.gc) }
  target.runs.push(run)
  console.error(
    `  ${target.name}: ${Math.round(r.rps)} req/s, ${Math.round(run.cpuPerRequest)} µs CPU/request (GC ${run.gcPerRequest.toFixed(1)})`,
  )
}

const direct: Target = {
  name: 'upstream (direct)',
  call: () => ({ url: `${upstreamUrl}/items`, headers: [`authorization=Bearer ${TOKEN}`] }),
  runs: [],
}
const bareTarget: ProxyTarget = {
  name: 'bare Node proxy (undici)',
  start: () => startServer(['bare', upstreamUrl]),
  call: (server) => ({ url: `${server.url}/items`, headers: [] }),
  runs: [],
}
const fastifyTarget: ProxyTarget = {
  name: 'Fastify pass-through (no auth)',
  start: () => startServer(['fastify', upstreamUrl]),
  call: (server) => ({ url: `${server.url}/items`, headers: [] }),
  runs: [],
}
function switchboardTarget(name: string, env: Record<string, string> = {}): ProxyTarget {
  return {
    name,
    start: () => startServer(['switchboard', upstreamUrl], env),
    call: (server) => {
      const sbCall = JSON.parse(server.info) as { path: string; headers: Record<string, string> }
      return {
        url: `${server.url}${sbCall.path}`,
        headers: Object.entries(sbCall.headers).map(([name, value]) => `${name}=${value}`),
      }
    },
    runs: [],
  }
}
const switchboard = switchboardTarget('Switchboard proxy')
// `--flags`: Switchboard again with each optimisation of apps/server/src/perf/ turned off, side
// by side, so the figure each one buys is measured in the same run.
const flagTargets = args.includes('--flags')
  ? [
      switchboardTarget('Switchboard, SWITCHBOARD_TICK_SHAPE=off', { SWITCHBOARD_TICK_SHAPE: 'off' }),
      switchboardTarget('Switchboard, read cache off (SWITCHBOARD_READ_CACHE_MS=0)', {
        BENCH_READ_CACHE_MS: '0',
      }),
    ]
  : []

console.error(
  `Benchmarking at ${connections} concurrent connections: ${rounds} rounds of ${duration}s per proxy, interleaved, each round on fresh processes${logLevel === 'silent' ? '' : `, Switchboard logging at ${logLevel} to /dev/null`}…`,
)
await measure(direct, upstream)
// Each round takes the next of the six orders, so over six rounds every proxy runs in every
// position and after each of the others alike.
const [b, f, s] = [bareTarget, fastifyTarget, switchboard]
const all = [b, f, s, ...flagTargets]
// With --flags, each round rotates the whole list instead.
const orders =
  flagTargets.length === 0
    ? [
        [b, f, s],
        [s, b, f],
        [f, s, b],
        [b, s, f],
        [f, b, s],
        [s, f, b],
      ]
    : all.map((_, i) => [...all.slice(i), ...all.slice(0, i)])
for (let round = 0; round < rounds; round++) {
  // Every round starts each proxy afresh: a Node process's garbage collector settles at start
  // into one of two regimes that it then keeps (docs/performance.md), so one process per proxy
  // for the whole run would make every round repeat one draw. Fresh processes make the rounds
  // independent, and the medians describe a typical process.
  const order = orders[round % orders.length] as ProxyTarget[]
  // One at a time: starting them side by side slows each one's start-up.
  const servers: BenchServer[] = []
  for (const target of order) servers.push(await target.start())
  // Warm-up (JIT, connection pools), not recorded.
  for (const [i, target] of order.entries()) await measure(target, servers[i] as BenchServer, false)
  for (const [i, target] of order.entries()) await measure(target, servers[i] as BenchServer)
  await Promise.all(servers.map((server) => server.stop()))
}

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
const [directR, bareR, fastifyR, sb] = [
  summary(direct),
  summary(bareTarget),
  summary(fastifyTarget),
  summary(switchboard),
]
// Ratios are taken round by round (each Switchboard run against the bare run of its round),
// then the median, so a machine that slows down mid-run does not skew them.
const throughputRatio = median(switchboard.runs.map((r, i) => r.rps / (bareTarget.runs[i]?.rps ?? r.rps)))
const addedP99 = median(switchboard.runs.map((r, i) => r.p99 - (bareTarget.runs[i]?.p99 ?? r.p99)))
const cpuRatio = median(
  switchboard.runs.map((r, i) => r.cpuPerRequest / (bareTarget.runs[i]?.cpuPerRequest ?? r.cpuPerRequest)),
)
// A process in the garbage collector's slow regime (docs/performance.md) spends several times
// the usual GC time per request; counted against the bare proxy's median, so a machine that
// is slow all round does not count as such.
const slowRegimeGc = 2.5 * bareR.gcPerRequest
const slowRounds = (t: Target) =>
  `${t.runs.filter((r) => r.gcPerRequest > slowRegimeGc).length} of ${t.runs.length}`
const row = (name: string, r: Run) =>
  `| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${Math.round(r.cpuPerRequest)} | ${r.gcPerRequest.toFixed(1)} | ${r.errors} | ${r.non2xx} |`
const lines = [
  '| target | requests/s | p50 (ms) | p99 (ms) | CPU µs/request | of which GC | errors | non-2xx |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  row(direct.name, directR),
  row(bareTarget.name, bareR),
  row(fastifyTarget.name, fastifyR),
  row(switchboard.name, sb),
  ...flagTargets.map((t) => row(t.name, summary(t))),
  '',
  ...flagTargets.map(
    (t) =>
      `- ${t.name} / Switchboard throughput: ${(median(t.runs.map((r, i) => r.rps / (switchboard.runs[i]?.rps ?? r.rps))) * 100).toFixed(1)} %, CPU per request ${median(t.runs.map((r, i) => r.cpuPerRequest / (switchboard.runs[i]?.cpuPerRequest ?? r.cpuPerRequest))).toFixed(2)}× (what the optimisation buys)`,
  ),
  `- Switchboard / bare proxy throughput: **${(throughputRatio * 100).toFixed(1)} %** (target ≥ 90 %)`,
  `- Switchboard p99 − bare proxy p99: **${addedP99.toFixed(2)} ms** (target ≤ 1 ms)`,
  `- Switchboard / bare proxy CPU per request: ${cpuRatio.toFixed(2)}×`,
  `- Fastify pass-through / bare proxy throughput: ${(median(fastifyTarget.runs.map((r, i) => r.rps / (bareTarget.runs[i]?.rps ?? r.rps))) * 100).toFixed(1)} % (a Fastify route streaming undici.request's answer)`,
  `- bare proxy / upstream throughput: ${((bareR.rps / directR.rps) * 100).toFixed(1)} %`,
  ...(logLevel === 'silent' ? [] : [`- Switchboard logging at ${logLevel}, to /dev/null`]),
  `- rounds in the garbage collector's slow regime (GC per request over ${slowRegimeGc.toFixed(1)} µs, 2.5× the bare proxy's median): Switchboard ${slowRounds(switchboard)}, Fastify pass-through ${slowRounds(fastifyTarget)}, bare proxy ${slowRounds(bareTarget)}`,
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
