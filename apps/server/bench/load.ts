/** The load generator and the arithmetic every benchmark reports with. */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

export interface LoadResult {
  rps: number
  total: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

/** autocannon in its own process: `connections` busy connections on `url` for `seconds`. */
export function autocannon(url: string, options: { connections: number; seconds: number; args?: string[] }) {
  const bin = path.resolve(here, '../node_modules/.bin/autocannon')
  const argv = [
    '-j',
    '-c',
    String(options.connections),
    '-d',
    String(options.seconds),
    ...(options.args ?? []),
    url,
  ]
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'inherit'] })
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

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** A benchmark process: where it listens, the rest of its first line, and its CPU so far. */
export interface BenchProcess {
  url: string
  info: string
  /** CPU time (user + system) and time in garbage collection the process has used so far, µs. */
  usage(): Promise<{ cpu: number; gc: number }>
  stop(): Promise<void>
}

const running = new Set<ReturnType<typeof spawn>>()
// However the benchmark ends, no process it started outlives it.
process.on('exit', () => {
  for (const child of running) child.kill()
})

/**
 * Runs `script` (a bench server module) in its own Node process; it prints its URL (and, after
 * a space, anything else) on its first stdout line, and answers the IPC message 'usage' with
 * its `process.cpuUsage()` and `gc` µs.
 */
export function spawnBenchProcess(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
) {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  let stopping = false
  const usage = () =>
    new Promise<{ cpu: number; gc: number }>((resolve) => {
      child.once('message', (u) => {
        const { user, system, gc } = u as NodeJS.CpuUsage & { gc: number }
        resolve({ cpu: user + system, gc })
      })
      child.send('usage')
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill()
    })
  return new Promise<BenchProcess>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      if (!stopping)
        reject(new Error(`bench process ${path.basename(script)} ${args[0] ?? ''} exited (${code})`))
    })
    child.stdout?.once('data', (d: Buffer) => {
      const [url = '', ...info] = d.toString().trim().split(' ')
      resolve({ url, info: info.join(' '), usage, stop })
    })
  })
}
