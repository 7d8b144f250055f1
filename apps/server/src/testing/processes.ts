import { randomUUID } from 'node:crypto'
import {
  bootstrapOrganization,
  type CoreDeps,
  createCipher,
  createGuardedAgent,
  createGuardedFetch,
  createWebhookSink,
  generateKey,
  type Principal,
  parseKeyRing,
  silentLogger,
  systemClock,
} from '@switchboard/core'
import type { Dialect } from '@switchboard/db'
import {
  completeAuthorization,
  createTestDatabase,
  type StartOidcProviderOptions,
  startOidcProvider,
  startUpstream,
  type TestDatabase,
  type TestProvider,
  type TestUpstream,
} from '@switchboard/testing'
import { registerAcme } from './acme.ts'
import { type ChildServer, startChildServer } from './child-server.ts'

/**
 * Switchboard server processes on one database, with oidc-provider and a loopback upstream
 * that accepts only the provider's tokens: for tests that need real separate processes
 * (multi-instance refresh, shutdown). The test process reads and writes the same database.
 */
export interface ProcessFixture {
  database: TestDatabase
  provider: TestProvider
  upstream: TestUpstream
  /** Core deps of the test process itself, on the same database and keys. */
  deps: CoreDeps
  /** What a server process needs in its environment. */
  env: Record<string, string>
  /** `compiled`: from serve.ts's compiled bundle, which starts much faster (child-server.ts). */
  startServer(
    extraEnv?: Record<string, string>,
    options?: { compiled?: boolean; nodeArgs?: string[] },
  ): Promise<ChildServer>
  close(): Promise<void>
}

/** `providerOptions` go to the fixture's oidc-provider, e.g. `{ refreshTokenReuseGraceSeconds: 60 }`. */
export async function startProcessFixture(
  dialect: Dialect,
  providerOptions: Omit<StartOidcProviderOptions, 'redirectUris'> = {},
): Promise<ProcessFixture> {
  const keys = `k1:${generateKey()}`
  const database = await createTestDatabase(dialect)
  const provider = await startOidcProvider({
    ...providerOptions,
    redirectUris: ['http://127.0.0.1:1/oauth2/callback'],
  })
  const upstream = await startUpstream({ introspect: (t) => provider.introspect(t) })
  const env = { ...database.env, SWITCHBOARD_ENCRYPTION_KEYS: keys, SWITCHBOARD_EGRESS_ALLOW: '127.0.0.1' }
  const dispatcher = createGuardedAgent({ allow: ['127.0.0.1'] })
  const deps: CoreDeps = {
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    fetch: createGuardedFetch({ allow: ['127.0.0.1'] }, dispatcher),
    dispatcher,
    cipher: createCipher(parseKeyRing(keys)),
    log: silentLogger,
    config: { publicUrl: 'http://127.0.0.1:1', egressAllow: ['127.0.0.1'], proxyRateLimitPerMinute: 0 },
    newId: randomUUID,
  }
  // As the servers have it: the test process's own events reach the webhook outbox too.
  deps.eventSinks = [createWebhookSink(deps)]
  const servers: ChildServer[] = []
  return {
    database,
    provider,
    upstream,
    deps,
    env,
    async startServer(extraEnv = {}, options = {}) {
      const server = await startChildServer({ ...env, ...extraEnv }, options)
      servers.push(server)
      // Every server's callback is registered with the provider.
      provider.setRedirectUris(servers.map((s) => `${s.url}/oauth2/callback`))
      return server
    },
    async close() {
      await Promise.all(servers.map((s) => s.stop()))
      await provider.close()
      await upstream.close()
      await database.close()
    },
  }
}

/** An organization with the provider as its "acme-idp" integration, and its API-key headers. */
export interface AcmeOrg {
  organizationId: string
  workspaceId: string
  headers: Record<string, string>
}

export async function createAcmeOrg(f: ProcessFixture): Promise<AcmeOrg> {
  const org = await bootstrapOrganization(f.deps, { organizationName: 'Acme', plan: 'TEAM' })
  const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
  await registerAcme(f.deps, principal, f.provider, f.upstream)
  return {
    organizationId: org.organizationId,
    workspaceId: org.workspaceId,
    headers: { authorization: `Bearer ${org.apiKey}`, 'content-type': 'application/json' },
  }
}

/**
 * Runs `server`'s hosted connect flow for `org` and returns the connection's id; with
 * `connectionId`, re-authorizes that connection in place.
 */
export async function connectThrough(
  server: ChildServer,
  org: AcmeOrg,
  connectionId?: string,
  externalId = 'shared-1',
): Promise<string> {
  const tokenRes = await fetch(`${server.url}/api/v1/connect/token`, {
    method: 'POST',
    headers: org.headers,
    body: JSON.stringify({
      integrationName: 'acme-idp',
      connectionName: 'Acme',
      externalId,
      workspaceId: org.workspaceId,
      ...(connectionId && { connectionId }),
    }),
  })
  if (tokenRes.status !== 201) throw new Error(`connect token: ${tokenRes.status} ${await tokenRes.text()}`)
  const { token } = (await tokenRes.json()) as { token: string }
  const { callbackUrl } = await completeAuthorization(
    `${server.url}/api/v1/connect/authorize?token=${token}`,
    { stopAt: `${server.url}/oauth2/callback` },
  )
  await (await fetch(callbackUrl, { redirect: 'manual' })).body?.cancel()
  const poll = (await (
    await fetch(`${server.url}/api/v1/connect/session/poll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    })
  ).json()) as { status: string; connectionId: string }
  if (poll.status !== 'COMPLETED') throw new Error(`connect failed: ${JSON.stringify(poll)}`)
  return poll.connectionId
}

/** A new organization and one connection made through `server`; returns it and API-key headers. */
export async function connectThroughServer(
  f: ProcessFixture,
  server: ChildServer,
): Promise<{ connectionId: string; headers: Record<string, string> }> {
  const org = await createAcmeOrg(f)
  return { connectionId: await connectThrough(server, org), headers: org.headers }
}

/** Marks the connection's access token expired, at the provider and in our database. */
export async function expireAccessToken(f: ProcessFixture, connectionId: string): Promise<void> {
  f.provider.expireAllAccessTokens()
  await f.database.db
    .updateTable('connections')
    // Expired, so due for renewal now (what refreshDueAt computes for an expired token).
    .set({
      tokenExpiresAt: new Date(Date.now() - 1000).toISOString(),
      refreshDueAt: new Date(Date.now() - 1000).toISOString(),
    })
    .where('id', '=', connectionId)
    .execute()
}
