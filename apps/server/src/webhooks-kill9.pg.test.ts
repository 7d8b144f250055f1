import { describe, expect, it } from 'vitest'
import { runKill9Drill } from './testing/kill9.ts'

// Durable delivery (issue 22) on PostgreSQL with two server processes delivering the same
// outbox (leases, FOR UPDATE SKIP LOCKED): 1,000 events while either server is killed with
// SIGKILL at random points and the receiver is down for the first half. Every committed event
// is delivered; duplicates (at-least-once: a kill between the send and its record, or a lease
// that ran out) are counted and reported.

describe('webhooks survive kill -9 (PostgreSQL, two processes)', () => {
  it('0 lost over 1,000 events with two delivering servers; duplicates counted and reported', async () => {
    const r = await runKill9Drill('postgres', { servers: 2, events: 1000, kills: 4, deadlineMs: 100_000 })
    console.log(`kill -9 drill (postgres, 2 servers): ${JSON.stringify(r)}`)
    expect(r.kills).toBeGreaterThan(0)
    expect(r.committed).toBe(1000)
    expect(r.lost).toBe(0)
    expect(r.received).toBe(r.committed)
  }, 150_000)
})
