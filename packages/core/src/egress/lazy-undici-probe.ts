// Run by lazy-undici.test.ts in a process of its own: prints whether undici is loaded after
// importing the core and building the guarded agent and fetch (what a server boot does), and
// after the first proxied call (the dispatch path) and the first guarded fetch, which must work.
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { createGuardedAgent, createGuardedFetch } from '../index.ts'
import { UpstreamCalls } from '../proxy/upstream-call.ts'

const require = createRequire(import.meta.url)
const undiciLoaded = () => Object.keys(require.cache).some((k) => /[/\\]node_modules[/\\]undici[/\\]/.test(k))

const upstream = createServer((req, res) => {
  res.setHeader('x-upstream', 'yes')
  res.end(`hello ${req.url}`)
})
await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
const { port } = upstream.address() as { port: number }

const agent = createGuardedAgent({ allow: ['127.0.0.1'] })
const guardedFetch = createGuardedFetch({ allow: ['127.0.0.1'] }, agent)
const atBoot = undiciLoaded()

const call = new UpstreamCalls(
  agent,
  { apiName: 'probe', timeoutMs: 5000, bufferUpTo: 65536, maxBytes: 1 << 20 },
  undefined,
)
const answer = await call.send({
  url: new URL(`http://127.0.0.1:${port}/first`),
  method: 'GET',
  headers: {},
  body: undefined,
  headersTimeout: 5000,
  bodyTimeout: 5000,
})

const afterProxy = undiciLoaded()
const second = await call.send({
  url: new URL(`http://127.0.0.1:${port}/second`),
  method: 'GET',
  headers: {},
  body: undefined,
  headersTimeout: 5000,
  bodyTimeout: 5000,
})
call.finish(undefined)
const fetched = await guardedFetch(`http://127.0.0.1:${port}/fetched`)
const out = {
  atBoot,
  afterProxy,
  proxied: [answer.statusCode, String(answer.body), answer.headers['x-upstream']],
  second: String(second.body),
  fetched: [fetched.status, await fetched.text()],
}
await agent.close()
upstream.close()
process.stdout.write(`${JSON.stringify(out)}\n`)
