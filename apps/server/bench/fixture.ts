/**
 * The Switchboard every benchmark measures: one organization, a custom integration on the
 * loopback upstream with header auth, shared org-wide (seed 002's shared mode, so every caller
 * uses one connection), and that connection holding the upstream's token.
 */
import {
  bootstrapOrganization,
  createConnection,
  createCustomIntegration,
  type Principal,
  setSharingMode,
  systemClock,
} from '@switchboard/core'
import type { Dialect } from '@switchboard/db'
import { createTestDeps } from '@switchboard/testing'

/** The one token the bench upstream accepts. */
export const BENCH_TOKEN = 'bench-access-token'

/** One measured HTTP call, relative to the server's URL. */
export interface BenchCall {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

/** `dialect`/`keys`: a database other processes open too (`pnpm bench scale`, PostgreSQL). */
export async function benchSwitchboard(
  upstreamUrl: string,
  options: { dialect?: Dialect; keys?: string } = {},
) {
  const t = await createTestDeps({ egressAllow: ['127.0.0.1'], ...options })
  // The real clock, as the server runs with (the test deps' clock is a manual one).
  t.deps.clock = systemClock
  // `pnpm bench instructions` runs the server ~50× slower under valgrind, so it stretches the
  // read cache's lifetime alike to keep reloads as rare per request as in a real run.
  if (process.env.BENCH_READ_CACHE_MS) t.deps.config.readCacheMs = Number(process.env.BENCH_READ_CACHE_MS)
  const org = await bootstrapOrganization(t.deps, { organizationName: 'Bench', plan: 'TEAM' })
  const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'bench' }
  await createCustomIntegration(t.deps, principal, {
    name: 'bench-api',
    displayName: 'Bench API',
    authType: 'SECRET_TEXT',
    api: { baseUrl: upstreamUrl, auth: { in: 'header', name: 'Authorization', value: 'Bearer {apiKey}' } },
  })
  await setSharingMode(t.deps, principal, 'bench-api', 'SHARED')
  const { connection } = await createConnection(t.deps, principal, {
    type: 'SECRET_TEXT',
    integrationName: 'bench-api',
    workspaceId: org.workspaceId,
    externalId: 'bench',
    secretText: BENCH_TOKEN,
  })
  const headers = { authorization: `Bearer ${org.apiKey}`, 'x-workspace-id': org.workspaceId }
  const json = { ...headers, 'content-type': 'application/json' }
  return {
    t,
    org,
    connectionId: connection.id,
    /** The proxied call most benchmarks make, relative to the server's URL. */
    path: '/api/integrations/bench-api/request/items',
    headers,
    /** The same upstream call through each of the three proxy routes. */
    calls: {
      path: { method: 'GET', path: '/api/integrations/bench-api/request/items', headers },
      request: {
        method: 'POST',
        path: '/api/integrations/bench-api/request',
        headers: json,
        body: JSON.stringify({ method: 'GET', url: '/items' }),
      },
      proxy: {
        method: 'POST',
        path: '/api/v1/proxy',
        headers: json,
        body: JSON.stringify({ connectionId: connection.id, method: 'GET', url: '/items' }),
      },
    } satisfies Record<string, BenchCall>,
  }
}
