/**
 * The benchmark's other processes, each on its own event loop so that none steals CPU time
 * from the proxy being measured:
 *   servers.ts upstream <token>   a loopback API answering small JSON (accepts one bearer token)
 *   servers.ts bare <upstreamUrl>  a bare Node pass-through proxy: undici.request + pipe, no auth
 *   servers.ts envelope <upstreamUrl>  a bare Node proxy for a JSON envelope: reads a POST's
 *                                  body, JSON.parse, forwards its `{method, url}` with
 *                                  undici.request + pipe (the baseline of the envelope routes)
 *   servers.ts fastify <upstreamUrl>  the same pass-through as a Fastify route (no auth, no
 *                                  database), streaming undici.request's answer as such
 *                                  routes usually do (`pnpm bench instructions`)
 *   servers.ts receiver            a webhook receiver answering every POST 204 (`pnpm bench webhooks`)
 *   servers.ts switchboard <upstreamUrl>  Switchboard itself (bench/fixture.ts), logging at
 *                                  BENCH_LOG_LEVEL (default info) to the file BENCH_LOG_FILE
 *                                  as main.ts logs to stdout (logger.ts's logDestination),
 *                                  after one request to its authorization server's discovery
 *                                  document; its line adds, as JSON, each measured route's
 *                                  call (path, method, headers, body); with BENCH_WEBHOOK_URL,
 *                                  an endpoint subscribed to every event type and the real
 *                                  webhook worker running (`pnpm bench webhooks`)
 * Each prints its URL on stdout once listening, and answers the IPC message 'usage' with its
 * process.cpuUsage() and `gc`, the µs its main thread has spent in garbage collection.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createWebhook, createWebhookSink, startWebhookWorker } from '@switchboard/core'
import Fastify from 'fastify'
import { pino } from 'pino'
import { Agent, request } from 'undici'
import { buildApp } from '../src/app.ts'
import { createLogger, logDestination } from '../src/logger.ts'
import { keepTickShapeAlive } from '../src/perf/tick-shape.ts'
import { benchSwitchboard } from './fixture.ts'
import { answerUsageRequests } from './usage.ts'

answerUsageRequests()

function listen(server: Server): void {
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`)
  })
}

const [role, arg] = process.argv.slice(2)
if (role === 'upstream' && arg) {
  const token = arg
  const body = JSON.stringify({
    ok: true,
    items: Array.from({ length: 10 }, (_, i) => ({ id: i, name: `item ${i}` })),
  })
  listen(
    createServer((req, res) => {
      const auth = req.headers.authorization
      const ok = auth === undefined || auth === `Bearer ${token}`
      res.writeHead(ok ? 200 : 401, {
        'content-type': 'application/json',
        'content-length': ok ? Buffer.byteLength(body) : 0,
      })
      res.end(ok ? body : '')
    }),
  )
} else if (role === 'bare' && arg) {
  const upstreamUrl = arg
  const agent = new Agent({ connections: 128, pipelining: 1 })
  listen(
    createServer(async (req, res) => {
      try {
        const r = await request(`${upstreamUrl}${req.url ?? '/'}`, { method: 'GET', dispatcher: agent })
        res.writeHead(r.statusCode, r.headers as Record<string, string>)
        r.body.pipe(res)
      } catch {
        res.writeHead(502).end()
      }
    }),
  )
} else if (role === 'envelope' && arg) {
  const upstreamUrl = arg
  const agent = new Agent({ connections: 128, pipelining: 1 })
  listen(
    createServer(async (req, res) => {
      try {
        let body = ''
        req.setEncoding('utf8')
        for await (const chunk of req) body += chunk
        const call = JSON.parse(body) as { method?: string; url: string }
        const r = await request(`${upstreamUrl}${call.url}`, {
          method: (call.method ?? 'GET') as 'GET',
          dispatcher: agent,
        })
        res.writeHead(r.statusCode, r.headers as Record<string, string>)
        r.body.pipe(res)
      } catch {
        res.writeHead(502).end()
      }
    }),
  )
} else if (role === 'fastify' && arg) {
  const upstreamUrl = arg
  const agent = new Agent({ connections: 128, pipelining: 1 })
  const app = Fastify()
  app.get('/*', async (req, reply) => {
    const r = await request(`${upstreamUrl}${req.url}`, { method: 'GET', dispatcher: agent })
    return reply.status(r.statusCode).headers(r.headers).send(r.body)
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  process.stdout.write(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}\n`)
} else if (role === 'receiver') {
  listen(
    createServer((req, res) => {
      req.resume()
      req.on('end', () => res.writeHead(204).end())
    }),
  )
} else if (role === 'switchboard' && arg) {
  // First thing, as main.ts does.
  keepTickShapeAlive()
  const sb = await benchSwitchboard(arg)
  const webhookUrl = process.env.BENCH_WEBHOOK_URL
  if (webhookUrl) {
    // As startServer runs it: the outbox sink on every event, the worker sending.
    sb.t.deps.eventSinks = [createWebhookSink(sb.t.deps)]
    const principal = { kind: 'apiKey', organizationId: sb.org.organizationId, apiKeyId: 'bench' } as const
    await createWebhook(sb.t.deps, principal, { url: webhookUrl })
    startWebhookWorker(sb.t.deps)
  }
  // As main.ts logs (createLogger, one line per request at info), to a file instead of stdout.
  const level = process.env.BENCH_LOG_LEVEL || 'info'
  const logFile = process.env.BENCH_LOG_FILE
  const logger =
    level === 'silent' || !logFile ? pino({ level: 'silent' }) : createLogger(level, logDestination(logFile))
  const app = await buildApp({ core: sb.t.deps, logger })
  await app.listen({ port: 0, host: '127.0.0.1' })
  // As a deployment that serves its authorization server too: one /oauth request first
  // (it once left async hooks on for the whole process; docs/performance.md).
  const discovery = await app.inject({ method: 'GET', url: '/.well-known/openid-configuration' })
  if (discovery.statusCode !== 200) throw new Error(`discovery answered ${discovery.statusCode}`)
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  process.stdout.write(`${url} ${JSON.stringify(sb.calls)}\n`)
} else {
  console.error(
    'usage: servers.ts upstream <token> | servers.ts bare|envelope|fastify|switchboard <upstreamUrl>',
  )
  process.exit(1)
}
