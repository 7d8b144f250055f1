import { testDialect } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * `search` on end users and connections behaves the same on SQLite (`unit`) and PostgreSQL
 * (`pg`): case-insensitive (Unicode letters too), and `%`, `_` and `\` are literal characters,
 * never wildcards or escapes.
 */

const names = ['Alice_Smith', 'alice%off', 'ALICE', 'al\\ice', 'Ünïcode Öwner', 'bob']

describe(`search (${testDialect()})`, () => {
  let h: Harness
  let workspaceId: string

  beforeAll(async () => {
    h = await startHarness()
    const ws = await h.api('/api/v1/workspaces', { method: 'POST', json: { name: 'Search' } })
    workspaceId = ((await ws.json()) as { workspace: { id: string } }).workspace.id
    for (const [i, name] of names.entries()) {
      const eu = await h.api('/api/v1/end-users', {
        method: 'POST',
        json: { workspaceId, externalId: `eu-${i}`, displayName: name },
      })
      expect(eu.status, await eu.text()).toBe(201)
      const c = await h.api('/api/v1/connections', {
        method: 'POST',
        json: {
          type: 'OAUTH2',
          integrationName: 'acme-idp',
          workspaceId,
          externalId: `conn-${i}`,
          displayName: name,
          accessToken: `token-${i}`,
        },
      })
      expect(c.status, await c.text()).toBe(201)
    }
  })
  afterAll(async () => {
    await h.close()
  })

  async function endUsersFound(search: string): Promise<string[]> {
    const q = new URLSearchParams({ workspaceId, search })
    const res = await h.api(`/api/v1/end-users?${q}`)
    expect(res.status).toBe(200)
    const { endUsers } = (await res.json()) as { endUsers: Array<{ displayName: string }> }
    return endUsers.map((e) => e.displayName).sort()
  }

  async function connectionsFound(search: string): Promise<string[]> {
    const q = new URLSearchParams({ workspaceId, search })
    const res = await h.api(`/api/v1/connections?${q}`)
    expect(res.status).toBe(200)
    const { connections } = (await res.json()) as { connections: Array<{ displayName: string }> }
    return connections.map((e) => e.displayName).sort()
  }

  const cases: Array<[string, string[]]> = [
    ['alice', ['ALICE', 'Alice_Smith', 'alice%off']],
    ['ALICE', ['ALICE', 'Alice_Smith', 'alice%off']],
    ['_', ['Alice_Smith']],
    ['e_s', ['Alice_Smith']],
    ['%', ['alice%off']],
    ['e%o', ['alice%off']],
    ['\\', ['al\\ice']],
    ['l\\i', ['al\\ice']],
    ['ünï', ['Ünïcode Öwner']],
    ['ÖWNER', ['Ünïcode Öwner']],
    ['nobody', []],
  ]

  it.each(cases)('end users: %j finds %j', async (search, expected) => {
    expect(await endUsersFound(search)).toEqual([...expected].sort())
  })

  it.each(cases)('connections: %j finds %j', async (search, expected) => {
    expect(await connectionsFound(search)).toEqual([...expected].sort())
  })

  it('tRPC connections.list and endUsers.list search the same way', async () => {
    const input = encodeURIComponent(JSON.stringify({ workspaceId, search: 'A_' }))
    const c = await h.api(`/trpc/connections.list?input=${input}`)
    const cs = (await c.json()) as { result: { data: { connections: Array<{ displayName: string }> } } }
    expect(cs.result.data.connections.map((x) => x.displayName)).toEqual([])
    const input2 = encodeURIComponent(JSON.stringify({ workspaceId, search: 'E_S' }))
    const e = await h.api(`/trpc/endUsers.list?input=${input2}`)
    const es = (await e.json()) as { result: { data: { endUsers: Array<{ displayName: string }> } } }
    expect(es.result.data.endUsers.map((x) => x.displayName)).toEqual(['Alice_Smith'])
  })
})
