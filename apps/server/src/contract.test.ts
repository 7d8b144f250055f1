import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Answer, checkAnswer } from './testing/contract.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// The test suites' response check (testing/contract.ts): every answer a harness server sends
// from a documented route is checked against that route's declared responses, through the
// OpenAPI document. These tests show it refuses what it must, and sees the harness's answers.

const endUser = {
  id: 'e1',
  workspaceId: 'w1',
  externalId: 'user_456',
  displayName: null,
  email: null,
  metadata: {},
  createdAt: '2026-01-01T00:00:00.000Z',
}

function answer(over: Partial<Answer>): Answer {
  return {
    method: 'GET',
    route: '/api/v1/end-users/:id',
    url: '/api/v1/end-users/e1',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    location: undefined,
    payload: JSON.stringify({ endUser }),
    ...over,
  }
}

describe('checkAnswer', () => {
  it('accepts an answer as declared', () => {
    expect(checkAnswer(answer({}))).toBeUndefined()
    const notFound = JSON.stringify({ error: { code: 'END_USER_NOT_FOUND', message: 'End user not found' } })
    expect(checkAnswer(answer({ status: 404, payload: notFound }))).toBeUndefined()
  })

  it('refuses a field the schema does not list, a missing one, a wrong type', () => {
    const extra = JSON.stringify({ endUser: { ...endUser, passwordHash: 'x' } })
    expect(checkAnswer(answer({ payload: extra }))).toMatch(/additional/)
    const { email: _e, ...missing } = endUser
    expect(checkAnswer(answer({ payload: JSON.stringify({ endUser: missing }) }))).toMatch(/email/)
    const wrong = JSON.stringify({ endUser: { ...endUser, metadata: 'x' } })
    expect(checkAnswer(answer({ payload: wrong }))).toMatch(/metadata/)
  })

  it('refuses an undeclared status, an error code of another status, the wrong media type', () => {
    expect(checkAnswer(answer({ status: 418 }))).toMatch(/not declared/)
    const conflict = JSON.stringify({ error: { code: 'CONFLICT', message: 'x' } })
    expect(checkAnswer(answer({ status: 404, payload: conflict }))).toMatch(/code/)
    expect(checkAnswer(answer({ contentType: 'text/html' }))).toMatch(/content-type/)
  })

  it('knows empty answers, redirects, the proxy and unknown /api paths', () => {
    const del = { method: 'DELETE', status: 204, contentType: undefined }
    expect(checkAnswer(answer({ ...del, payload: '' }))).toBeUndefined()
    expect(checkAnswer(answer({ ...del, payload: '{}' }))).toMatch(/body/)
    const authorize = { route: '/api/v1/connect/authorize', url: '/api/v1/connect/authorize', status: 302 }
    expect(
      checkAnswer(answer({ ...authorize, payload: '', location: 'https://idp.test/auth' })),
    ).toBeUndefined()
    expect(checkAnswer(answer({ ...authorize, payload: '' }))).toMatch(/Location/)
    // The upstream's own 404 passes; Switchboard's own 404 is checked as ours.
    const proxy = { method: 'POST', route: '/api/v1/proxy', url: '/api/v1/proxy', status: 404 }
    expect(
      checkAnswer(answer({ ...proxy, payload: '<h1>nope</h1>', contentType: 'text/html' })),
    ).toBeUndefined()
    const ours = JSON.stringify({ error: { code: 'CONNECTION_NOT_FOUND', message: 'x', extra: 1 } })
    expect(checkAnswer(answer({ ...proxy, payload: ours }))).toMatch(/additional/)
    const unknown = { route: undefined, url: '/api/v1/nope' }
    const nf = JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No route' } })
    expect(checkAnswer(answer({ ...unknown, status: 404, payload: nf }))).toBeUndefined()
    expect(checkAnswer(answer({ ...unknown, status: 200, payload: '<html>' }))).toMatch(/404/)
  })
})

describe('the harness checks every answer', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ integration: false })
  })
  afterAll(async () => {
    await h.close()
  })

  it('sees the answers its server sends and finds these as declared', async () => {
    const before = h.contractChecked()
    const created = await h.api('/api/v1/end-users', {
      method: 'POST',
      json: { workspaceId: h.org.workspaceId, externalId: 'user_456' },
    })
    expect(created.status).toBe(201)
    expect((await h.api('/api/v1/end-users/nope')).status).toBe(404)
    const unknown = await h.api('/api/v1/no-such-thing')
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/)
    const unknownPost = await h.api('/api/v1/no-such-thing', { method: 'POST', json: {} })
    expect(unknownPost.status).toBe(404)
    expect(((await unknownPost.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
    expect(h.contractChecked() - before).toBe(4)
    expect(h.contractViolations).toEqual([])
  })
})
