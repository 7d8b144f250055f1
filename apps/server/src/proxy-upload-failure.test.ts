import { request as httpRequest } from 'node:http'
import { createServer, type Server, type Socket } from 'node:net'
import { createCustomIntegration, setSharingMode } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * A streamed upload (the raw-body request/* routes) whose upstream fails before answering: the
 * caller gets the proxy's 502 JSON error, as for any other call, and the connection is closed
 * after it (the rest of the upload is not read). The upload is larger than the socket buffers,
 * so it is still being sent when the upstream fails.
 */

interface Answer {
  status: number
  body: string
  connection: string | undefined
  /** How the exchange ended for the client: an answer, or the socket dropped without one. */
  error: string | null
}

/**
 * PUTs `bytes` to `path` with node:http, which reads an answer sent before the upload ended:
 * with a declared length, or chunked (of unknown length).
 */
function upload(h: Harness, path: string, bytes: number, declared: boolean): Promise<Answer> {
  return new Promise((resolve) => {
    const body = Buffer.alloc(bytes, 'u')
    const req = httpRequest(`${h.url}${path}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${h.org.apiKey}`,
        'x-workspace-id': h.org.workspaceId,
        'content-type': 'application/octet-stream',
        ...(declared && { 'content-length': String(bytes) }),
      },
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          connection: res.headers.connection,
          error: null,
        }),
      )
      res.on('error', (e) =>
        resolve({ status: res.statusCode ?? 0, body: '', connection: undefined, error: e.message }),
      )
    })
    req.on('error', (e) => resolve({ status: 0, body: '', connection: undefined, error: e.message }))
    req.end(body)
  })
}

/** A TCP server that takes a connection, reads a little of the request, and resets it. */
async function startResettingServer(): Promise<{ port: number; accepted: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const state = { port: 0, accepted: 0, close: async () => {} }
  const server: Server = createServer((socket) => {
    state.accepted++
    sockets.add(socket)
    socket.once('data', () => socket.resetAndDestroy())
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.port = (server.address() as { port: number }).port
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  return state
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('a streamed upload whose upstream fails before answering', () => {
  let h: Harness
  let resetting: Awaited<ReturnType<typeof startResettingServer>>

  /** A shared API-key integration whose API is `baseUrl`, with one workspace connection. */
  async function apiAt(name: string, baseUrl: string) {
    await createCustomIntegration(h.t.deps, h.principal, {
      name,
      displayName: name,
      authType: 'SECRET_TEXT',
      api: { baseUrl, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
    })
    await setSharingMode(h.t.deps, h.principal, name, 'SHARED')
    const res = await h.api('/api/v1/connections', {
      method: 'POST',
      json: {
        type: 'SECRET_TEXT',
        integrationName: name,
        workspaceId: h.org.workspaceId,
        externalId: 'shared',
        scope: 'WORKSPACE',
        secretText: 'k-1',
      },
    })
    expect(res.status).toBe(201)
  }

  beforeAll(async () => {
    h = await startHarness()
    resetting = await startResettingServer()
    await apiAt('down-api', `http://127.0.0.1:${await closedPort()}`)
    await apiAt('resetting-api', `http://127.0.0.1:${resetting.port}`)
  })
  afterAll(async () => {
    await resetting?.close()
    await h?.close()
  })

  it.each([
    ['refuses the connection', 'a declared length', 'down-api', true],
    ['refuses the connection', 'an unknown length', 'down-api', false],
    ['resets the connection mid-upload', 'a declared length', 'resetting-api', true],
    ['resets the connection mid-upload', 'an unknown length', 'resetting-api', false],
  ])(
    'the upstream %s (an upload of %s): 502 UPSTREAM_ERROR as JSON, then the connection closes',
    async (_what, _length, name, declared) => {
      const answer = await upload(h, `/api/integrations/${name}/request/files/1`, 16 * 1024 * 1024, declared)
      expect(answer.error).toBeNull()
      expect(answer.status).toBe(502)
      expect(JSON.parse(answer.body)).toEqual({
        error: {
          code: 'UPSTREAM_ERROR',
          message: expect.stringMatching(/reach/),
          requestId: expect.any(String),
        },
      })
      // The rest of the upload is not read: the connection ends with the answer.
      expect(answer.connection).toBe('close')
    },
  )

  it('the server keeps serving afterwards', async () => {
    expect(resetting.accepted).toBeGreaterThan(0)
    const res = await h.api('/healthz')
    expect(res.status).toBe(200)
    await res.body?.cancel()
  })
})
