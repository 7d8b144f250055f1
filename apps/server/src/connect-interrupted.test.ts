import {
  CONNECTING_STALE_MS,
  type CoreDeps,
  handleOAuthCallback,
  recoverInterruptedConnectSessions,
  secretAt,
} from '@switchboard/core'
import { completeAuthorization } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectAcme } from './testing/connect.ts'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * The OAuth callback after the provider issued tokens: whatever goes wrong before the
 * connection is stored (an error, or the process stopping), the session ends FAILED with a
 * reason, never CONNECTING for good, and the tokens obtained are revoked at the provider
 * instead of being left valid and unknown to anyone.
 */
describe('connect sessions interrupted after the code exchange', () => {
  let h: Harness

  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  /** A connect token and its authorization, stopped at the callback (the code not yet redeemed). */
  async function authorizedUpToCallback(json: Record<string, unknown> = {}) {
    const res = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-idp',
        connectionName: 'Acme',
        externalId: `ext-${Math.random().toString(36).slice(2)}`,
        workspaceId: h.org.workspaceId,
        ...json,
      },
    })
    expect(res.status).toBe(201)
    const { token, sessionId } = (await res.json()) as { token: string; sessionId: string }
    const { callbackUrl } = await completeAuthorization(`${h.url}/api/v1/connect/authorize?token=${token}`, {
      stopAt: `${h.url}/oauth2/callback`,
    })
    return { token, sessionId, callbackUrl }
  }

  async function poll(token: string) {
    const res = await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
    return (await res.json()) as { status: string; connectionId: string | null; error: string | null }
  }

  const sessionRow = (id: string) =>
    h.t.deps.db.selectFrom('connectSessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  /** Tokens the provider issued by the authorization-code grant since `since` (as revoked or not). */
  const revokedSince = (since: number) => h.provider.revocationLog.slice(since).map((r) => r.token)

  it('a failure after the exchange (the connection to reconnect was deleted meanwhile): FAILED with the reason, and the tokens obtained are revoked at the provider', async () => {
    const { connectionId } = await connectAcme(h)
    const { token, callbackUrl } = await authorizedUpToCallback({ connectionId })
    const deleted = await h.api(`/api/v1/connections/${connectionId}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    const revocations = h.provider.revocationLog.length
    const exchanges = h.provider.stats.tokenSuccesses.authorization_code

    const cb = await fetch(callbackUrl, { redirect: 'manual' })
    expect(cb.status).toBe(302)
    expect(new URL(cb.headers.get('location') as string).searchParams.get('result')).toBe('error')
    expect(h.provider.stats.tokenSuccesses.authorization_code).toBe(exchanges + 1)

    const session = await poll(token)
    expect(session).toMatchObject({ status: 'FAILED', connectionId: null })
    expect(session.error).toMatch(/no longer exists/)
    // Both tokens the exchange obtained were revoked, and the provider no longer accepts them.
    const revoked = revokedSince(revocations)
    expect(revoked).toHaveLength(2)
    for (const t of revoked) expect(await h.provider.introspect(t as string)).toBe(false)
    const rows = await h.t.deps.db.selectFrom('connectSessions').select('tokensCiphertext').execute()
    expect(rows.every((r) => r.tokensCiphertext === null)).toBe(true)
  })

  it('a crash after the exchange, before the connection is stored: the session is recovered as FAILED "interrupted" and the tokens it held are revoked', async () => {
    const { token, sessionId, callbackUrl } = await authorizedUpToCallback()
    const query = Object.fromEntries(new URL(callbackUrl).searchParams)
    // The process stops for good where it would store the connection: its database
    // transaction never starts (nothing after it runs, as in a crash).
    const dying: CoreDeps = {
      ...h.t.deps,
      db: new Proxy(h.t.deps.db, {
        get(target, prop) {
          if (prop === 'transaction') return () => ({ execute: () => new Promise(() => {}) })
          const value = Reflect.get(target, prop, target)
          return typeof value === 'function' ? value.bind(target) : value
        },
      }),
    }
    void handleOAuthCallback(dying, query)
    await expect.poll(async () => (await sessionRow(sessionId)).tokensCiphertext).not.toBeNull()
    const held = await sessionRow(sessionId)
    expect(held.status).toBe('CONNECTING')
    const tokens = JSON.parse(
      h.t.deps.cipher.decrypt(held.tokensCiphertext as string, secretAt.sessionTokens(sessionId)),
    ) as { accessToken: string; refreshToken: string }
    expect(await h.provider.introspect(tokens.refreshToken)).toBe(true)
    expect(await h.provider.introspect(tokens.accessToken)).toBe(true)

    // Another instance (or this one, restarted) recovers it once the flow is surely dead, not before.
    expect(await recoverInterruptedConnectSessions(h.t.deps)).toEqual({ failed: 0, revoked: 0 })
    expect((await sessionRow(sessionId)).status).toBe('CONNECTING')
    h.clock.advance(CONNECTING_STALE_MS + 1000)
    const revocations = h.provider.revocationLog.length
    expect(await recoverInterruptedConnectSessions(h.t.deps)).toEqual({ failed: 1, revoked: 1 })

    const session = await poll(token)
    expect(session).toMatchObject({ status: 'FAILED', connectionId: null })
    expect(session.error).toMatch(/^interrupted: /)
    expect(revokedSince(revocations).sort()).toEqual([tokens.accessToken, tokens.refreshToken].sort())
    expect(await h.provider.introspect(tokens.refreshToken)).toBe(false)
    expect(await h.provider.introspect(tokens.accessToken)).toBe(false)
    expect((await sessionRow(sessionId)).tokensCiphertext).toBeNull()
    // Nothing is left to do; a retry of the connect link starts over.
    expect(await recoverInterruptedConnectSessions(h.t.deps)).toEqual({ failed: 0, revoked: 0 })
  })
})
