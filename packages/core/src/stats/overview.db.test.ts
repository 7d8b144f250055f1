import { describe, expect, it } from 'vitest'
import { createTestDeps } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { createConnection } from '../connections/connections.ts'
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
        nextStep: expect.stringMatching(/Reconnect/),
      })
      expect(o.days).toHaveLength(7)
    } finally {
      await t.close()
    }
  })
})
