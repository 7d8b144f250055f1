import { createUser } from '@switchboard/core'
import { testDialect } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * Creates that race on a unique key answer as if they had come one after the other: never a
 * raw constraint error (500). Real concurrent HTTP requests against a real server, on SQLite
 * (`unit`) and PostgreSQL (`pg`).
 */

const N = 8

interface EndUserJson {
  id: string
  externalId: string
  displayName: string | null
}

describe(`concurrent creates on one unique key (${testDialect()})`, () => {
  let h: Harness

  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  const times = <T>(n: number, f: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: n }, (_, i) => f(i)))

  async function answers(responses: Response[]) {
    return Promise.all(
      responses.map(async (res) => ({
        status: res.status,
        body: JSON.parse(await res.text()) as Record<string, unknown>,
      })),
    )
  }

  it('POST /api/v1/end-users with one externalId: one 201, the others 200 with the same end user', async () => {
    const body = { workspaceId: h.org.workspaceId, externalId: 'racer', displayName: 'Racer' }
    const results = await answers(
      await times(N, () => h.api('/api/v1/end-users', { method: 'POST', json: body })),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([...Array(N - 1).fill(200), 201])
    const ids = new Set(results.map((r) => (r.body.endUser as EndUserJson).id))
    expect(ids.size).toBe(1)
    const rows = await h.t.deps.db
      .selectFrom('endUsers')
      .select('id')
      .where('workspaceId', '=', h.org.workspaceId)
      .where('externalId', '=', 'racer')
      .execute()
    expect(rows.map((r) => r.id)).toEqual([...ids])

    // Asked again later, the answer is the same end user, 200.
    const again = await h.api('/api/v1/end-users', { method: 'POST', json: body })
    expect(again.status).toBe(200)
    expect(((await again.json()) as { endUser: EndUserJson }).endUser.id).toBe([...ids][0])
  })

  it('the same externalId with other fields: the first wins, the others → 409 ALREADY_EXISTS naming it', async () => {
    const results = await answers(
      await times(N, (i) =>
        h.api('/api/v1/end-users', {
          method: 'POST',
          json: { workspaceId: h.org.workspaceId, externalId: 'racer-2', displayName: `Racer ${i}` },
        }),
      ),
    )
    const winners = results.filter((r) => r.status === 201)
    const losers = results.filter((r) => r.status !== 201)
    expect(winners).toHaveLength(1)
    const winner = winners[0]?.body.endUser as EndUserJson
    for (const l of losers) {
      expect(l.status).toBe(409)
      expect(l.body.error).toMatchObject({ code: 'ALREADY_EXISTS', details: { endUserId: winner.id } })
    }
  })

  it('tRPC endUsers.create races the same way: every call answers the one end user', async () => {
    const responses = await times(N, () =>
      h.api('/trpc/endUsers.create', {
        method: 'POST',
        json: { workspaceId: h.org.workspaceId, externalId: 'racer-trpc' },
      }),
    )
    const results = await answers(responses)
    expect(results.map((r) => r.status)).toEqual(Array(N).fill(200))
    const ids = new Set(results.map((r) => ((r.body.result as { data: EndUserJson }).data as EndUserJson).id))
    expect(ids.size).toBe(1)
  })

  it('an unknown X-End-User-Id on concurrent seed-002 calls is registered once', async () => {
    const results = await answers(
      await times(N, () =>
        h.api('/api/integration-connections', {
          headers: { 'x-end-user-id': 'first-use', 'x-workspace-id': h.org.workspaceId },
        }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(N).fill(200))
    const rows = await h.t.deps.db
      .selectFrom('endUsers')
      .select('id')
      .where('workspaceId', '=', h.org.workspaceId)
      .where('externalId', '=', 'first-use')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('POST /api/v1/connect/token naming a new end user, concurrently: all 201, one end user', async () => {
    const results = await answers(
      await times(N, (i) =>
        h.api('/api/v1/connect/token', {
          method: 'POST',
          json: {
            integrationName: 'acme-idp',
            connectionName: 'Acme',
            externalId: `token-race-${i}`,
            workspaceId: h.org.workspaceId,
            scope: 'USER',
            endUserId: 'token-racer',
          },
        }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(N).fill(201))
    const rows = await h.t.deps.db
      .selectFrom('endUsers')
      .select('id')
      .where('externalId', '=', 'token-racer')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('POST /api/v1/connections with one externalId: every call lands on one connection', async () => {
    const results = await answers(
      await times(N, (i) =>
        h.api('/api/v1/connections', {
          method: 'POST',
          json: {
            type: 'OAUTH2',
            integrationName: 'acme-idp',
            workspaceId: h.org.workspaceId,
            externalId: 'conn-race',
            scope: 'USER',
            endUserId: 'conn-racer',
            accessToken: `token-${i}`,
          },
        }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual(Array(N).fill(201))
    const ids = new Set(results.map((r) => (r.body.connection as { id: string }).id))
    expect(ids.size).toBe(1)
  })

  it('POST /api/v1/integrations with one name: one 201, the others 409 ALREADY_EXISTS', async () => {
    const definition = {
      name: 'racing-api',
      displayName: 'Racing API',
      authType: 'SECRET_TEXT',
      api: { baseUrl: h.upstream.url, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
    }
    const results = await answers(
      await times(N, () => h.api('/api/v1/integrations', { method: 'POST', json: definition })),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([201, ...Array(N - 1).fill(409)])
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error).toMatchObject({ code: 'ALREADY_EXISTS' })
    }
  })

  it('two users with one email created at once: one user, the other ALREADY_EXISTS (legacy 2039)', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        createUser(h.t.deps, {
          organizationId: h.org.organizationId,
          email: 'same@example.com',
          password: 'a long password',
          role: 'member',
        }),
      ),
    )
    const ok = results.filter((r) => r.status === 'fulfilled')
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(ok).toHaveLength(1)
    for (const f of failed) expect(f.reason).toMatchObject({ code: 'ALREADY_EXISTS', legacyCode: 2039 })
  })
})
