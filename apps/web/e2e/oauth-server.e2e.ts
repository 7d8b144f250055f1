import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { screenshot } from './screenshot.ts'
import { browserSuite } from './suite.ts'

/** The third-party app's callback; the browser never reaches it (the test answers it). */
const REDIRECT_URI = 'http://127.0.0.1:5999/callback'
const base64url = (bytes: Buffer) => bytes.toString('base64url')

/**
 * Issue 6 in Chromium: an owner registers a third-party app on the OAuth clients page, the app
 * sends a person through /oauth/auth → our sign-in and consent pages → back with a code, the app
 * exchanges it (PKCE S256) and calls the REST API; revoking the app in the dashboard ends it.
 */
describe('Switchboard as an OAuth authorization server, in the browser', () => {
  const t = browserSuite({ clipboard: true })

  /** Fills in and sends the sign-in form the page shows; the caller waits for where it leads. */
  async function submitSignInForm() {
    await t.page.getByLabel('Email').fill(t.org.email)
    await t.page.getByLabel('Password').fill(t.org.password)
    await t.page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('registers an app, runs the authorization code grant through our pages and revokes it', async () => {
    await t.openPage()
    await t.page.goto('/app/oauth-clients')
    await t.page.waitForURL('**/app/login')
    await submitSignInForm()
    await t.page.waitForURL('**/app/oauth-clients')
    await t.page.getByText('No apps registered yet').waitFor()
    await t.page.getByText('No app has been authorized yet.').waitFor()
    await t.page.getByRole('button', { name: 'Register an app' }).first().click()
    const dialog = t.page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Acme Automations')
    await dialog.getByLabel('Redirect URIs').fill(`${REDIRECT_URI}\n`)
    await dialog.getByLabel('Stay signed in (refresh tokens)').check()
    await screenshot(t.page, 'oauth-client-create')
    await dialog.getByRole('button', { name: 'Register app' }).click()
    const secretText = dialog.getByTestId('new-client-secret')
    await secretText.waitFor()
    const clientId = (await dialog.getByTestId('new-client-id').textContent()) ?? ''
    const clientSecret = (await secretText.textContent()) ?? ''
    expect(clientSecret.length).toBeGreaterThan(20)
    expect(await dialog.textContent()).toContain('only time the client secret is shown')
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click()
    await dialog.getByRole('button', { name: 'Copied' }).waitFor()
    expect(await t.page.evaluate(() => navigator.clipboard.readText())).toBe(clientSecret)
    await screenshot(t.page, 'oauth-client-created')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await t.page.getByRole('row', { name: /Acme Automations/ }).waitFor()
    expect(await t.page.content()).not.toContain(clientSecret)
    expect(t.errors.take()).toEqual([])

    // The third-party app, in a browser where nobody is signed in to Switchboard.
    await t.context.close()
    await t.openPage()
    let callback: URL | null = null
    await t.context.route(`${REDIRECT_URI}**`, (route) => {
      callback = new URL(route.request().url())
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Back at the app</p>' })
    })
    const verifier = base64url(randomBytes(32))
    const state = base64url(randomBytes(16))
    const authorize = new URL('/oauth/auth', t.server.url)
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'connections:read offline_access',
      state,
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    }).toString()
    await t.page.goto(authorize.href)
    await t.page.waitForURL('**/authorize/login?**')
    await t.page.getByRole('heading', { name: 'Sign in to continue' }).waitFor()
    await screenshot(t.page, 'oauth-authorize-login')
    await submitSignInForm()
    await t.page.waitForURL('**/authorize/consent?**')
    await t.page
      .getByRole('heading', { name: 'Acme Automations wants to access your Switchboard organization' })
      .waitFor()
    expect(await t.page.textContent('main')).toContain('Acme Inc')
    await screenshot(t.page, 'oauth-authorize-consent')
    expect(t.errors.take()).toEqual([])
    await t.page.getByRole('button', { name: 'Allow' }).click()
    await t.page.getByText('Back at the app').waitFor()

    const returned = callback as URL | null
    if (!returned) throw new Error('the browser never came back to the app')
    expect(returned.searchParams.get('state')).toBe(state)
    expect(returned.searchParams.get('iss')).toBe(`${t.server.url}/oauth`)
    const code = returned.searchParams.get('code') ?? ''
    expect(code).not.toBe('')

    const tokenResponse = await fetch(`${t.server.url}/oauth/token`, {
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
      fetch(`${t.server.url}/api/v1/connections`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    expect((await listConnections()).status).toBe(200)

    // The owner sees the authorized app and revokes it; the token stops working.
    await t.page.goto('/app/oauth-clients')
    const grants = t.page.getByRole('region', { name: 'Authorized apps' })
    const grant = grants.getByRole('row', { name: /Acme Automations/ })
    await grant.waitFor()
    expect(await grant.textContent()).toContain(t.org.email)
    await screenshot(t.page, 'oauth-clients')
    await grant.getByRole('button', { name: 'Revoke Acme Automations' }).click()
    await t.page.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click()
    await grants.getByText('No app has been authorized yet.').waitFor()
    expect((await listConnections()).status).toBe(401)
    expect(t.errors.take()).toEqual([])
  })
})
