import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * Clients (fetch wrappers, SDKs) send `Content-Type: application/json` on every call, with no
 * body on DELETE. An empty body counts as no body, whatever the method; a body that is there
 * but is not JSON is still 400 VALIDATION_ERROR (docs/api.md).
 */

interface ErrorJson {
  error: { code: string; message: string; details?: Array<{ path: string }> }
}

describe('empty JSON bodies (issue 21, item 18)', () => {
  let h: Harness

  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  const send = (method: string, path: string, body?: string) =>
    h.api(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body }),
    })

  async function newConnection(externalId: string): Promise<string> {
    const res = await h.api('/api/v1/connections', {
      method: 'POST',
      json: {
        type: 'OAUTH2',
        integrationName: 'acme-idp',
        workspaceId: h.org.workspaceId,
        externalId,
        accessToken: 'token',
      },
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { connection: { id: string } }).connection.id
  }

  it('DELETE /api/v1/connections/:id with Content-Type: application/json and no body → 204', async () => {
    const id = await newConnection('empty-delete')
    const res = await send('DELETE', `/api/v1/connections/${id}`)
    expect(res.status, await res.text()).toBe(204)
    expect((await h.api(`/api/v1/connections/${id}`)).status).toBe(404)
  })

  it('DELETE /api/v1/api-keys/:id with an explicitly empty body → 204', async () => {
    const created = await h.api('/api/v1/api-keys', { method: 'POST', json: { name: 'to revoke' } })
    const { apiKey } = (await created.json()) as { apiKey: { id: string } }
    const res = await send('DELETE', `/api/v1/api-keys/${apiKey.id}`, '')
    expect(res.status, await res.text()).toBe(204)
  })

  it('a non-empty body that is not JSON still answers 400 VALIDATION_ERROR', async () => {
    const id = await newConnection('bad-json-delete')
    for (const [method, path] of [
      ['DELETE', `/api/v1/connections/${id}`],
      ['POST', '/api/v1/end-users'],
    ] as const) {
      const res = await send(method, path, '{"oops": ')
      expect(res.status).toBe(400)
      const body = (await res.json()) as ErrorJson
      expect(body.error).toMatchObject({
        code: 'VALIDATION_ERROR',
        message: 'The request body is not valid JSON',
      })
    }
    expect((await h.api(`/api/v1/connections/${id}`)).status).toBe(200)
  })

  it('POST with an empty JSON body is an empty object: fields the route needs are named', async () => {
    const res = await send('POST', '/api/v1/end-users')
    expect(res.status).toBe(400)
    const body = (await res.json()) as ErrorJson
    expect(body.error.code).toBe('VALIDATION_ERROR')
    expect((body.error.details ?? []).map((d) => d.path).sort()).toEqual(['externalId', 'workspaceId'])
    // …and a route whose fields are all optional runs with its defaults.
    const key = await send('POST', '/api/v1/api-keys')
    expect(key.status, await key.text()).toBe(201)
  })
})
