import { afterAll, describe, expect, it } from 'vitest'
import { createConnection, createCustomIntegration, createWebhook } from '../../../packages/core/src/index.ts'
import { startUpstream, type TestUpstream } from '../../../packages/testing/src/upstream.ts'
import { startWebhookReceiver, type WebhookReceiver } from '../../../packages/testing/src/webhook-receiver.ts'
import { screenshot } from './screenshot.ts'
import { browserSuite, OWNER } from './suite.ts'

// The overview (issues 24 and 22) in Chromium against the real server: an empty organization
// gets the getting-started checklist, not "healthy"; a real call proxied to a loopback upstream
// shows up as traffic; a webhook receiver answering 500 shows up under needs attention.

const KEY = 'sk-overview-123'

describe('overview page', () => {
  let upstream: TestUpstream
  let receiver: WebhookReceiver
  afterAll(async () => {
    await upstream?.close()
    await receiver?.close()
  })
  const t = browserSuite({
    server: { egressAllow: '127.0.0.1' },
    setup: async () => {
      upstream = await startUpstream({ apiKey: KEY, apiKeyHeader: 'x-api-key' })
      receiver = await startWebhookReceiver()
      receiver.fallback = { status: 500, body: 'receiver down' }
    },
  })

  it('shows the getting-started checklist on an empty organization, never "healthy"', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    const steps = t.page.getByTestId('getting-started')
    await steps.waitFor()
    expect(await steps.textContent()).toContain('0 of 3 steps done')
    expect(await t.page.getByTestId('needs-attention').count()).toBe(0)
    expect(await t.page.textContent('main')).not.toMatch(/(is|are) healthy/)
    await t.page.getByTestId('traffic-empty').waitFor()
    await screenshot(t.page, 'overview-getting-started')
    expect(t.errors.take()).toEqual([])
  })

  it('shows a call proxied through a loopback upstream as traffic, in both ranges', async () => {
    await createCustomIntegration(t.server.core, t.principal, {
      name: 'acme-api',
      displayName: 'Acme API',
      authType: 'SECRET_TEXT',
      api: { baseUrl: upstream.url, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
    })
    const { connection: c } = await createConnection(t.server.core, t.principal, {
      type: 'SECRET_TEXT',
      integrationName: 'acme-api',
      workspaceId: t.org.workspaceId,
      externalId: 'acme-1',
      displayName: 'Acme One',
      secretText: KEY,
    })
    const proxy = (url: string) =>
      fetch(`${t.server.url}/api/v1/proxy`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.org.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ connectionId: c.id, url }),
      })
    const res = await proxy('/me')
    expect(res.status, await res.text()).toBe(200)
    expect(upstream.requests.length).toBeGreaterThan(0)

    await t.openPage()
    await t.signIn(OWNER)
    // The checklist is gone with the first connection; the stats flush within a second.
    await t.page.getByTestId('needs-attention').waitFor()
    expect(await t.page.getByTestId('getting-started').count()).toBe(0)
    const calls = t.page.getByTestId('traffic-calls')
    for (let i = 0; i < 20 && (await calls.textContent()) !== '1'; i++) {
      await t.page.waitForTimeout(250)
      await t.page.reload()
      await calls.waitFor()
    }
    expect(await calls.textContent()).toBe('1')
    expect(await t.page.getByTestId('traffic-errors').textContent()).toBe('0')
    expect(await t.page.getByTestId('traffic-p95').textContent()).toMatch(/^\d+(\.\d)? m?s$/)
    await t.page.locator('[data-testid="proxy-traffic"] .recharts-surface').first().waitFor()
    await t.page.getByRole('button', { name: 'Last 7 days' }).click()
    await t.page.getByRole('button', { name: 'Last 7 days', pressed: true }).waitFor()
    expect(await calls.textContent()).toBe('1')
    expect(t.errors.take()).toEqual([])
  })

  it('shows a webhook endpoint whose receiver answers 500 under needs attention, linking to Webhooks', async () => {
    await createWebhook(t.server.core, t.principal, { url: `${receiver.url}`, description: 'CRM' })
    // An event after the endpoint exists: its delivery gets the receiver's 500.
    await createConnection(t.server.core, t.principal, {
      type: 'SECRET_TEXT',
      integrationName: 'acme-api',
      workspaceId: t.org.workspaceId,
      externalId: 'acme-2',
      displayName: 'Acme Two',
      secretText: KEY,
    })
    await receiver.waitFor(1, 10_000)
    await t.openPage()
    await t.signIn(OWNER)
    const row = t.page.getByTestId('attention-webhook')
    for (let i = 0; i < 20 && (await row.count()) === 0; i++) {
      await t.page.waitForTimeout(250)
      await t.page.reload()
      await t.page.getByTestId('needs-attention').waitFor()
    }
    await row.waitFor()
    const text = (await row.textContent()) ?? ''
    expect(text).toContain(receiver.url)
    expect(text).toContain('Deliveries failing')
    expect(text).toContain('last answer 500')
    expect(text).toMatch(/answered 500.*retried/)
    await screenshot(t.page, 'overview')
    await row.getByRole('link').click()
    await t.page.waitForURL(/\/app\/webhooks$/)
    expect(t.errors.take()).toEqual([])
  })

  it('marks a connection whose refresh token ends within the window Expiring: overview, list and detail', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString()
    await t.server.core.db
      .updateTable('connections')
      .set({ refreshTokenExpiresAt: soon })
      .where('externalId', '=', 'acme-1')
      .execute()
    await t.openPage()
    await t.signIn(OWNER)
    const item = t.page.locator('.attention-item', { hasText: 'Acme One' })
    await item.getByText('Expiring').waitFor()
    expect(await item.textContent()).toMatch(/ends soon/)
    await t.page.goto('/app/connections')
    const row = t.page.getByRole('row', { name: /Acme One/ })
    await row.getByText('Expiring').waitFor()
    expect(
      await t.page
        .getByRole('row', { name: /Acme Two/ })
        .getByText('Expiring')
        .count(),
    ).toBe(0)
    await screenshot(t.page, 'connections-expiring')
    await row.getByRole('link', { name: 'Acme One' }).click()
    await t.page.getByText('the end user must reconnect before then').waitFor()
    expect(t.errors.take()).toEqual([])
  })
})
