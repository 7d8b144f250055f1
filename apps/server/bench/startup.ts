/**
 * `pnpm bench startup`: cold start of the compiled server (`node dist/main.js`, `pnpm build`
 * first) to its first 200 from /healthz, and its resident memory once idle, against a bare
 * Fastify app that opens the same SQLite file (bench/bare-startup.mjs), in one run: the two
 * take turns for BENCH_ROUNDS rounds (default 7), medians shown. The database is migrated once
 * before the rounds, so each start is a restart (the usual case), not a first install.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const main = path.resolve(here, '../dist/main.js')
if (!existsSync(main)) {
  console.error('apps/server/dist/main.js is missing: run `pnpm build` first')
  process.exit(1)
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 7)
const idleMs = Number(process.env.BENCH_IDLE_MS ?? 2000)
const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-startup-'))
const keys = `bench:${Buffer.alloc(32, 7).toString('base64')}`

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return line ? Number(line[1]) / 1024 : Number.NaN
}

/** Starts `args`, polls /healthz until a 200; returns ms to it and the idle RSS (MB). */
async function measure(args: string[]): Promise<{ ms: number; rss: number }> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_ENCRYPTION_KEYS: keys,
      BENCH_SQLITE_FILE: path.join(dataDir, 'switchboard.db'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  let ms = Number.NaN
  while (Number.isNaN(ms)) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited ${child.exitCode}`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`)
      await res.body?.cancel()
      if (res.status === 200) ms = performance.now() - started
    } catch {
      await new Promise((r) => setTimeout(r, 5))
    }
  }
  await new Promise((r) => setTimeout(r, idleMs))
  const rss = rssMb(child.pid as number)
  child.kill('SIGTERM')
  await exited
  return { ms, rss }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

// Migrates the file (and warms the OS's file cache alike for both).
await measure([main])
const targets = { switchboard: [main], bare: [path.join(here, 'bare-startup.mjs')] }
const results: Record<keyof typeof targets, { ms: number[]; rss: number[] }> = {
  switchboard: { ms: [], rss: [] },
  bare: { ms: [], rss: [] },
}
for (let round = 0; round < rounds; round++) {
  const order = (round % 2 ? ['bare', 'switchboard'] : ['switchboard', 'bare']) as (keyof typeof targets)[]
  for (const name of order) {
    const r = await measure(targets[name])
    results[name].ms.push(r.ms)
    results[name].rss.push(r.rss)
    console.error(`round ${round + 1} ${name}: ${r.ms.toFixed(0)} ms, ${r.rss.toFixed(1)} MB`)
  }
}
rmSync(dataDir, { recursive: true, force: true })
const sw = { ms: median(results.switchboard.ms), rss: median(results.switchboard.rss) }
const bare = { ms: median(results.bare.ms), rss: median(results.bare.rss) }
console.log(`Startup (${rounds} rounds, medians; Node ${process.version}, ${process.platform} ${process.arch}):

| target                         | start → first 200 /healthz (ms) | idle RSS (MB) |
| ------------------------------ | ------------------------------: | ------------: |
| bare Fastify + the SQLite file | ${bare.ms.toFixed(0).padStart(31)} | ${bare.rss.toFixed(1).padStart(13)} |
| Switchboard (node dist/main.js) | ${sw.ms.toFixed(0).padStart(30)} | ${sw.rss.toFixed(1).padStart(13)} |

- Switchboard: ${(sw.ms / 1000).toFixed(2)} s (target ≤ 0.5 s), ${sw.rss.toFixed(0)} MB (target ≤ 100 MB)
- Switchboard / bare: ${(sw.ms / bare.ms).toFixed(1)}× the time, ${(sw.rss / bare.rss).toFixed(1)}× the memory`)
process.exit(0)
