import { startOidcProvider, startUpstream, type TestProvider, type TestUpstream } from '@switchboard/testing'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import {
  type CreateConnectTokenInput,
  createConnection,
  createConnectToken,
  createCustomIntegration,
  decryptCredentials,
  updateOrganization,
} from '../../../packages/core/src/index.ts'
import { registerAcme } from '../../server/src/testing/acme.ts'
import { type CustomerApp, type ReceivedMessage, startCustomerApp } from './customer-app.ts'
import { trackPageErrors, withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import { browserSuite } from './suite.ts'

const GOOD_KEY = 'sk-good-0123456789'
const LOGO_HOST = 'https://logos.example.test'
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#0f766e"/><path d="M12 28 20 12l8 16" stroke="#fff" stroke-width="4" fill="none"/></svg>'

describe('hosted connect page', () => {
  let upstream: TestUpstream
  let provider: TestProvider
  let customer: CustomerApp
  let requested: string[]

  const t = browserSuite({
    server: { egressAllow: '127.0.0.1' },
    viewport: { width: 1024, height: 800 },
    setup: async ({ server, principal }) => {
      upstream = await startUpstream({ apiKey: GOOD_KEY, apiKeyHeader: 'x-api-key' })
      provider = await startOidcProvider({ redirectUris: [`${server.url}/oauth2/callback`] })
      customer = await startCustomerApp()
      await updateOrganization(server.core, principal, {
        allowedRedirectOrigins: [customer.origin],
        branding: { logoUrl: `${LOGO_HOST}/acme.svg`, primaryColor: '#0f766e' },
      })
      await createCustomIntegration(server.core, principal, {
        name: 'acme-keys',
        displayName: 'Acme Keys',
        authType: 'SECRET_TEXT',
        api: { baseUrl: upstream.url, auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
        fields: [
          {
            key: 'apiKey',
            label: 'API key',
            secret: true,
            pattern: '^sk-',
            placeholder: 'sk-…',
            help: 'Find it under Settings → API in Acme.',
          },
        ],
        verify: { method: 'GET', path: '/me', expectStatus: 200 },
      })
      await registerAcme(server.core, principal, provider, upstream, 'Acme ID')
    },
    // Serves the organization's logo and records every request.
    prepareContext: async (context) => {
      requested = []
      context.on('request', (request) => requested.push(request.url()))
      await context.route(`${LOGO_HOST}/**`, (route) =>
        route.fulfill({ status: 200, contentType: 'image/svg+xml', body: LOGO_SVG }),
      )
    },
  })

  afterAll(async () => {
    await customer?.close()
    await provider?.close()
    await upstream?.close()
  })

  let tokenCount = 0
  async function connectToken(input: Partial<CreateConnectTokenInput> & { integrationName: string }) {
    tokenCount += 1
    const { token, sessionId } = await createConnectToken(t.server.core, t.principal, {
      connectionName: 'Acme account',
      externalId: `conn_e2e_${tokenCount}`,
      workspaceId: t.org.workspaceId,
      ...input,
    })
    return { token, sessionId, url: `/connect?token=${encodeURIComponent(token)}` }
  }

  /** The connect page loads nothing from elsewhere except the organization's logo. */
  function expectOnlyOwnRequests(extraOrigins: string[] = []) {
    const allowed = [t.server.url, LOGO_HOST, ...extraOrigins]
    const foreign = requested.filter(
      (url) => !url.startsWith('data:') && !allowed.some((o) => url.startsWith(o)),
    )
    expect(foreign).toEqual([])
  }

  async function poll(token: string) {
    const res = await fetch(`${t.server.url}/api/v1/connect/session/poll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    })
    return (await res.json()) as { status: string; connectionId: string | null; error: string | null }
  }

  it('collects an API key: branding, field checks, rejected and accepted credentials', async () => {
    await t.openPage()
    const { url, token } = await connectToken({ integrationName: 'acme-keys' })
    await t.page.goto(url)
    await t.page.getByRole('heading', { name: 'Connect Acme Keys' }).waitFor()
    expect(await t.page.textContent('main')).toContain(
      'Acme Inc would like to connect to your Acme Keys account.',
    )
    expect(await t.page.getAttribute('html', 'lang')).toBe('en')
    expect(await t.page.getByRole('img', { name: 'Acme Inc' }).getAttribute('src')).toBe(
      `${LOGO_HOST}/acme.svg`,
    )
    const submit = t.page.getByRole('button', { name: 'Connect', exact: true })
    expect(await submit.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 118, 110)')
    const input = t.page.getByLabel('API key', { exact: true })
    expect(await input.getAttribute('type')).toBe('password')
    expect(await t.page.getByText('Find it under Settings → API in Acme.').isVisible()).toBe(true)
    await screenshot(t.page, 'connect-form')

    // Client-side checks: required, then the field's pattern.
    await submit.click()
    await t.page.getByText('This field is required.').waitFor()
    expect(await input.getAttribute('aria-invalid')).toBe('true')
    expect(await t.page.evaluate(() => document.activeElement?.id)).toBe('field-apiKey')
    await input.fill('abc')
    await submit.click()
    await t.page.getByText('Expected format: sk-…').waitFor()
    await screenshot(t.page, 'connect-form-invalid')
    expect(upstream.requests).toHaveLength(0)

    // The show/hide toggle is a real button and flips the input type.
    await t.page.getByRole('button', { name: 'Show API key' }).click()
    expect(await input.getAttribute('type')).toBe('text')
    await t.page.getByRole('button', { name: 'Hide API key' }).click()

    // The verify request rejects the key: said at the top, the form stays.
    await input.fill('sk-wrong')
    await submit.click()
    const alert = t.page.getByRole('alert')
    await alert.getByText('Acme Keys did not accept these credentials').waitFor()
    expect((await poll(token)).status).toBe('PENDING')
    await screenshot(t.page, 'connect-invalid-credentials')

    await input.fill(` ${GOOD_KEY} `)
    await submit.click()
    await t.page.getByRole('heading', { name: 'Connected' }).waitFor()
    expect(await t.page.getByRole('status').first().textContent()).toContain(
      'Your Acme Keys account is now connected to Acme Inc.',
    )
    expect(upstream.requests.at(-1)?.headers['x-api-key']).toBe(GOOD_KEY)
    const polled = await poll(token)
    expect(polled.status).toBe('COMPLETED')
    expect(polled.connectionId).toEqual(expect.any(String))
    await screenshot(t.page, 'connect-success')

    // Coming back to the link later shows the outcome, not the form again.
    await t.page.reload()
    await t.page.getByRole('heading', { name: 'Connected' }).waitFor()
    expect(await t.page.getByLabel('API key', { exact: true }).count()).toBe(0)

    expect(withoutExpectedStatus(t.errors.take(), [400])).toEqual([])
    expectOnlyOwnRequests()
  })

  it('explains expired, unknown and incomplete links', async () => {
    await t.openPage()
    await t.page.goto('/connect?token=cst_this-token-does-not-exist')
    await t.page.getByRole('heading', { name: 'This link has expired' }).waitFor()
    expect(await t.page.getByRole('alert').textContent()).toContain(
      'This link has expired — return to the app and start again.',
    )
    await screenshot(t.page, 'connect-expired')
    expect(withoutExpectedStatus(t.errors.take(), [401])).toEqual([])

    await t.page.goto('/connect')
    await t.page.getByRole('heading', { name: 'This link is incomplete' }).waitFor()
    expect(t.errors.take()).toEqual([])

    // An expired session (past its 4 hours) answers like an unknown one.
    const { url, sessionId } = await connectToken({ integrationName: 'acme-keys' })
    await t.server.core.db
      .updateTable('connectSessions')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', sessionId)
      .execute()
    await t.page.goto(url)
    await t.page.getByRole('heading', { name: 'This link has expired' }).waitFor()
    expect(withoutExpectedStatus(t.errors.take(), [401])).toEqual([])
  })

  it('speaks German, French and Spanish', async () => {
    const { url } = await connectToken({ integrationName: 'acme-keys' })

    await t.openPage()
    await t.page.goto(`${url}&lang=de`)
    await t.page.getByRole('heading', { name: 'Acme Keys verbinden' }).waitFor()
    expect(await t.page.getAttribute('html', 'lang')).toBe('de')
    await t.page.getByRole('button', { name: 'Verbinden' }).click()
    await t.page.getByText('Dieses Feld ist erforderlich.').waitFor()
    await screenshot(t.page, 'connect-de')
    expect(t.errors.take()).toEqual([])
    await t.context.close()

    // Without ?lang, the browser's languages decide.
    await t.openPage({ locale: 'fr-FR' })
    await t.page.goto(url)
    await t.page.getByRole('heading', { name: 'Connecter Acme Keys' }).waitFor()
    expect(await t.page.getAttribute('html', 'lang')).toBe('fr')
    await t.context.close()

    await t.openPage({ locale: 'es-ES' })
    await t.page.goto(url)
    await t.page.getByRole('heading', { name: 'Conectar Acme Keys' }).waitFor()
    expect(await t.page.getAttribute('html', 'lang')).toBe('es')
    // ?lang wins over the browser; unsupported languages fall back to English.
    await t.page.goto(`${url}&lang=ja`)
    await t.page.getByRole('heading', { name: 'Conectar Acme Keys' }).waitFor()
    await t.context.close()

    await t.openPage({ locale: 'ja-JP' })
    await t.page.goto(url)
    await t.page.getByRole('heading', { name: 'Connect Acme Keys' }).waitFor()
    expect(t.errors.take()).toEqual([])
  })

  /** Opens the connect URL as a popup of the customer's page, as an embedding app would. */
  async function openAsPopup(connectUrl: string): Promise<Page> {
    await t.page.goto(customer.origin)
    const popupEvent = t.page.waitForEvent('popup')
    await t.page.evaluate((u) => {
      window.open(u, 'switchboard-connect', 'popup,width=480,height=720')
    }, `${t.server.url}${connectUrl}`)
    const popup = await popupEvent
    t.errors = trackPageErrors(popup)
    return popup
  }

  async function receivedMessages(): Promise<ReceivedMessage[]> {
    return t.page.evaluate(() => (window as unknown as { received: ReceivedMessage[] }).received)
  }

  it('as a popup, tells the opener (and only its origin) and closes', async () => {
    await t.openPage()
    const { url, sessionId, token } = await connectToken({
      integrationName: 'acme-keys',
      successRedirectUri: `${customer.origin}/connected`,
    })
    const popup = await openAsPopup(url)
    await popup.getByLabel('API key', { exact: true }).fill(GOOD_KEY)
    const closed = popup.waitForEvent('close')
    await popup.getByRole('button', { name: 'Connect', exact: true }).click()
    await popup.getByRole('heading', { name: 'Connected' }).waitFor()
    expect(await popup.textContent('main')).toContain('This window closes automatically.')
    await screenshot(popup, 'connect-popup-success')
    await closed

    const { connectionId } = await poll(token)
    expect(await receivedMessages()).toEqual([
      {
        origin: t.server.url,
        data: { type: 'switchboard:connect', status: 'COMPLETED', sessionId, connectionId, error: null },
      },
    ])
    expect(t.errors.take()).toEqual([])
  })

  async function signInAtProvider(target: Page, decision: 'allow' | 'deny' = 'allow') {
    await target.waitForURL(`${provider.issuer}/**`)
    await target.locator('#login').fill('user-1')
    await target.locator('#password').fill('password')
    await target.locator('#submit').click()
    await target.locator(`#${decision}`).click()
  }

  it('runs OAuth2 in the same window and shows the outcome when the provider sends the browser back', async () => {
    await t.openPage()
    const { url, token } = await connectToken({ integrationName: 'acme-idp' })
    await t.page.goto(url)
    await t.page.getByRole('heading', { name: 'Connect Acme ID' }).waitFor()
    await screenshot(t.page, 'connect-oauth')
    expect(t.errors.take()).toEqual([])
    await t.page.getByRole('button', { name: 'Continue to Acme ID' }).click()
    await signInAtProvider(t.page)
    await t.page.waitForURL(`${t.server.url}/connect?**`)
    await t.page.getByRole('heading', { name: 'Connected' }).waitFor()
    expect(await t.page.textContent('main')).toContain('Your Acme ID account is now connected to Acme Inc.')
    expect((await poll(token)).status).toBe('COMPLETED')
    await screenshot(t.page, 'connect-oauth-success')
    expect(t.errors.take()).toEqual([])
  })

  it('runs OAuth2 in a popup and reports to the opener', async () => {
    await t.openPage()
    // No redirect URIs: the popup's opener origin is the organization's only allowed origin.
    const { url, sessionId, token } = await connectToken({ integrationName: 'acme-idp' })
    const popup = await openAsPopup(url)
    await popup.getByRole('button', { name: 'Continue to Acme ID' }).click()
    const closed = popup.waitForEvent('close')
    await signInAtProvider(popup)
    await closed
    const { connectionId } = await poll(token)
    expect(connectionId).toEqual(expect.any(String))
    expect(await receivedMessages()).toEqual([
      {
        origin: t.server.url,
        data: { type: 'switchboard:connect', status: 'COMPLETED', sessionId, connectionId, error: null },
      },
    ])
  })

  it('shows a refused authorization as a failure with the reason and the next step', async () => {
    await t.openPage()
    const { url, token } = await connectToken({ integrationName: 'acme-idp' })
    await t.page.goto(url)
    await t.page.getByRole('button', { name: 'Continue to Acme ID' }).click()
    await signInAtProvider(t.page, 'deny')
    await t.page.waitForURL(`${t.server.url}/connect?**`)
    await t.page.getByRole('heading', { name: 'The connection failed' }).waitFor()
    const text = await t.page.textContent('main')
    expect(text).toContain('Reason: access_denied')
    expect(text).toContain('Return to the app and start again.')
    expect((await poll(token)).status).toBe('FAILED')
    await screenshot(t.page, 'connect-oauth-failed')
    expect(t.errors.take()).toEqual([])
  })

  it('connects an account from the dashboard through the connect popup', async () => {
    await t.openPage()
    await t.signIn(t.org)
    await t.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click()
    await t.page.getByRole('button', { name: 'New connection' }).click()
    const dialog = t.page.getByRole('dialog')
    await dialog.getByLabel('Integration').selectOption('acme-keys')
    expect(await dialog.getByLabel('Connection name').inputValue()).toBe('Acme Keys')
    await dialog.getByLabel('Connection name').fill('Team Acme Keys')
    await dialog.getByLabel('External ID').fill('team_acme_keys')
    await dialog.getByLabel('Only the Default workspace').check()
    await screenshot(t.page, 'new-connection')
    const popupEvent = t.page.waitForEvent('popup')
    await dialog.getByRole('button', { name: 'Continue' }).click()
    const popup = await popupEvent
    const popupErrors = trackPageErrors(popup)
    await dialog.getByText('Waiting for you to finish in the connect window').waitFor()
    await popup.getByLabel('API key', { exact: true }).fill(GOOD_KEY)
    const closed = popup.waitForEvent('close')
    await popup.getByRole('button', { name: 'Connect', exact: true }).click()
    await closed
    await dialog.getByText('“Team Acme Keys” is connected').waitFor()
    await screenshot(t.page, 'new-connection-done')
    await dialog.getByRole('button', { name: 'Done' }).click()
    const row = t.page.getByRole('row', { name: /Team Acme Keys/ })
    await row.waitFor()
    expect(await row.textContent()).toContain('Workspace')
    expect(await row.textContent()).toContain('team_acme_keys')
    expect(t.errors.take()).toEqual([])
    expect(popupErrors.take()).toEqual([])
  })

  /** The provider's access and refresh tokens of a connection, read from the database. */
  async function storedTokens(connectionId: string) {
    const row = await t.server.core.db
      .selectFrom('connections')
      .select(['id', 'credentialsCiphertext'])
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow()
    const creds = decryptCredentials(t.server.core, row)
    if (creds.kind !== 'oauth2') throw new Error(`expected OAuth2 credentials, got ${creds.kind}`)
    return creds
  }

  it('connects through the provider from the dashboard, shows the connection and deletes it (revoked at the provider)', async () => {
    // Another connection, which must still be listed after this one is deleted.
    await createConnection(t.server.core, t.principal, {
      type: 'SECRET_TEXT',
      integrationName: 'acme-keys',
      workspaceId: t.org.workspaceId,
      externalId: 'kept_acme_keys',
      displayName: 'Kept Acme Keys',
      secretText: GOOD_KEY,
    })
    await t.openPage({ viewport: { width: 1280, height: 820 } })
    await t.signIn(t.org)
    // The overview: counts, charts and what needs attention.
    await t.page.getByRole('heading', { name: 'Connections by integration' }).waitFor()
    await t.page.locator('.recharts-surface').first().waitFor()
    // No tooltip from where the mouse happens to be.
    await t.page.mouse.move(0, 0)
    await screenshot(t.page, 'overview')
    expect(t.errors.take()).toEqual([])

    const nav = t.page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Connections' }).click()
    await t.page.getByRole('button', { name: 'New connection' }).click()
    const dialog = t.page.getByRole('dialog')
    await dialog.getByLabel('Integration').selectOption('acme-idp')
    await dialog.getByLabel('Connection name').fill('Support Acme ID')
    await dialog.getByLabel('External ID').fill('support_acme_id')
    const popupEvent = t.page.waitForEvent('popup')
    await dialog.getByRole('button', { name: 'Continue' }).click()
    const popup = await popupEvent
    const popupErrors = trackPageErrors(popup)
    await popup.getByRole('button', { name: 'Continue to Acme ID' }).click()
    const closed = popup.waitForEvent('close')
    await signInAtProvider(popup)
    await closed
    await dialog.getByText('“Support Acme ID” is connected').waitFor()
    expect(popupErrors.take()).toEqual([])
    await dialog.getByRole('button', { name: 'Done' }).click()

    const row = t.page.getByRole('row', { name: /Support Acme ID/ })
    await row.waitFor()
    expect(await row.textContent()).toContain('Active')
    await screenshot(t.page, 'connections-list')
    expect(t.errors.take()).toEqual([])

    await row.getByRole('link', { name: 'Support Acme ID' }).click()
    await t.page.waitForURL(/\/app\/connections\/[0-9a-f-]{36}$/)
    const connectionId = t.page.url().split('/').pop() ?? ''
    await t.page.getByRole('heading', { level: 1, name: 'Support Acme ID' }).waitFor()
    const details = t.page.getByRole('region', { name: 'Details' })
    expect(await details.textContent()).toContain('support_acme_id')
    expect(await details.textContent()).toContain('OAuth 2.0')
    expect(await t.page.getByRole('region', { name: 'Status' }).textContent()).toContain('Active')
    await t.page.getByRole('region', { name: 'History' }).getByText('Connected').waitFor()
    await screenshot(t.page, 'connection-detail')
    await t.page.setViewportSize({ width: 390, height: 844 })
    expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(t.page, 'mobile-connection-detail')
    await t.page.setViewportSize({ width: 1280, height: 820 })
    expect(t.errors.take()).toEqual([])

    const tokens = await storedTokens(connectionId)
    expect(await provider.introspect(tokens.accessToken)).toBe(true)

    await t.page.getByRole('button', { name: 'Delete', exact: true }).click()
    const confirm = t.page.getByRole('dialog')
    expect(await confirm.textContent()).toContain('cannot be undone')
    await screenshot(t.page, 'connection-delete-confirm')
    await confirm.getByRole('button', { name: 'Delete connection' }).click()
    await t.page.waitForURL(/\/app\/connections$/)
    await t.page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor()
    // The list no longer shows it (the other connection is still there).
    await t.page.getByRole('row', { name: /Kept Acme Keys/ }).waitFor()
    // The list may first render from cache; it must drop the row once it refetches.
    await t.page.getByRole('row', { name: /Support Acme ID/ }).waitFor({ state: 'detached', timeout: 15_000 })
    expect(await t.page.getByRole('row', { name: /Support Acme ID/ }).count()).toBe(0)
    expect(await provider.introspect(tokens.accessToken)).toBe(false)
    if (tokens.refreshToken) expect(await provider.introspect(tokens.refreshToken)).toBe(false)
    expect(t.errors.take()).toEqual([])

    // Phone-width views of the overview and the list.
    await t.page.setViewportSize({ width: 390, height: 844 })
    await screenshot(t.page, 'mobile-connections-list')
    expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await t.page.getByRole('button', { name: 'Menu' }).click()
    await nav.getByRole('link', { name: 'Overview' }).click()
    await t.page.locator('.recharts-surface').first().waitFor()
    expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(t.page, 'mobile-overview')
    expect(t.errors.take()).toEqual([])
  })

  it('shows the connect page at 390 px (phone) and desktop widths', async () => {
    await t.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const { url } = await connectToken({ integrationName: 'acme-idp' })
    await t.page.goto(url)
    await t.page.getByRole('heading', { name: 'Connect Acme ID' }).waitFor()
    expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(t.page, 'connect-page-mobile')
    await t.page.setViewportSize({ width: 1280, height: 820 })
    await screenshot(t.page, 'connect-page-desktop')
    expect(t.errors.take()).toEqual([])
  })

  it('fits a 360 px wide phone screen', async () => {
    await t.openPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
    const { url } = await connectToken({ integrationName: 'acme-keys' })
    await t.page.goto(url)
    await t.page.getByRole('heading', { name: 'Connect Acme Keys' }).waitFor()
    expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await screenshot(t.page, 'connect-mobile')
    await t.page.getByRole('button', { name: 'Connect', exact: true }).click()
    await t.page.getByText('This field is required.').waitFor()
    expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await screenshot(t.page, 'connect-mobile-invalid')
    expect(t.errors.take()).toEqual([])
    expectOnlyOwnRequests()
  })

  it('is usable with the keyboard alone', async () => {
    await t.openPage()
    const { url, token } = await connectToken({ integrationName: 'acme-keys' })
    await t.page.goto(url)
    await t.page.getByRole('heading', { name: 'Connect Acme Keys' }).waitFor()
    await t.page.keyboard.press('Tab')
    expect(await t.page.evaluate(() => document.activeElement?.id)).toBe('field-apiKey')
    await t.page.keyboard.type(GOOD_KEY)
    await t.page.keyboard.press('Enter')
    await t.page.getByRole('heading', { name: 'Connected' }).waitFor()
    // The outcome's heading takes focus, so screen readers start there.
    expect(await t.page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    expect((await poll(token)).status).toBe('COMPLETED')
    expect(t.errors.take()).toEqual([])
  })
})
