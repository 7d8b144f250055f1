/**
 * `pnpm bench instructions` — what each proxy's own process executes per request, counted by
 * valgrind (callgrind) instead of timed: the same code and load give the same count to within
 * a few percent, however busy the machine's neighbours are, so a change of a few percent can
 * be seen in one run (`pnpm bench proxy`'s throughput on a shared 2-core machine moves by
 * 20 % and more between runs of the same code).
 *
 * For the bare proxy, the Fastify pass-through and Switchboard (bench/servers.ts, each in its
 * own process under valgrind, one after the other): warm up with BENCH_WARMUP requests while
 * valgrind only watches, then count instructions over BENCH_REQUESTS requests. The load is 2
 * connections: under valgrind a request takes ~50× longer, and more in flight would push
 * every call past the proxy's own timers (it watches for callers leaving after 50 ms).
 * The read cache is stretched alike (BENCH_READ_CACHE_MS) so it reloads as rarely per request
 * as in a real run.
 *
 * Reported per request: instructions on the main thread (the event loop, which is what limits
 * a proxy's throughput) and on all threads (adding the garbage collector's and the compiler's
 * helpers), with Switchboard's and the Fastify pass-through's as ratios to the bare proxy's.
 * Counts leave out the kernel (system calls are the same for all three: one read and one write
 * each way per request) and memory stalls.
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

async function autocannon(url: string, headers: string[], amount: number): Promise<void> {
  const bin = path.resolve(here, '../node_modules/.bin/autocannon')
  const args = [
    '-j',
    '-c',
    String(CONNECTIONS),
    '-a',
    String(amount),
    ...headers.flatMap((h) => ['-H', h]),
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

interface Count {
  /** Instructions per request on the main thread, and on all threads. */
  main: number
  all: number
}

/** Runs one bench server under callgrind and counts its instructions per request. */
async function count(role: string, upstreamUrl: string, outDir: string): Promise<Count> {
  const prefix = path.join(outDir, role)
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
      env: { ...process.env, BENCH_READ_CACHE_MS: '60000', BENCH_LOG_LEVEL: 'silent' },
    },
  )
  children.push(child)
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const [base = '', ...info] = (await firstLine(child, `${role} under valgrind`, () => stderr)).split(' ')
  const call = info.length
    ? (JSON.parse(info.join(' ')) as { path: { path: string; headers: Record<string, string> } }).path
    : { path: '/items', headers: {} }
  const url = `${base}${call.path}`
  const headers = Object.entries(call.headers).map(([name, value]) => `${name}=${value}`)
  const pid = child.pid as number

  console.error(`  ${role}: warming up (${warmup} requests)…`)
  await autocannon(url, headers, warmup)
  callgrindControl(pid, '--instr=on')
  console.error(`  ${role}: counting ${requests} requests…`)
  await autocannon(url, headers, requests)
  callgrindControl(pid, '--dump')
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited

  // The first dump (".1"), one file per thread ("-01" is the main thread).
  const files = readdirSync(outDir).filter((f) => f.startsWith(`${role}.${pid}.1-`))
  const total = (file: string) => {
    const m = /^(?:summary|totals): (\d+)/m.exec(readFileSync(path.join(outDir, file), 'utf8'))
    if (!m) throw new Error(`no instruction total in ${file}`)
    return Number(m[1])
  }
  const mainFile = files.find((f) => f.endsWith('-01'))
  if (!mainFile) throw new Error(`callgrind wrote no dump for ${role}'s main thread`)
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
const targets = [
  { role: 'bare', name: 'bare Node proxy (undici)' },
  { role: 'fastify', name: 'Fastify pass-through (no auth)' },
  { role: 'switchboard', name: 'Switchboard proxy' },
] as const
const counts: Record<string, Count> = {}
for (const t of targets) counts[t.role] = await count(t.role, upstreamUrl, outDir)
rmSync(outDir, { recursive: true, force: true })

const bare = counts.bare as Count
const k = (n: number) => `${(n / 1000).toFixed(1)}k`
const lines = [
  '| target | instructions/request (main thread) | × bare | all threads | × bare |',
  '|---|---:|---:|---:|---:|',
  ...targets.map(({ role, name }) => {
    const c = counts[role] as Count
    return `| ${name} | ${k(c.main)} | ${(c.main / bare.main).toFixed(2)} | ${k(c.all)} | ${(c.all / bare.all).toFixed(2)} |`
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
