import { describe, expect, it } from 'vitest'
import { acceptInvite, createConnection, createInvite } from '../../../packages/core/src/index.ts'
import { screenshot } from './screenshot.ts'
import { bootstrapTestOrganization } from './server.ts'
import { browserSuite, OWNER } from './suite.ts'

// Issue 24: a user in two organizations switches between them from the user panel; the session
// moves (account.switchOrganization) and the pages refetch: the second organization's name,
// role, workspace and connections show, the first one's are gone.

describe('organization switcher', () => {
  const t = browserSuite({
    setup: async ({ server }) => {
      const globex = await bootstrapTestOrganization(server, {
        organizationName: 'Globex Corp',
        email: 'owner@globex.test',
        password: 'globex owner password',
      })
      const principal = { kind: 'apiKey' as const, organizationId: globex.organizationId, apiKeyId: 'e2e' }
      await createConnection(server.core, principal, {
        type: 'SECRET_TEXT',
        integrationName: 'openai',
        workspaceId: globex.workspaceId,
        externalId: 'conn_globex',
        displayName: 'Globex connection',
        secretText: 'sk-test-globex-0123456789',
      })
      // Acme's owner is invited into Globex as a member and accepts with their password.
      const { url } = await createInvite(server.core, principal, { email: OWNER.email, role: 'member' })
      const token = url.slice(url.lastIndexOf('/') + 1)
      await acceptInvite(server.core, { token, password: OWNER.password }, null)
    },
  })

  it('switches to the second organization and shows its name, role and data', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    const panel = t.page.getByRole('region', { name: 'Signed in user' })
    const orgSelect = panel.getByLabel('Organization')
    // The options come with auth.me's answer: wait for them rather than read them once.
    await expect
      .poll(() => orgSelect.locator('option').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['Acme Inc (Owner)', 'Globex Corp (Member)']))
    expect(await orgSelect.locator('option:checked').textContent()).toBe('Acme Inc (Owner)')
    await t.page.goto('/app/connections')
    await t.page.getByRole('heading', { name: 'Connections' }).waitFor()

    await orgSelect.selectOption({ label: 'Globex Corp (Member)' })
    await t.page.waitForURL(/\/app$/)
    await expect.poll(() => orgSelect.locator('option:checked').textContent()).toBe('Globex Corp (Member)')
    await expect.poll(() => panel.locator('.badge').first().textContent()).toBe('Member')
    await t.page.getByRole('link', { name: 'Connections' }).click()
    await t.page.getByRole('row', { name: /Globex connection/ }).waitFor()
    await screenshot(t.page, 'organization-switched')

    // The session itself moved: a reload stays in Globex.
    await t.page.reload()
    await t.page.getByRole('row', { name: /Globex connection/ }).waitFor()
    expect(await orgSelect.locator('option:checked').textContent()).toBe('Globex Corp (Member)')
    expect(t.errors.take()).toEqual([])
  })
})
