import { describe, expect, it } from 'vitest'
import {
  addPlatformOAuthApp,
  createConnection,
  createConnectToken,
  createCustomIntegration,
  createOAuthApp,
  type Principal,
  selectOAuthApp,
} from '../../../packages/core/src/index.ts'
import { withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import { addTestUser, bootstrapTestOrganization } from './server.ts'
import { browserSuite, OWNER } from './suite.ts'

const MEMBER = { email: 'member@acme.test', password: 'member password 123' }
const FREE_OWNER = { email: 'owner@tiny.test', password: 'tiny owner password 1' }

/** Custom integrations (create with live validation, edit, delete) and the OAuth-app plan gate. */
describe('integrations', () => {
  const t = browserSuite({
    viewport: { width: 1280, height: 900 },
    setup: async ({ server, org }) => {
      await addTestUser(server, { organizationId: org.organizationId, ...MEMBER, role: 'member' })
    },
  })

  /**
   * The message shown under a field, found through the field's aria-describedby. Read in one
   * step in the page: read in two, the field's help text could be swapped for the server's
   * error in between, and the locator for the help text would then wait its full 30 s.
   */
  async function messageOf(label: string): Promise<string | null> {
    return t.page.getByLabel(label, { exact: true }).evaluate((input) => {
      const ids = input.getAttribute('aria-describedby')?.split(/\s+/).filter(Boolean) ?? []
      if (ids.length === 0) return null
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
    })
  }

  it('creates an OAuth2 custom integration with live validation, then edits and deletes it', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click()
    await t.page.getByRole('link', { name: 'New custom integration' }).click()
    await t.page.getByRole('heading', { level: 1, name: 'New custom integration' }).waitFor()

    // The name follows the display name until someone types one.
    await t.page.getByLabel('Display name').fill('Acme CRM')
    const name = t.page.getByLabel('Name in the API')
    expect(await name.inputValue()).toBe('acme-crm')

    // Problems show while typing, from the catalog's own schema.
    await name.fill('Acme CRM')
    await expect
      .poll(() => messageOf('Name in the API'))
      .toBe('Lowercase letters, digits and dashes (e.g. "acme-crm")')
    expect(await name.getAttribute('aria-invalid')).toBe('true')
    await screenshot(t.page, 'custom-integration-invalid-name')
    await name.fill('github')
    await expect.poll(() => messageOf('Name in the API')).toBe('This name is taken; pick another one.')
    await name.fill('acme-crm')
    expect(await name.getAttribute('aria-invalid')).toBeNull()

    const authorizeUrl = t.page.getByLabel('Authorization URL')
    await authorizeUrl.fill('auth.acme-crm.example/authorize')
    await expect
      .poll(() => messageOf('Authorization URL'))
      .toBe('Enter a full URL starting with https://, such as https://api.example.com.')
    await authorizeUrl.fill('https://auth.acme-crm.example/authorize')
    await expect.poll(() => authorizeUrl.getAttribute('aria-invalid')).toBeNull()

    // Submitting with fields left empty marks them and moves focus to the first.
    await t.page.getByRole('button', { name: 'Create integration' }).click()
    await t.page.getByRole('alert').filter({ hasText: 'need attention' }).waitFor()
    expect(await messageOf('Token URL')).toBe(
      'Enter a full URL starting with https://, such as https://api.example.com.',
    )
    expect(await t.page.evaluate(() => document.activeElement?.id)).toBe('integration-oauth2-tokenUrl')

    // A field left over from another auth type does not hold up an OAuth 2.0 integration
    // (which sends no fields).
    await t.page.getByRole('radio', { name: /API key/ }).check()
    await t.page.getByRole('button', { name: 'Add field' }).click()
    await t.page.getByLabel('Field 1 pattern').fill('sk-(')
    await t.page.getByRole('radio', { name: /OAuth 2\.0/ }).check()

    await t.page.getByLabel('Token URL').fill('https://auth.acme-crm.example/token')
    await t.page.getByLabel('Default scopes').fill('contacts.read, deals.read')
    await t.page.getByLabel('Extra authorize parameters').fill('prompt=consent')
    await t.page.getByLabel('API base URL').fill('https://api.acme-crm.example/v2')
    expect(await t.page.getByLabel('Value', { exact: true }).inputValue()).toBe('Bearer {accessToken}')
    await t.page.getByLabel('crm', { exact: true }).check()
    await screenshot(t.page, 'custom-integration-form')
    await t.page.getByRole('button', { name: 'Create integration' }).click()

    await t.page.waitForURL('**/app/integrations/acme-crm')
    await t.page.getByRole('status').filter({ hasText: 'Acme CRM was created.' }).waitFor()
    await t.page.getByRole('heading', { level: 1, name: 'Acme CRM' }).waitFor()
    // Said once: a reload does not announce it again.
    await t.page.reload()
    await t.page.getByRole('heading', { level: 1, name: 'Acme CRM' }).waitFor()
    expect(await t.page.getByRole('status').filter({ hasText: 'was created' }).count()).toBe(0)
    const auth = t.page.getByRole('region', { name: 'Authentication' })
    expect(await auth.textContent()).toContain('Custom integration of your organization')
    expect(await auth.textContent()).toContain('https://auth.acme-crm.example/token')
    expect(await auth.textContent()).toContain('deals.read')
    expect(t.errors.take()).toEqual([])

    // It is in the catalog, marked as custom.
    await t.page.getByRole('link', { name: '← All integrations' }).click()
    await t.page.getByLabel('Search').fill('acme')
    const card = t.page.getByRole('listitem').filter({ hasText: 'Acme CRM' })
    await card.waitFor()
    expect(await card.textContent()).toContain('Custom')
    expect(await card.textContent()).toContain('OAuth 2.0')

    // Edit: the server's own checks come back as messages on the field.
    await card.getByRole('link', { name: 'Acme CRM' }).click()
    await t.page.getByRole('link', { name: 'Edit' }).click()
    await t.page.getByRole('heading', { level: 1, name: 'Edit Acme CRM' }).waitFor()
    expect(await t.page.getByLabel('Name in the API').getAttribute('readonly')).not.toBeNull()
    expect(await t.page.getByLabel('Default scopes').inputValue()).toBe('contacts.read deals.read')
    await t.page.getByLabel('Display name').fill('Acme CRM (EU)')
    await t.page.getByLabel('API base URL').fill('http://localhost:8080/v2')
    await t.page.getByRole('button', { name: 'Save changes' }).click()
    await expect
      .poll(() => messageOf('API base URL'))
      .toBe('This URL must use https (http only for hosts in SWITCHBOARD_EGRESS_ALLOW).')
    await t.page
      .getByRole('alert')
      .filter({ hasText: 'the server did not accept the marked fields' })
      .waitFor()
    await expect.poll(() => t.page.evaluate(() => document.activeElement?.id)).toBe('integration-api-baseUrl')
    await screenshot(t.page, 'custom-integration-server-error')
    await t.page.getByLabel('API base URL').fill('https://eu.api.acme-crm.example/v2')
    await t.page.getByRole('button', { name: 'Save changes' }).click()
    await t.page.waitForURL('**/app/integrations/acme-crm')
    await t.page.getByRole('status').filter({ hasText: 'Your changes were saved.' }).waitFor()
    await t.page.getByRole('heading', { level: 1, name: 'Acme CRM (EU)' }).waitFor()
    expect(await auth.textContent()).toContain('https://eu.api.acme-crm.example/v2')
    // The browser logs the refused save's 400 itself; nothing else may be logged.
    expect(withoutExpectedStatus(t.errors.take(), [400])).toEqual([])

    // Delete, after a confirmation.
    await t.page.getByRole('button', { name: 'Delete', exact: true }).click()
    const confirm = t.page.getByRole('dialog')
    expect(await confirm.textContent()).toContain('cannot be undone')
    await confirm.getByRole('button', { name: 'Delete integration' }).click()
    await t.page.waitForURL(/\/app\/integrations$/)
    await t.page.getByLabel('Search').fill('acme')
    await t.page.getByText('No integrations match').waitFor()
    const rows = await t.server.core.db.selectFrom('customIntegrations').select('name').execute()
    expect(rows.map((r) => r.name)).not.toContain('acme-crm')
    expect(t.errors.take()).toEqual([])
  })

  it('creates a custom-fields integration whose connect page asks for those fields', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.goto('/app/integrations/new')
    await t.page.getByLabel('Display name').fill('Acme Ledger')
    await t.page.getByLabel('Custom fields').check()
    await t.page.getByLabel('API base URL').fill('https://api.ledger.example')
    await t.page.getByRole('button', { name: 'Create integration' }).click()
    // Custom-fields integrations need at least one field, and a header to put it in.
    await t.page.getByText('Add at least one field people fill in.').waitFor()
    expect(await messageOf('Header name')).toBe('Required.')

    await t.page.getByRole('button', { name: 'Add field' }).click()
    await t.page.getByLabel('Field 1 key').fill('account id')
    await expect
      .poll(() => messageOf('Field 1 key'))
      .toBe('Start with a letter; then letters, digits or underscores only (e.g. apiKey).')
    await t.page.getByLabel('Field 1 key').fill('accountId')
    await t.page.getByLabel('Field 1 label').fill('Account ID')
    await t.page.getByRole('button', { name: 'Add field' }).click()
    await t.page.getByLabel('Field 2 key').fill('token')
    await t.page.getByLabel('Field 2 label').fill('Ledger token')
    await t.page.getByLabel('Field 2 pattern').fill('^lt_')
    await t.page.getByLabel('Secret (hidden while typed)').nth(1).check()
    // The form fits a phone screen too.
    await t.page.setViewportSize({ width: 390, height: 844 })
    expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(t.page, 'mobile-custom-integration-form')
    await t.page.setViewportSize({ width: 1280, height: 900 })
    await t.page.getByLabel('Header name').fill('X-Ledger-Token')
    await t.page.getByLabel('Value', { exact: true }).fill('{accountId}:{token}')
    await t.page.getByRole('button', { name: 'Create integration' }).click()
    await t.page.waitForURL('**/app/integrations/acme-ledger')
    await t.page.getByRole('heading', { level: 1, name: 'Acme Ledger' }).waitFor()
    expect(await t.page.getByRole('region', { name: 'Authentication' }).textContent()).toContain(
      'Custom fields',
    )
    expect(t.errors.take()).toEqual([])

    // What the form saved works: the hosted connect page asks for exactly these fields.
    const { token } = await createConnectToken(t.server.core, t.principal, {
      integrationName: 'acme-ledger',
      connectionName: 'Ledger',
      externalId: 'ledger_1',
      workspaceId: t.org.workspaceId,
    })
    await t.page.goto(`/connect?token=${encodeURIComponent(token)}`)
    await t.page.getByRole('heading', { name: 'Connect Acme Ledger' }).waitFor()
    expect(await t.page.getByLabel('Account ID', { exact: true }).getAttribute('type')).toBe('text')
    expect(await t.page.getByLabel('Ledger token', { exact: true }).getAttribute('type')).toBe('password')
    expect(t.errors.take()).toEqual([])
  })

  it('refuses to delete a custom integration that connections use, and links to them', async () => {
    await createCustomIntegration(t.server.core, t.principal, {
      name: 'acme-in-use',
      displayName: 'Acme In Use',
      authType: 'SECRET_TEXT',
      api: {
        baseUrl: 'https://api.in-use.example',
        auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' },
      },
    })
    await createConnection(t.server.core, t.principal, {
      type: 'SECRET_TEXT',
      integrationName: 'acme-in-use',
      workspaceId: t.org.workspaceId,
      externalId: 'in_use_1',
      displayName: 'Still In Use',
      secretText: 'key-123',
    })
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.goto('/app/integrations/acme-in-use')
    await t.page.getByRole('button', { name: 'Delete', exact: true }).click()
    const confirm = t.page.getByRole('dialog')
    await confirm.getByRole('button', { name: 'Delete integration' }).click()
    await confirm
      .getByRole('alert')
      .filter({
        hasText: 'The integration was not deleted. Delete the connections of this integration first',
      })
      .waitFor()
    await confirm.getByRole('link', { name: 'See the connections that use Acme In Use' }).click()
    await t.page.waitForURL('**/app/connections?integration=acme-in-use')
    await expect.poll(() => t.page.locator('tbody .cell-title').allTextContents()).toEqual(['Still In Use'])
    expect(await t.page.getByLabel('Integration').inputValue()).toBe('acme-in-use')
    expect(withoutExpectedStatus(t.errors.take(), [409])).toEqual([])
  })

  it('keeps custom integrations to owners and admins', async () => {
    await t.openPage()
    await t.signIn(MEMBER)
    await t.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click()
    await t.page.getByRole('listitem').filter({ hasText: 'GitHub' }).first().waitFor()
    expect(await t.page.getByRole('link', { name: 'New custom integration' }).count()).toBe(0)
    await t.page.goto('/app/integrations/new')
    await t.page.getByText('You cannot manage custom integrations').waitFor()
    expect(await t.page.getByRole('button', { name: 'Create integration' }).count()).toBe(0)

    // A custom integration's page shows it, without Edit or Delete; its edit page says why not.
    await createCustomIntegration(t.server.core, t.principal, {
      name: 'acme-members-see',
      displayName: 'Acme Members See',
      authType: 'SECRET_TEXT',
      api: {
        baseUrl: 'https://api.members.example',
        auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' },
      },
    })
    await t.page.goto('/app/integrations/acme-members-see')
    await t.page.getByRole('heading', { level: 1, name: 'Acme Members See' }).waitFor()
    expect(await t.page.getByRole('link', { name: 'Edit' }).count()).toBe(0)
    expect(await t.page.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0)
    await t.page.goto('/app/integrations/acme-members-see/edit')
    await t.page.getByText('You cannot manage custom integrations').waitFor()
    expect(await t.page.getByRole('button', { name: 'Save changes' }).count()).toBe(0)
    expect(t.errors.take()).toEqual([])
  })

  it('says on each catalog card whether it is ready, from the server, and links to the setup', async () => {
    await addPlatformOAuthApp(t.server.core, {
      integrationName: 'dropbox',
      clientId: 'platform-dropbox',
      clientSecret: 'platform-secret',
    })
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.goto('/app/integrations')
    const card = (name: string) =>
      t.page.getByRole('listitem').filter({ has: t.page.getByRole('link', { name, exact: true }) })
    const readiness = (name: string) => card(name).getByTestId('readiness')
    // API key, basic and custom-field integrations are always ready; OAuth ones need an app.
    await readiness('OpenAI').waitFor()
    expect(await readiness('OpenAI').textContent()).toBe('Ready')
    expect(await readiness('Dropbox').textContent()).toBe('Ready with Switchboard’s shared app')
    expect(await readiness('Notion').textContent()).toContain('Needs an OAuth app')
    await screenshot(t.page, 'integrations-readiness')

    // The card links to the place where the app is added; adding it makes Notion ready.
    await readiness('Notion').getByRole('link', { name: 'Add your OAuth app' }).click()
    await t.page.waitForURL('**/app/integrations/notion#oauth-app')
    const section = t.page.getByRole('region', { name: 'Your OAuth app' })
    await section.getByLabel('Client ID').fill('acme-notion')
    await section.getByLabel('Client secret').fill('acme-notion-secret')
    await section.getByRole('button', { name: 'Save OAuth app' }).click()
    await section.getByTestId('oauth-app-client-id').waitFor()
    await t.page.getByRole('link', { name: '← All integrations' }).click()
    await expect.poll(() => readiness('Notion').textContent()).toBe('Ready with your OAuth app')
    // The same rule as the connect flow: a connect token for Notion now gets an app.
    expect((await selectOAuthApp(t.server.core, t.org.organizationId, 'notion')).clientId).toBe('acme-notion')
    expect(t.errors.take()).toEqual([])
  })

  it('says which field is wrong and what to do, not zod’s words', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.goto('/app/integrations/asana')
    const section = t.page.getByRole('region', { name: 'Your OAuth app' })
    // Spaces only: the client ID is trimmed to nothing on the server.
    await section.getByLabel('Client ID').fill('   ')
    await section.getByRole('button', { name: 'Save OAuth app' }).click()
    await expect.poll(() => messageOf('Client ID')).toBe('Enter a client ID.')
    expect(await messageOf('Client secret')).toBe('Enter a client secret.')
    expect(await section.textContent()).not.toMatch(/Too small|expected string|>=/)
    await screenshot(t.page, 'oauth-app-field-errors')
    expect(withoutExpectedStatus(t.errors.take(), [400])).toEqual([])
  })

  it('tells a Free-plan organization why its OAuth app is not used and what to do', async () => {
    const free = await bootstrapTestOrganization(t.server, {
      organizationName: 'Tiny Co',
      plan: 'FREE',
      ...FREE_OWNER,
    })
    const freePrincipal: Principal = { kind: 'apiKey', organizationId: free.organizationId, apiKeyId: 'e2e' }
    // GitLab has a shared (platform) app; GitHub has none; Bitbucket has the organization's own
    // app from when it was on the Team plan.
    await addPlatformOAuthApp(t.server.core, {
      integrationName: 'gitlab',
      clientId: 'platform-gitlab',
      clientSecret: 'platform-secret',
    })
    const setPlan = (plan: 'FREE' | 'TEAM') =>
      t.server.core.db
        .updateTable('organizations')
        .set({ plan })
        .where('id', '=', free.organizationId)
        .execute()
    await setPlan('TEAM')
    await createOAuthApp(t.server.core, freePrincipal, {
      integrationName: 'bitbucket',
      clientId: 'tiny-bitbucket',
      clientSecret: 'tiny-secret',
    })
    await setPlan('FREE')

    // What the page says follows the rules connections are held to.
    const codeOf = (integration: string) =>
      selectOAuthApp(t.server.core, free.organizationId, integration).then(
        (app) => (app.organizationId === null ? 'PLATFORM' : 'TENANT'),
        (e: { code?: string }) => e.code,
      )
    expect(await codeOf('github')).toBe('NO_OAUTH_APP')
    expect(await codeOf('gitlab')).toBe('PLATFORM')
    expect(await codeOf('bitbucket')).toBe('CUSTOM_OAUTH_APP_PLAN_REQUIRED')

    await t.openPage()
    await t.signIn(FREE_OWNER)
    const notice = t.page.getByTestId('oauth-app-plan-notice')
    const section = t.page.getByRole('region', { name: 'Your OAuth app' })

    await t.page.goto('/app/integrations/github')
    await notice.waitFor()
    expect(await notice.textContent()).toContain(
      'Connections to GitHub cannot start: Switchboard has no shared OAuth app for GitHub, and your own app needs the Team plan or above',
    )
    expect(await notice.textContent()).toContain(
      'ask whoever runs your Switchboard to move your organization to the Team plan or above',
    )
    // No form that could only fail.
    expect(await section.getByLabel('Client ID').count()).toBe(0)
    await screenshot(t.page, 'integration-free-plan')

    await t.page.goto('/app/integrations/gitlab')
    await t.page.getByRole('heading', { level: 1, name: 'GitLab' }).waitFor()
    await expect
      .poll(() => notice.textContent())
      .toContain('so connections to GitLab use Switchboard’s shared OAuth app')

    await t.page.goto('/app/integrations/bitbucket')
    await t.page.getByRole('heading', { level: 1, name: 'Bitbucket' }).waitFor()
    await expect
      .poll(() => notice.textContent())
      .toContain('New connections to Bitbucket fail: your own OAuth app below needs the Team plan or above')
    expect(await section.getByTestId('oauth-app-client-id').textContent()).toBe('tiny-bitbucket')

    await notice.getByRole('link', { name: 'See your plan in Settings.' }).click()
    expect(await t.page.getByTestId('org-plan').textContent()).toBe('Free')
    expect(t.errors.take()).toEqual([])
  })
})
