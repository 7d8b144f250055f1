import { describe, expect, it } from 'vitest'
import { runKill9Drill } from './testing/kill9.ts'

// Durable delivery (issue 22) on PostgreSQL with two server processes delivering the same
// outbox (leases, FOR UPDATE SKIP LOCKED): 600 API keys created over HTTP through those servers
// while either is killed with SIGKILL at random points (so a kill can land mid-write), the
// receiver down for the first half. Every acknowledged change has its event, every event is
// delivered, and duplicates (at-least-once: a kill between a send and its committed outcome)
// are at most the sends in flight at the kills.

describe('webhooks survive kill -9 (PostgreSQL, two processes)', () => {
  it('every acknowledged change has its event, 0 lost, duplicates ≤ sends in flight at the kills', async () => {
    const r = await runKill9Drill('postgres', { servers: 2, events: 600, kills: 4, deadlineMs: 100_000 })
    console.log(`kill -9 drill (postgres, 2 servers): ${JSON.stringify(r)}`)
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
