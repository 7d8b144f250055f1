import { randomUUID } from 'node:crypto'
import * as core from '@switchboard/core'
import { bootstrapOrganization, createUser } from '@switchboard/core'
import { createTestDeps, ManualClock, type TestDeps } from '@switchboard/testing'
import type { LightMyRequestResponse } from 'fastify'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type App, buildApp } from './app.ts'
import type { TrustProxy } from './trust-proxy.ts'

// Dashboard login (tRPC auth.login): failed attempts are counted per account and per source
// address, with a growing delay past a free allowance; over it the answer is 429 RATE_LIMITED
// with Retry-After, before any password is hashed. Time is the injected clock, never waited on.

const PASSWORD = 'correct horse battery staple'

interface TrpcError {
  error: { message: string; data: { appCode: string; details: { retryAfterSeconds?: number } | null } }
}

describe('dashboard login throttling', () => {
  let t: TestDeps
  let clock: ManualClock
  const apps: App[] = []
  let app: App
  let organizationId: string

  async function appWith(trustProxy?: TrustProxy): Promise<App> {
    const built = await buildApp({
      core: t.deps,
      logger: pino({ level: 'silent' }),
      ...(trustProxy && { trustProxy }),
    })
    apps.push(built)
    return built
  }

  beforeAll(async () => {
    clock = new ManualClock(new Date())
    t = await createTestDeps({ dialect: 'sqlite', clock })
    organizationId = (await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' }))
      .organizationId
    app = await appWith()
  })

  afterAll(async () => {
    for (const a of apps) await a.close()
    await t.close()
  })

  async function newUser(): Promise<string> {
    const email = `user-${randomUUID()}@example.com`
    await createUser(t.deps, { organizationId, email, password: PASSWORD, role: 'member' })
    return email
  }

  /** One login attempt; `from` is the TCP peer's address. */
  function login(
    email: string,
    password: string,
    from = '127.0.0.1',
    headers: Record<string, string> = {},
    target: App = app,
  ): Promise<LightMyRequestResponse> {
    return target.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      remoteAddress: from,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ email, password }),
    })
  }

  /** A fresh address per call, so the per-address count stays out of a per-account test. */
  let n = 0
  const anywhere = () => `10.1.${Math.floor(++n / 250)}.${(n % 250) + 1}`

  function expectLimited(res: LightMyRequestResponse, seconds: number): void {
    expect(res.statusCode).toBe(429)
    const body = res.json() as TrpcError
    expect(body.error.data.appCode).toBe('RATE_LIMITED')
    expect(body.error.data.details?.retryAfterSeconds).toBe(seconds)
    expect(res.headers['retry-after']).toBe(String(seconds))
    expect(body.error.message).toMatch(/try again in \d+ seconds?/)
  }

  it('per account: 5 free wrong passwords, then a delay that doubles; 429 with Retry-After, even for the right password', async () => {
    const email = await newUser()
    for (let i = 0; i < 5; i++)
      expect((await login(email, 'wrong password', anywhere())).statusCode).toBe(401)
    // The 6th failure is answered, and starts a delay of 1 s (from any address).
    expect((await login(email, 'wrong password', anywhere())).statusCode).toBe(401)
    expectLimited(await login(email, PASSWORD, anywhere()), 1)
    clock.advance(1000)
    expect((await login(email, 'wrong password', anywhere())).statusCode).toBe(401)
    expectLimited(await login(email, 'wrong password', anywhere()), 2)
    clock.advance(2000)
    expect((await login(email, 'wrong password', anywhere())).statusCode).toBe(401)
    expectLimited(await login(email, PASSWORD, anywhere()), 4)
    // Refused attempts are not counted: the delay did not grow while they were refused.
    expectLimited(await login(email, PASSWORD, anywhere()), 4)
    clock.advance(4000)
    // The right password, once the delay is over, signs in and clears the account's count.
    expect((await login(email, PASSWORD, anywhere())).statusCode).toBe(200)
    for (let i = 0; i < 5; i++)
      expect((await login(email, 'wrong password', anywhere())).statusCode).toBe(401)
  })

  it('the delay stops growing at 5 minutes per account', async () => {
    const email = await newUser()
    for (let i = 0; i < 30; i++) {
      await login(email, 'wrong password', anywhere())
      clock.advance(10 * 60_000)
    }
    expect((await login(email, 'wrong password', anywhere())).statusCode).toBe(401)
    expectLimited(await login(email, 'wrong password', anywhere()), 300)
  })

  it('an unknown email gets the same answers as a wrong password, byte for byte', async () => {
    const known = await newUser()
    const unknown = `nobody-${randomUUID()}@example.com`
    const trace = async (email: string) => {
      const out: string[] = []
      for (let i = 0; i < 7; i++) {
        const res = await login(email, 'wrong password', anywhere())
        out.push(`${res.statusCode} ${res.headers['retry-after'] ?? '-'} ${res.body}`)
      }
      return out
    }
    const forKnown = await trace(known)
    const forUnknown = await trace(unknown)
    expect(forUnknown).toEqual(forKnown)
    expect(forKnown[0]).toMatch(/^401 - .*Email or password is incorrect/)
    expect(forKnown[6]).toMatch(/^429 1 /)
  })

  it('per source address: 20 free failures across any accounts, then that address waits and others do not', async () => {
    const address = '192.0.2.10'
    for (let i = 0; i < 20; i++) {
      expect((await login(`spray-${i}-${randomUUID()}@example.com`, 'guess', address)).statusCode).toBe(401)
    }
    expect((await login(`spray-x-${randomUUID()}@example.com`, 'guess', address)).statusCode).toBe(401)
    const email = await newUser()
    expectLimited(await login(email, PASSWORD, address), 1)
    // Another address, the same account: signs in.
    expect((await login(email, PASSWORD, '192.0.2.11')).statusCode).toBe(200)
    clock.advance(1000)
    expect((await login(email, PASSWORD, address)).statusCode).toBe(200)
  })

  it('an IPv6 client is counted by its /64', async () => {
    for (let i = 0; i < 21; i++) {
      const res = await login(
        `v6-${i}-${randomUUID()}@example.com`,
        'guess',
        `2001:db8:5:6::${(i + 1).toString(16)}`,
      )
      expect(res.statusCode).toBe(401)
    }
    expectLimited(await login(await newUser(), PASSWORD, '2001:db8:5:6:ffff::1'), 1)
    expect((await login(await newUser(), PASSWORD, '2001:db8:5:7::1')).statusCode).toBe(200)
  })

  it('without a trusted proxy, a forged X-Forwarded-For does not change the address that is counted', async () => {
    const peer = '192.0.2.20'
    for (let i = 0; i < 21; i++) {
      const res = await login(`xff-${i}-${randomUUID()}@example.com`, 'guess', peer, {
        'x-forwarded-for': `198.51.100.${i + 1}`,
      })
      expect(res.statusCode).toBe(401)
    }
    expectLimited(await login(await newUser(), PASSWORD, peer, { 'x-forwarded-for': '198.51.100.99' }), 1)
  })

  it('behind a trusted proxy (SWITCHBOARD_TRUST_PROXY), its X-Forwarded-For is the address counted', async () => {
    const proxied = await appWith(['192.0.2.30'])
    const viaProxy = (email: string, password: string, client: string) =>
      login(email, password, '192.0.2.30', { 'x-forwarded-for': client }, proxied)
    for (let i = 0; i < 21; i++) {
      expect(
        (await viaProxy(`tp-${i}-${randomUUID()}@example.com`, 'guess', '198.51.100.1')).statusCode,
      ).toBe(401)
    }
    expectLimited(await viaProxy(await newUser(), PASSWORD, '198.51.100.1'), 1)
    // Another client behind the same proxy is not held up.
    expect((await viaProxy(await newUser(), PASSWORD, '198.51.100.2')).statusCode).toBe(200)
    // A peer that is not the trusted proxy cannot pick its address.
    for (let i = 0; i < 21; i++) {
      const res = await login(
        `np-${i}-${randomUUID()}@example.com`,
        'guess',
        '192.0.2.31',
        {
          'x-forwarded-for': `203.0.113.${i + 1}`,
        },
        proxied,
      )
      expect(res.statusCode).toBe(401)
    }
    expectLimited(
      await login(await newUser(), PASSWORD, '192.0.2.31', { 'x-forwarded-for': '203.0.113.99' }, proxied),
      1,
    )
  })

  it('password checks are bounded: with every slot and queue place taken, a login is refused at once with 429', async () => {
    const email = await newUser()
    const gate = core.passwordCheckGate(t.deps)
    const held: Array<() => void> = []
    const queued: Array<Promise<() => void>> = []
    for (let i = 0; i < gate.capacity; i++) {
      const entered = gate.enter()
      if (!entered) throw new Error('the gate refused before it was full')
      held.push(await entered)
    }
    for (let i = 0; i < gate.queueLimit; i++) {
      const entered = gate.enter()
      if (!entered) throw new Error('the queue refused before it was full')
      queued.push(entered)
    }
    const refused = await login(email, PASSWORD, anywhere())
    expectLimited(refused, 1)
    expect((refused.json() as TrpcError).error.message).toMatch(/many sign-ins/)
    // Once the slots are free again, the same login goes through.
    for (const release of held) release()
    for (const entered of queued) (await entered)()
    expect((await login(email, PASSWORD, anywhere())).statusCode).toBe(200)
  })
})
