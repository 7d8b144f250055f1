import { createHash } from 'node:crypto'
import {
  bootstrapOrganization,
  createOAuthClient,
  createOAuthModelAdapterFactory,
  createUser,
  type OAuthModelAdapter,
  purgeExpiredOAuthModels,
  resolveOAuthAccessToken,
} from '@switchboard/core'
import { createTestDeps, ManualClock, type TestDeps } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The authorization server's storage (oidc-provider's adapter) on SQLite and, in the `pg`
// project, on PostgreSQL.

const sha = (v: string) => createHash('sha256').update(v).digest('base64url')

describe('authorization server model store', () => {
  let t: TestDeps
  let clock: ManualClock
  let adapter: (model: string) => OAuthModelAdapter
  let clientId: string
  let userId: string
  let organizationId: string

  beforeAll(async () => {
    clock = new ManualClock(new Date())
    t = await createTestDeps({ clock })
    const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
    organizationId = org.organizationId
    const principal = { kind: 'apiKey' as const, organizationId, apiKeyId: 'k' }
    const client = await createOAuthClient(t.deps, principal, {
      name: 'App',
      redirectUris: ['https://app.example.com/cb'],
      scopes: ['connections:read'],
    })
    clientId = client.clientId
    const user = await createUser(t.deps, {
      organizationId,
      email: 'owner@example.com',
      password: 'password-123',
      role: 'owner',
    })
    userId = user.id
    adapter = createOAuthModelAdapterFactory(t.deps, { replayError: () => new Error('replayed') })
  })
  afterAll(async () => {
    await t.close()
  })

  const token = (suffix: string) => `tok_${suffix}_${'x'.repeat(40)}`

  it('stores credential ids and payloads without the value, and finds them by value', async () => {
    const value = token('at')
    await adapter('AccessToken').upsert(
      value,
      { jti: value, kind: 'AccessToken', grantId: 'g-1', clientId, accountId: userId, exp: 1 },
      3600,
    )
    const rows = await t.deps.db
      .selectFrom('oauthServerModels')
      .selectAll()
      .where('model', '=', 'AccessToken')
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.id).toBe(sha(value))
    expect(rows[0]?.payload).not.toContain(value)
    expect(rows[0]).toMatchObject({ grantId: 'g-1', clientId, accountId: userId })
    expect(await adapter('AccessToken').find(value)).toMatchObject({ jti: value, grantId: 'g-1' })
    expect(await adapter('AccessToken').find(sha(value))).toBeUndefined()
    // Upsert again (oidc-provider re-saves): still one row.
    await adapter('AccessToken').upsert(
      value,
      { jti: value, kind: 'AccessToken', grantId: 'g-1', clientId, accountId: userId },
      3600,
    )
    expect(
      await t.deps.db
        .selectFrom('oauthServerModels')
        .select('id')
        .where('model', '=', 'AccessToken')
        .execute(),
    ).toHaveLength(1)
  })

  it('consumes once; a second consumption revokes the grant and fails', async () => {
    const code = token('code')
    const at = token('at2')
    await adapter('AuthorizationCode').upsert(
      code,
      { jti: code, grantId: 'g-2', clientId, accountId: userId },
      60,
    )
    await adapter('AccessToken').upsert(at, { jti: at, grantId: 'g-2', clientId, accountId: userId }, 3600)
    await adapter('AuthorizationCode').consume(code)
    expect(await adapter('AuthorizationCode').find(code)).toMatchObject({ consumed: expect.any(Number) })
    await expect(adapter('AuthorizationCode').consume(code)).rejects.toThrow('replayed')
    expect(await adapter('AccessToken').find(at)).toBeUndefined()
    expect(await adapter('AuthorizationCode').find(code)).toBeUndefined()
  })

  it('looks up by uid and user code, expires rows, revokes by grant', async () => {
    const session = token('session')
    await adapter('Session').upsert(session, { jti: session, uid: 'uid-1', kind: 'Session' }, 60)
    expect(await adapter('Session').findByUid('uid-1')).toMatchObject({ uid: 'uid-1' })
    await adapter('DeviceCode').upsert(token('dc'), { userCode: 'ABCD-EFGH', grantId: 'g-3' }, 60)
    expect(await adapter('DeviceCode').findByUserCode('ABCD-EFGH')).toMatchObject({ grantId: 'g-3' })

    const rt = token('rt')
    await adapter('RefreshToken').upsert(rt, { jti: rt, grantId: 'g-3', clientId, accountId: userId }, 3600)
    await adapter('Grant').upsert('g-3', { jti: 'g-3', clientId, accountId: userId }, 3600)
    await adapter('RefreshToken').revokeByGrantId('g-3')
    expect(await adapter('RefreshToken').find(rt)).toBeUndefined()
    expect(await adapter('Grant').find('g-3')).toMatchObject({ jti: 'g-3' })

    clock.advance(61_000)
    expect(await adapter('Session').find(session)).toBeUndefined()
    expect(await purgeExpiredOAuthModels(t.deps)).toBeGreaterThanOrEqual(2)
  })

  it('resolves an access token to its organization, client, user and API scopes only', async () => {
    const value = token('api')
    const payload = {
      jti: value,
      grantId: 'g-4',
      clientId,
      accountId: userId,
      scope: 'connections:read admin',
      aud: `${t.deps.config.publicUrl}/api`,
      exp: Math.floor(clock.now().getTime() / 1000) + 3600,
      extra: { organizationId },
    }
    await adapter('AccessToken').upsert(value, payload, 3600)
    expect(await resolveOAuthAccessToken(t.deps, value)).toEqual({
      kind: 'oauthToken',
      organizationId,
      clientId,
      userId,
      scopes: ['connections:read'],
    })
    // Another audience, another organization, or an expired token: not ours.
    for (const [suffix, change] of [
      ['aud', { aud: 'https://elsewhere.example/api' }],
      ['org', { extra: { organizationId: 'another-org' } }],
      ['exp', { exp: Math.floor(clock.now().getTime() / 1000) - 1 }],
    ] as const) {
      const other = token(suffix)
      await adapter('AccessToken').upsert(other, { ...payload, ...change, jti: other }, 3600)
      expect(await resolveOAuthAccessToken(t.deps, other)).toBeNull()
    }
    // Deleting the user (or the app) removes its tokens.
    await t.deps.db.deleteFrom('users').where('id', '=', userId).execute()
    expect(await resolveOAuthAccessToken(t.deps, value)).toBeNull()
    expect(await adapter('AccessToken').find(value)).toBeUndefined()
  })
})
