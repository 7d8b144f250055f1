/**
 * Reads V8 CPU profiles (`BENCH_CPU_PROF=<dir> pnpm bench proxy` writes one per process) and
 * prints where each process spent its time while it served load, by self time:
 *
 *   tsx bench/cpu-profile.ts <file.cpuprofile>… [--top N]
 *
 * Only samples from the first one whose stack holds Node's HTTP parser (the first request the
 * process was sent over a socket: Switchboard's own `inject` at start-up does not use it) are
 * counted, and idle ones are left out, so start-up and the pauses between runs do not count.
 * Prints, per profile, the share of those samples by area (node core, undici, fastify, pino,
 * zod, packages/core…) and the top functions by self time, with file and line.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
}

/** The area a function belongs to, by its file. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame
  if (url === '') {
    if (functionName === '(garbage collector)') return 'garbage collector'
    if (functionName === '(program)') return '(program: V8 and native code not attributed)'
    if (/writev|writeUtf8String|writeLatin1String|writeString|writeBuffer|writeSync/.test(functionName))
      return 'socket and file writes (native)'
    return `native: ${functionName}`
  }
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) {
    const name = pkg[1] as string
    if (name === 'sonic-boom' || name.startsWith('pino')) return 'pino + sonic-boom'
    if (name === 'fastify' || name.startsWith('@fastify/') || name === 'find-my-way' || name === 'avvio')
      return 'fastify (and find-my-way, light-my-request…)'
    return name
  }
  if (url.startsWith('node:internal/async_hooks') || url.includes('async_local_storage')) return 'async_hooks'
  if (url.startsWith('node:internal/process/task_queues')) return 'microtask and nextTick queues'
  if (url.startsWith('node:')) return 'node core (http, net, streams, events)'
  if (url.includes('/packages/core/')) return 'packages/core'
  if (url.includes('/packages/api/')) return 'packages/api'
  if (url.includes('/packages/db/')) return 'packages/db'
  if (url.includes('/apps/server/bench/')) return 'bench server (bare proxies)'
  if (url.includes('/apps/server/src/perf/')) return 'apps/server/src/perf'
  if (url.includes('/apps/server/')) return 'apps/server'
  return url
}

function keyOf(frame: CallFrame): string {
  const where = frame.url
    ? `${frame.url.replace(/^.*?(node_modules\/\.pnpm\/|\/(apps|packages)\/)/, '$2/')}:${frame.lineNumber + 1}`
    : ''
  return `${frame.functionName || '(anonymous)'} ${where}`.trim()
}

/** Node's own entry points, which hold every request's work: left out of the inclusive list. */
const ENTRY =
  /^\((root|program|idle|garbage collector)\)|^(processTicksAndRejections|runMicrotasks|listOnTimeout|processTimers|processImmediate|callbackTrampoline|emit|onStreamRead|parserOnHeadersComplete|parserOnIncoming|parserOnBody|parserOnMessageComplete|addChunk|readableAddChunk|Readable\.push|(anonymous) *$)/

export function summarize(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const inParser = new Map<number, boolean>()
  const hasParser = (id: number): boolean => {
    const known = inParser.get(id)
    if (known !== undefined) return known
    const node = byId.get(id) as ProfileNode
    const p = parent.get(id)
    const v = node.callFrame.functionName === 'parserOnHeadersComplete' || (p !== undefined && hasParser(p))
    inParser.set(id, v)
    return v
  }
  const self = new Map<number, number>()
  let started = false
  let total = 0
  for (const id of profile.samples) {
    if (!started) started = hasParser(id)
    if (!started) continue
    const node = byId.get(id) as ProfileNode
    if (node.callFrame.functionName === '(idle)') continue
    self.set(id, (self.get(id) ?? 0) + 1)
    total++
  }
  // Inclusive: the samples whose stack holds the function (once, however deep it recurses).
  const inclusive = new Map<string, number>()
  for (const [id, n] of self) {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = keyOf((byId.get(at) as ProfileNode).callFrame)
      if (seen.has(key)) continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + n)
    }
  }
  const areas = new Map<string, number>()
  const fns = new Map<string, number>()
  for (const [id, n] of self) {
    const frame = (byId.get(id) as ProfileNode).callFrame
    const area = areaOf(frame)
    areas.set(area, (areas.get(area) ?? 0) + n)
    const where = frame.url
      ? `${frame.url.replace(/^.*?(node_modules\/\.pnpm\/|\/(apps|packages)\/)/, '$2/')}:${frame.lineNumber + 1}`
      : ''
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim()
    fns.set(key, (fns.get(key) ?? 0) + n)
  }
  const pct = (n: number) => `${((n / total) * 100).toFixed(1)} %`
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1])
  return [
    `## ${path.basename(file)}: ${total} samples under load`,
    '',
    '| area (self time) | share |',
    '|---|---:|',
    ...sorted(areas).map(([a, n]) => `| ${a} | ${pct(n)} |`),
    '',
    '| function (inclusive: samples with it on the stack) | share |',
    '|---|---:|',
    ...sorted(inclusive)
      .filter(([f]) => !ENTRY.test(f) && !/ node:/.test(f))
      .slice(0, top)
      .map(([f, n]) => `| \`${f}\` | ${pct(n)} |`),
    '',
    '| function (self time) | share |',
    '|---|---:|',
    ...sorted(fns)
      .slice(0, top)
      .map(([f, n]) => `| \`${f}\` | ${pct(n)} |`),
    '',
  ].join('\n')
}

// Run as a script (argv[1] as typed: tsx leaves a relative path relative), not imported.
if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) {
  const args = process.argv.slice(2)
  const topAt = args.indexOf('--top')
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 25
  const files = args.filter((a, i) => a !== '--top' && i !== topAt + 1)
  for (const f of files) console.log(summarize(f, top))
}
