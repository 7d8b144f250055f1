import { completeAuthorization } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * A connection's `metadata` (seed 002 calls it `data`) is the caller's own JSON object: set
 * when the connection is created (POST /api/v1/connections, or a connect token for the hosted
 * flow), replaced by a later create that sends it, kept by one that does not, and returned
 * wherever the connection is.
 */

interface ConnectionJson {
  id: string
  metadata: Record<string, unknown>
}

describe('connection metadata (issue 21, item 20)', () => {
  let h: Harness

  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  const create = (json: Record<string, unknown>) =>
    h.api('/api/v1/connections', {
      method: 'POST',
      json: {
        type: 'OAUTH2',
        integrationName: 'acme-idp',
        workspaceId: h.org.workspaceId,
        accessToken: 'token',
        ...json,
      },
    })

  async function created(res: Response): Promise<ConnectionJson> {
    const text = await res.text()
    expect(res.status, text).toBe(201)
    return (JSON.parse(text) as { connection: ConnectionJson }).connection
  }

  it('POST /api/v1/connections stores it; GET, the list and seed 002’s `data` return it', async () => {
    const metadata = { team: 'growth', plan: { tier: 2, seats: [1, 2] }, active: true }
    const c = await created(
      await create({ externalId: 'meta-1', scope: 'USER', endUserId: 'meta-user', metadata }),
    )
    expect(c.metadata).toEqual(metadata)
    const one = (await (await h.api(`/api/v1/connections/${c.id}`)).json()) as { connection: ConnectionJson }
    expect(one.connection.metadata).toEqual(metadata)
    const list = (await (await h.api('/api/v1/connections?search=meta-1')).json()) as {
      connections: ConnectionJson[]
    }
    expect(list.connections.map((x) => x.metadata)).toEqual([metadata])
    const seed002 = await h.api('/api/integrations/acme-idp/connection', {
      headers: { 'x-end-user-id': 'meta-user', 'x-workspace-id': h.org.workspaceId },
    })
    expect(((await seed002.json()) as { data: unknown }).data).toEqual(metadata)
  })

  it('without metadata a connection has {}; an upsert without it keeps it, one with it replaces it', async () => {
    expect((await created(await create({ externalId: 'meta-2' }))).metadata).toEqual({})
    expect((await created(await create({ externalId: 'meta-2', metadata: { a: 1 } }))).metadata).toEqual({
      a: 1,
    })
    expect((await created(await create({ externalId: 'meta-2' }))).metadata).toEqual({ a: 1 })
    expect((await created(await create({ externalId: 'meta-2', metadata: { b: 2 } }))).metadata).toEqual({
      b: 2,
    })
  })

  it('tRPC connections.create takes it too', async () => {
    const res = await h.api('/trpc/connections.create', {
      method: 'POST',
      json: {
        type: 'OAUTH2',
        integrationName: 'acme-idp',
        workspaceId: h.org.workspaceId,
        externalId: 'meta-trpc',
        accessToken: 'token',
        metadata: { via: 'trpc' },
      },
    })
    const body = (await res.json()) as { result: { data: { connection: ConnectionJson } } }
    expect(body.result.data.connection.metadata).toEqual({ via: 'trpc' })
  })

  it('not an object, or over 16 KiB of JSON → 400 VALIDATION_ERROR naming metadata', async () => {
    for (const metadata of [[1, 2], 'text', 42, { big: 'x'.repeat(17 * 1024) }]) {
      const res = await create({ externalId: 'meta-bad', metadata })
      expect(res.status).toBe(400)
      const body = (await res.json()) as { error: { code: string; details: Array<{ path: string }> } }
      expect(body.error.code).toBe('VALIDATION_ERROR')
      expect(body.error.details.map((d) => d.path)).toEqual(['metadata'])
    }
  })

  it('a connect token’s metadata lands on the connection the hosted flow makes', async () => {
    const res = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-idp',
        connectionName: 'Acme',
        externalId: 'meta-hosted',
        workspaceId: h.org.workspaceId,
        metadata: { source: 'onboarding' },
      },
    })
    expect(res.status, await res.clone().text()).toBe(201)
    const { token } = (await res.json()) as { token: string }
    const { callbackUrl } = await completeAuthorization(`${h.url}/api/v1/connect/authorize?token=${token}`, {
      stopAt: `${h.url}/oauth2/callback`,
    })
    await (await fetch(callbackUrl, { redirect: 'manual' })).body?.cancel()
    const poll = await h.api('/api/v1/connect/session/poll', { method: 'POST', key: null, json: { token } })
    const { connectionId } = (await poll.json()) as { connectionId: string }
    const one = (await (await h.api(`/api/v1/connections/${connectionId}`)).json()) as {
      connection: ConnectionJson
    }
    expect(one.connection.metadata).toEqual({ source: 'onboarding' })
  })

  it('the status filter no longer offers REVOKED, a status nothing writes', async () => {
    const res = await h.api('/api/v1/connections?status=REVOKED')
    expect(res.status).toBe(400)
  })
})
