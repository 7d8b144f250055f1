import { randomUUID } from 'node:crypto'
import {
  bootstrapOrganization,
  type CoreDeps,
  createCipher,
  createCustomIntegration,
  createGuardedAgent,
  createGuardedFetch,
  createOAuthApp,
  generateKey,
  type Principal,
  parseKeyRing,
  silentLogger,
  systemClock,
} from '@switchboard/core'
import {
  completeAuthorization,
  createTestDatabase,
  startOidcProvider,
  startUpstream,
  type TestDatabase,
  type TestProvider,
  type TestUpstream,
} from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChildServer, startChildServer } from './testing/child-server.ts'
import { acmeIntegration } from './testing/harness.ts'

describe('two server processes on one PostgreSQL database', () => {
  let database: TestDatabase
  let provider: TestProvider
  let upstream: TestUpstream
  let servers: ChildServer[] = []
  let deps: CoreDeps
  const keys = `k1:${generateKey()}`

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    provider = await startOidcProvider({ redirectUris: ['http://127.0.0.1:1/oauth2/callback'] })
    upstream = await startUpstream({ introspect: (t) => provider.introspect(t) })
    const env = { ...database.env, SWITCHBOARD_ENCRYPTION_KEYS: keys, SWITCHBOARD_EGRESS_ALLOW: '127.0.0.1' }
    servers = await Promise.all([startChildServer(env), startChildServer(env)])
    provider.setRedirectUris(servers.map((s) => `${s.url}/oauth2/callback`))
    const dispatcher = createGuardedAgent({ allow: ['127.0.0.1'] })
    deps = {
      db: database.db,
      dialect: database.dialect,
      clock: systemClock,
      fetch: createGuardedFetch({ allow: ['127.0.0.1'] }, dispatcher),
      dispatcher,
      cipher: createCipher(parseKeyRing(keys)),
      log: silentLogger,
      config: { publicUrl: servers[0]?.url ?? '', egressAllow: ['127.0.0.1'], proxyRateLimitPerMinute: 0 },
      newId: randomUUID,
    }
  }, 90_000)

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()))
    await provider?.close()
    await upstream?.close()
    await database?.close()
  })

  it('1,000 concurrent proxied calls on an expired token, split over both processes, make exactly one refresh', async () => {
    const [a, b] = servers
    if (!a || !b) throw new Error('servers did not start')
    const org = await bootstrapOrganization(deps, { organizationName: 'Acme', plan: 'TEAM' })
    const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
    await createCustomIntegration(deps, principal, acmeIntegration(provider, upstream))
    await createOAuthApp(deps, principal, {
      integrationName: 'acme-idp',
      clientId: provider.client.clientId,
      clientSecret: provider.client.clientSecret,
    })
    const auth = { authorization: `Bearer ${org.apiKey}`, 'content-type': 'application/json' }
    const tokenRes = await fetch(`${a.url}/api/v1/connect/token`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        integrationName: 'acme-idp',
        connectionName: 'Acme',
        externalId: 'shared-1',
        workspaceId: org.workspaceId,
      }),
    })
    expect(tokenRes.status).toBe(201)
    const { token } = (await tokenRes.json()) as { token: string }
    const { callbackUrl } = await completeAuthorization(`${a.url}/api/v1/connect/authorize?token=${token}`, {
      stopAt: `${a.url}/oauth2/callback`,
    })
    await (await fetch(callbackUrl, { redirect: 'manual' })).body?.cancel()
    const poll = (await (
      await fetch(`${a.url}/api/v1/connect/session/poll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      })
    ).json()) as { status: string; connectionId: string }
    expect(poll.status).toBe('COMPLETED')

    // Warm both processes up (connections, caches) so their requests really overlap.
    const warm = (server: ChildServer) =>
      fetch(`${server.url}/api/v1/proxy`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ connectionId: poll.connectionId, url: '/me' }),
      }).then((r) => r.status)
    expect(await Promise.all([warm(a), warm(b)])).toEqual([200, 200])

    // Expire the token everywhere: at the provider and in our database.
    provider.expireAllAccessTokens()
    await database.db
      .updateTable('connections')
      .set({ tokenExpiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', poll.connectionId)
      .execute()
    provider.resetStats()
    provider.setTokenDelay(300)

    const call = (server: ChildServer) =>
      fetch(`${server.url}/api/v1/proxy`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ connectionId: poll.connectionId, url: '/me' }),
      }).then(async (r) => {
        await r.body?.cancel()
        return r.status
      })
    const statuses = await Promise.all(Array.from({ length: 1000 }, (_, i) => call(i % 2 === 0 ? a : b)))
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    expect(provider.stats.tokenRequests.refresh_token).toBe(1)
    const row = await database.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', poll.connectionId)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('ACTIVE')
    expect(row.refreshLeaseOwner).toBeNull()
  }, 120_000)
})
