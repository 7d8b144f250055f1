import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { appendEvent, createWebhook, type Principal, systemActor } from '@switchboard/core'
import type { Dialect } from '@switchboard/db'
import type { ChildServer } from './child-server.ts'
import { createAcmeOrg, type ProcessFixture, startProcessFixture } from './processes.ts'

/**
 * The kill -9 delivery drill (issue 22): the test process writes events (each with its outbox
 * rows, in one transaction) while server processes deliver them and are killed with SIGKILL at
 * random points; the receiver is down for the first half, then up. After the last restart every committed event must reach
 * the receiver (0 lost); duplicates (at-least-once) are counted and reported.
 */
export interface Kill9Result {
  committed: number
  received: number
  lost: number
  duplicates: number
  kills: number
  ms: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const { port } = s.address() as AddressInfo
  await new Promise((r) => s.close(r))
  return port
}

export async function runKill9Drill(
  dialect: Dialect,
  options: { servers: number; events: number; kills: number; deadlineMs: number },
): Promise<Kill9Result> {
  const started = Date.now()
  const f: ProcessFixture = await startProcessFixture(dialect)
  const seen = new Map<string, number>()
  let receiver: Server | null = null
  try {
    const org = await createAcmeOrg(f)
    const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
    const port = await freePort()
    await createWebhook(f.deps, principal, {
      url: `http://127.0.0.1:${port}/hook`,
      events: ['api_key.created'],
    })
    const serverEnv = {
      SWITCHBOARD_WEBHOOK_POLL_MS: '100',
      SWITCHBOARD_WEBHOOK_RETRY_SCHEDULE: '0.2,0.5',
      SWITCHBOARD_WEBHOOK_LEASE_SECONDS: '3',
      SWITCHBOARD_PROXY_RATE_LIMIT: '0',
    }
    // Every server starts from the compiled serve.ts: the drill restarts servers many times,
    // and through tsx each restart took seconds of transpiling.
    const servers: Array<ChildServer | null> = []
    for (let i = 0; i < options.servers; i++) servers.push(await f.startServer(serverEnv, { compiled: true }))

    // Events are written by the test process (each in its own transaction, its outbox rows with
    // it, as a server writes them); the servers only deliver, and are killed while they do.
    const eventSeq = { n: 0 }
    const writeOne = () =>
      f.deps.db.transaction().execute((trx) =>
        appendEvent(
          { ...f.deps, db: trx },
          {
            organizationId: org.organizationId,
            type: 'api_key.created',
            actor: systemActor,
            data: { n: eventSeq.n++ },
          },
        ),
      )
    // Eight writers at once (one transaction each), as concurrent requests would.
    const write = async (count: number) => {
      for (let i = 0; i < count; i += 8) {
        await Promise.all(Array.from({ length: Math.min(8, count - i) }, writeOne))
      }
    }

    // The killer: SIGKILL a random server 0.2–1.2 s after it (re)started, restart it at once.
    let kills = 0
    const killOnce = async () => {
      await sleep(200 + Math.random() * 1000)
      const i = Math.floor(Math.random() * servers.length)
      const s = servers[i]
      if (!s) return
      servers[i] = null
      const exited = new Promise((r) => s.process.once('exit', r))
      s.process.kill('SIGKILL')
      await exited
      kills++
      servers[i] = await f.startServer(serverEnv, { compiled: true })
    }
    const progress = setInterval(() => {
      if (process.env.KILL9_DEBUG) console.error(`written ${eventSeq.n} seen ${seen.size} kills ${kills}`)
    }, 2000)

    // 1. The receiver is down: half the events, the worker failing and retrying, one kill.
    const half = Math.floor(options.events / 2)
    await Promise.all([write(half), killOnce()])
    // 2. The receiver comes up; the rest is written in bursts while the kills go on.
    const startReceiver = async () => {
      receiver = createServer((req, res) => {
        const id = String(req.headers['webhook-id'] ?? '')
        req.resume()
        req.on('end', () => {
          seen.set(id, (seen.get(id) ?? 0) + 1)
          res.statusCode = 200
          res.end('ok')
        })
      })
      await new Promise<void>((r) => receiver?.listen(port, '127.0.0.1', r))
    }
    await startReceiver()
    const bursts = (async () => {
      let left = options.events - half
      while (left > 0) {
        const k = Math.min(left, 25)
        await write(k)
        left -= k
        await sleep(50)
      }
    })()
    for (let k = 1; k < options.kills; k++) await killOnce()
    await bursts
    clearInterval(progress)

    const ids = (
      await f.deps.db
        .selectFrom('events')
        .select('id')
        .where('organizationId', '=', org.organizationId)
        .where('type', '=', 'api_key.created')
        .execute()
    ).map((r) => r.id)
    const deadline = started + options.deadlineMs
    while (Date.now() < deadline && ids.some((id) => !seen.has(id))) await sleep(200)
    let duplicates = 0
    for (const count of seen.values()) duplicates += count - 1
    return {
      committed: ids.length,
      received: ids.filter((id) => seen.has(id)).length,
      lost: ids.filter((id) => !seen.has(id)).length,
      duplicates,
      kills,
      ms: Date.now() - started,
    }
  } finally {
    await f.close()
    const r = receiver as Server | null
    if (r) await new Promise((done) => r.close(done))
  }
}
