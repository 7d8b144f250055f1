import { completeAuthorization } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * What one hosted OAuth connect flow costs the database (SQLite, `synchronous = FULL`: every
 * commit waits for an fsync, the largest share of the flow's server CPU in `pnpm bench flow`).
 * A commit is a `commit` of a transaction, or a write run outside one (SQLite commits it on
 * its own). The flow is the bench's: connect token, the connect page and its describe query,
 * authorize through the provider, the callback, the poll.
 */
describe('one hosted connect flow: its database commits', () => {
  let h: Harness
  let recording = false
  const statements: string[] = []

  beforeAll(async () => {
    h = await startHarness({
      onQuery: (sql) => {
        if (recording) statements.push(sql)
      },
    })
  })
  afterAll(async () => {
    await h?.close()
  })

  const flow = async (externalId: string) => {
    const res = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-idp',
        connectionName: 'Acme',
        externalId,
        workspaceId: h.org.workspaceId,
      },
    })
    expect(res.status).toBe(201)
    const { token } = (await res.json()) as { token: string }
    const page = await fetch(`${h.url}/connect?token=${encodeURIComponent(token)}`)
    await page.body?.cancel()
    const describe = await fetch(
      `${h.url}/trpc/connect.describe?input=${encodeURIComponent(JSON.stringify({ token }))}`,
    )
    expect(describe.status).toBe(200)
    await describe.body?.cancel()
    const { callbackUrl } = await completeAuthorization(
      `${h.url}/api/v1/connect/authorize?token=${encodeURIComponent(token)}`,
      { stopAt: `${h.url}/oauth2/callback` },
    )
    const cb = await fetch(callbackUrl, { redirect: 'manual' })
    await cb.body?.cancel()
    expect(cb.status).toBeLessThan(400)
    const poll = await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
    expect(((await poll.json()) as { status: string }).status).toBe('COMPLETED')
  }

  /** The commits among `sql`: each `commit`, and each write outside a transaction. */
  const commitsOf = (sql: string[]) => {
    const commits: string[] = []
    let inTransaction = false
    for (const s of sql) {
      const verb = s.trimStart().split(/\s+/, 1)[0]?.toLowerCase()
      if (verb === 'begin') inTransaction = true
      else if (verb === 'commit' || verb === 'rollback') {
        inTransaction = false
        if (verb === 'commit') commits.push(s)
      } else if (!inTransaction && (verb === 'insert' || verb === 'update' || verb === 'delete'))
        commits.push(s)
    }
    return commits
  }

  it('commits five times: one per durable step', async () => {
    // The first flow loads what is loaded once (keys, the integration's metadata, lazy modules).
    await flow('warm-up')
    recording = true
    await flow('counted')
    recording = false
    // Five, one per durable step, none foldable into another: the session (token), its state and
    // PKCE verifier (authorize), the claim before the code exchange (CONNECTING), the tokens held
    // after it (a crash before the connection is stored leaves them revocable,
    // connect-interrupted.test.ts), and the connection + COMPLETED + both events + outbox rows.
    const commits = commitsOf(statements).map((s) => s.split(' (')[0])
    expect(commits).toEqual([
      'commit',
      'update "connect_sessions" set "status" = ?, "error" = ?, "state_hash" = ?, "state_expires_at" = ?, "pkce_verifier_ciphertext" = ?, "updated_at" = ? where "id" = ? and "status" != ?',
      'update "connect_sessions" set "state_hash" = ?, "status" = ?, "updated_at" = ? where "id" = ? and "state_hash" = ? and "status" = ?',
      'update "connect_sessions" set "tokens_ciphertext" = ?, "updated_at" = ? where "id" = ? and "status" = ?',
      'commit',
    ])
    expect(statements.length).toBeLessThanOrEqual(31)
  })
})
