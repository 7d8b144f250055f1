/**
 * `pnpm bench instructions` — what each proxy's own process executes per request, counted by
 * valgrind (callgrind) instead of timed: the same code and load give the same count to within
 * a few percent, however busy the machine's neighbours are, so a change of a few percent can
 * be seen in one run (`pnpm bench proxy`'s throughput on a shared 2-core machine moves by
 * 20 % and more between runs of the same code).
 *
 * For the bare proxy, the Fastify pass-through, Switchboard's path route with its logger silent
 * and at info, the bare envelope proxy and Switchboard's two JSON-envelope routes at info
 * (`pnpm bench proxy`'s targets; at info the log goes to a file, as there), each from
 * bench/servers.ts in its own process under valgrind, one after the other (BENCH_TARGETS picks
 * some by key): warm up with BENCH_WARMUP requests while
 * valgrind only watches, then count instructions over BENCH_REQUESTS requests. The load is 2
 * connections: under valgrind a request takes ~50× longer, and more in flight would push
 * every call past the proxy's own timers (it watches for callers leaving after 50 ms).
 * The read cache is stretched alike (BENCH_READ_CACHE_MS) so it reloads as rarely per request
 * as in a real run.
 *
 * Reported per request: instructions on the main thread (the event loop, which is what limits
 * a proxy's throughput) and on all threads (adding the garbage collector's and the compiler's
 * helpers), each as a ratio to its baseline's (the bare proxy for the path route and the Fastify
 * pass-through, the bare envelope proxy for the envelope routes). Counts leave out the kernel
 * (the socket system calls are the same for all: one read and one write each way per request;
 * at info, Switchboard's log line is one more write, whose kernel side is not counted) and
 * memory stalls.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeDocsBlock } from './docs-block.ts'
import { BENCH_TOKEN } from './fixture.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const warmup = Number(process.env.BENCH_WARMUP ?? 10_000)
const requests = Number(process.env.BENCH_REQUESTS ?? 3_000)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2)
const writeDocs = process.argv.includes('--write')

for (const tool of ['valgrind', 'callgrind_control']) {
  if (spawnSync(tool, ['--version']).error) {
    console.error(
      `pnpm bench instructions counts with valgrind, and ${tool} is not on this machine.\n` +
        'Install it (Debian or Ubuntu: apt-get install valgrind) or use pnpm bench proxy.',
    )
    process.exit(1)
  }
}

const children: ChildProcess[] = []
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})

/** Resolves with the first line the process prints (a bench server's URL and info). */
function firstLine(child: ChildProcess, what: string, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')))
    })
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before listening:\n${stderr()}`)))
  })
}

function serverArgs(role: string, arg: string): string[] {
  return ['--import', 'tsx', path.join(here, 'servers.ts'), role, arg]
}

async function autocannon(url: string, call: Omit<Call, 'path'>, amount: number): Promise<void> {
  const bin = path.resolve(here, '../node_modules/.bin/autocannon')
  const args = [
    '-j',
    '-c',
    String(CONNECTIONS),
    '-a',
    String(amount),
    ...Object.entries(call.headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]),
    ...(call.method === 'POST' ? ['-m', 'POST'] : []),
    ...(call.body === undefined ? [] : ['-b', call.body]),
    url,
  ]
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'ignore'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
  })
  await new Promise((resolve) => child.once('exit', resolve))
  const r = JSON.parse(out) as { errors: number; non2xx: number; requests: { total: number } }
  if (r.errors > 0 || r.non2xx > 0 || r.requests.total < amount) {
    throw new Error(
      `${url}: ${r.errors} errors and ${r.non2xx} non-2xx answers in ${r.requests.total} requests`,
    )
  }
}

function callgrindControl(pid: number, ...args: string[]): void {
  const r = spawnSync('callgrind_control', [...args, String(pid)], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`callgrind_control ${args.join(' ')} failed: ${r.stderr}`)
}

/** One measured call (bench/fixture.ts's BenchCall). */
interface Call {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

/** What one count runs: a bench/servers.ts role and, for Switchboard, which route at which log level. */
interface Target {
  key: string
  name: string
  role: 'bare' | 'envelope' | 'fastify' | 'switchboard'
  route?: 'path' | 'request' | 'proxy'
  /** Switchboard's log level: silent, or info written to a file (as `pnpm bench proxy` runs it). */
  log?: 'silent' | 'info'
  /** The key of the target its ratio is taken against. */
  baseline: string
}

/** The envelope baselines' call (bench/proxy.ts's). */
const ENVELOPE_CALL: Call = {
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ method: 'GET', url: '/items' }),
}

interface Count {
  /** Instructions per request on the main thread, and on all threads. */
  main: number
  all: number
}

/** Runs one bench server under callgrind and counts its instructions per request. */
async function count(target: Target, upstreamUrl: string, outDir: string): Promise<Count> {
  const { role, key } = target
  const prefix = path.join(outDir, key)
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      '--separate-threads=yes',
      // V8 writes and rewrites machine code; valgrind must see every change.
      '--smc-check=all-non-file',
      `--callgrind-out-file=${prefix}.%p`,
      process.execPath,
      ...serverArgs(role, upstreamUrl),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        BENCH_READ_CACHE_MS: '60000',
        ...(target.log === 'info'
          ? { BENCH_LOG_LEVEL: 'info', BENCH_LOG_FILE: path.join(outDir, `${key}.log`) }
          : { BENCH_LOG_LEVEL: 'silent' }),
      },
    },
  )
  children.push(child)
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const [base = '', ...info] = (await firstLine(child, `${key} under valgrind`, () => stderr)).split(' ')
  const call: Call = info.length
    ? ((JSON.parse(info.join(' ')) as Record<string, Call>)[target.route ?? 'path'] as Call)
    : role === 'envelope'
      ? ENVELOPE_CALL
      : { method: 'GET', path: '/items', headers: {} }
  const url = `${base}${call.path}`
  const pid = child.pid as number

  console.error(`  ${target.name}: warming up (${warmup} requests)…`)
  await autocannon(url, call, warmup)
  callgrindControl(pid, '--instr=on')
  console.error(`  ${target.name}: counting ${requests} requests…`)
  await autocannon(url, call, requests)
  callgrindControl(pid, '--dump')
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited

  // The first dump (".1"), one file per thread ("-01" is the main thread).
  const files = readdirSync(outDir).filter((f) => f.startsWith(`${key}.${pid}.1-`))
  const total = (file: string) => {
    const m = /^(?:summary|totals): (\d+)/m.exec(readFileSync(path.join(outDir, file), 'utf8'))
    if (!m) throw new Error(`no instruction total in ${file}`)
    return Number(m[1])
  }
  const mainFile = files.find((f) => f.endsWith('-01'))
  if (!mainFile) throw new Error(`callgrind wrote no dump for ${key}'s main thread`)
  return {
    main: total(mainFile) / requests,
    all: files.reduce((sum, f) => sum + total(f), 0) / requests,
  }
}

const outDir = mkdtempSync(path.join(tmpdir(), 'switchboard-instructions-'))
const upstream = spawn(process.execPath, serverArgs('upstream', BENCH_TOKEN), {
  stdio: ['ignore', 'pipe', 'inherit'],
})
children.push(upstream)
const upstreamUrl = await firstLine(upstream, 'the upstream', () => '')

console.error(
  `Counting instructions per request under valgrind: ${warmup} requests to warm up, then ${requests}, ${CONNECTIONS} connections…`,
)
// The path route with the logger silent (the count's history), then, as `pnpm bench proxy`
// runs them, all three routes at info writing their log to a file, each against its baseline.
// BENCH_TARGETS=key,key… counts only those (e.g. `envelope,request-info`).
const allTargets: Target[] = [
  { key: 'bare', name: 'bare Node proxy (undici)', role: 'bare', baseline: 'bare' },
  { key: 'fastify', name: 'Fastify pass-through (no auth)', role: 'fastify', baseline: 'bare' },
  {
    key: 'path-silent',
    name: 'Switchboard GET …/request/* (logger silent)',
    role: 'switchboard',
    route: 'path',
    log: 'silent',
    baseline: 'bare',
  },
  {
    key: 'path-info',
    name: 'Switchboard GET …/request/* (info)',
    role: 'switchboard',
    route: 'path',
    log: 'info',
    baseline: 'bare',
  },
  {
    key: 'envelope',
    name: 'bare Node envelope proxy (JSON {method, url})',
    role: 'envelope',
    baseline: 'envelope',
  },
  {
    key: 'request-info',
    name: 'Switchboard POST …/request (info)',
    role: 'switchboard',
    route: 'request',
    log: 'info',
    baseline: 'envelope',
  },
  {
    key: 'proxy-info',
    name: 'Switchboard POST /api/v1/proxy (info)',
    role: 'switchboard',
    route: 'proxy',
    log: 'info',
    baseline: 'envelope',
  },
]
const only = process.env.BENCH_TARGETS?.split(',')
const targets = only ? allTargets.filter((t) => only.includes(t.key)) : allTargets
const counts: Record<string, Count> = {}
for (const t of targets) counts[t.key] = await count(t, upstreamUrl, outDir)
rmSync(outDir, { recursive: true, force: true })

const k = (n: number) => `${(n / 1000).toFixed(1)}k`
const times = (c: Count, base: Count | undefined, of: (c: Count) => number) =>
  base ? `${(of(c) / of(base)).toFixed(2)}` : '—'
const lines = [
  '| target | instructions/request (main thread) | × its baseline | all threads | × its baseline |',
  '|---|---:|---:|---:|---:|',
  ...targets.map(({ key, name, baseline }) => {
    const c = counts[key] as Count
    const base = counts[baseline]
    return `| ${name} | ${k(c.main)} | ${times(c, base, (x) => x.main)} | ${k(c.all)} | ${times(c, base, (x) => x.all)} |`
  }),
]
console.log(lines.join('\n'))

if (writeDocs) {
  writeDocsBlock(
    'instructions',
    `Last count (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch}, Node ${process.version}; ${warmup} requests to warm up, ${requests} counted, ${CONNECTIONS} connections):`,
    lines,
  )
}
upstream.kill()
process.exit(0)
