import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// Every answer carries `x-request-id` (the caller's when it is a sane one, else a fresh one),
// and every error answer's `error.requestId` is the same id: what a caller quotes to support
// is what the log lines say (issue 23).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('x-request-id', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  async function errorOf(res: Response): Promise<{ code: string; requestId?: string }> {
    return ((await res.json()) as { error: { code: string; requestId?: string } }).error
  }

  it('a success answer gets a fresh id, different per request', async () => {
    const a = await h.api(`/api/v1/end-users?workspaceId=${h.org.workspaceId}`)
    const b = await h.api('/healthz')
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect(a.headers.get('x-request-id')).toMatch(UUID)
    expect(b.headers.get('x-request-id')).toMatch(UUID)
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'))
  })

  it('a valid incoming id is echoed, on success and in the error body', async () => {
    const ok = await h.api('/healthz', { headers: { 'x-request-id': 'gw-trace.42:abc' } })
    expect(ok.headers.get('x-request-id')).toBe('gw-trace.42:abc')
    const notFound = await h.api('/api/v1/end-users/nobody', { headers: { 'x-request-id': 'trace-7' } })
    expect(notFound.status).toBe(404)
    expect(notFound.headers.get('x-request-id')).toBe('trace-7')
    expect(await errorOf(notFound)).toMatchObject({ code: 'END_USER_NOT_FOUND', requestId: 'trace-7' })
  })

  it('an invalid incoming id (spaces, too long, control characters) is replaced', async () => {
    for (const bad of ['has space', 'x'.repeat(129), 'a\tb', 'a;b', '']) {
      const res = await h.api('/api/v1/nope', { headers: { 'x-request-id': bad } })
      expect(res.status).toBe(404)
      const id = res.headers.get('x-request-id')
      expect(id).toMatch(UUID)
      expect(id).not.toBe(bad)
      expect((await errorOf(res)).requestId).toBe(id)
    }
  })

  it('errors from every layer carry the header’s id: validation, auth, unknown route, bad JSON', async () => {
    const answers = [
      await h.api('/api/v1/end-users', { method: 'POST', json: { externalId: 42 } }),
      await h.api('/api/v1/end-users', { key: 'sk_wrong' }),
      await h.api('/api/nothing-here'),
      await h.api('/api/v1/end-users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      }),
    ]
    expect(answers.map((r) => r.status)).toEqual([400, 401, 404, 400])
    for (const res of answers) {
      const id = res.headers.get('x-request-id')
      expect(id).toMatch(UUID)
      expect((await errorOf(res)).requestId).toBe(id)
    }
  })

  it('a kept idempotent error answers with the replay’s own id', async () => {
    const send = (id: string) =>
      h.api('/api/v1/end-users', {
        method: 'POST',
        headers: { 'idempotency-key': 'rid-key-1', 'x-request-id': id },
        json: { externalId: 'u1', workspaceId: '00000000-0000-4000-8000-000000000000' },
      })
    const first = await send('first-1')
    const replay = await send('second-2')
    expect(first.status).toBe(replay.status)
    expect(first.status).toBe(404)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect((await errorOf(first)).requestId).toBe('first-1')
    expect((await errorOf(replay)).requestId).toBe('second-2')
  })

  it('a proxied answer carries ours, not the upstream’s; the OAuth server’s answers carry one', async () => {
    const { connectionId } = await connectAcme(h)
    const res = await h.api('/api/v1/proxy', {
      method: 'POST',
      headers: { 'x-request-id': 'proxy-trace-1' },
      json: { connectionId, url: '/me' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-request-id')).toBe('proxy-trace-1')
    const discovery = await h.api('/.well-known/oauth-authorization-server', { key: null })
    expect(discovery.headers.get('x-request-id')).toMatch(UUID)
  })
})
