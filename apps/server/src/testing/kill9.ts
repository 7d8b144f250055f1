import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createWebhook, type Principal } from '@switchboard/core'
import type { Dialect } from '@switchboard/db'
import type { ChildServer } from './child-server.ts'
import { createAcmeOrg, type ProcessFixture, startProcessFixture } from './processes.ts'

/**
 * The kill -9 delivery drill (issue 22). The events are caused through the servers that get
 * killed: writers create API keys over HTTP (POST /api/v1/api-keys, one `api_key.created`
 * event and its outbox row in the request's transaction), so a SIGKILL can land in the middle
 * of a write, of a send, or of an outcome's commit. The receiver is down for the first half,
 * then up. After the last restart:
 * - every change the API acknowledged (201) has its event (`unrecordedAcks` 0);
 * - every event in the log reaches the receiver (`lost` 0);
 * - duplicates (at-least-once) are bounded: at each kill, once the dead server's sends can no
 *   longer commit, the drill counts the sends the receiver got whose outcome is not committed
 *   (`inFlightAtKills`); only those may arrive again, so `duplicates ≤ inFlightAtKills`.
 */
export interface Kill9Result {
  /** POST /api/v1/api-keys answered 201. */
  acknowledged: number
  /** Calls that got no answer (their server was killed, or was restarting). */
  unanswered: number
  /** api_key.created events in the log (an unanswered call may have committed too). */
  committed: number
  /** Acknowledged keys without their event. */
  unrecordedAcks: number
  received: number
  lost: number
  duplicates: number
  /** Sends the receiver got whose outcome was not committed, summed over the kills. */
  inFlightAtKills: number
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
  /** webhook-id → arrivals at the receiver. */
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

    // The writers: eight at once, as concurrent clients would, each call to a live server.
    const acked = new Set<string>()
    let unanswered = 0
    let calls = 0
    const writeOne = async () => {
      const live = servers.filter((s): s is ChildServer => s !== null)
      const s = live[Math.floor(Math.random() * live.length)]
      if (!s) return sleep(20)
      try {
        const res = await fetch(`${s.url}/api/v1/api-keys`, {
          method: 'POST',
          headers: org.headers,
          body: JSON.stringify({ name: `drill-${calls++}` }),
        })
        if (res.status !== 201) throw new Error(`POST /api/v1/api-keys: ${res.status} ${await res.text()}`)
        acked.add(((await res.json()) as { apiKey: { id: string } }).apiKey.id)
      } catch (e) {
        // The server died under the call (or between our pick and the connect).
        if ((e as Error).message.startsWith('POST ')) throw e
        unanswered++
      }
    }
    const write = async (count: number) => {
      const until = acked.size + count
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (acked.size < until) await writeOne()
        }),
      )
    }

    // Sends the receiver got whose outcome is not committed, as `${eventId}#${arrivals}`: a
    // send counted at one kill and still uncommitted at the next is the same send.
    const inFlight = new Set<string>()
    const countInFlight = async () => {
      const open = await f.deps.db
        .selectFrom('webhookDeliveries')
        .select('eventId')
        .where('status', '!=', 'DELIVERED')
        .execute()
      for (const { eventId } of open) {
        const n = seen.get(eventId)
        if (n) inFlight.add(`${eventId}#${n}`)
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
      // The dead server's sends can no longer commit; a live one's commit within moments (its
      // group commit). What is still open then and reached the receiver may be sent again.
      await sleep(300)
      await countInFlight()
      servers[i] = await f.startServer(serverEnv, { compiled: true })
    }
    const progress = setInterval(() => {
      if (process.env.KILL9_DEBUG)
        console.error(`acked ${acked.size} unanswered ${unanswered} seen ${seen.size} kills ${kills}`)
    }, 2000)

    // 1. The receiver is down: half the events, the worker failing and retrying, one kill.
    const half = Math.floor(options.events / 2)
    await Promise.all([write(half), killOnce()])
    // 2. The receiver comes up; the rest is written in bursts while the kills go on.
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

    const events = await f.deps.db
      .selectFrom('events')
      .select(['id', 'data'])
      .where('organizationId', '=', org.organizationId)
      .where('type', '=', 'api_key.created')
      .execute()
    const ids = events.map((e) => e.id)
    const recorded = new Set(events.map((e) => (JSON.parse(e.data) as { apiKeyId: string }).apiKeyId))
    const deadline = started + options.deadlineMs
    const open = async () =>
      (
        await f.deps.db
          .selectFrom('webhookDeliveries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '!=', 'DELIVERED')
          .executeTakeFirstOrThrow()
      ).n
    // Until every delivery is committed DELIVERED: a send whose outcome a kill lost goes again
    // once its lease runs out, and is counted among the duplicates.
    while (Date.now() < deadline && (ids.some((id) => !seen.has(id)) || Number(await open()) > 0))
      await sleep(200)
    let duplicates = 0
    for (const count of seen.values()) duplicates += count - 1
    return {
      acknowledged: acked.size,
      unanswered,
      committed: ids.length,
      unrecordedAcks: [...acked].filter((id) => !recorded.has(id)).length,
      received: ids.filter((id) => seen.has(id)).length,
      lost: ids.filter((id) => !seen.has(id)).length,
      duplicates,
      inFlightAtKills: inFlight.size,
      kills,
      ms: Date.now() - started,
    }
  } finally {
    await f.close()
    const r = receiver as Server | null
    if (r) await new Promise((done) => r.close(done))
  }
}
