import { describe, expect, it } from 'vitest'
import { runKill9Drill } from './testing/kill9.ts'

// Durable delivery (issue 22), SQLite with one server process: 600 API keys created over HTTP
// through the server that is killed with SIGKILL at random points (4 times), so a kill can land
// mid-write; the receiver is down for the first half. Every acknowledged change has its event,
// every event reaches the receiver, and duplicates are at most the sends in flight at the kills.
// The servers start from the compiled serve.ts (testing/child-server.ts), not through tsx.

describe('webhooks survive kill -9 (SQLite, one process)', () => {
  it('every acknowledged change has its event, 0 lost, duplicates ≤ sends in flight at the kills', async () => {
    const r = await runKill9Drill('sqlite', { servers: 1, events: 600, kills: 4, deadlineMs: 100_000 })
    console.log(`kill -9 drill (sqlite, 1 server): ${JSON.stringify(r)}`)
    expect(r.kills).toBe(4)
    expect(r.acknowledged).toBeGreaterThanOrEqual(600)
    expect(r.unrecordedAcks).toBe(0)
    expect(r.committed).toBeGreaterThanOrEqual(r.acknowledged)
    expect(r.committed).toBeLessThanOrEqual(r.acknowledged + r.unanswered)
    expect(r.lost).toBe(0)
    expect(r.received).toBe(r.committed)
    expect(r.duplicates).toBeLessThanOrEqual(r.inFlightAtKills)
  }, 150_000)
})
