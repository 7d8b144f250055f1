/**
 * `pnpm bench scale`'s processes:
 *   scale-servers.ts switchboard         a Switchboard server as a deployment runs it (startServer
 *                                        from the environment: DATABASE_URL, keys, LOG_LEVEL
 *                                        info), its log written to SCALE_LOG_FILE
 *   scale-servers.ts balancer <url,url…> a round-robin loopback balancer over those servers
 *                                        (http.createServer + undici, as the bare proxy)
 * Each prints its URL once listening and answers the IPC message 'usage' (bench/load.ts).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, request } from 'undici'
import { readEnv } from '../src/env.ts'
import { createLogger, logDestination } from '../src/logger.ts'
import { startServer } from '../src/server.ts'
import { answerUsageRequests } from './usage.ts'

answerUsageRequests()

const [role, arg] = process.argv.slice(2)
if (role === 'switchboard') {
  const env = readEnv({ ...process.env, PORT: '0', HOST: '127.0.0.1' })
  const logFile = process.env.SCALE_LOG_FILE ?? '/dev/null'
  const server = await startServer(env, createLogger(env.logLevel, logDestination(logFile)))
  process.stdout.write(`${server.url}\n`)
} else if (role === 'balancer' && arg) {
  const targets = arg.split(',')
  const agent = new Agent({ connections: 128, pipelining: 1 })
  let next = 0
  const balancer = createServer(async (req, res) => {
    const target = targets[next++ % targets.length] as string
    try {
      const r = await request(`${target}${req.url ?? '/'}`, {
        method: (req.method ?? 'GET') as 'GET',
        headers: req.headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? null : req,
        dispatcher: agent,
      })
      res.writeHead(r.statusCode, r.headers as Record<string, string>)
      r.body.pipe(res)
    } catch {
      res.writeHead(502).end()
    }
  })
  balancer.listen(0, '127.0.0.1', () => {
    process.stdout.write(`http://127.0.0.1:${(balancer.address() as AddressInfo).port}\n`)
  })
} else {
  console.error('usage: scale-servers.ts switchboard | scale-servers.ts balancer <url,url,…>')
  process.exit(1)
}
