import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDeps, ManualClock, type TestDeps } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { createConnection } from '../connections/connections.ts'
import type { CoreDeps } from '../deps.ts'
import { appendEvent } from '../events/append-event.ts'
import { systemActor } from '../events/types.ts'
import { createCustomIntegration } from '../integrations/integrations.ts'
import { addPlatformOAuthApp } from '../oauth-apps/oauth-apps.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { createWebhook } from '../webhooks/endpoints.ts'
import { createWebhookSink } from '../webhooks/outbox.ts'
import { runBackgroundJobs } from './background-jobs.ts'
import { notifyExpiringConnections } from './expiring-connections.ts'
import { claimJob } from './job-lease.ts'
import { pruneEvents } from './prune-events.ts'
import { verifyDueConnections } from './verify-connections.ts'

// The leased background jobs (issue 22) on the real database of the run (SQLite, and
// PostgreSQL in the pg project): event retention that keeps what a webhook still owes,
// connection.expiring once per window, and scheduled verification probes against a loopback
// upstream, each claimed so that two instances never run a pass or send an event twice.

const DAY = 86_400_000

describe(`background jobs (${process.env.SWITCHBOARD_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestDeps
  let clock: ManualClock
  let org: string
  let workspaceId: string
  let principal: Principal
  let upstream: Server
  let upstreamUrl: string
  /** What the loopback upstream answers the verify request with, by API key. */
  const answers = new Map<string, number>()
  let probes = 0

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'))
    t = await createTestDeps({ clock })
    const boot = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
    org = boot.organizationId
    workspaceId = boot.workspaceId
    principal = { kind: 'apiKey', organizationId: org, apiKeyId: 'test' }
    upstream = createServer((req, res) => {
      probes++
      const key = (req.headers.authorization ?? '').replace(/^Bearer /, '')
      res.statusCode = req.url === '/me' ? (answers.get(key) ?? 401) : 404
      res.end('{}')
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => upstream.close(resolve))
    await t.close()
  })

  const event = (deps: CoreDeps, data: Record<string, unknown> = {}) =>
    deps.db
      .transaction()
      .execute((trx) =>
        appendEvent(
          { ...deps, db: trx },
          { organizationId: org, type: 'api_key.created', actor: systemActor, data },
        ),
      )
  const exists = async (id: string) =>
    (await t.deps.db.selectFrom('events').select('id').where('id', '=', id).executeTakeFirst()) !== undefined

  it('claimJob: one claimant per lease, even when several claim at once; free again once it ends', async () => {
    const wins = await Promise.all(Array.from({ length: 6 }, () => claimJob(t.deps, 'test-job', 60_000)))
    expect(wins.filter(Boolean)).toHaveLength(1)
    expect(await claimJob(t.deps, 'test-job', 60_000)).toBe(false)
    clock.advance(59_999)
    expect(await claimJob(t.deps, 'test-job', 60_000)).toBe(false)
    clock.advance(1)
    expect(await claimJob(t.deps, 'test-job', 60_000)).toBe(true)
    // Another job's lease is its own.
    expect(await claimJob(t.deps, 'other-job', 60_000)).toBe(true)
  })

  it('retention prunes events older than the setting, keeping those a webhook delivery still owes', async () => {
    const withSink = { ...t.deps, eventSinks: [createWebhookSink(t.deps)] }
    const { webhook } = await createWebhook(t.deps, principal, { url: 'http://127.0.0.1:9/hook' })
    const old = await event(withSink, { n: 'old-delivered' })
    const oldPending = await event(withSink, { n: 'old-pending' })
    const oldFailed = await event(withSink, { n: 'old-failed' })
    const oldNoHook = await event(t.deps, { n: 'old-no-webhook' })
    await t.deps.db
      .updateTable('webhookDeliveries')
      .set({ status: 'DELIVERED' })
      .where('eventId', '=', old.id)
      .execute()
    await t.deps.db
      .updateTable('webhookDeliveries')
      .set({ status: 'FAILED' })
      .where('eventId', '=', oldFailed.id)
      .execute()
    clock.advance(31 * DAY)
    const young = await event(t.deps, { n: 'young' })

    const r = await pruneEvents(t.deps, { retentionDays: 30, batchSize: 2 })
    expect(await exists(young.id)).toBe(true)
    expect(await exists(oldPending.id)).toBe(true)
    for (const e of [old, oldFailed, oldNoHook]) expect(await exists(e.id), String(e.data.n)).toBe(false)
    expect(r.deleted).toBeGreaterThanOrEqual(3)
    const deliveries = await t.deps.db
      .selectFrom('webhookDeliveries')
      .select(['eventId', 'status'])
      .where('endpointId', '=', webhook.id)
      .execute()
    // The finished deliveries went with their events; the pending one (and its event) stays.
    expect(deliveries.map((d) => d.eventId)).not.toContain(old.id)
    expect(deliveries.map((d) => d.eventId)).not.toContain(oldFailed.id)
    expect(deliveries.find((d) => d.eventId === oldPending.id)?.status).toBe('PENDING')

    // Once the delivery is done, the next pass prunes the event.
    await t.deps.db
      .updateTable('webhookDeliveries')
      .set({ status: 'DELIVERED' })
      .where('eventId', '=', oldPending.id)
      .execute()
    await pruneEvents(t.deps, { retentionDays: 30 })
    expect(await exists(oldPending.id)).toBe(false)
    expect(await exists(young.id)).toBe(true)
    // The default is 90 days (deps.config.eventRetentionDays unset).
    clock.advance(89 * DAY)
    await pruneEvents(t.deps)
    expect(await exists(young.id)).toBe(true)
    clock.advance(DAY + 1)
    await pruneEvents(t.deps)
    expect(await exists(young.id)).toBe(false)
    await t.deps.db.deleteFrom('webhookEndpoints').where('id', '=', webhook.id).execute()
  })

  async function oauthConnection(externalId: string, refreshTokenExpiresAt: string | null) {
    const c = await createConnection(t.deps, principal, {
      type: 'OAUTH2',
      integrationName: 'github',
      workspaceId,
      externalId,
      accessToken: 'at',
      refreshToken: 'rt',
    })
    await t.deps.db
      .updateTable('connections')
      .set({ refreshTokenExpiresAt })
      .where('id', '=', c.connection.id)
      .execute()
    return c.connection.id
  }
  const eventsOf = async (connectionId: string, type: string) =>
    (
      await t.deps.db
        .selectFrom('events')
        .select(['type', 'data'])
        .where('connectionId', '=', connectionId)
        .where('type', '=', type)
        .orderBy('seq')
        .execute()
    ).map((e) => JSON.parse(e.data) as Record<string, unknown>)

  it('connection.expiring fires once per connection when its refresh token ends within the window, from any number of instances', async () => {
    await addPlatformOAuthApp(t.deps, {
      integrationName: 'github',
      clientId: 'gh',
      clientSecret: 'gh-secret',
    })
    const now = clock.nowMs()
    const soon = await oauthConnection('soon', new Date(now + 3 * DAY).toISOString())
    const later = await oauthConnection('later', new Date(now + 30 * DAY).toISOString())
    const never = await oauthConnection('never', null)

    // Two instances' passes at once: one event.
    await Promise.all([notifyExpiringConnections(t.deps), notifyExpiringConnections(t.deps)])
    await notifyExpiringConnections(t.deps)
    const first = await eventsOf(soon, 'connection.expiring')
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ daysLeft: 3, expired: false, resolution: 'END_USER_RECONNECT' })
    expect(await eventsOf(later, 'connection.expiring')).toHaveLength(0)
    expect(await eventsOf(never, 'connection.expiring')).toHaveLength(0)

    // The window reaches the later one as the clock moves; the setting widens it.
    clock.advance(23 * DAY + 1)
    await notifyExpiringConnections(t.deps)
    expect(await eventsOf(later, 'connection.expiring')).toHaveLength(1)
    const widened = await oauthConnection('widened', new Date(clock.nowMs() + 20 * DAY).toISOString())
    await notifyExpiringConnections(t.deps)
    expect(await eventsOf(widened, 'connection.expiring')).toHaveLength(0)
    await notifyExpiringConnections({ ...t.deps, config: { ...t.deps.config, expiringDays: 21 } })
    expect(await eventsOf(widened, 'connection.expiring')).toHaveLength(1)

    // A new refresh token (a new lifetime, notification cleared as a refresh does) fires again in its window.
    await t.deps.db
      .updateTable('connections')
      .set({ refreshTokenExpiresAt: new Date(clock.nowMs() + DAY).toISOString(), expiringNotifiedAt: null })
      .where('id', '=', soon)
      .execute()
    await notifyExpiringConnections(t.deps)
    await notifyExpiringConnections(t.deps)
    expect(await eventsOf(soon, 'connection.expiring')).toHaveLength(2)
  })

  it('verification probes: a rejected key turns the connection unhealthy with one event; the next success recovers it; N instances probe once', async () => {
    await createCustomIntegration(t.deps, principal, {
      name: 'probe-api',
      displayName: 'Probe API',
      authType: 'SECRET_TEXT',
      api: {
        baseUrl: upstreamUrl,
        auth: { in: 'header', name: 'Authorization', value: 'Bearer {apiKey}' },
      },
      verify: { method: 'GET', path: '/me', expectStatus: 200 },
    })
    answers.set('sk-good', 200)
    const created = await createConnection(t.deps, principal, {
      type: 'SECRET_TEXT',
      integrationName: 'probe-api',
      workspaceId,
      externalId: 'probe-1',
      secretText: 'sk-good',
    })
    const id = created.connection.id
    const status = async () =>
      t.deps.db
        .selectFrom('connections')
        .select(['status', 'statusReason', 'lastVerifiedAt'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    const hour = 3600_000

    probes = 0
    const [a, b] = await Promise.all([
      verifyDueConnections(t.deps, { intervalMs: hour }),
      verifyDueConnections(t.deps, { intervalMs: hour }),
    ])
    expect((a.ok ?? 0) + (b.ok ?? 0)).toBe(1)
    expect(probes).toBe(1)
    expect((await status()).status).toBe('ACTIVE')
    // Not due again before the interval.
    await verifyDueConnections(t.deps, { intervalMs: hour })
    expect(probes).toBe(1)

    // The provider now refuses the key: UNHEALTHY, END_USER_RECONNECT, one event over several probes.
    answers.set('sk-good', 401)
    for (let i = 0; i < 3; i++) {
      clock.advance(hour)
      await verifyDueConnections(t.deps, { intervalMs: hour })
    }
    expect(probes).toBe(4)
    const broken = await status()
    expect(broken.status).toBe('UNHEALTHY')
    expect(broken.statusReason).toMatch(/^CREDENTIALS_REJECTED: .*HTTP 401/)
    const unhealthy = await eventsOf(id, 'connection.unhealthy')
    expect(unhealthy).toHaveLength(1)
    expect(unhealthy[0]).toMatchObject({
      resolution: 'END_USER_RECONNECT',
      reason: { code: 'CREDENTIALS_REJECTED' },
      detail: 'verification probe: HTTP 401',
    })

    // An outage says nothing about the key: nothing changes.
    answers.set('sk-good', 503)
    clock.advance(hour)
    expect((await verifyDueConnections(t.deps, { intervalMs: hour })).unavailable).toBe(1)
    expect((await status()).status).toBe('UNHEALTHY')

    // Accepted again: connection.recovered, once.
    answers.set('sk-good', 200)
    for (let i = 0; i < 2; i++) {
      clock.advance(hour)
      await verifyDueConnections(t.deps, { intervalMs: hour })
    }
    expect((await status()).status).toBe('ACTIVE')
    const recovered = await eventsOf(id, 'connection.recovered')
    expect(recovered).toHaveLength(1)
    expect(recovered[0]).toMatchObject({ via: 'verification_probe' })
    expect(await eventsOf(id, 'connection.unhealthy')).toHaveLength(1)
  })

  it('runBackgroundJobs: each job runs on the one instance holding its lease; verification is off unless set', async () => {
    clock.advance(DAY)
    const [one, two] = await Promise.all([
      runBackgroundJobs(t.deps, { passMs: 30_000, verifyIntervalMs: 3600_000 }),
      runBackgroundJobs(t.deps, { passMs: 30_000, verifyIntervalMs: 3600_000 }),
    ])
    for (const job of ['pruned', 'expiring', 'verified'] as const) {
      expect(
        [one[job], two[job]].filter((v) => v !== null),
        job,
      ).toHaveLength(1)
    }
    // Idempotency-Key retention is leased like event retention (it ran on every instance every pass).
    const leases = await t.deps.db.selectFrom('jobLeases').select('name').execute()
    expect(leases.map((l) => l.name)).toContain('idempotency-key-retention')
    // So is the authorization server's expired-row purge (a timer on every instance before).
    expect(leases.map((l) => l.name)).toContain('oauth-server-retention')
    clock.advance(30_000)
    const off = await runBackgroundJobs(t.deps, { passMs: 30_000 })
    expect(off.verified).toBeNull()
    expect(off.expiring).not.toBeNull()
    // Retention runs hourly, not every pass.
    expect(off.pruned).toBeNull()
  })
})
