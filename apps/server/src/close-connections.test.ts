import { connect, type Socket } from 'node:net'
import { createTestDeps, type TestDeps } from '@switchboard/testing'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, buildApp } from './app.ts'

/** A raw TCP client, so the test decides when requests are sent and connections kept. */
function open(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.on('data', (d: Buffer) => {
      data += d.toString()
    })
    const closed = new Promise<void>((r) => socket.once('close', () => r()))
    socket.once('error', reject)
    socket.once('connect', () => resolve({ socket, received: () => data, closed }))
  })
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`

describe('closing the server while clients hold connections', () => {
  let t: TestDeps
  let app: App
  let port: number
  let slowStarted = () => {}

  beforeAll(async () => {
    t = await createTestDeps({ dialect: 'sqlite' })
    app = await buildApp({ core: t.deps, logger: pino({ level: 'silent' }) })
    app.get('/test/slow', async () => {
      slowStarted()
      await new Promise((r) => setTimeout(r, 400))
      return { done: true }
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    port = (app.server.address() as { port: number }).port
  })

  afterAll(async () => {
    await t.close()
  })

  it('finishes the request under way, closes unused and idle keep-alive connections, and does not wait for them', async () => {
    const unused = await open(port)
    const idle = await open(port)
    idle.socket.write(get('/healthz'))
    await expect.poll(() => idle.received()).toContain('"status":"ok"')
    const busy = await open(port)
    const handling = new Promise<void>((r) => {
      slowStarted = r
    })
    busy.socket.write(get('/test/slow'))
    await handling

    const started = Date.now()
    const closed = app.close().then(() => 'closed')
    const outcome = await Promise.race([closed, new Promise((r) => setTimeout(() => r('still open'), 3000))])
    expect(outcome).toBe('closed')
    // Node on its own would wait for the unused connection (60 s or more).
    expect(Date.now() - started).toBeLessThan(3000)
    await Promise.all([unused.closed, idle.closed, busy.closed])
    expect(busy.received()).toMatch(/^HTTP\/1\.1 200/)
    expect(busy.received()).toContain('{"done":true}')
  })
})
