/**
 * The benchmark's other processes, each on its own event loop so that none steals CPU time
 * from the proxy being measured:
 *   servers.ts upstream <token>   a loopback API answering small JSON (accepts one bearer token)
 *   servers.ts bare <upstreamUrl>  a bare Node pass-through proxy: undici.request + pipe, no auth
 *   servers.ts fastify <upstreamUrl>  the same pass-through as a Fastify route (no auth, no
 *                                  database), streaming undici.request's answer as such
 *                                  routes usually do
 *   servers.ts switchboard <upstreamUrl>  Switchboard itself (bench/fixture.ts), its logger
 *                                  silent (or BENCH_LOG_LEVEL's, to /dev/null), after one
 *                                  request to its authorization server's discovery
 *                                  document; its line adds the call's path and headers as
 *                                  JSON
 * Each prints its URL on stdout once listening, and answers the IPC message 'usage' with its
 * process.cpuUsage() and `gc`, the µs its main thread has spent in garbage collection.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'
import { destination, pino } from 'pino'
import { Agent, request } from 'undici'
import { buildApp } from '../src/app.ts'
import { createLogger } from '../src/logger.ts'
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
} else if (role === 'switchboard' && arg) {
  // First thing, as main.ts does.
  keepTickShapeAlive()
  const sb = await benchSwitchboard(arg)
  // BENCH_LOG_LEVEL: as the server logs (createLogger, one line per request at info), to
  // /dev/null and, like pino's default stdout, asynchronously (writes batched).
  const level = process.env.BENCH_LOG_LEVEL || 'silent'
  const logger =
    level === 'silent'
      ? pino({ level })
      : createLogger(level, destination({ dest: '/dev/null', sync: false }))
  const app = await buildApp({ core: sb.t.deps, logger })
  await app.listen({ port: 0, host: '127.0.0.1' })
  // As a deployment that serves its authorization server too: one /oauth request first
  // (it once left async hooks on for the whole process; docs/performance.md).
  const discovery = await app.inject({ method: 'GET', url: '/.well-known/openid-configuration' })
  if (discovery.statusCode !== 200) throw new Error(`discovery answered ${discovery.statusCode}`)
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  process.stdout.write(`${url} ${JSON.stringify({ path: sb.path, headers: sb.headers })}\n`)
} else {
  console.error('usage: servers.ts upstream <token> | servers.ts bare|fastify|switchboard <upstreamUrl>')
  process.exit(1)
}
