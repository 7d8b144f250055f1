import { createHash, randomBytes } from 'node:crypto'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './browser.ts'
import { type PageErrors, trackPageErrors } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import {
  bootstrapTestOrganization,
  startTestServer,
  type TestOrganization,
  type TestServer,
} from './server.ts'

/** The third-party app's callback; the browser never reaches it (the test answers it). */
const REDIRECT_URI = 'http://127.0.0.1:5999/callback'
const base64url = (bytes: Buffer) => bytes.toString('base64url')

/**
 * Issue 6 in Chromium: an owner registers a third-party app on the OAuth clients page, the app
 * sends a person through /oauth/auth → our sign-in and consent pages → back with a code, the app
 * exchanges it (PKCE S256) and calls the REST API; revoking the app in the dashboard ends it.
 */
describe('Switchboard as an OAuth authorization server, in the browser', () => {
  let server: TestServer
  let browser: Browser
  let org: TestOrganization
  let context: BrowserContext
  let page: Page
  let errors: PageErrors

  beforeAll(async () => {
    server = await startTestServer()
    org = await bootstrapTestOrganization(server, {
      organizationName: 'Acme Inc',
      email: 'owner@acme.test',
      password: 'correct horse battery staple',
    })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  afterEach(async () => {
    await context?.close()
  })

  async function openPage() {
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 820 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    page = await context.newPage()
    errors = trackPageErrors(page)
  }

  async function signIn() {
    await page.getByLabel('Email').fill(org.email)
    await page.getByLabel('Password').fill(org.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('registers an app, runs the authorization code grant through our pages and revokes it', async () => {
    await openPage()
    await page.goto('/app/oauth-clients')
    await page.waitForURL('**/app/login')
    await signIn()
    await page.waitForURL('**/app/oauth-clients')
    await page.getByText('No apps registered yet').waitFor()
    await page.getByText('No app has been authorized yet.').waitFor()
    await page.getByRole('button', { name: 'Register an app' }).first().click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Acme Automations')
    await dialog.getByLabel('Redirect URIs').fill(`${REDIRECT_URI}\n`)
    await dialog.getByLabel('Stay signed in (refresh tokens)').check()
    await screenshot(page, 'oauth-client-create')
    await dialog.getByRole('button', { name: 'Register app' }).click()
    const secretText = dialog.getByTestId('new-client-secret')
    await secretText.waitFor()
    const clientId = (await dialog.getByTestId('new-client-id').textContent()) ?? ''
    const clientSecret = (await secretText.textContent()) ?? ''
    expect(clientSecret.length).toBeGreaterThan(20)
    expect(await dialog.textContent()).toContain('only time the client secret is shown')
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click()
    await dialog.getByRole('button', { name: 'Copied' }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientSecret)
    await screenshot(page, 'oauth-client-created')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('row', { name: /Acme Automations/ }).waitFor()
    expect(await page.content()).not.toContain(clientSecret)
    expect(errors.take()).toEqual([])

    // The third-party app, in a browser where nobody is signed in to Switchboard.
    await context.close()
    await openPage()
    let callback: URL | null = null
    await context.route(`${REDIRECT_URI}**`, (route) => {
      callback = new URL(route.request().url())
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Back at the app</p>' })
    })
    const verifier = base64url(randomBytes(32))
    const state = base64url(randomBytes(16))
    const authorize = new URL('/oauth/auth', server.url)
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'connections:read offline_access',
      state,
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    }).toString()
    await page.goto(authorize.href)
    await page.waitForURL('**/authorize/login?**')
    await page.getByRole('heading', { name: 'Sign in to continue' }).waitFor()
    await screenshot(page, 'oauth-authorize-login')
    await signIn()
    await page.waitForURL('**/authorize/consent?**')
    await page
      .getByRole('heading', { name: 'Acme Automations wants to access your Switchboard organization' })
      .waitFor()
    expect(await page.textContent('main')).toContain('Acme Inc')
    await screenshot(page, 'oauth-authorize-consent')
    expect(errors.take()).toEqual([])
    await page.getByRole('button', { name: 'Allow' }).click()
    await page.getByText('Back at the app').waitFor()

    const returned = callback as URL | null
    if (!returned) throw new Error('the browser never came back to the app')
    expect(returned.searchParams.get('state')).toBe(state)
    expect(returned.searchParams.get('iss')).toBe(`${server.url}/oauth`)
    const code = returned.searchParams.get('code') ?? ''
    expect(code).not.toBe('')

    const tokenResponse = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      }),
    })
    expect(tokenResponse.status).toBe(200)
    const tokens = (await tokenResponse.json()) as {
      access_token: string
      refresh_token?: string
      scope: string
    }
    expect(tokens.refresh_token).toEqual(expect.any(String))
    const listConnections = () =>
      fetch(`${server.url}/api/v1/connections`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    expect((await listConnections()).status).toBe(200)

    // The owner sees the authorized app and revokes it; the token stops working.
    await page.goto('/app/oauth-clients')
    const grants = page.getByRole('region', { name: 'Authorized apps' })
    const grant = grants.getByRole('row', { name: /Acme Automations/ })
    await grant.waitFor()
    expect(await grant.textContent()).toContain(org.email)
    await screenshot(page, 'oauth-clients')
    await grant.getByRole('button', { name: 'Revoke Acme Automations' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click()
    await grants.getByText('No app has been authorized yet.').waitFor()
    expect((await listConnections()).status).toBe(401)
    expect(errors.take()).toEqual([])
  })
})
