import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { buildApp } from '../src/app.ts'
import { benchSwitchboard, BENCH_TOKEN } from './fixture.ts'
const body = JSON.stringify({ ok: true, items: Array.from({ length: 10 }, (_, i) => ({ id: i, name: `item ${i}` })) })
const up = createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body) })
await new Promise<void>((r) => up.listen(0, '127.0.0.1', r))
const upstreamUrl = `http://127.0.0.1:${(up.address() as AddressInfo).port}`
const sb = await benchSwitchboard(upstreamUrl)
const app = await buildApp({ core: sb.t.deps, logger: pino({ level: 'silent' }) })
await app.ready()
const N = Number(process.env.N ?? 5000)
for (let round = 0; round < 3; round++) {
  for (const route of (process.argv[2] ?? 'path,request,proxy').split(',') as ('path' | 'request' | 'proxy')[]) {
    const call = sb.calls[route]
    const opts = { method: call.method, url: call.path, headers: call.headers, ...(call.body ? { payload: call.body } : {}) }
    for (let i = 0; i < 500; i++) await app.inject(opts)
    const c0 = process.cpuUsage()
    for (let i = 0; i < N; i++) {
      const r = await app.inject(opts)
      if (r.statusCode !== 200) throw new Error(`${route} ${r.statusCode} ${r.body}`)
    }
    const c = process.cpuUsage(c0)
    console.log(round, route, ((c.user + c.system) / N).toFixed(1), 'µs CPU per call')
  }
}
process.exit(0)
