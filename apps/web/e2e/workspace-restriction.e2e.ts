import { describe, expect, it } from 'vitest'
import {
  createConnection,
  createEndUser,
  createWorkspace,
  updateMember,
} from '../../../packages/core/src/index.ts'
import { withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import { addTestUser } from './server.ts'
import { browserSuite } from './suite.ts'

// Issue 24: an admin whose membership is narrowed to workspace A signs in to the real server in
// Chromium and never sees workspace B: the switcher lists A only, the Connections and End users
// pages show A's rows, and B's connection asked for directly from that browser session is a 404.

const ADMIN = { email: 'narrow-admin@acme.test', password: 'narrow admin password' }

describe('an admin narrowed to one workspace', () => {
  let connectionB = ''
  const t = browserSuite({
    setup: async ({ server, org, principal }) => {
      const admin = await addTestUser(server, { organizationId: org.organizationId, ...ADMIN, role: 'admin' })
      const b = await createWorkspace(server.core, principal, { name: 'Beta workspace' })
      for (const [workspaceId, tag] of [
        [org.workspaceId, 'alpha'],
        [b.id, 'beta'],
      ] as const) {
        await createEndUser(server.core, principal, {
          workspaceId,
          externalId: `user_${tag}`,
          displayName: `End user ${tag}`,
        })
        const { connection } = await createConnection(server.core, principal, {
          type: 'SECRET_TEXT',
          integrationName: 'openai',
          workspaceId,
          externalId: `conn_${tag}`,
          displayName: `Connection ${tag}`,
          secretText: `sk-test-${tag}-0123456789`,
        })
        if (tag === 'beta') connectionB = connection.id
      }
      await updateMember(server.core, principal, { userId: admin.id, workspaceIds: [org.workspaceId] })
    },
  })

  it('sees only workspace A in the switcher, the lists, and gets 404 for B directly', async () => {
    await t.openPage()
    await t.signIn(ADMIN)
    const switcher = t.page.getByLabel('Workspace', { exact: true })
    await expect.poll(() => switcher.inputValue()).toBe(t.org.workspaceId)
    const options = await switcher.locator('option').allTextContents()
    expect(options).toHaveLength(1)
    expect(options.join()).not.toContain('Beta')

    await t.page.goto('/app/connections')
    await t.page.getByRole('row', { name: /Connection alpha/ }).waitFor()
    expect(await t.page.textContent('main')).not.toContain('Connection beta')
    // An admin's me.scopes hold connections:write: the control a viewer lacks is here.
    await t.page.getByRole('button', { name: 'New connection' }).waitFor()
    await screenshot(t.page, 'narrowed-admin-connections')

    await t.page.goto('/app/end-users')
    await t.page.getByRole('row', { name: /user_alpha/ }).waitFor()
    expect(await t.page.textContent('main')).not.toContain('user_beta')

    // The page hides B; the server refuses it to this very session, by tRPC and by REST.
    const direct = await t.page.evaluate(async (id) => {
      const input = encodeURIComponent(JSON.stringify({ id }))
      const trpc = await fetch(`/trpc/connections.get?input=${input}`, { credentials: 'include' })
      const rest = await fetch(`/api/v1/connections/${id}`, { credentials: 'include' })
      return {
        trpc: trpc.status,
        trpcBody: await trpc.text(),
        rest: rest.status,
        restBody: await rest.text(),
      }
    }, connectionB)
    expect(direct.trpc).toBe(404)
    expect(direct.trpcBody).not.toContain('Connection beta')
    expect(direct.rest).toBe(404)
    expect(direct.restBody).not.toContain('Connection beta')
    expect(withoutExpectedStatus(t.errors.take(), [404])).toEqual([])
  })
})
