/**
 * `pnpm bench proxy` — Switchboard's proxy against a bare pass-through proxy, side by side
 * in one run. A loopback upstream answers small JSON; the load generator (autocannon, in its
 * own process so it does not steal the servers' event loop) drives each target in turn:
 *   1. the upstream directly,
 *   2. a bare Node proxy (undici.request + pipe, no auth, no database),
 *   3. Switchboard: API-key auth, connection lookup, credential decryption and injection.
 * Prints requests/s, p50 and p99 for each and the ratios the targets are written in:
 * Switchboard ≥ 90 % of the bare proxy's throughput and ≤ 1 ms added p99.
 */
import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  bootstrapOrganization,
  createConnection,
  createCustomIntegration,
  type Principal,
  setSharingMode,
} from '@switchboard/core'
import { createTestDeps } from '@switchboard/testing'
import { pino } from 'pino'
import { Agent, request } from 'undici'
import { buildApp } from '../src/app.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const which = args.find((a) => !a.startsWith('--')) ?? 'proxy'
const duration = Number(process.env.BENCH_DURATION ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64)
const writeDocs = args.includes('--write')
const TOKEN = 'bench-access-token'

if (which !== 'proxy') {
  console.error(`Unknown benchmark "${which}". Available: proxy`)
  process.exit(1)
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
  })
}

const body = JSON.stringify({
  ok: true,
  items: Array.from({ length: 10 }, (_, i) => ({ id: i, name: `item ${i}` })),
})
const upstream = createServer((req, res) => {
  const ok = req.headers.authorization === undefined || req.headers.authorization === `Bearer ${TOKEN}`
  res.writeHead(ok ? 200 : 401, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  })
  res.end(ok ? body : '')
})
const upstreamUrl = await listen(upstream)

const agent = new Agent({ connections: 128, pipelining: 1 })
const bare = createServer(async (req, res) => {
  try {
    const r = await request(`${upstreamUrl}${req.url ?? '/'}`, { method: 'GET', dispatcher: agent })
    res.writeHead(r.statusCode, r.headers as Record<string, string>)
    r.body.pipe(res)
  } catch {
    res.writeHead(502).end()
  }
})
const bareUrl = await listen(bare)

const t = await createTestDeps({ egressAllow: ['127.0.0.1'] })
t.deps.clock = { now: () => new Date() }
const app = await buildApp({ core: t.deps, logger: pino({ level: 'silent' }) })
await app.listen({ port: 0, host: '127.0.0.1' })
const sbUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
const org = await bootstrapOrganization(t.deps, { organizationName: 'Bench', plan: 'TEAM' })
const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'bench' }
await createCustomIntegration(t.deps, principal, {
  name: 'bench-api',
  displayName: 'Bench API',
  authType: 'SECRET_TEXT',
  api: { baseUrl: upstreamUrl, auth: { in: 'header', name: 'Authorization', value: `Bearer {apiKey}` } },
})
// One organization-wide connection serves every caller (seed 002's shared mode).
await setSharingMode(t.deps, principal, 'bench-api', 'SHARED')
await createConnection(t.deps, principal, {
  type: 'SECRET_TEXT',
  integrationName: 'bench-api',
  workspaceId: org.workspaceId,
  externalId: 'bench',
  secretText: TOKEN,
})

interface Result {
  name: string
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

function autocannon(name: string, url: string, extra: string[] = []): Promise<Result> {
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
        requests: { average: number }
        latency: { p50: number; p99: number }
        errors: number
        non2xx: number
      }
      resolve({
        name,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
      })
    })
  })
}

console.error(`Benchmarking ${duration}s per target at ${connections} concurrent connections…`)
const results: Result[] = []
results.push(
  await autocannon('upstream (direct)', `${upstreamUrl}/items`, ['-H', `authorization=Bearer ${TOKEN}`]),
)
console.error(`  ${results.at(-1)?.name} done`)
results.push(await autocannon('bare Node proxy (undici)', `${bareUrl}/items`))
console.error(`  ${results.at(-1)?.name} done`)
results.push(
  await autocannon('Switchboard proxy', `${sbUrl}/api/integrations/bench-api/request/items`, [
    '-H',
    `authorization=Bearer ${org.apiKey}`,
    '-H',
    `x-workspace-id=${org.workspaceId}`,
  ]),
)
console.error(`  ${results.at(-1)?.name} done`)

const [direct, bareR, sb] = results as [Result, Result, Result]
const throughputRatio = sb.rps / bareR.rps
const addedP99 = sb.p99 - bareR.p99
const lines = [
  '| target | requests/s | p50 (ms) | p99 (ms) | errors | non-2xx |',
  '|---|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) => `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`,
  ),
  '',
  `- Switchboard / bare proxy throughput: **${(throughputRatio * 100).toFixed(1)} %** (target ≥ 90 %)`,
  `- Switchboard p99 − bare proxy p99: **${addedP99.toFixed(2)} ms** (target ≤ 1 ms)`,
  `- bare proxy / upstream throughput: ${((bareR.rps / direct.rps) * 100).toFixed(1)} %`,
]
console.log(lines.join('\n'))

if (writeDocs) {
  const file = path.resolve(here, '../../../docs/performance.md')
  const doc = `# Performance

\`pnpm bench proxy\` starts a loopback upstream and measures, in one run and at ${connections}
concurrent connections for ${duration} s each, the upstream directly, a bare Node pass-through
proxy (undici, no auth) and Switchboard's proxy (\`GET /api/integrations/:id/request/*\` with an
API key: authentication, connection lookup, credential decryption and injection, streaming).
The load generator (autocannon) runs in its own process. Numbers are ratios within one run,
so they compare like with like on whatever machine runs them.

Last run (${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch}, Node ${process.version}, 2 cores):

${lines.join('\n')}

Run it yourself: \`pnpm bench proxy\` (\`BENCH_DURATION=30 BENCH_CONNECTIONS=64\` to change the
load; \`pnpm bench proxy --write\` rewrites this file).
`
  writeFileSync(file, doc)
  // Keep the file as the linter formats it, so `pnpm lint` stays green after a --write.
  spawnSync(path.resolve(here, '../../../node_modules/.bin/biome'), ['format', '--write', file], {
    stdio: 'ignore',
  })
  console.error(`Wrote ${file}`)
}

await app.close()
await t.close()
upstream.close()
bare.close()
await agent.close()
process.exit(0)
