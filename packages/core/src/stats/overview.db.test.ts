import { describe, expect, it } from 'vitest'
import { createTestDeps } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { createConnectToken } from '../connect/connect-sessions.ts'
import { createConnection } from '../connections/connections.ts'
import { createOAuthApp } from '../oauth-apps/oauth-apps.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { getOverview } from './overview.ts'

describe('dashboard overview', () => {
  it('counts connections by status and integration and lists what needs attention', async () => {
    const t = await createTestDeps()
    try {
      const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
      const other = await bootstrapOrganization(t.deps, { organizationName: 'Other', plan: 'TEAM' })
      const p: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'k' }
      const q: Principal = { kind: 'apiKey', organizationId: other.organizationId, apiKeyId: 'k' }
      for (const externalId of ['a', 'b']) {
        await createConnection(t.deps, p, {
          type: 'SECRET_TEXT',
          integrationName: 'openai',
          workspaceId: org.workspaceId,
          externalId,
          secretText: 'sk-test',
        })
      }
      await createConnection(t.deps, q, {
        type: 'SECRET_TEXT',
        integrationName: 'openai',
        workspaceId: other.workspaceId,
        externalId: 'x',
        secretText: 'sk-test',
      })
      await t.deps.db
        .updateTable('connections')
        .set({ status: 'REFRESH_FAILED', statusReason: 'invalid_grant' })
        .where('externalId', '=', 'b')
        .execute()
      const o = await getOverview(t.deps, p, { days: 7 })
      expect(o.connectionsByStatus.sort((x, y) => x.status.localeCompare(y.status))).toEqual([
        { status: 'ACTIVE', count: 1 },
        { status: 'REFRESH_FAILED', count: 1 },
      ])
      expect(o.connectionsByIntegration).toEqual([{ integrationName: 'openai', count: 2 }])
      expect(o.needsAttention).toHaveLength(1)
      expect(o.needsAttention[0]).toMatchObject({
        status: 'REFRESH_FAILED',
        nextStep: expect.stringMatching(/must reconnect/),
      })
      expect(o.days).toHaveLength(7)

      // A refresh token ending within SWITCHBOARD_EXPIRING_DAYS (default 7) needs attention too.
      const inDays = (d: number) => new Date(t.deps.clock.now().getTime() + d * 86_400_000).toISOString()
      await t.deps.db
        .updateTable('connections')
        .set({ refreshTokenExpiresAt: inDays(3) })
        .where('externalId', '=', 'a')
        .execute()
      const expiring = (await getOverview(t.deps, p, {})).needsAttention.find((c) => c.status === 'ACTIVE')
      expect(expiring).toMatchObject({ expiring: true, nextStep: expect.stringMatching(/ends soon/) })
      await t.deps.db
        .updateTable('connections')
        .set({ refreshTokenExpiresAt: inDays(10) })
        .where('externalId', '=', 'a')
        .execute()
      expect((await getOverview(t.deps, p, {})).needsAttention).toHaveLength(1)
      const wider = { ...t.deps, config: { ...t.deps.config, expiringDays: 14 } }
      expect((await getOverview(wider, p, {})).needsAttention).toHaveLength(2)
    } finally {
      await t.close()
    }
  })

  it('says which getting-started steps are done, from what exists, per workspace', async () => {
    const t = await createTestDeps()
    try {
      const org = await bootstrapOrganization(t.deps, { organizationName: 'Fresh', plan: 'TEAM' })
      const other = await bootstrapOrganization(t.deps, { organizationName: 'Busy', plan: 'TEAM' })
      const p: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'k' }
      const q: Principal = { kind: 'apiKey', organizationId: other.organizationId, apiKeyId: 'k' }
      const steps = async () =>
        (await getOverview(t.deps, p, { workspaceId: org.workspaceId, days: 7 })).gettingStarted
      // Another organization's progress counts for nothing here.
      await createOAuthApp(t.deps, q, { integrationName: 'github', clientId: 'c', clientSecret: 's' })
      await createConnectToken(t.deps, q, {
        integrationName: 'openai',
        connectionName: 'x',
        externalId: 'x',
        workspaceId: other.workspaceId,
      })
      expect(await steps()).toEqual({
        integrationChosen: false,
        connectTokenCreated: false,
        connectionCreated: false,
      })
      // Setting up an OAuth app picks its integration.
      await createOAuthApp(t.deps, p, { integrationName: 'github', clientId: 'c', clientSecret: 's' })
      expect(await steps()).toEqual({
        integrationChosen: true,
        connectTokenCreated: false,
        connectionCreated: false,
      })
      await createConnectToken(t.deps, p, {
        integrationName: 'openai',
        connectionName: 'First',
        externalId: 'first',
        workspaceId: org.workspaceId,
      })
      expect(await steps()).toMatchObject({ connectTokenCreated: true, connectionCreated: false })
      await createConnection(t.deps, p, {
        type: 'SECRET_TEXT',
        integrationName: 'openai',
        workspaceId: org.workspaceId,
        externalId: 'first',
        secretText: 'sk-test',
      })
      expect(await steps()).toEqual({
        integrationChosen: true,
        connectTokenCreated: true,
        connectionCreated: true,
      })
    } finally {
      await t.close()
    }
  })
})
