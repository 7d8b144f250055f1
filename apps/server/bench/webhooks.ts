/**
 * `pnpm bench webhooks` — two figures in one run:
 *   1. Delivery rate: BENCH_EVENTS (5000) events are written through the real event log and
 *      outbox (appendEvent with the webhook sink, 100 per transaction, SQLite) for an endpoint
 *      subscribed to every type, then the real webhook worker (startWebhookWorker, default
 *      batch and in-flight limits) sends them to a loopback receiver in its own process
 *      (answering 204); the rate is deliveries recorded DELIVERED per second, from the
 *      worker's start to the last one. BENCH_DELIVERY_ROUNDS (3) rounds, each on a fresh
 *      database. Target: ≥ 1,000 deliveries/s.
 *   2. Proxy with events on versus off: Switchboard's `POST /api/v1/proxy` (info level, log to
 *      a file) with no webhook endpoint, and with an endpoint subscribed to every event type
 *      and the worker running, each in its own process, interleaved over BENCH_ROUNDS (3)
 *      rounds of BENCH_DURATION (5) s at BENCH_CONNECTIONS (64); the ratio is taken round by
 *      round.
 * `--write` rewrites the docs/performance.md block.
 */
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  appendEvent,
  bootstrapOrganization,
  createWebhook,
  createWebhookSink,
  type Principal,
  startWebhookWorker,
  systemClock,
} from '@switchboard/core'
import { createTestDeps } from '@switchboard/testing'
import { writeDocsBlock } from './docs-block.ts'
import { BENCH_TOKEN, type BenchCall } from './fixture.ts'
import { autocannon, type BenchProcess, median, spawnBenchProcess } from './load.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const events = Number(process.env.BENCH_EVENTS ?? 5000)
const deliveryRounds = Number(process.env.BENCH_DELIVERY_ROUNDS ?? 3)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const duration = Number(process.env.BENCH_DURATION ?? 5)
const warmup = Number(process.env.BENCH_WARMUP ?? 2)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64)
const writeDocs = process.argv.includes('--write')

const started = new Date()
const loadBefore = loadavg()[0] ?? 0
const receiver = await spawnBenchProcess(path.join(here, 'servers.ts'), ['receiver'])

async function deliveryRound(): Promise<{ perSecond: number; ms: number; delivered: number }> {
  const t = await createTestDeps({ egressAllow: ['127.0.0.1'] })
  const deps = t.deps
  deps.clock = systemClock
  deps.eventSinks = [createWebhookSink(deps)]
  try {
    const org = await bootstrapOrganization(deps, { organizationName: 'Bench', plan: 'TEAM' })
    const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'bench' }
    await createWebhook(deps, principal, { url: `${receiver.url}/hook` })
    for (let i = 0; i < events; i += 100) {
      await deps.db.transaction().execute(async (trx) => {
        for (let j = i; j < Math.min(events, i + 100); j++) {
          await appendEvent(
            { ...deps, db: trx },
            {
              organizationId: org.organizationId,
              type: 'integration.updated',
              actor: { type: 'system', id: null },
              data: { name: `integration-${j}` },
            },
          )
        }
      })
    }
    const pending = async () =>
      Number(
        (
          await deps.db
            .selectFrom('webhookDeliveries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('status', '!=', 'DELIVERED')
            .executeTakeFirstOrThrow()
        ).n,
      )
    const total = events + 1 // and the endpoint's own webhook_endpoint.created
    const start = performance.now()
    const worker = startWebhookWorker(deps, { pollMs: 10 })
    worker.wake()
    while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 20))
    const ms = performance.now() - start
    await worker.stop()
    return { perSecond: (total / ms) * 1000, ms, delivered: total }
  } finally {
    await t.close()
  }
}

const upstream = await spawnBenchProcess(path.join(here, 'servers.ts'), ['upstream', BENCH_TOKEN])
const logDir = tmpdir()
let logFiles = 0
function startSwitchboard(withEndpoint: boolean): Promise<BenchProcess> {
  return spawnBenchProcess(path.join(here, 'servers.ts'), ['switchboard', upstream.url], {
    BENCH_LOG_LEVEL: 'info',
    BENCH_LOG_FILE: path.join(logDir, `switchboard-webhooks-bench-${process.pid}-${logFiles++}.log`),
    ...(withEndpoint && { BENCH_WEBHOOK_URL: `${receiver.url}/hook` }),
  })
}
async function load(server: BenchProcess, seconds: number) {
  const call = (JSON.parse(server.info) as Record<string, BenchCall>).proxy as BenchCall
  return autocannon(`${server.url}${call.path}`, {
    connections,
    seconds,
    args: [
      ...Object.entries(call.headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]),
      '-m',
      call.method,
      ...(call.body === undefined ? [] : ['-b', call.body]),
    ],
  })
}

const delivery = []
for (let i = 0; i < deliveryRounds; i++) {
  const r = await deliveryRound()
  console.error(
    `  delivery round ${i + 1}: ${r.delivered} deliveries in ${r.ms.toFixed(0)} ms = ${r.perSecond.toFixed(0)}/s`,
  )
  delivery.push(r)
}

const off: Array<{ rps: number; p99: number }> = []
const on: Array<{ rps: number; p99: number }> = []
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? [false, true] : [true, false]
  const servers = []
  for (const withEndpoint of order) servers.push(await startSwitchboard(withEndpoint))
  for (const server of servers) await load(server, warmup)
  for (const [i, withEndpoint] of order.entries()) {
    const r = await load(servers[i] as BenchProcess, duration)
    if (r.non2xx || r.errors) console.error(`  (${r.non2xx} non-2xx, ${r.errors} errors)`)
    ;(withEndpoint ? on : off).push({ rps: r.rps, p99: r.p99 })
    console.error(
      `  proxy round ${round + 1}, ${withEndpoint ? 'endpoint subscribed' : 'no endpoint'}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms`,
    )
  }
  await Promise.all(servers.map((s) => s.stop()))
}
await Promise.all([receiver.stop(), upstream.stop()])
const loadAfter = loadavg()[0] ?? 0

const ratios = on.map((r, i) => r.rps / (off[i]?.rps ?? Number.NaN))
const p99Added = on.map((r, i) => r.p99 - (off[i]?.p99 ?? Number.NaN))
const heading =
  `Last run (${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${process.platform} ${process.arch}, ` +
  `Node ${process.version}, ${cpus().length} cores, load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}):`
const lines = [
  `| measure | median | rounds |`,
  `| --- | --- | --- |`,
  `| deliveries/s, outbox → loopback receiver (${events} events, SQLite; target ≥ 1,000) | ${median(delivery.map((d) => d.perSecond)).toFixed(0)} | ${delivery.map((d) => d.perSecond.toFixed(0)).join(', ')} |`,
  `| \`POST /api/v1/proxy\` req/s, no webhook endpoint | ${Math.round(median(off.map((r) => r.rps)))} | ${off.map((r) => Math.round(r.rps)).join(', ')} |`,
  `| \`POST /api/v1/proxy\` req/s, endpoint subscribed to every event, worker on | ${Math.round(median(on.map((r) => r.rps)))} | ${on.map((r) => Math.round(r.rps)).join(', ')} |`,
  `| ratio on / off (round by round) | ${(median(ratios) * 100).toFixed(0)} % | ${ratios.map((r) => `${(r * 100).toFixed(0)} %`).join(', ')} |`,
  `| p99 added (round by round) | ${median(p99Added).toFixed(1)} ms | ${p99Added.map((p) => p.toFixed(1)).join(', ')} |`,
  '',
  `${connections} connections, ${rounds} interleaved rounds of ${duration} s for the proxy, each round on fresh processes.`,
]
console.log([heading, '', ...lines].join('\n'))
if (writeDocs) writeDocsBlock('webhooks', heading, lines)
process.exit()
