import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createConnection, createCustomIntegration, setSharingMode } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

// Issue 25: a proxied call makes no SQL read once its reads are warm (API key, workspace,
// integration, sharing, connection come from the server's read cache while nothing changed).
// POST /api/v1/proxy read the integration's row (and parsed its definition) on every call.
// Counted by a pass-through spy on the server's Kysely handle: every query still runs.

describe('SQL reads per proxied call, once warm', () => {
  let h: Harness
  let upstream: Server
  let connectionId: string
  let headers: Record<string, string>

  beforeAll(async () => {
    h = await startHarness({ integration: false })
    upstream = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"ok":true}')
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const port = (upstream.address() as AddressInfo).port
    await createCustomIntegration(h.t.deps, h.principal, {
      name: 'reads-api',
      displayName: 'Reads API',
      authType: 'SECRET_TEXT',
      api: {
        baseUrl: `http://127.0.0.1:${port}`,
        auth: { in: 'header', name: 'Authorization', value: 'Bearer {apiKey}' },
      },
    })
    await setSharingMode(h.t.deps, h.principal, 'reads-api', 'SHARED')
    const { connection } = await createConnection(h.t.deps, h.principal, {
      type: 'SECRET_TEXT',
      integrationName: 'reads-api',
      workspaceId: h.org.workspaceId,
      externalId: 'reads',
      secretText: 'upstream-secret',
    })
    connectionId = connection.id
    headers = { 'x-workspace-id': h.org.workspaceId }
  })
  afterAll(async () => {
    vi.restoreAllMocks()
    await new Promise((resolve) => upstream.close(resolve))
    await h.close()
  })

  const calls: Record<string, () => Promise<Response>> = {
    'POST /api/v1/proxy': () =>
      h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, method: 'GET', url: '/items' } }),
    'POST /api/integrations/:id/request': () =>
      h.api('/api/integrations/reads-api/request', {
        method: 'POST',
        headers,
        json: { method: 'GET', url: '/items' },
      }),
    'GET /api/integrations/:id/request/*': () =>
      h.api('/api/integrations/reads-api/request/items', { headers }),
  }

  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: 20 warm calls read no table`, async () => {
      const first = await call()
      expect(first.status).toBe(200)
      await first.text()
      const spy = vi.spyOn(h.t.deps.db, 'selectFrom')
      try {
        for (let i = 0; i < 20; i++) {
          const res = await call()
          expect(res.status).toBe(200)
          expect(await res.json()).toEqual({ ok: true })
        }
        const tables = spy.mock.calls.map((args) => String(args[0]))
        expect(tables).toEqual([])
      } finally {
        spy.mockRestore()
      }
    })
  }
})
