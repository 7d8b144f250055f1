import { existsSync, rmSync, statSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import {
  bootstrapOrganization,
  createConnection,
  createCustomIntegration,
  type Principal,
  systemClock,
} from '@switchboard/core'
import { openDatabase } from '@switchboard/db'
import { createTestDeps, startUpstream, type TestUpstream } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ChildServer, startChildServer } from './testing/child-server.ts'

/**
 * SIGTERM (a deploy, `docker stop`, Ctrl-C's SIGINT alike) on a real server process over
 * SQLite: the request under way finishes, new connections are refused, the process exits 0,
 * and the database was closed (the last connection to close checkpoints the WAL into the
 * database file and deletes it).
 */
describe('graceful shutdown of a server process', () => {
  let upstream: TestUpstream
  let dataDir: string
  let env: Record<string, string>
  let connectionId: string
  let headers: Record<string, string>

  beforeAll(async () => {
    upstream = await startUpstream({ apiKey: 'sk-slow', apiKeyHeader: 'x-api-key' })
    const t = await createTestDeps({ dialect: 'sqlite', clock: systemClock })
    dataDir = t.database.location
    const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
    const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
    await createCustomIntegration(t.deps, principal, {
      name: 'slow-keys',
      displayName: 'Slow Keys',
      authType: 'SECRET_TEXT',
      api: { baseUrl: upstream.url, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
      fields: [{ key: 'apiKey', label: 'API key', secret: true }],
    })
    const { connection } = await createConnection(t.deps, principal, {
      type: 'SECRET_TEXT',
      integrationName: 'slow-keys',
      workspaceId: org.workspaceId,
      externalId: 'slow-1',
      secretText: 'sk-slow',
    })
    connectionId = connection.id
    headers = { authorization: `Bearer ${org.apiKey}`, 'content-type': 'application/json' }
    // The test's own handle is closed (not the folder): the server must be the database's
    // only user, so that what it leaves behind on exit shows whether it closed it.
    await t.deps.dispatcher?.close()
    await t.database.db.destroy()
    env = {
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_ENCRYPTION_KEYS: t.keys,
      SWITCHBOARD_EGRESS_ALLOW: '127.0.0.1',
      SWITCHBOARD_SHUTDOWN_GRACE_SECONDS: '10',
      // The background refresher runs too, and must stop with the rest.
      SWITCHBOARD_REFRESH_INTERVAL_SECONDS: '1',
    }
  }, 60_000)

  afterAll(async () => {
    await upstream?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  const exitOf = (server: ChildServer) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      if (server.process.exitCode !== null || server.process.signalCode !== null) {
        resolve({ code: server.process.exitCode, signal: server.process.signalCode })
      } else server.process.once('exit', (code, signal) => resolve({ code, signal }))
    })

  /** Opens a bare TCP connection: resolves 'connected' or the error's code (ECONNREFUSED). */
  const tryConnect = (url: string) =>
    new Promise<string>((resolve) => {
      const { hostname, port } = new URL(url)
      const socket = net.connect({ host: hostname, port: Number(port) })
      socket.once('connect', () => {
        socket.destroy()
        resolve('connected')
      })
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
    })

  async function waitFor(check: () => boolean, what: string, ms = 10_000) {
    const until = Date.now() + ms
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: a slow proxied call under way completes 200, new connections are refused, exit 0, the database is closed`, async () => {
      const server = await startChildServer(env)
      const exited = exitOf(server)
      expect(await tryConnect(server.url)).toBe('connected')
      upstream.reset()

      const slow = fetch(`${server.url}/api/v1/proxy`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ connectionId, url: '/slow?ms=1000' }),
      })
      // The upstream has the request: it answers a second from now.
      await waitFor(() => upstream.requests.some((r) => r.path === '/slow'), 'the proxied call')
      const signalledAt = Date.now()
      server.process.kill(signal)

      // The listener closes at once, while the call is still under way.
      await new Promise((r) => setTimeout(r, 200))
      expect(server.process.exitCode).toBeNull()
      expect(await tryConnect(server.url)).toBe('ECONNREFUSED')

      const res = await slow
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ ok: true, delayedMs: 1000 })
      expect(await exited).toEqual({ code: 0, signal: null })
      // It waited for the call (about 800 ms were left) and not for much else.
      expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(700)

      // Closed, not abandoned: the WAL was checkpointed into the file and removed.
      const wal = path.join(dataDir, 'switchboard.db-wal')
      expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0)
      const reopened = openDatabase({ dataDir })
      const row = await reopened.db
        .selectFrom('connections')
        .select('id')
        .where('id', '=', connectionId)
        .executeTakeFirst()
      await reopened.close()
      expect(row?.id).toBe(connectionId)
    })
  }
})
