import { startOidcProvider, startUpstream, type TestProvider, type TestUpstream } from '@switchboard/testing'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type CreateConnectTokenInput,
  createConnection,
  createConnectToken,
  createCustomIntegration,
  createOAuthApp,
  decryptCredentials,
  type Principal,
  updateOrganization,
} from '../../../packages/core/src/index.ts'
import { launchChromium } from './browser.ts'
import { type CustomerApp, type ReceivedMessage, startCustomerApp } from './customer-app.ts'
import { type PageErrors, trackPageErrors, withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import {
  bootstrapTestOrganization,
  startTestServer,
  type TestOrganization,
  type TestServer,
} from './server.ts'

const GOOD_KEY = 'sk-good-0123456789'
const LOGO_HOST = 'https://logos.example.test'
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="8" fill="#0f766e"/><path d="M12 28 20 12l8 16" stroke="#fff" stroke-width="4" fill="none"/></svg>'

describe('hosted connect page', () => {
  let server: TestServer
  let upstream: TestUpstream
  let provider: TestProvider
  let customer: CustomerApp
  let browser: Browser
  let org: TestOrganization
  let principal: Principal
  let context: BrowserContext
  let page: Page
  let errors: PageErrors
  let requested: string[]

  beforeAll(async () => {
    server = await startTestServer({ egressAllow: '127.0.0.1' })
    upstream = await startUpstream({ apiKey: GOOD_KEY, apiKeyHeader: 'x-api-key' })
    provider = await startOidcProvider({ redirectUris: [`${server.url}/oauth2/callback`] })
    customer = await startCustomerApp()
    org = await bootstrapTestOrganization(server, {
      organizationName: 'Acme Inc',
      email: 'owner@acme.test',
      password: 'correct horse battery staple',
    })
    principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'e2e' }
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
    await createCustomIntegration(server.core, principal, {
      name: 'acme-idp',
      displayName: 'Acme ID',
      authType: 'OAUTH2',
      oauth2: {
        authorizationUrl: provider.authorizationUrl,
        tokenUrl: provider.tokenUrl,
        revocationUrl: provider.revocationUrl,
        scopes: ['openid', 'offline_access', 'api:read'],
        scopeSeparator: ' ',
        pkce: true,
        clientAuth: 'basic',
        authorizationParams: { prompt: 'consent' },
        issuer: provider.issuer,
      },
      api: {
        baseUrl: upstream.url,
        auth: { in: 'header', name: 'Authorization', value: 'Bearer {accessToken}' },
      },
    })
    await createOAuthApp(server.core, principal, {
      integrationName: 'acme-idp',
      clientId: provider.client.clientId,
      clientSecret: provider.client.clientSecret,
    })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await customer?.close()
    await provider?.close()
    await upstream?.close()
    await server?.close()
  })

  afterEach(async () => {
    await context?.close()
  })

  let tokenCount = 0
  async function connectToken(input: Partial<CreateConnectTokenInput> & { integrationName: string }) {
    tokenCount += 1
    const { token, sessionId } = await createConnectToken(server.core, principal, {
      connectionName: 'Acme account',
      externalId: `conn_e2e_${tokenCount}`,
      workspaceId: org.workspaceId,
      ...input,
    })
    return { token, sessionId, url: `/connect?token=${encodeURIComponent(token)}` }
  }

  /** A fresh browser context that serves the organization's logo and records every request. */
  async function openPage(options: BrowserContextOptions = {}) {
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1024, height: 800 },
      ...options,
    })
    requested = []
    context.on('request', (request) => requested.push(request.url()))
    await context.route(`${LOGO_HOST}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'image/svg+xml', body: LOGO_SVG }),
    )
    page = await context.newPage()
    errors = trackPageErrors(page)
  }

  /** The connect page loads nothing from elsewhere except the organization's logo. */
  function expectOnlyOwnRequests(extraOrigins: string[] = []) {
    const allowed = [server.url, LOGO_HOST, ...extraOrigins]
    const foreign = requested.filter(
      (url) => !url.startsWith('data:') && !allowed.some((o) => url.startsWith(o)),
    )
    expect(foreign).toEqual([])
  }

  async function poll(token: string) {
    const res = await fetch(`${server.url}/api/v1/connect/session/poll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    })
    return (await res.json()) as { status: string; connectionId: string | null; error: string | null }
  }

  it('collects an API key: branding, field checks, rejected and accepted credentials', async () => {
    await openPage()
    const { url, token } = await connectToken({ integrationName: 'acme-keys' })
    await page.goto(url)
    await page.getByRole('heading', { name: 'Connect Acme Keys' }).waitFor()
    expect(await page.textContent('main')).toContain(
      'Acme Inc would like to connect to your Acme Keys account.',
    )
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await page.getByRole('img', { name: 'Acme Inc' }).getAttribute('src')).toBe(
      `${LOGO_HOST}/acme.svg`,
    )
    const submit = page.getByRole('button', { name: 'Connect', exact: true })
    expect(await submit.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 118, 110)')
    const input = page.getByLabel('API key', { exact: true })
    expect(await input.getAttribute('type')).toBe('password')
    expect(await page.getByText('Find it under Settings → API in Acme.').isVisible()).toBe(true)
    await screenshot(page, 'connect-form')

    // Client-side checks: required, then the field's pattern.
    await submit.click()
    await page.getByText('This field is required.').waitFor()
    expect(await input.getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-apiKey')
    await input.fill('abc')
    await submit.click()
    await page.getByText('Expected format: sk-…').waitFor()
    await screenshot(page, 'connect-form-invalid')
    expect(upstream.requests).toHaveLength(0)

    // The show/hide toggle is a real button and flips the input type.
    await page.getByRole('button', { name: 'Show API key' }).click()
    expect(await input.getAttribute('type')).toBe('text')
    await page.getByRole('button', { name: 'Hide API key' }).click()

    // The verify request rejects the key: said at the top, the form stays.
    await input.fill('sk-wrong')
    await submit.click()
    const alert = page.getByRole('alert')
    await alert.getByText('Acme Keys did not accept these credentials').waitFor()
    expect((await poll(token)).status).toBe('PENDING')
    await screenshot(page, 'connect-invalid-credentials')

    await input.fill(` ${GOOD_KEY} `)
    await submit.click()
    await page.getByRole('heading', { name: 'Connected' }).waitFor()
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Your Acme Keys account is now connected to Acme Inc.',
    )
    expect(upstream.requests.at(-1)?.headers['x-api-key']).toBe(GOOD_KEY)
    const polled = await poll(token)
    expect(polled.status).toBe('COMPLETED')
    expect(polled.connectionId).toEqual(expect.any(String))
    await screenshot(page, 'connect-success')

    // Coming back to the link later shows the outcome, not the form again.
    await page.reload()
    await page.getByRole('heading', { name: 'Connected' }).waitFor()
    expect(await page.getByLabel('API key', { exact: true }).count()).toBe(0)

    expect(withoutExpectedStatus(errors.take(), [400])).toEqual([])
    expectOnlyOwnRequests()
  })

  it('explains expired, unknown and incomplete links', async () => {
    await openPage()
    await page.goto('/connect?token=cst_this-token-does-not-exist')
    await page.getByRole('heading', { name: 'This link has expired' }).waitFor()
    expect(await page.getByRole('alert').textContent()).toContain(
      'This link has expired — return to the app and start again.',
    )
    await screenshot(page, 'connect-expired')
    expect(withoutExpectedStatus(errors.take(), [401])).toEqual([])

    await page.goto('/connect')
    await page.getByRole('heading', { name: 'This link is incomplete' }).waitFor()
    expect(errors.take()).toEqual([])

    // An expired session (past its 4 hours) answers like an unknown one.
    const { url, sessionId } = await connectToken({ integrationName: 'acme-keys' })
    await server.core.db
      .updateTable('connectSessions')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', sessionId)
      .execute()
    await page.goto(url)
    await page.getByRole('heading', { name: 'This link has expired' }).waitFor()
    expect(withoutExpectedStatus(errors.take(), [401])).toEqual([])
  })

  it('speaks German, French and Spanish', async () => {
    const { url } = await connectToken({ integrationName: 'acme-keys' })

    await openPage()
    await page.goto(`${url}&lang=de`)
    await page.getByRole('heading', { name: 'Acme Keys verbinden' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('de')
    await page.getByRole('button', { name: 'Verbinden' }).click()
    await page.getByText('Dieses Feld ist erforderlich.').waitFor()
    await screenshot(page, 'connect-de')
    expect(errors.take()).toEqual([])
    await context.close()

    // Without ?lang, the browser's languages decide.
    await openPage({ locale: 'fr-FR' })
    await page.goto(url)
    await page.getByRole('heading', { name: 'Connecter Acme Keys' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('fr')
    await context.close()

    await openPage({ locale: 'es-ES' })
    await page.goto(url)
    await page.getByRole('heading', { name: 'Conectar Acme Keys' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('es')
    // ?lang wins over the browser; unsupported languages fall back to English.
    await page.goto(`${url}&lang=ja`)
    await page.getByRole('heading', { name: 'Conectar Acme Keys' }).waitFor()
    await context.close()

    await openPage({ locale: 'ja-JP' })
    await page.goto(url)
    await page.getByRole('heading', { name: 'Connect Acme Keys' }).waitFor()
    expect(errors.take()).toEqual([])
  })

  /** Opens the connect URL as a popup of the customer's page, as an embedding app would. */
  async function openAsPopup(connectUrl: string): Promise<Page> {
    await page.goto(customer.origin)
    const popupEvent = page.waitForEvent('popup')
    await page.evaluate((u) => {
      window.open(u, 'switchboard-connect', 'popup,width=480,height=720')
    }, `${server.url}${connectUrl}`)
    const popup = await popupEvent
    errors = trackPageErrors(popup)
    return popup
  }

  async function receivedMessages(): Promise<ReceivedMessage[]> {
    return page.evaluate(() => (window as unknown as { received: ReceivedMessage[] }).received)
  }

  it('as a popup, tells the opener (and only its origin) and closes', async () => {
    await openPage()
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
        origin: server.url,
        data: { type: 'switchboard:connect', status: 'COMPLETED', sessionId, connectionId, error: null },
      },
    ])
    expect(errors.take()).toEqual([])
  })

  async function signInAtProvider(target: Page, decision: 'allow' | 'deny' = 'allow') {
    await target.waitForURL(`${provider.issuer}/**`)
    await target.locator('#login').fill('user-1')
    await target.locator('#password').fill('password')
    await target.locator('#submit').click()
    await target.locator(`#${decision}`).click()
  }

  it('runs OAuth2 in the same window and shows the outcome when the provider sends the browser back', async () => {
    await openPage()
    const { url, token } = await connectToken({ integrationName: 'acme-idp' })
    await page.goto(url)
    await page.getByRole('heading', { name: 'Connect Acme ID' }).waitFor()
    await screenshot(page, 'connect-oauth')
    expect(errors.take()).toEqual([])
    await page.getByRole('button', { name: 'Continue to Acme ID' }).click()
    await signInAtProvider(page)
    await page.waitForURL(`${server.url}/connect?**`)
    await page.getByRole('heading', { name: 'Connected' }).waitFor()
    expect(await page.textContent('main')).toContain('Your Acme ID account is now connected to Acme Inc.')
    expect((await poll(token)).status).toBe('COMPLETED')
    await screenshot(page, 'connect-oauth-success')
    expect(errors.take()).toEqual([])
  })

  it('runs OAuth2 in a popup and reports to the opener', async () => {
    await openPage()
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
        origin: server.url,
        data: { type: 'switchboard:connect', status: 'COMPLETED', sessionId, connectionId, error: null },
      },
    ])
  })

  it('shows a refused authorization as a failure with the reason and the next step', async () => {
    await openPage()
    const { url, token } = await connectToken({ integrationName: 'acme-idp' })
    await page.goto(url)
    await page.getByRole('button', { name: 'Continue to Acme ID' }).click()
    await signInAtProvider(page, 'deny')
    await page.waitForURL(`${server.url}/connect?**`)
    await page.getByRole('heading', { name: 'The connection failed' }).waitFor()
    const text = await page.textContent('main')
    expect(text).toContain('Reason: access_denied')
    expect(text).toContain('Return to the app and start again.')
    expect((await poll(token)).status).toBe('FAILED')
    await screenshot(page, 'connect-oauth-failed')
    expect(errors.take()).toEqual([])
  })

  it('connects an account from the dashboard through the connect popup', async () => {
    await openPage()
    await page.goto('/app/login')
    await page.getByLabel('Email').fill(org.email)
    await page.getByLabel('Password').fill(org.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/app$/)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click()
    await page.getByRole('button', { name: 'New connection' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Integration').selectOption('acme-keys')
    expect(await dialog.getByLabel('Connection name').inputValue()).toBe('Acme Keys')
    await dialog.getByLabel('Connection name').fill('Team Acme Keys')
    await dialog.getByLabel('External ID').fill('team_acme_keys')
    await dialog.getByLabel('Only the Default workspace').check()
    await screenshot(page, 'new-connection')
    const popupEvent = page.waitForEvent('popup')
    await dialog.getByRole('button', { name: 'Continue' }).click()
    const popup = await popupEvent
    const popupErrors = trackPageErrors(popup)
    await dialog.getByText('Waiting for you to finish in the connect window').waitFor()
    await popup.getByLabel('API key', { exact: true }).fill(GOOD_KEY)
    const closed = popup.waitForEvent('close')
    await popup.getByRole('button', { name: 'Connect', exact: true }).click()
    await closed
    await dialog.getByText('“Team Acme Keys” is connected').waitFor()
    await screenshot(page, 'new-connection-done')
    await dialog.getByRole('button', { name: 'Done' }).click()
    const row = page.getByRole('row', { name: /Team Acme Keys/ })
    await row.waitFor()
    expect(await row.textContent()).toContain('Workspace')
    expect(await row.textContent()).toContain('team_acme_keys')
    expect(errors.take()).toEqual([])
    expect(popupErrors.take()).toEqual([])
  })

  async function signInToDashboard() {
    await page.goto('/app/login')
    await page.getByLabel('Email').fill(org.email)
    await page.getByLabel('Password').fill(org.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/app$/)
  }

  /** The provider's access and refresh tokens of a connection, read from the database. */
  async function storedTokens(connectionId: string) {
    const row = await server.core.db
      .selectFrom('connections')
      .select(['id', 'credentialsCiphertext'])
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow()
    const creds = decryptCredentials(server.core, row)
    if (creds.kind !== 'oauth2') throw new Error(`expected OAuth2 credentials, got ${creds.kind}`)
    return creds
  }

  it('connects through the provider from the dashboard, shows the connection and deletes it (revoked at the provider)', async () => {
    // Another connection, which must still be listed after this one is deleted.
    await createConnection(server.core, principal, {
      type: 'SECRET_TEXT',
      integrationName: 'acme-keys',
      workspaceId: org.workspaceId,
      externalId: 'kept_acme_keys',
      displayName: 'Kept Acme Keys',
      secretText: GOOD_KEY,
    })
    await openPage({ viewport: { width: 1280, height: 820 } })
    await signInToDashboard()
    // The overview: counts, charts and what needs attention.
    await page.getByRole('heading', { name: 'Connections by integration' }).waitFor()
    await page.locator('.recharts-surface').first().waitFor()
    // No tooltip from where the mouse happens to be.
    await page.mouse.move(0, 0)
    await screenshot(page, 'overview')
    expect(errors.take()).toEqual([])

    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Connections' }).click()
    await page.getByRole('button', { name: 'New connection' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Integration').selectOption('acme-idp')
    await dialog.getByLabel('Connection name').fill('Support Acme ID')
    await dialog.getByLabel('External ID').fill('support_acme_id')
    const popupEvent = page.waitForEvent('popup')
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

    const row = page.getByRole('row', { name: /Support Acme ID/ })
    await row.waitFor()
    expect(await row.textContent()).toContain('Active')
    await screenshot(page, 'connections-list')
    expect(errors.take()).toEqual([])

    await row.getByRole('link', { name: 'Support Acme ID' }).click()
    await page.waitForURL(/\/app\/connections\/[0-9a-f-]{36}$/)
    const connectionId = page.url().split('/').pop() ?? ''
    await page.getByRole('heading', { level: 1, name: 'Support Acme ID' }).waitFor()
    const details = page.getByRole('region', { name: 'Details' })
    expect(await details.textContent()).toContain('support_acme_id')
    expect(await details.textContent()).toContain('OAuth 2.0')
    expect(await page.getByRole('region', { name: 'Status' }).textContent()).toContain('Active')
    await page.getByRole('region', { name: 'History' }).getByText('Connected').waitFor()
    await screenshot(page, 'connection-detail')
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'mobile-connection-detail')
    await page.setViewportSize({ width: 1280, height: 820 })
    expect(errors.take()).toEqual([])

    const tokens = await storedTokens(connectionId)
    expect(await provider.introspect(tokens.accessToken)).toBe(true)

    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    const confirm = page.getByRole('dialog')
    expect(await confirm.textContent()).toContain('cannot be undone')
    await screenshot(page, 'connection-delete-confirm')
    await confirm.getByRole('button', { name: 'Delete connection' }).click()
    await page.waitForURL(/\/app\/connections$/)
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor()
    // The list no longer shows it (the other connection is still there).
    await page.getByRole('row', { name: /Kept Acme Keys/ }).waitFor()
    // The list may first render from cache; it must drop the row once it refetches.
    await page.getByRole('row', { name: /Support Acme ID/ }).waitFor({ state: 'detached', timeout: 15_000 })
    expect(await page.getByRole('row', { name: /Support Acme ID/ }).count()).toBe(0)
    expect(await provider.introspect(tokens.accessToken)).toBe(false)
    if (tokens.refreshToken) expect(await provider.introspect(tokens.refreshToken)).toBe(false)
    expect(errors.take()).toEqual([])

    // Phone-width views of the overview and the list.
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'mobile-connections-list')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.getByRole('button', { name: 'Menu' }).click()
    await nav.getByRole('link', { name: 'Overview' }).click()
    await page.locator('.recharts-surface').first().waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'mobile-overview')
    expect(errors.take()).toEqual([])
  })

  it('shows the connect page at 390 px (phone) and desktop widths', async () => {
    await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const { url } = await connectToken({ integrationName: 'acme-idp' })
    await page.goto(url)
    await page.getByRole('heading', { name: 'Connect Acme ID' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'connect-page-mobile')
    await page.setViewportSize({ width: 1280, height: 820 })
    await screenshot(page, 'connect-page-desktop')
    expect(errors.take()).toEqual([])
  })

  it('fits a 360 px wide phone screen', async () => {
    await openPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
    const { url } = await connectToken({ integrationName: 'acme-keys' })
    await page.goto(url)
    await page.getByRole('heading', { name: 'Connect Acme Keys' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await screenshot(page, 'connect-mobile')
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await page.getByText('This field is required.').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await screenshot(page, 'connect-mobile-invalid')
    expect(errors.take()).toEqual([])
    expectOnlyOwnRequests()
  })

  it('is usable with the keyboard alone', async () => {
    await openPage()
    const { url, token } = await connectToken({ integrationName: 'acme-keys' })
    await page.goto(url)
    await page.getByRole('heading', { name: 'Connect Acme Keys' }).waitFor()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-apiKey')
    await page.keyboard.type(GOOD_KEY)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Connected' }).waitFor()
    // The outcome's heading takes focus, so screen readers start there.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    expect((await poll(token)).status).toBe('COMPLETED')
    expect(errors.take()).toEqual([])
  })
})
