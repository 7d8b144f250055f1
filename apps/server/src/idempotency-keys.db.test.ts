import { bootstrapOrganization, claimIdempotencyKey, pruneIdempotencyKeys } from '@switchboard/core'
import { testDialect } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * `Idempotency-Key` on REST POSTs (issue 23): a real server over SQLite (`unit`) and
 * PostgreSQL (`pg`). POST /api/v1/api-keys is the witness: without the header every call
 * makes a new key, so a replay shows as the same `key` and one row.
 */

interface ApiKeyAnswer {
  apiKey: { id: string; name: string }
  key: string
}

describe(`Idempotency-Key on POST (${testDialect()})`, () => {
  let h: Harness

  beforeAll(async () => {
    h = await startHarness({ integration: false })
  })
  afterAll(async () => {
    await h.close()
  })

  const createKey = (idempotencyKey: string | undefined, name: string, key?: string) =>
    h.api('/api/v1/api-keys', {
      method: 'POST',
      json: { name },
      ...(key !== undefined && { key }),
      headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
    })

  const keysNamed = async (name: string) =>
    h.t.deps.db.selectFrom('apiKeys').select('id').where('name', '=', name).execute()

  it('the same key and body within 24 h replay the first answer, status and body, marked Idempotent-Replayed', async () => {
    const first = await createKey('k-replay', 'replay')
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const firstBody = (await first.json()) as ApiKeyAnswer

    h.clock.advance(23 * 3600_000)
    const again = await createKey('k-replay', 'replay')
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(firstBody)
    expect(await keysNamed('replay')).toHaveLength(1)

    // The stored answer holds the key shown once: never in plaintext.
    const rows = await h.t.deps.db.selectFrom('idempotencyKeys').selectAll().execute()
    const row = rows.find((r) => r.idempotencyKey === 'k-replay')
    expect(row?.responseStatus).toBe(201)
    expect(row?.responseCiphertext).toMatch(/^v1\./)
    expect(JSON.stringify(rows)).not.toContain(firstBody.key)
  })

  it('without the header each POST runs', async () => {
    expect((await createKey(undefined, 'plain')).status).toBe(201)
    expect((await createKey(undefined, 'plain')).status).toBe(201)
    expect(await keysNamed('plain')).toHaveLength(2)
  })

  it('the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and nothing runs', async () => {
    expect((await createKey('k-reuse', 'reuse-a')).status).toBe(201)
    const other = await createKey('k-reuse', 'reuse-b')
    expect(other.status).toBe(422)
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await keysNamed('reuse-b')).toHaveLength(0)

    // Another path with the same key and body is another request too.
    const elsewhere = await h.api('/api/v1/workspaces', {
      method: 'POST',
      json: { name: 'reuse-a' },
      headers: { 'idempotency-key': 'k-reuse' },
    })
    expect(elsewhere.status).toBe(422)
  })

  it('keys are per organization: another organization using the same key gets its own answer', async () => {
    const other = await bootstrapOrganization(h.t.deps, { organizationName: 'Other', plan: 'TEAM' })
    const mine = (await (await createKey('k-shared', 'shared')).json()) as ApiKeyAnswer
    const theirs = await createKey('k-shared', 'shared', other.apiKey)
    expect(theirs.status).toBe(201)
    expect(theirs.headers.get('idempotent-replayed')).toBeNull()
    expect(((await theirs.json()) as ApiKeyAnswer).key).not.toBe(mine.key)
    expect(await keysNamed('shared')).toHaveLength(2)
  })

  it('while the first request runs, the same request is 409 IDEMPOTENCY_KEY_IN_PROGRESS with Retry-After', async () => {
    // The first request, claimed and not finished (as while its handler runs).
    const claim = await claimIdempotencyKey(h.t.deps, {
      organizationId: h.org.organizationId,
      key: 'k-running',
      method: 'POST',
      path: '/api/v1/api-keys',
      body: { name: 'running' },
    })
    expect(claim.kind).toBe('claimed')
    const second = await createKey('k-running', 'running')
    expect(second.status).toBe(409)
    expect(second.headers.get('retry-after')).toBe('1')
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe(
      'IDEMPOTENCY_KEY_IN_PROGRESS',
    )
    expect(await keysNamed('running')).toHaveLength(0)

    // A first request that never finished (its server died) frees the key after 5 minutes.
    h.clock.advance(5 * 60_000)
    expect((await createKey('k-running', 'running')).status).toBe(201)
    expect(await keysNamed('running')).toHaveLength(1)
  })

  it('concurrent requests with one key run the POST once', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => createKey('k-race', 'race')))
    const statuses = await Promise.all(
      answers.map(async (res) => {
        const body = (await res.json()) as ApiKeyAnswer & { error?: { code: string } }
        return res.status === 201 ? 'created' : body.error?.code
      }),
    )
    for (const s of statuses) expect(['created', 'IDEMPOTENCY_KEY_IN_PROGRESS']).toContain(s)
    expect(statuses).toContain('created')
    expect(await keysNamed('race')).toHaveLength(1)
  })

  it('an error answer is replayed too; a malformed key is 400 VALIDATION_ERROR', async () => {
    const missing = {
      integrationName: 'no-such-integration',
      workspaceId: h.org.workspaceId,
      externalId: 'x',
      type: 'SECRET_TEXT',
      secretText: 's',
    }
    const send = () =>
      h.api('/api/v1/connections', {
        method: 'POST',
        json: missing,
        headers: { 'idempotency-key': 'k-error' },
      })
    const first = await send()
    expect(first.status).toBe(404)
    const again = await send()
    expect(again.status).toBe(404)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    // The same answer, but the id is this request's own (the one its log line carries).
    const firstBody = (await first.json()) as { error: { requestId: string } }
    const againBody = (await again.json()) as { error: { requestId: string } }
    expect(againBody.error.requestId).toBe(again.headers.get('x-request-id'))
    expect(againBody.error.requestId).not.toBe(firstBody.error.requestId)
    expect({ ...againBody.error, requestId: null }).toEqual({ ...firstBody.error, requestId: null })

    const bad = await createKey('has space', 'bad')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR')
    expect((await createKey('x'.repeat(256), 'bad')).status).toBe(400)
    expect(await keysNamed('bad')).toHaveLength(0)
  })

  it('after 24 h the key is free again, and the background job prunes the old rows', async () => {
    const first = (await (await createKey('k-expire', 'expire')).json()) as ApiKeyAnswer
    h.clock.advance(24 * 3600_000)
    const later = await createKey('k-expire', 'expire')
    expect(later.status).toBe(201)
    expect(later.headers.get('idempotent-replayed')).toBeNull()
    expect(((await later.json()) as ApiKeyAnswer).key).not.toBe(first.key)

    const before = await h.t.deps.db.selectFrom('idempotencyKeys').select('idempotencyKey').execute()
    expect(before.map((r) => r.idempotencyKey)).toContain('k-replay')
    h.clock.advance(1000)
    const pruned = await pruneIdempotencyKeys(h.t.deps)
    expect(pruned).toBeGreaterThan(0)
    const after = await h.t.deps.db.selectFrom('idempotencyKeys').select('idempotencyKey').execute()
    // Only the key used within the last 24 h is left.
    expect(after.map((r) => r.idempotencyKey)).toEqual(['k-expire'])
  })
})
