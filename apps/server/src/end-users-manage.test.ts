import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/** PATCH and DELETE /api/v1/end-users/:id (the SDKs' endUsers.update / delete), over HTTP. */

interface EndUserJson {
  id: string
  externalId: string
  displayName: string | null
  email: string | null
  metadata: Record<string, unknown>
}

describe('updating and deleting end users', () => {
  let h: Harness

  beforeAll(async () => {
    h = await startHarness({ integration: false })
  })
  afterAll(async () => {
    await h.close()
  })

  async function createEndUser(externalId: string): Promise<EndUserJson> {
    const res = await h.api('/api/v1/end-users', {
      method: 'POST',
      json: { workspaceId: h.org.workspaceId, externalId, displayName: 'Alice', email: 'alice@example.com' },
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { endUser: EndUserJson }).endUser
  }

  it('PATCH changes the fields sent, null clears one, and the change is read back', async () => {
    const alice = await createEndUser('alice')
    const res = await h.api(`/api/v1/end-users/${alice.id}`, {
      method: 'PATCH',
      json: { displayName: 'Alice J.', email: null, metadata: { plan: 'pro' } },
    })
    expect(res.status).toBe(200)
    const { endUser } = (await res.json()) as { endUser: EndUserJson }
    expect(endUser).toMatchObject({
      id: alice.id,
      externalId: 'alice',
      displayName: 'Alice J.',
      email: null,
      metadata: { plan: 'pro' },
    })
    // By externalId too; a field left out is kept.
    await h.api('/api/v1/end-users/alice', { method: 'PATCH', json: { email: 'a@example.com' } })
    const read = (await (await h.api(`/api/v1/end-users/${alice.id}`)).json()) as { endUser: EndUserJson }
    expect(read.endUser).toMatchObject({
      displayName: 'Alice J.',
      email: 'a@example.com',
      metadata: { plan: 'pro' },
    })

    const bad = await h.api(`/api/v1/end-users/${alice.id}`, {
      method: 'PATCH',
      json: { email: 'not an email' },
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR')
    expect((await h.api('/api/v1/end-users/nobody', { method: 'PATCH', json: {} })).status).toBe(404)
  })

  it("DELETE removes the end user and its connections; another organization's end user is 404", async () => {
    const bob = await createEndUser('bob')
    const created = await h.api('/api/v1/connections', {
      method: 'POST',
      json: {
        type: 'SECRET_TEXT',
        integrationName: 'openai',
        workspaceId: h.org.workspaceId,
        externalId: 'bob-openai',
        endUserId: bob.id,
        secretText: 'sk-test',
      },
    })
    expect(created.status).toBe(201)
    const { connection } = (await created.json()) as { connection: { id: string } }

    const res = await h.api(`/api/v1/end-users/${bob.id}`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect((await h.api(`/api/v1/end-users/${bob.id}`)).status).toBe(404)
    expect((await h.api(`/api/v1/connections/${connection.id}`)).status).toBe(404)
    expect((await h.api(`/api/v1/end-users/${bob.id}`, { method: 'DELETE' })).status).toBe(404)
  })
})
