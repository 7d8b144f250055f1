import { describe, expect, it } from 'vitest'
import { runKill9Drill } from './testing/kill9.ts'

// Durable delivery (issue 22), SQLite with one server process: 1,000 events enqueued while the
// delivering server is killed with SIGKILL at random points (4 times) and the receiver is down
// for the first half; after the restarts every committed event reaches the receiver. The servers
// start from the compiled serve.ts (testing/child-server.ts), not through tsx: about 30 s at a
// load of 13 on 2 cores, where the tsx restarts took 73 s.

describe('webhooks survive kill -9 (SQLite, one process)', () => {
  it('0 lost over 1,000 events; duplicates counted and reported', async () => {
    const r = await runKill9Drill('sqlite', { servers: 1, events: 1000, kills: 4, deadlineMs: 100_000 })
    console.log(`kill -9 drill (sqlite, 1 server): ${JSON.stringify(r)}`)
    expect(r.kills).toBeGreaterThan(0)
    expect(r.committed).toBe(1000)
    expect(r.lost).toBe(0)
    expect(r.received).toBe(r.committed)
  }, 150_000)
})
