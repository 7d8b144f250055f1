/**
 * `pnpm bench core` — what Switchboard's own code costs per proxied call, with no HTTP server
 * in the way: one loopback upstream, called
 *   1. with undici alone (the floor: what any proxy pays to call upstream), through its
 *      dispatch API as Switchboard calls it (undici.request costs far more per call), and
 *   2. through the proxy route's handler (`handleRest`: API-key auth, rate limit, connection,
 *      credentials, URL and headers, the answer read back), as Fastify would call it.
 * Each runs in its own process, so neither shapes the other's JIT (undici called with two
 * shapes of options is slower for both), and they alternate for BENCH_ROUNDS rounds. The
 * difference is Switchboard's own work per call; `pnpm bench proxy` adds the HTTP server.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchSwitchboard, BENCH_TOKEN as TOKEN } from './fixture.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const CONCURRENCY = 64
const ops = Number(process.env.BENCH_OPS ?? 20_000)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)

interface Sample {
  cpuPerOp: number
}

/** Runs `call` CONCURRENCY at a time, `n` times in all; CPU µs per call. */
async function measure(call: () => Promise<void>, n: number): Promise<Sample> {
  const before = process.cpuUsage()
  let started = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (started++ < n) await call()
    }),
  )
  const used = process.cpuUsage(before)
  return { cpuPerOp: (used.user + used.system) / n }
}

async function caller(role: string, upstreamUrl: string): Promise<() => Promise<void>> {
  const sb = await benchSwitchboard(upstreamUrl)
  const { t } = sb
  if (role === 'undici') {
    const origin = new URL(upstreamUrl).origin
    const headers = { authorization: `Bearer ${TOKEN}` }
    // The least a caller can do: one handler that collects the answer's chunks.
    return () =>
      new Promise<void>((resolve, reject) => {
        const chunks: Buffer[] = []
        let status = 0
        t.deps.dispatcher.dispatch(
          { origin, path: '/items', method: 'GET', headers },
          {
            onConnect() {},
            onHeaders(statusCode: number) {
              status = statusCode
              return true
            },
            onData(chunk: Buffer) {
              chunks.push(chunk)
              return true
            },
            onComplete() {
              if (status !== 200) return reject(new Error(`upstream answered ${status}`))
              Buffer.concat(chunks)
              resolve()
            },
            onError: reject,
          },
        )
      })
  }
  const { handleRest, restRoutes } = await import('@switchboard/api')
  const core = await import('@switchboard/core')
  const route = restRoutes.find((r) => r.method === 'GET' && r.path === '/api/integrations/:id/request/*')
  if (!route) throw new Error('no proxy route')
  const headers = { host: '127.0.0.1', ...sb.headers }
  const session = { token: undefined, set() {}, clear() {} }
  return async () => {
    // What the HTTP host does per request: resolve the principal, then hand the route the request.
    const p = await core.resolvePrincipal(
      t.deps,
      { authorization: headers.authorization, sessionToken: undefined },
      [],
    )
    const result = await handleRest(
      route,
      { deps: t.deps, principal: p, session },
      {
        method: 'GET',
        url: sb.path,
        params: { id: 'bench-api', '*': 'items' },
        query: {},
        body: undefined,
        headers,
      },
    )
    if (result.status !== 200) throw new Error(`proxy answered ${result.status}`)
  }
}

const [role, upstreamArg] = process.argv.slice(2)
if (role === 'undici' || role === 'switchboard') {
  const call = await caller(role, upstreamArg as string)
  await measure(call, Math.max(1000, ops / 4)) // warm-up: JIT, connection pool, caches
  process.stdout.write(`${JSON.stringify(await measure(call, ops))}\n`)
  process.exit(0)
}

function run(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      // The upstream keeps running: its first line (its URL) is all we wait for.
      if (args[1] === 'upstream' && out.includes('\n')) resolve(out.trim())
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`${args.join(' ')} exited ${code}`)),
    )
    if (args[1] === 'upstream') process.on('exit', () => child.kill())
  })
}

const upstreamUrl = await run(path.join(here, 'servers.ts'), 'upstream', TOKEN)
console.error(`${rounds} rounds of ${ops} calls, ${CONCURRENCY} at a time, each side in its own process…`)
const samples: Record<'undici' | 'switchboard', number[]> = { undici: [], switchboard: [] }
for (let i = 0; i < rounds; i++) {
  for (const side of ['undici', 'switchboard'] as const) {
    const s = JSON.parse(await run(path.join(here, 'core.ts'), side, upstreamUrl)) as Sample
    samples[side].push(s.cpuPerOp)
    console.error(`  ${side}: ${s.cpuPerOp.toFixed(1)} µs CPU per call`)
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const floor = median(samples.undici)
const ours = median(samples.switchboard)
console.log(
  [
    '| caller | CPU µs per call (median) |',
    '|---|---:|',
    `| undici alone (dispatch) | ${floor.toFixed(1)} |`,
    `| Switchboard's proxy route (handleRest) | ${ours.toFixed(1)} |`,
    '',
    `- Switchboard's own work: **${(ours - floor).toFixed(1)} µs** per call (${(ours / floor).toFixed(2)}× the bare call)`,
  ].join('\n'),
)
process.exit(0)
