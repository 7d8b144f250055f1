/**
 * `pnpm bench proxy` — Switchboard's proxy against a bare pass-through proxy, side by side
 * in one run. A loopback upstream (its own process) answers small JSON; the load generator
 * (autocannon, its own process) drives each target:
 *   1. the upstream directly (once, for reference),
 *   2. a bare Node proxy (its own process: undici.request + pipe, no auth, no database),
 *   3. a Fastify pass-through (its own process: the same call as a Fastify route),
 *   4. Switchboard (its own process): API-key auth, connection lookup, credential injection.
 * 2–4 take turns for BENCH_ROUNDS rounds of BENCH_DURATION seconds, in an order that changes
 * each round, so drift in the machine's load hits them alike. Prints medians of requests/s,
 * p50, p99 and the proxy process's CPU time per request, and the ratios the targets are
 * written in: Switchboard ≥ 90 % of the bare proxy's throughput and ≤ 1 ms added p99.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeDocsBlock } from './docs-block.ts'
import { BENCH_TOKEN as TOKEN } from './fixture.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const which = args.find((a) => !a.startsWith('--')) ?? 'proxy'
const duration = Number(process.env.BENCH_DURATION ?? 3)
const rounds = Number(process.env.BENCH_ROUNDS ?? 7)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64)
const writeDocs = args.includes('--write')

if (which === 'core') {
  await import('./core.ts')
} else if (which === 'instructions') {
  await import('./instructions.ts')
} else if (which !== 'proxy') {
  console.error(`Unknown benchmark "${which}". Available: proxy, core, instructions`)
  process.exit(1)
}

const children: ChildProcess[] = []

interface BenchServer {
  url: string
  /** What the server's line adds after its URL (Switchboard's: the call's path and headers). */
  info: string
  /** CPU time (user + system, µs) the server's process has used so far. */
  cpu(): Promise<number>
}

/** Starts one of bench/servers.ts's roles in its own process. */
function startServer(...roleArgs: string[]): Promise<BenchServer> {
  // BENCH_CPU_PROF=<dir> profiles these processes too (run this one with node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : []
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', path.join(here, 'servers.ts'), ...roleArgs],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  )
  children.push(child)
  const cpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (u) => resolve((u as NodeJS.CpuUsage).user + (u as NodeJS.CpuUsage).system))
      child.send('cpu')
    })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`bench server ${roleArgs[0]} exited (${code})`)))
    child.stdout?.once('data', (d: Buffer) => {
      const [url = '', ...info] = d.toString().trim().split(' ')
      resolve({ url, info: info.join(' '), cpu })
    })
  })
}

const upstream = await startServer('upstream', TOKEN)
const upstreamUrl = upstream.url
const bare = await startServer('bare', upstreamUrl)
const fastifyOnly = await startServer('fastify', upstreamUrl)

const sbServer = await startServer('switchboard', upstreamUrl)
const sbCall = JSON.parse(sbServer.info) as { path: string; headers: Record<string, string> }

interface Run {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  /** The proxy process's CPU time per request, in µs. */
  cpuPerRequest: number
}

function autocannon(url: string, extra: string[]): Promise<Omit<Run, 'cpuPerRequest'> & { total: number }> {
  const bin = path.resolve(here, '../node_modules/.bin/autocannon')
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['-j', '-c', String(connections), '-d', String(duration), ...extra, url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
    })
    child.on('error', reject)
    child.on('exit', () => {
      const r = JSON.parse(out) as {
        requests: { average: number; total: number }
        latency: { p50: number; p99: number }
        errors: number
        non2xx: number
      }
      resolve({
        rps: r.requests.average,
        total: r.requests.total,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
      })
    })
  })
}

interface Target {
  name: string
  url: string
  headers: string[]
  cpu: () => Promise<number>
  runs: Run[]
}

async function measure(target: Target): Promise<void> {
  const before = await target.cpu()
  const r = await autocannon(
    target.url,
    target.headers.flatMap((h) => ['-H', h]),
  )
  const used = (await target.cpu()) - before
  target.runs.push({ ...r, cpuPerRequest: r.total > 0 ? used / r.total : 0 })
  console.error(`  ${target.name}: ${Math.round(r.rps)} req/s`)
}

const direct: Target = {
  name: 'upstream (direct)',
  url: `${upstreamUrl}/items`,
  headers: [`authorization=Bearer ${TOKEN}`],
  cpu: upstream.cpu,
  runs: [],
}
const bareTarget: Target = {
  name: 'bare Node proxy (undici)',
  url: `${bare.url}/items`,
  headers: [],
  cpu: bare.cpu,
  runs: [],
}
const fastifyTarget: Target = {
  name: 'Fastify pass-through (no auth)',
  url: `${fastifyOnly.url}/items`,
  headers: [],
  cpu: fastifyOnly.cpu,
  runs: [],
}
const switchboard: Target = {
  name: 'Switchboard proxy',
  url: `${sbServer.url}${sbCall.path}`,
  headers: Object.entries(sbCall.headers).map(([name, value]) => `${name}=${value}`),
  cpu: sbServer.cpu,
  runs: [],
}

console.error(
  `Benchmarking at ${connections} concurrent connections: ${rounds} rounds of ${duration}s per proxy, interleaved…`,
)
await measure(direct)
// Warm-up (JIT, connection pools), not recorded.
await autocannon(
  switchboard.url,
  switchboard.headers.flatMap((h) => ['-H', h]),
)
// Each round takes the next of the six orders, so over six rounds every proxy runs in every
// position and after each of the others alike.
const [b, f, s] = [bareTarget, fastifyTarget, switchboard]
const orders = [
  [b, f, s],
  [s, b, f],
  [f, s, b],
  [b, s, f],
  [f, b, s],
  [s, f, b],
]
for (let round = 0; round < rounds; round++) {
  for (const target of orders[round % orders.length] as Target[]) await measure(target)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
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
const row = (name: string, r: Run) =>
  `| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${Math.round(r.cpuPerRequest)} | ${r.errors} | ${r.non2xx} |`
const lines = [
  '| target | requests/s | p50 (ms) | p99 (ms) | CPU µs/request | errors | non-2xx |',
  '|---|---:|---:|---:|---:|---:|---:|',
  row(direct.name, directR),
  row(bareTarget.name, bareR),
  row(fastifyTarget.name, fastifyR),
  row(switchboard.name, sb),
  '',
  `- Switchboard / bare proxy throughput: **${(throughputRatio * 100).toFixed(1)} %** (target ≥ 90 %)`,
  `- Switchboard p99 − bare proxy p99: **${addedP99.toFixed(2)} ms** (target ≤ 1 ms)`,
  `- Switchboard / bare proxy CPU per request: ${cpuRatio.toFixed(2)}×`,
  `- Fastify pass-through / bare proxy throughput: ${(median(fastifyTarget.runs.map((r, i) => r.rps / (bareTarget.runs[i]?.rps ?? r.rps))) * 100).toFixed(1)} % (a Fastify route streaming undici.request's answer)`,
  `- bare proxy / upstream throughput: ${((bareR.rps / directR.rps) * 100).toFixed(1)} %`,
]
console.log(lines.join('\n'))

if (writeDocs) {
  writeDocsBlock(
    'bench',
    `Last run (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch}, Node ${process.version}, ${availableParallelism()} cores; ${connections} connections, ${rounds} interleaved rounds of ${duration} s, medians):`,
    lines,
  )
}

for (const child of children) child.kill()
process.exit(0)
