import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../../../testing/src/deps.ts'
import { systemClock } from '../deps.ts'
import { appendEvent } from '../events/append-event.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { startWebhookWorker } from './deliver.ts'
import { createWebhook } from './endpoints.ts'
import { createWebhookSink } from './outbox.ts'

// The worker's group commit (deliver.ts, outcomeWriter): outcomes of sends whose answers
// arrive together are recorded in one transaction. Every commit waits for an fsync
// (`synchronous = FULL`), so one commit per delivery held delivery to the disk's commit rate
// (`pnpm bench webhooks`: 787/s with a commit each, over 1,000/s grouped). On SQLite a write
// runs to its commit without yielding to I/O, so a writer that starts at once only ever holds
// the outcome that started it; this test counts the commits. The receiver runs in a process of
// its own, as a real one does: in this process its answers would leave one at a time.

/** A receiver in its own process that answers 204 and counts what it got (`GET /count`). */
const RECEIVER = `
let n = 0
const server = require('node:http').createServer((req, res) => {
  if (req.method === 'GET') return res.end(String(n))
  req.resume()
  req.on('end', () => { n++; res.statusCode = 204; res.end() })
})
server.listen(0, '127.0.0.1', () => console.log(server.address().port))
`

describe('webhook worker: outcomes of answers that arrive together share a commit', () => {
  let t: TestDeps
  let receiver: ChildProcess
  let receiverUrl: string
  let recording = false
  const statements: string[] = []
  beforeAll(async () => {
    t = await createTestDeps({
      clock: systemClock,
      onQuery: (sql) => {
        if (recording) statements.push(sql)
      },
    })
    t.deps.eventSinks = [createWebhookSink(t.deps)]
    receiver = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'pipe', 'inherit'] })
    const [port] = (await once(receiver.stdout as NodeJS.ReadableStream, 'data')) as [Buffer]
    receiverUrl = `http://127.0.0.1:${String(port).trim()}`
  })
  afterAll(async () => {
    receiver.kill()
    await t.close()
  })

  it('records 200 deliveries in far fewer than 200 commits, every one DELIVERED', async () => {
    const deps = t.deps
    const { organizationId } = await bootstrapOrganization(deps, { organizationName: 'Acme', plan: 'TEAM' })
    await createWebhook(
      deps,
      { kind: 'apiKey', organizationId, apiKeyId: 'test' },
      { url: `${receiverUrl}/hook` },
    )
    await deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 199; i++)
        await appendEvent(
          { ...deps, db: trx },
          {
            organizationId,
            type: 'integration.updated',
            actor: { type: 'system', id: null },
            data: { name: `integration-${i}` },
          },
        )
    })
    recording = true
    const worker = startWebhookWorker(deps, { pollMs: 10 })
    // 199 events and the endpoint's own webhook_endpoint.created.
    const deadline = Date.now() + 10_000
    while (Number(await (await fetch(`${receiverUrl}/count`)).text()) < 200 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20))
    await worker.stop()
    recording = false

    const rows = await deps.db.selectFrom('webhookDeliveries').select('status').execute()
    expect(rows).toHaveLength(200)
    expect(rows.every((r) => r.status === 'DELIVERED')).toBe(true)
    const commits = statements.filter((sql) => /^\s*commit/i.test(sql)).length
    const attempts = statements.filter((sql) =>
      /^\s*insert into "webhook_delivery_attempts"/i.test(sql),
    ).length
    expect(attempts).toBe(200)
    expect(commits).toBeGreaterThan(0)
    expect(commits).toBeLessThanOrEqual(50)
  })
})
