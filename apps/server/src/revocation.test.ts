import { bootstrapOrganization, decryptCredentials, encryptCredentials } from '@switchboard/core'
import { connectionEventKinds } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

async function credsOf(h: Harness, id: string) {
  const row = await h.t.deps.db
    .selectFrom('connections')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  const creds = decryptCredentials(h.t.deps, row)
  if (creds.kind !== 'oauth2') throw new Error('expected oauth2 credentials')
  return { row, creds }
}

async function eventKinds(h: Harness, id: string): Promise<string[]> {
  return connectionEventKinds(h.t.deps.db, id)
}

async function apiEventKinds(h: Harness, id: string): Promise<string[]> {
  const res = await h.api(`/api/v1/connections/${id}/events`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { events: Array<{ kind: string }> }).events.map((e) => e.kind)
}

describe('DELETE /api/v1/connections/:id revokes at the provider (RFC 7009, checklist 16)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  it('204: the refresh and access tokens no longer introspect, the row is gone, history says REVOKED and DELETED', async () => {
    const { connectionId } = await connectAcme(h)
    const { creds } = await credsOf(h, connectionId)
    expect(await h.provider.introspect(creds.refreshToken as string)).toBe(true)
    expect(await h.provider.introspect(creds.accessToken)).toBe(true)
    const revocations = h.provider.revocationLog.length

    const res = await h.api(`/api/v1/connections/${connectionId}`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')

    const sent = h.provider.revocationLog.slice(revocations)
    expect(sent).toEqual([
      expect.objectContaining({ token: creds.refreshToken, tokenTypeHint: 'refresh_token', canned: false }),
    ])
    // Client authentication, never the secret in the body.
    expect(sent[0]?.authorization).toMatch(/^Basic /)
    expect(await h.provider.introspect(creds.refreshToken as string)).toBe(false)
    expect(await h.provider.introspect(creds.accessToken)).toBe(false)

    const row = await h.t.deps.db
      .selectFrom('connections')
      .select('id')
      .where('id', '=', connectionId)
      .executeTakeFirst()
    expect(row).toBeUndefined()
    const get = await h.api(`/api/v1/connections/${connectionId}`)
    expect(get.status).toBe(404)
    expect(((await get.json()) as { error: { code: string } }).error.code).toBe('CONNECTION_NOT_FOUND')
    // The proxy no longer knows it either.
    const proxied = await h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url: '/me' } })
    expect(proxied.status).toBe(404)
    await proxied.body?.cancel()

    expect(await eventKinds(h, connectionId)).toEqual(expect.arrayContaining(['REVOKED', 'DELETED']))
    // Newest first, in the order they happened even within one millisecond (the test clock
    // does not move here at all).
    expect(await apiEventKinds(h, connectionId)).toEqual(['DELETED', 'REVOKED', 'CREATED'])
    expect(await eventKinds(h, connectionId)).not.toContain('REVOKE_FAILED')

    // Deleting again is a 404, and asks the provider nothing.
    const again = await h.api(`/api/v1/connections/${connectionId}`, { method: 'DELETE' })
    expect(again.status).toBe(404)
    await again.body?.cancel()
    expect(h.provider.revocationLog.length).toBe(revocations + 1)
  })

  it('503 twice then 200: retried, still 204 and revoked', async () => {
    const { connectionId } = await connectAcme(h)
    const { creds } = await credsOf(h, connectionId)
    const revocations = h.provider.revocationLog.length
    h.provider.failNext('revocation', { status: 503, body: { error: 'temporarily_unavailable' } }, 2)

    const res = await h.api(`/api/v1/connections/${connectionId}`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    const sent = h.provider.revocationLog.slice(revocations)
    expect(sent.map((r) => r.canned)).toEqual([true, true, false])
    expect(new Set(sent.map((r) => r.token))).toEqual(new Set([creds.refreshToken]))
    expect(await h.provider.introspect(creds.refreshToken as string)).toBe(false)
    expect(await eventKinds(h, connectionId)).toEqual(expect.arrayContaining(['REVOKED', 'DELETED']))
    expect(await eventKinds(h, connectionId)).not.toContain('REVOKE_FAILED')
  })

  it('a revocation endpoint that keeps answering 503: bounded retries, then 204 anyway with REVOKE_FAILED and the credentials deleted', async () => {
    const { connectionId } = await connectAcme(h)
    const { creds } = await credsOf(h, connectionId)
    const revocations = h.provider.revocationLog.length
    h.provider.failNext('revocation', { status: 503 }, 3)

    const res = await h.api(`/api/v1/connections/${connectionId}`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    const sent = h.provider.revocationLog.slice(revocations)
    expect(sent.map((r) => r.canned)).toEqual([true, true, true])
    const kinds = await eventKinds(h, connectionId)
    expect(kinds).toEqual(expect.arrayContaining(['REVOKE_FAILED', 'DELETED']))
    expect(kinds).not.toContain('REVOKED')
    const row = await h.t.deps.db
      .selectFrom('connections')
      .select('id')
      .where('id', '=', connectionId)
      .executeTakeFirst()
    expect(row).toBeUndefined()
    // Honest history: the provider never confirmed, and indeed the grant is still alive there.
    expect(await h.provider.introspect(creds.refreshToken as string)).toBe(true)
  })

  it('a 204 answer from the revocation endpoint counts as success', async () => {
    const { connectionId } = await connectAcme(h)
    const revocations = h.provider.revocationLog.length
    h.provider.failNext('revocation', { status: 204 })
    const res = await h.api(`/api/v1/connections/${connectionId}`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect(h.provider.revocationLog.length).toBe(revocations + 1)
    const kinds = await eventKinds(h, connectionId)
    expect(kinds).toEqual(expect.arrayContaining(['REVOKED', 'DELETED']))
    expect(kinds).not.toContain('REVOKE_FAILED')
  })

  it('a 400 from the revocation endpoint is not retried and is recorded as REVOKE_FAILED', async () => {
    const { connectionId } = await connectAcme(h)
    const revocations = h.provider.revocationLog.length
    h.provider.failNext('revocation', { status: 400, body: { error: 'invalid_client' } })
    const res = await h.api(`/api/v1/connections/${connectionId}`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect(h.provider.revocationLog.length).toBe(revocations + 1)
    expect(await eventKinds(h, connectionId)).toEqual(expect.arrayContaining(['REVOKE_FAILED', 'DELETED']))
  })

  it('without a refresh token, the access token is revoked', async () => {
    const { connectionId } = await connectAcme(h)
    const { row, creds } = await credsOf(h, connectionId)
    await h.t.deps.db
      .updateTable('connections')
      .set({
        credentialsCiphertext: encryptCredentials(h.t.deps, connectionId, { ...creds, refreshToken: null }),
      })
      .where('id', '=', row.id)
      .execute()
    const revocations = h.provider.revocationLog.length
    const res = await h.api(`/api/v1/connections/${connectionId}`, { method: 'DELETE' })
    expect(res.status).toBe(204)
    expect(h.provider.revocationLog.slice(revocations)).toEqual([
      expect.objectContaining({ token: creds.accessToken, tokenTypeHint: 'access_token', canned: false }),
    ])
    expect(await h.provider.introspect(creds.accessToken)).toBe(false)
  })

  it("another organization's connection id answers 404 and revokes nothing", async () => {
    const { connectionId } = await connectAcme(h)
    const { creds } = await credsOf(h, connectionId)
    const other = await bootstrapOrganization(h.t.deps, { organizationName: 'Other', plan: 'TEAM' })
    const revocations = h.provider.revocationLog.length
    const res = await h.api(`/api/v1/connections/${connectionId}`, { method: 'DELETE', key: other.apiKey })
    expect(res.status).toBe(404)
    await res.body?.cancel()
    expect(h.provider.revocationLog.length).toBe(revocations)
    expect(await h.provider.introspect(creds.refreshToken as string)).toBe(true)
  })
})
