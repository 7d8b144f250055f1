import { describe, expect, it } from 'vitest'
import { createConnection, listWorkspaces } from '../../../packages/core/src/index.ts'
import { withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import { browserSuite, OWNER } from './suite.ts'

/**
 * The Events page (the audit log) against the real server in Chromium: admin actions done in
 * the dashboard appear with their actor, the filters (type, connection, end user) narrow the
 * list, "Load more" pages on, and a row opens to its data.
 */
describe('events page', () => {
  const t = browserSuite()

  it('shows admin actions with their actor, filters them, pages with load more and expands a row', async () => {
    await t.openPage()
    await t.signIn(OWNER)

    // A connection of an end user, and 60 API keys so the list needs a second page.
    const [workspace] = await listWorkspaces(t.server.core, t.principal)
    const { connection } = await createConnection(t.server.core, t.principal, {
      type: 'SECRET_TEXT',
      integrationName: 'openai',
      workspaceId: workspace?.id as string,
      externalId: 'audit-openai',
      endUserId: 'audited-user',
      secretText: 'sk-audit',
    })
    for (let i = 0; i < 60; i++) {
      const res = await fetch(`${t.server.url}/api/v1/api-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.org.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bulk ${i}` }),
      })
      expect(res.status).toBe(201)
    }

    // Then an admin action in the dashboard (the newest event): an API key created.
    await t.page.goto('/app/api-keys')
    await t.page.getByRole('button', { name: 'Create API key' }).first().click()
    const dialog = t.page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Audit me')
    await dialog.getByRole('button', { name: 'Create key' }).click()
    await dialog.getByTestId('new-api-key').waitFor()
    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await t.page.getByRole('navigation').getByRole('link', { name: 'Events' }).click()
    await t.page.getByRole('heading', { name: 'Events', level: 1 }).waitFor()
    const rows = t.page.locator('.events-table tbody tr[data-event-id]')
    await expect.poll(() => rows.count()).toBe(50)
    await t.page.getByRole('button', { name: 'Load more' }).click()
    await expect.poll(() => rows.count()).toBeGreaterThan(60)
    await screenshot(t.page, 'events')

    // Type filter: the dashboard's api_key.created, by the signed-in user.
    await t.page.getByLabel('Type').fill('api_key.created')
    await expect
      .poll(async () => (await rows.allTextContents()).every((r) => r.includes('api_key.created')))
      .toBe(true)
    const mine = t.page.locator('.events-table tbody tr[data-event-id]', { hasText: /User / })
    await expect.poll(() => mine.count()).toBe(1)
    await mine.getByRole('button', { name: 'api_key.created' }).click()
    await expect.poll(() => t.page.getByTestId('event-data').textContent()).toContain('"name": "Audit me"')

    // Sign-ins are there too.
    await t.page.getByLabel('Type').fill('user.login')
    await expect.poll(() => rows.first().textContent()).toContain('user.login')

    // Connection and end-user filters.
    await t.page.getByLabel('Type').fill('')
    await t.page.getByLabel('Connection id').fill(connection.id)
    await expect.poll(() => rows.first().textContent()).toContain('connection.created')
    await expect.poll(() => rows.count()).toBe(1)
    await t.page.getByLabel('Connection id').fill('')
    await t.page.getByLabel('End user (id or external id)').fill('audited-user')
    await expect.poll(() => rows.first().textContent()).toContain(`connection ${connection.id}`)
    await expect.poll(() => rows.count()).toBe(1)

    // A filter that matches nothing says so; a bad type is an error state, not a blank page.
    await t.page.getByLabel('End user (id or external id)').fill('nobody-at-all')
    await t.page.getByText('No events match these filters').waitFor()
    await t.page.getByLabel('End user (id or external id)').fill('')
    await t.page.getByLabel('Type').fill('not.a.type')
    await t.page.getByText('Events could not be loaded').waitFor()
    expect(withoutExpectedStatus(t.errors.take(), [400])).toEqual([])
  })
})
