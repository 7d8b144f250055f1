import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  createCustomIntegration,
  createInvite,
  createOAuthClient,
  createWebhook,
  createWorkspace,
  updateMember,
} from '../../../packages/core/src/index.ts'
import { withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import { addTestUser } from './server.ts'
import { browserSuite } from './suite.ts'

// Issue 24: every mutating control is absent for a principal whose scopes do not allow it, and
// the server refuses the call when it is made anyway. A viewer and a member see the API keys,
// webhooks, OAuth clients, settings and integrations they may read (`*:read`), without one button
// that needs a `*:write` they lack; an admin narrowed to workspace A cannot create workspaces, nor
// change, remove or revoke a member or invite that sees more than A (403 WIDER_THAN_YOURS).

const VIEWER = { email: 'vera-viewer@acme.test', password: 'viewer password 123' }
const MEMBER = { email: 'max-member@acme.test', password: 'member password 123' }
const NARROW = { email: 'nina-narrow@acme.test', password: 'narrow admin password' }
const ADMIN = { email: 'adam-admin@acme.test', password: 'plain admin password' }
const WIDE_MEMBER = 'wide-member@acme.test'
const INSIDE_MEMBER = 'inside-member@acme.test'
const WEBHOOK_URL = 'http://127.0.0.1:9/scoped-hook'

/** A tRPC mutation from the page, with this browser session's cookie. */
async function mutate(page: Page, path: string, input: unknown) {
  return page.evaluate(
    async ({ path, input }) => {
      const res = await fetch(`/trpc/${path}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      })
      return { status: res.status, body: await res.text() }
    },
    { path, input },
  )
}

describe('dashboard controls follow the scopes', () => {
  const ids = {
    webhook: '',
    client: '',
    wideMember: '',
    insideMember: '',
    wideInvite: '',
    workspaceB: '',
    owner: '',
  }
  const t = browserSuite({
    server: { egressAllow: '127.0.0.1' },
    setup: async ({ server, org, principal }) => {
      const base = { organizationId: org.organizationId }
      await addTestUser(server, { ...base, ...VIEWER, role: 'viewer' })
      await addTestUser(server, { ...base, ...MEMBER, role: 'member' })
      const narrow = await addTestUser(server, { ...base, ...NARROW, role: 'admin' })
      await addTestUser(server, { ...base, ...ADMIN, role: 'admin' })
      ids.owner = org.userId
      const wide = await addTestUser(server, {
        ...base,
        email: WIDE_MEMBER,
        password: 'wide member password',
        role: 'member',
      })
      const inside = await addTestUser(server, {
        ...base,
        email: INSIDE_MEMBER,
        password: 'inside member password',
        role: 'member',
      })
      ids.wideMember = wide.id
      ids.insideMember = inside.id
      ids.workspaceB = (await createWorkspace(server.core, principal, { name: 'Beta workspace' })).id
      await updateMember(server.core, principal, { userId: narrow.id, workspaceIds: [org.workspaceId] })
      await updateMember(server.core, principal, { userId: inside.id, workspaceIds: [org.workspaceId] })
      ids.webhook = (await createWebhook(server.core, principal, { url: WEBHOOK_URL })).webhook.id
      ids.client = (
        await createOAuthClient(server.core, principal, {
          name: 'Partner CRM',
          redirectUris: ['https://crm.partner.test/callback'],
          scopes: ['connections:read'],
        })
      ).id
      await createCustomIntegration(server.core, principal, {
        name: 'acme-scoped',
        displayName: 'Acme Scoped',
        authType: 'SECRET_TEXT',
        api: {
          baseUrl: 'https://api.scoped.example',
          auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' },
        },
      })
      ids.wideInvite = (
        await createInvite(server.core, principal, { email: 'all-ws@acme.test', role: 'member' })
      ).invite.id
      await createInvite(server.core, principal, {
        email: 'only-a@acme.test',
        role: 'viewer',
        workspaceIds: [org.workspaceId],
      })
    },
  })

  const absent = async (name: string | RegExp, role: 'button' | 'link' = 'button') =>
    expect(await t.page.getByRole(role, { name }).count(), String(name)).toBe(0)

  for (const who of [
    { user: VIEWER, label: 'a viewer' },
    { user: MEMBER, label: 'a member' },
  ]) {
    it(`${who.label} reads keys, webhooks, OAuth clients, settings and integrations without one write control, and the server refuses the writes`, async () => {
      await t.openPage()
      await t.signIn(who.user)
      const nav = t.page.getByRole('navigation', { name: 'Main' })
      // Each entry is there when the role holds its page's read scope: api-keys:read, webhooks:read …
      for (const page of ['API keys', 'Webhooks', 'OAuth clients', 'Settings', 'Integrations', 'Members']) {
        await nav.getByRole('link', { name: page }).waitFor()
      }
      // … and not without it: neither role reads the event log (events:read).
      expect(await nav.getByRole('link', { name: 'Events' }).count()).toBe(0)

      await nav.getByRole('link', { name: 'API keys' }).click()
      await t.page.getByRole('rowheader', { name: /Bootstrap key/ }).waitFor()
      await absent('Create API key')
      await absent(/^Revoke /)
      if (who.user === VIEWER) await screenshot(t.page, 'viewer-api-keys')

      await nav.getByRole('link', { name: 'Webhooks' }).click()
      await t.page.getByRole('rowheader', { name: WEBHOOK_URL }).waitFor()
      await absent('Add endpoint')
      for (const name of [/^Send a test event/, /^Disable /, /^Rotate the secret/, `Delete ${WEBHOOK_URL}`]) {
        await absent(name)
      }
      await t.page.getByRole('button', { name: `Deliveries to ${WEBHOOK_URL}` }).click()
      // The endpoint's deliveries (the setup's own events) are readable; retry and replay are not there.
      await t.page.getByTestId('webhook-delivery').first().waitFor()
      await absent('Replay')
      await absent('Retry')
      if (who.user === VIEWER) await screenshot(t.page, 'viewer-webhooks')

      await nav.getByRole('link', { name: 'OAuth clients' }).click()
      await t.page.getByText('Partner CRM').waitFor()
      await absent('Register an app')
      await absent('Delete Partner CRM')

      await nav.getByRole('link', { name: 'Settings' }).click()
      await t.page.getByRole('heading', { name: 'Single sign-on (SSO)' }).waitFor()
      await t.page.getByTestId('workspaces-table').waitFor()
      for (const name of ['Save name', 'Create workspace', 'Save SSO settings', /^Rename /, /^Delete /]) {
        await absent(name)
      }
      expect(await t.page.getByLabel('New workspace').count()).toBe(0)

      await nav.getByRole('link', { name: 'Integrations' }).click()
      await t.page.getByRole('link', { name: 'Acme Scoped', exact: true }).waitFor()
      await absent('New custom integration', 'link')
      await t.page.goto('/app/integrations/acme-scoped')
      await t.page.getByRole('heading', { level: 1, name: 'Acme Scoped' }).waitFor()
      await absent('Edit', 'link')
      await absent('Delete')
      await t.page.goto('/app/integrations/github')
      await t.page.getByRole('region', { name: 'Your OAuth app' }).getByText('integrations:write').waitFor()
      await absent('Save OAuth app')
      await t.page.goto('/app/integrations/new')
      await t.page.getByTestId('missing-scope').waitFor()
      await absent('Create integration')

      await t.page.goto('/app/events')
      expect(await t.page.getByTestId('missing-scope').textContent()).toContain('events:read')

      // Hidden is not all: the server refuses each of them to this very session.
      for (const [path, input, scope] of [
        ['apiKeys.create', { name: 'Not allowed' }, 'api-keys:write'],
        ['apiKeys.revoke', { id: 'key_any' }, 'api-keys:write'],
        ['webhooks.create', { url: WEBHOOK_URL }, 'webhooks:write'],
        ['webhooks.delete', { id: ids.webhook }, 'webhooks:write'],
        ['webhooks.test', { id: ids.webhook }, 'webhooks:write'],
        ['oauthClients.delete', { id: ids.client }, 'settings:write'],
        ['organization.update', { name: 'Renamed' }, 'settings:write'],
        ['workspaces.create', { name: 'Not allowed' }, 'workspaces:write'],
        ['integrations.delete', { id: 'acme-scoped' }, 'integrations:write'],
        ['members.remove', { userId: ids.wideMember }, 'members:write'],
      ] as const) {
        const res = await mutate(t.page, path, input)
        expect(res.status, path).toBe(403)
        expect(res.body, path).toContain('INSUFFICIENT_SCOPE')
        expect(res.body, path).toContain(scope)
      }
      expect(withoutExpectedStatus(t.errors.take(), [403])).toEqual([])
    })
  }

  it('an admin narrowed to workspace A cannot create workspaces, nor touch a member or invite that sees more', async () => {
    await t.openPage()
    await t.signIn(NARROW)
    const nav = t.page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Events' }).waitFor()

    await nav.getByRole('link', { name: 'Settings' }).click()
    const table = t.page.getByTestId('workspaces-table')
    await table.getByRole('button', { name: 'Rename Default' }).waitFor()
    expect(await table.textContent()).not.toContain('Beta')
    await absent('Create workspace')
    expect(await t.page.getByLabel('New workspace').count()).toBe(0)
    // The organization's own settings are an admin's (settings:write), narrowed or not.
    await t.page.getByRole('button', { name: 'Save SSO settings' }).waitFor()
    await screenshot(t.page, 'narrowed-admin-settings')

    await nav.getByRole('link', { name: 'Members' }).click()
    const people = t.page.getByRole('region', { name: 'People' })
    const wideRow = people.getByRole('row', { name: WIDE_MEMBER })
    const insideRow = people.getByRole('row', { name: INSIDE_MEMBER })
    await insideRow.getByLabel(`Role of ${INSIDE_MEMBER}`).waitFor()
    await insideRow.getByRole('button', { name: `Remove ${INSIDE_MEMBER}` }).waitFor()
    await insideRow.getByRole('button', { name: `Change the workspaces of ${INSIDE_MEMBER}` }).waitFor()
    // The member who sees every workspace is wider than this admin: no control, and why.
    expect(await wideRow.getByLabel(`Role of ${WIDE_MEMBER}`).count()).toBe(0)
    expect(await wideRow.getByRole('button').count()).toBe(0)
    expect(await wideRow.getByTestId('member-wider').textContent()).toBe('Sees workspaces you do not')
    // So is the owner (every workspace).
    expect(
      await people
        .getByRole('row', { name: /owner@acme\.test/ })
        .getByRole('button')
        .count(),
    ).toBe(0)

    const invites = t.page.getByRole('region', { name: 'Invites' })
    await invites.getByRole('button', { name: 'Revoke the invite for only-a@acme.test' }).waitFor()
    expect(
      await invites.getByRole('button', { name: 'Revoke the invite for all-ws@acme.test' }).count(),
    ).toBe(0)
    // It can only hand on its own workspace: "all" is not offered, A is chosen.
    expect(await invites.getByLabel('All workspaces, also ones made later').count()).toBe(0)
    expect(await invites.getByLabel('Default').isChecked()).toBe(true)
    await screenshot(t.page, 'narrowed-admin-members')

    await nav.getByRole('link', { name: 'API keys' }).click()
    await t.page.getByRole('button', { name: 'Create API key' }).first().click()
    const dialog = t.page.getByRole('dialog')
    await dialog.getByLabel('Name').waitFor()
    expect(await dialog.getByLabel('All workspaces, also ones made later').count()).toBe(0)
    expect(await dialog.getByLabel('Default').isChecked()).toBe(true)
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    // The server refuses the same to this session: hidden controls are refused ones.
    for (const [path, input, status, code] of [
      ['workspaces.create', { name: 'Not mine' }, 403, 'FORBIDDEN'],
      ['members.update', { userId: ids.wideMember, role: 'viewer' }, 403, 'WIDER_THAN_YOURS'],
      ['members.remove', { userId: ids.wideMember }, 403, 'WIDER_THAN_YOURS'],
      ['invites.revoke', { id: ids.wideInvite }, 403, 'WIDER_THAN_YOURS'],
      ['apiKeys.create', { name: 'All workspaces' }, 404, 'NOT_FOUND'],
      ['members.update', { userId: ids.insideMember, workspaceIds: [ids.workspaceB] }, 404, 'NOT_FOUND'],
    ] as const) {
      const res = await mutate(t.page, path, input)
      expect(res.status, path).toBe(status)
      expect(res.body, path).toContain(code)
    }
    expect(withoutExpectedStatus(t.errors.take(), [403, 404])).toEqual([])
  })

  it('an admin is offered no owner control: only an owner makes, unmakes or removes an owner', async () => {
    await t.openPage()
    await t.signIn(ADMIN)
    await t.page.goto('/app/members')
    const people = t.page.getByRole('region', { name: 'People' })
    const ownerRow = people.getByRole('row', { name: /owner@acme\.test/ })
    await people.getByLabel(`Role of ${WIDE_MEMBER}`).waitFor()
    expect(await ownerRow.getByLabel('Role of owner@acme.test').count()).toBe(0)
    expect(await ownerRow.getByRole('button').count()).toBe(0)
    expect(await ownerRow.getByTestId('member-wider').textContent()).toBe('Only an owner changes an owner')
    const options = await people.getByLabel(`Role of ${WIDE_MEMBER}`).locator('option').allTextContents()
    expect(options).toEqual(['Admin', 'Member', 'Viewer'])
    const inviteRoles = await t.page.getByLabel('Role', { exact: true }).locator('option').allTextContents()
    expect(inviteRoles).not.toContain('Owner')

    for (const [path, input] of [
      ['members.update', { userId: ids.owner, role: 'admin' }],
      ['members.remove', { userId: ids.owner }],
      ['members.update', { userId: ids.wideMember, role: 'owner' }],
      ['invites.create', { email: 'new-owner@acme.test', role: 'owner' }],
    ] as const) {
      const res = await mutate(t.page, path, input)
      expect(res.status, path).toBe(403)
      expect(res.body, path).toContain('FORBIDDEN')
    }
    expect(withoutExpectedStatus(t.errors.take(), [403])).toEqual([])
  })
})
