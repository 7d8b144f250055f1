import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createConnection,
  createConnectToken,
  createEndUser,
  type Principal,
} from '../../../packages/core/src/index.ts'
import { launchChromium, serveStandInLogos } from './browser.ts'
import { type PageErrors, trackPageErrors, withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import {
  addTestUser,
  bootstrapTestOrganization,
  startTestServer,
  type TestOrganization,
  type TestServer,
} from './server.ts'

const OWNER = { email: 'owner@acme.test', password: 'correct horse battery staple' }
const MEMBER = { email: 'member@acme.test', password: 'member password 123' }

describe('dashboard', () => {
  let server: TestServer
  let browser: Browser
  let org: TestOrganization
  let context: BrowserContext
  let page: Page
  let errors: PageErrors

  beforeAll(async () => {
    server = await startTestServer()
    org = await bootstrapTestOrganization(server, { organizationName: 'Acme Inc', ...OWNER })
    await addTestUser(server, { organizationId: org.organizationId, ...MEMBER, role: 'member' })
    const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'e2e' }
    await createEndUser(server.core, principal, {
      workspaceId: org.workspaceId,
      externalId: 'user_456',
      displayName: 'Alice Johnson',
      email: 'alice@customer.test',
    })
    await createConnection(server.core, principal, {
      type: 'SECRET_TEXT',
      integrationName: 'openai',
      workspaceId: org.workspaceId,
      externalId: 'conn_project_alpha_openai',
      displayName: 'Project Alpha OpenAI Key',
      secretText: 'sk-test-0123456789',
    })
    await createConnectToken(server.core, principal, {
      integrationName: 'openai',
      connectionName: 'Team OpenAI',
      externalId: 'conn_team_openai',
      workspaceId: org.workspaceId,
    })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function openPage(viewport = { width: 1280, height: 820 }) {
    context = await browser.newContext({ baseURL: server.url, viewport })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    await serveStandInLogos(context, server.url)
    page = await context.newPage()
    errors = trackPageErrors(page)
  }

  afterEach(async () => {
    await context?.close()
  })

  async function signIn(email: string, password: string) {
    await page.goto('/app/login')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('sends signed-out visitors to sign in and explains a wrong password', async () => {
    await openPage()
    await page.goto('/')
    await page.waitForURL('**/app/login')
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true)
    await screenshot(page, 'login')
    expect(errors.take()).toEqual([])

    await page.getByLabel('Email').fill(OWNER.email)
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('Email or password is incorrect')
    expect(page.url()).toContain('/app/login')
    await screenshot(page, 'login-wrong-password')
    // The browser logs the 401 of auth.login itself; nothing else may be logged.
    expect(withoutExpectedStatus(errors.take(), [401])).toEqual([])
  })

  it('signs in, shows the user, creates an API key once and revokes it', async () => {
    await openPage()
    await page.goto('/app/api-keys')
    await page.waitForURL('**/app/login')
    await page.getByLabel('Email').fill(OWNER.email)
    await page.getByLabel('Password').fill(OWNER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    // Back to the page that sent us to sign in.
    await page.waitForURL('**/app/api-keys')
    const userPanel = page.getByRole('region', { name: 'Signed in user' })
    await userPanel.getByText(OWNER.email).waitFor()
    expect(await userPanel.textContent()).toContain('Owner')
    await page.getByRole('cell', { name: 'Bootstrap key' }).waitFor()
    await screenshot(page, 'api-keys')

    await page.getByRole('button', { name: 'Create API key' }).first().click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('CI pipeline')
    await dialog.getByRole('button', { name: 'Create key' }).click()
    const keyText = dialog.getByTestId('new-api-key')
    await keyText.waitFor()
    const key = (await keyText.textContent()) ?? ''
    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/)
    expect(await dialog.textContent()).toContain('only time the key is shown')
    await dialog.getByRole('button', { name: 'Copy' }).click()
    await dialog.getByRole('button', { name: 'Copied' }).waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)
    await screenshot(page, 'api-key-created')

    // The key works against the REST API.
    const withKey = () =>
      fetch(`${server.url}/api/v1/workspaces`, { headers: { authorization: `Bearer ${key}` } })
    expect((await withKey()).status).toBe(200)

    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const row = page.getByRole('row', { name: /CI pipeline/ })
    await row.waitFor()
    // Shown once: after the dialog closes, the secret is nowhere on the page.
    expect(await page.content()).not.toContain(key)

    await row.getByRole('button', { name: 'Revoke CI pipeline' }).click()
    const confirm = page.getByRole('dialog')
    expect(await confirm.textContent()).toContain('cannot be undone')
    await screenshot(page, 'api-key-revoke-confirm')
    await confirm.getByRole('button', { name: 'Revoke key' }).click()
    await confirm.waitFor({ state: 'hidden' })
    await row.getByText('Revoked').waitFor()
    expect((await withKey()).status).toBe(401)
    expect(errors.take()).toEqual([])

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL('**/app/login')
    await page.goto('/app/settings')
    await page.waitForURL('**/app/login')
    expect(errors.take()).toEqual([])
  })

  it('edits organization settings with validation from the server', async () => {
    await openPage()
    await signIn(OWNER.email, OWNER.password)
    await page.waitForURL(/\/app$/)
    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Allowed redirect origins' }).waitFor()
    expect(await page.getByTestId('org-plan').textContent()).toBe('Team')

    await page.getByLabel('Name', { exact: true }).fill('Acme Corporation')
    await page.getByRole('button', { name: 'Save name' }).click()
    await page.getByRole('region', { name: 'Signed in user' }).getByText('Acme Corporation').waitFor()

    await page.getByRole('button', { name: 'Add origin' }).click()
    await page.getByLabel('Origin 1', { exact: true }).fill('http://app.example.com')
    await page.getByRole('button', { name: 'Add origin' }).click()
    await page.getByLabel('Origin 2', { exact: true }).fill('https://app.example.com/')
    await page.getByRole('button', { name: 'Save origins' }).click()
    const origins = page.getByRole('region', { name: 'Allowed redirect origins' })
    const originError = origins.locator('.field-error').first()
    await originError.waitFor()
    expect(await originError.textContent()).toContain('http only for localhost')
    expect(await page.getByLabel('Origin 1', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    await screenshot(page, 'settings-origin-error')

    await page.getByLabel('Origin 1', { exact: true }).fill('http://localhost:5173')
    await page.getByRole('button', { name: 'Save origins' }).click()
    await origins.getByRole('status').filter({ hasText: 'Saved' }).waitFor()
    // The trailing slash is dropped before saving.
    expect(await page.getByLabel('Origin 2', { exact: true }).inputValue()).toBe('https://app.example.com')

    await page.getByLabel('Primary colour', { exact: true }).fill('#0f766e')
    const previewButton = page.getByTestId('branding-preview').locator('.preview-button')
    await expect
      .poll(() => previewButton.evaluate((el) => getComputedStyle(el).backgroundColor))
      .toBe('rgb(15, 118, 110)')
    await page.getByRole('button', { name: 'Save branding' }).click()
    const branding = page.getByRole('region', { name: 'Connect page branding' })
    await branding.getByRole('status').filter({ hasText: 'Saved' }).waitFor()
    await screenshot(page, 'settings')
    // VALIDATION_ERROR answers are 400s the browser logs; everything else must be clean.
    expect(withoutExpectedStatus(errors.take(), [400])).toEqual([])

    // Reloading shows what was stored.
    await page.reload()
    await page.getByRole('heading', { name: 'Allowed redirect origins' }).waitFor()
    expect(await page.getByLabel('Primary colour', { exact: true }).inputValue()).toBe('#0f766e')
    expect(await page.getByLabel('Origin 1', { exact: true }).inputValue()).toBe('http://localhost:5173')
    expect(errors.take()).toEqual([])
  })

  it('visits every page of the shell without errors and keeps the workspace choice', async () => {
    await openPage()
    await signIn(OWNER.email, OWNER.password)
    await page.waitForURL(/\/app$/)
    const switcher = page.getByLabel('Workspace')
    await expect.poll(() => switcher.inputValue()).toBe(org.workspaceId)
    const nav = page.getByRole('navigation', { name: 'Main' })
    for (const label of [
      'Overview',
      'Connections',
      'Integrations',
      'End users',
      'Connect sessions',
      'API keys',
      'OAuth clients',
      'Settings',
    ]) {
      await nav.getByRole('link', { name: label, exact: true }).click()
      await page.getByRole('heading', { level: 1, name: label }).waitFor()
      expect(await nav.getByRole('link', { name: label, exact: true }).getAttribute('aria-current')).toBe(
        'page',
      )
      expect(errors.take(), label).toEqual([])
    }
    expect(await page.evaluate(() => localStorage.getItem('switchboard.workspaceId'))).toBeNull()
    await switcher.selectOption(org.workspaceId)
    expect(await page.evaluate(() => localStorage.getItem('switchboard.workspaceId'))).toBe(org.workspaceId)

    await nav.getByRole('link', { name: 'Connections' }).click()
    const connection = page.getByRole('row', { name: /Project Alpha OpenAI Key/ })
    await connection.waitFor()
    expect(await connection.textContent()).toContain('Active')
    await page.getByLabel('Search').fill('no such connection')
    await page.getByText('No connections match').waitFor()
    await screenshot(page, 'connections-empty-search')
    await page.getByLabel('Search').fill('alpha')
    await connection.waitFor()
    await screenshot(page, 'connections')

    await nav.getByRole('link', { name: 'End users' }).click()
    await page
      .getByRole('row', { name: /user_456/ })
      .getByText('Alice Johnson')
      .waitFor()
    await screenshot(page, 'end-users')

    await nav.getByRole('link', { name: 'Connect sessions' }).click()
    const session = page.getByRole('row', { name: /Team OpenAI/ })
    await session.waitFor()
    expect(await session.textContent()).toContain('Pending')
    await screenshot(page, 'connect-sessions')

    await nav.getByRole('link', { name: 'Integrations' }).click()
    await page.getByRole('listitem').filter({ hasText: 'OpenAI' }).first().waitFor()
    await page.getByLabel('Search').fill('openai')
    // Name matches come before description matches.
    await expect
      .poll(() => page.locator('.integration-card .cell-title').first().textContent())
      .toBe('OpenAI')
    await page.getByLabel('Search').fill('')
    await screenshot(page, 'integrations')
    expect(errors.take()).toEqual([])

    await page.goto('/app/no-such-page')
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    expect(errors.take()).toEqual([])
  })

  it('filters connections by integration, scope and end user, and says which filter to clear', async () => {
    // Its own rows, all named "Filter …", so the search below hides what other tests created.
    const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'e2e' }
    const add = (
      displayName: string,
      integrationName: string,
      scope: 'ORGANIZATION' | 'WORKSPACE' | 'USER',
      endUserId?: string,
    ) =>
      createConnection(server.core, principal, {
        type: 'SECRET_TEXT',
        integrationName,
        workspaceId: org.workspaceId,
        externalId: displayName.toLowerCase().replaceAll(' ', '_'),
        displayName,
        secretText: integrationName === 'anthropic' ? 'sk-ant-test-filters' : 'sk-test-filters',
        scope,
        ...(endUserId ? { endUserId } : {}),
      })
    await add('Filter OpenAI Shared', 'openai', 'WORKSPACE')
    await add('Filter OpenAI Org', 'openai', 'ORGANIZATION')
    await add('Filter OpenAI Dana', 'openai', 'USER', 'filter_dana')
    await add('Filter Anthropic Dana', 'anthropic', 'USER', 'filter_dana')
    await add('Filter Anthropic Eli', 'anthropic', 'USER', 'filter_eli')

    await openPage()
    await signIn(OWNER.email, OWNER.password)
    await page.waitForURL(/\/app$/)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click()
    const names = () => page.locator('tbody .cell-title').allTextContents()
    const sorted = async () => (await names()).sort()
    // Typed key by key, edited in the middle: the box keeps every key and the caret stays put.
    const searchBox = page.getByLabel('Search')
    await searchBox.click()
    await page.keyboard.type('Fter')
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft')
    await page.keyboard.type('il')
    expect(await searchBox.inputValue()).toBe('Filter')
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('Filter')
    await expect
      .poll(sorted)
      .toEqual([
        'Filter Anthropic Dana',
        'Filter Anthropic Eli',
        'Filter OpenAI Dana',
        'Filter OpenAI Org',
        'Filter OpenAI Shared',
      ])

    await page.getByLabel('Integration').selectOption('openai')
    await expect.poll(sorted).toEqual(['Filter OpenAI Dana', 'Filter OpenAI Org', 'Filter OpenAI Shared'])
    await page.getByLabel('Scope').selectOption('USER')
    await expect.poll(names).toEqual(['Filter OpenAI Dana'])
    await page.getByLabel('Scope').selectOption('ORGANIZATION')
    await expect.poll(names).toEqual(['Filter OpenAI Org'])
    // The filters live in the URL: a reload (or a shared link) shows the same list.
    expect(new URL(page.url()).searchParams.get('integration')).toBe('openai')
    await page.reload()
    await expect.poll(names).toEqual(['Filter OpenAI Org'])
    expect(await page.getByLabel('Scope').inputValue()).toBe('ORGANIZATION')
    expect(await page.getByLabel('Search').inputValue()).toBe('Filter')

    await page.getByLabel('Scope').selectOption('')
    await page.getByLabel('Integration').selectOption('')
    await page.getByLabel('End user').fill('filter_dana')
    await expect.poll(sorted).toEqual(['Filter Anthropic Dana', 'Filter OpenAI Dana'])

    // Nothing matches: the empty state names the filters and clears one at a time.
    await page.getByLabel('Integration').selectOption('anthropic')
    await page.getByLabel('End user').fill('filter_nobody')
    const empty = page.getByText('No connections match these filters')
    await empty.waitFor()
    const emptyState = page.locator('.state-empty')
    expect(await emptyState.textContent()).toContain(
      'No connection in Default matches search “Filter”, integration Anthropic and end user “filter_nobody”.',
    )
    await screenshot(page, 'connections-filters-empty')
    await emptyState.getByRole('button', { name: 'Clear end user' }).click()
    await expect.poll(sorted).toEqual(['Filter Anthropic Dana', 'Filter Anthropic Eli'])
    expect(await page.getByLabel('End user').inputValue()).toBe('')
    await page.getByRole('button', { name: 'Clear filters' }).click()
    expect(new URL(page.url()).search).toBe('')
    await page.getByRole('row', { name: /Project Alpha OpenAI Key/ }).waitFor()
    expect(errors.take()).toEqual([])

    // The end users page links to each end user's connections.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'End users' }).click()
    await page.getByRole('link', { name: 'Connections of filter_eli' }).click()
    await page.waitForURL('**/app/connections?endUser=filter_eli')
    await expect.poll(names).toEqual(['Filter Anthropic Eli'])
    expect(await page.getByLabel('End user').inputValue()).toBe('filter_eli')
    // The row names its end user by the customer's id for them.
    const eli = page.getByRole('row', { name: /Filter Anthropic Eli/ })
    expect(await eli.locator('th .cell-sub').allTextContents()).toEqual([
      'filter_anthropic_eli',
      'End user filter_eli',
    ])
    await screenshot(page, 'connections-filtered')
    expect(errors.take()).toEqual([])
  })

  it("shows an integration and manages the organization's OAuth app for it", async () => {
    await openPage()
    await signIn(OWNER.email, OWNER.password)
    await page.waitForURL(/\/app$/)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click()
    await page.getByLabel('Search').fill('github')
    await page.getByRole('link', { name: 'GitHub', exact: true }).click()
    await page.waitForURL('**/app/integrations/github')
    await page.getByRole('heading', { level: 1, name: 'GitHub' }).waitFor()
    const auth = page.getByRole('region', { name: 'Authentication' })
    expect(await auth.textContent()).toContain('OAuth 2.0')
    expect(await auth.textContent()).toContain('Token URL')
    const app = page.getByRole('region', { name: 'Your OAuth app' })
    await app.getByLabel('Client ID').fill('Iv1.acme-client')
    await app.getByLabel('Client secret').fill('acme-client-secret')
    await app.getByRole('button', { name: 'Save OAuth app' }).click()
    expect(await app.getByTestId('oauth-app-client-id').textContent()).toBe('Iv1.acme-client')
    await screenshot(page, 'integration-detail')
    await app.getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove app' }).click()
    await app.getByLabel('Client ID').waitFor()
    expect(await page.content()).not.toContain('acme-client-secret')
    expect(errors.take()).toEqual([])
  })

  it('hides API keys from members and explains why', async () => {
    await openPage()
    await signIn(MEMBER.email, MEMBER.password)
    await page.waitForURL(/\/app$/)
    const userPanel = page.getByRole('region', { name: 'Signed in user' })
    await userPanel.getByText(MEMBER.email).waitFor()
    expect(await userPanel.textContent()).toContain('Member')
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Settings' }).waitFor()
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0)

    await page.goto('/app/api-keys')
    await page.getByText('Only owners and admins can manage API keys').waitFor()
    expect(await page.getByRole('button', { name: 'Create API key' }).count()).toBe(0)
    await screenshot(page, 'api-keys-member')

    await page.goto('/app/settings')
    await page.getByText('Only owners and admins can change them').waitFor()
    expect(await page.getByRole('button', { name: 'Save name' }).count()).toBe(0)
    expect(errors.take()).toEqual([])
  })

  it('fits a 360 px wide screen', async () => {
    await openPage({ width: 360, height: 740 })
    await page.goto('/app/login')
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await screenshot(page, 'mobile-login')
    await signIn(OWNER.email, OWNER.password)
    await page.waitForURL(/\/app$/)
    const menu = page.getByRole('button', { name: 'Menu' })
    await menu.click()
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    await screenshot(page, 'mobile-menu')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click()
    await page.getByRole('cell', { name: 'Bootstrap key' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await screenshot(page, 'mobile-api-keys')
    expect(errors.take()).toEqual([])
  })
})
