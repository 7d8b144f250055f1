/**
 * `pnpm bench scale` — Switchboard's proxy on 1, 2 and 3 server processes sharing one
 * PostgreSQL database, behind a round-robin loopback balancer, side by side in one run.
 * Needs DATABASE_URL (a PostgreSQL database it may create a schema in).
 *
 * Each round starts every configuration afresh (servers, then the balancer), warms it up,
 * and measures it; the order of the configurations changes each round. It reports medians of
 * requests/s and latency, the servers' CPU time per request (all processes together) and the
 * balancer's, and, separately, the proxy rate limit's ceiling per process count: limits are
 * counted in each process (docs/deploy.md), so N processes let N × the limit through.
 *
 * On a 2-core machine the load generator, the balancer, the upstream, PostgreSQL and the
 * servers share two cores, so throughput cannot grow with the process count; the CPU per
 * request shows what each added process costs.
 */
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeDocsBlock } from './docs-block.ts'
import { BENCH_TOKEN, benchSwitchboard } from './fixture.ts'
import { autocannon, type BenchProcess, median, spawnBenchProcess } from './load.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const duration = Number(process.env.BENCH_DURATION ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64)
const warmup = Number(process.env.BENCH_WARMUP ?? 3)
const rateLimit = Number(process.env.BENCH_RATE_LIMIT ?? 300)
const writeDocs = process.argv.includes('--write')
const counts = [1, 2, 3]

if (!process.env.DATABASE_URL?.startsWith('postgres')) {
  console.error(
    'pnpm bench scale runs several servers on one PostgreSQL: set DATABASE_URL, e.g.\n' +
      '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm bench scale',
  )
  process.exit(1)
}

const upstream = await spawnBenchProcess(path.join(here, 'servers.ts'), ['upstream', BENCH_TOKEN])
const sb = await benchSwitchboard(upstream.url, { dialect: 'postgres' })
const serverEnv = {
  ...sb.t.database.env,
  SWITCHBOARD_ENCRYPTION_KEYS: sb.t.keys,
  SWITCHBOARD_EGRESS_ALLOW: '127.0.0.1',
  SWITCHBOARD_DATA_DIR: tmpdir(),
  LOG_LEVEL: 'info',
}
const headerArgs = Object.entries(sb.headers).flatMap(([name, value]) => ['-H', `${name}=${value}`])

interface Deployment {
  servers: BenchProcess[]
  balancer: BenchProcess
  stop(): Promise<void>
}

async function deploy(count: number, env: Record<string, string> = {}): Promise<Deployment> {
  const servers: BenchProcess[] = []
  for (let i = 0; i < count; i++) {
    servers.push(
      await spawnBenchProcess(path.join(here, 'scale-servers.ts'), ['switchboard'], {
        ...serverEnv,
        SCALE_LOG_FILE: path.join(tmpdir(), `switchboard-scale-${process.pid}-${i}.log`),
        ...env,
      }),
    )
  }
  const balancer = await spawnBenchProcess(path.join(here, 'scale-servers.ts'), [
    'balancer',
    servers.map((s) => s.url).join(','),
  ])
  return {
    servers,
    balancer,
    stop: () => Promise.all([balancer, ...servers].map((p) => p.stop())).then(() => {}),
  }
}

interface Run {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  serverCpu: number
  balancerCpu: number
}
const runs = new Map<number, Run[]>(counts.map((c) => [c, []]))
const cpuOf = async (ps: BenchProcess[]) =>
  (await Promise.all(ps.map((p) => p.usage()))).reduce((a, u) => a + u.cpu, 0)

console.error(
  `Benchmarking the proxy on ${counts.join(', ')} server processes on one PostgreSQL, behind a round-robin balancer: ${rounds} rounds of ${duration} s at ${connections} connections, each round on fresh processes…`,
)
for (let round = 0; round < rounds; round++) {
  const order = counts.map((_, i) => counts[(i + round) % counts.length] as number)
  for (const count of order) {
    const d = await deploy(count, { SWITCHBOARD_PROXY_RATE_LIMIT: '0' })
    const url = `${d.balancer.url}${sb.path}`
    await autocannon(url, { connections, seconds: warmup, args: headerArgs })
    const [serversBefore, balancerBefore] = [await cpuOf(d.servers), await cpuOf([d.balancer])]
    const r = await autocannon(url, { connections, seconds: duration, args: headerArgs })
    const [serversAfter, balancerAfter] = [await cpuOf(d.servers), await cpuOf([d.balancer])]
    await d.stop()
    const per = (us: number) => (r.total > 0 ? us / r.total : 0)
    const run = {
      ...r,
      serverCpu: per(serversAfter - serversBefore),
      balancerCpu: per(balancerAfter - balancerBefore),
    }
    runs.get(count)?.push(run)
    console.error(
      `  ${count} process${count > 1 ? 'es' : ''}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, ${Math.round(run.serverCpu)} µs server CPU/request`,
    )
  }
}

/** How many proxied calls N processes let through in one window of the per-minute limit. */
async function ceiling(count: number): Promise<{ passed: number; sent: number }> {
  // One fixed window per measurement: start early in a minute, so the calls all fall in it.
  const intoMinute = Date.now() % 60_000
  if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200))
  const d = await deploy(count, { SWITCHBOARD_PROXY_RATE_LIMIT: String(rateLimit) })
  const sent = rateLimit * count * 3
  const r = await autocannon(`${d.balancer.url}${sb.path}`, {
    connections: 16,
    seconds: 30,
    args: [...headerArgs, '-a', String(sent)],
  })
  await d.stop()
  return { passed: r.total - r.non2xx - r.errors, sent }
}
const ceilings: Array<{ count: number; passed: number; sent: number }> = []
for (const count of counts) ceilings.push({ count, ...(await ceiling(count)) })

const summary = (count: number) => {
  const rs = runs.get(count) ?? []
  return {
    rps: median(rs.map((r) => r.rps)),
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    errors: rs.reduce((a, r) => a + r.errors, 0),
    non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
    serverCpu: median(rs.map((r) => r.serverCpu)),
    balancerCpu: median(rs.map((r) => r.balancerCpu)),
  }
}
const one = summary(1)
const lines = [
  '| server processes | requests/s | vs 1 process | p50 (ms) | p99 (ms) | server CPU µs/request | balancer CPU µs/request | errors | non-2xx |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...counts.map((count) => {
    const s = summary(count)
    return `| ${count} | ${Math.round(s.rps)} | ${((s.rps / one.rps) * 100).toFixed(0)} % | ${s.p50} | ${s.p99} | ${Math.round(s.serverCpu)} | ${Math.round(s.balancerCpu)} | ${s.errors} | ${s.non2xx} |`
  }),
  '',
  `Proxy rate limit counted per process (\`SWITCHBOARD_PROXY_RATE_LIMIT=${rateLimit}\`, one window, ${'3 ×'} the limit sent per process): ${ceilings
    .map(
      (c) =>
        `${c.count} process${c.count > 1 ? 'es' : ''} let ${c.passed} of ${c.sent} through (ceiling ${c.count} × ${rateLimit} = ${c.count * rateLimit})`,
    )
    .join('; ')}.`,
]
console.log(lines.join('\n'))
if (writeDocs) {
  writeDocsBlock(
    'scale',
    `Last run (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch}, Node ${process.version}, ${availableParallelism()} cores; ${connections} connections, ${rounds} interleaved rounds of ${duration} s, medians; Switchboard at the default info log level, each process writing its log to a file):`,
    lines,
  )
}
await upstream.stop()
await sb.t.close()
process.exit(0)
