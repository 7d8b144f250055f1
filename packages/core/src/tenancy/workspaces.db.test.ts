import { describe, expect, it } from 'vitest'
import { createTestDeps } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { createConnection } from '../connections/connections.ts'
import { bootstrapOrganization } from './bootstrap.ts'
import { createWorkspace, deleteWorkspace, listWorkspaces, renameWorkspace } from './workspaces.ts'

describe('workspaces: rename and delete', () => {
  it('renames and deletes within the organization only; the last one stays', async () => {
    const t = await createTestDeps()
    try {
      const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
      const other = await bootstrapOrganization(t.deps, { organizationName: 'Other', plan: 'TEAM' })
      const p: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'k' }
      const q: Principal = { kind: 'apiKey', organizationId: other.organizationId, apiKeyId: 'k' }
      await expect(deleteWorkspace(t.deps, p, { id: org.workspaceId })).rejects.toMatchObject({
        code: 'LAST_WORKSPACE',
      })
      const staging = await createWorkspace(t.deps, p, { name: 'Staging' })
      await expect(renameWorkspace(t.deps, q, { id: staging.id, name: 'Mine' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      await expect(deleteWorkspace(t.deps, q, { id: staging.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      expect(await renameWorkspace(t.deps, p, { id: staging.id, name: ' Stage ' })).toMatchObject({
        name: 'Stage',
      })
      expect((await listWorkspaces(t.deps, p)).map((w) => w.name)).toContain('Stage')
      expect(await deleteWorkspace(t.deps, p, { id: staging.id })).toEqual({ revokedConnections: 0 })
      expect((await listWorkspaces(t.deps, p)).map((w) => w.id)).toEqual([org.workspaceId])
      expect((await listWorkspaces(t.deps, q)).map((w) => w.id)).toEqual([other.workspaceId])
    } finally {
      await t.close()
    }
  })

  it('refuses while connections exist unless force, which deletes them the way a connection delete does', async () => {
    const t = await createTestDeps()
    try {
      const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
      const p: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'k' }
      const ws = await createWorkspace(t.deps, p, { name: 'Doomed' })
      const { connection: conn } = await createConnection(t.deps, p, {
        type: 'SECRET_TEXT',
        integrationName: 'openai',
        workspaceId: ws.id,
        externalId: 'a',
        secretText: 'sk-test',
      })
      await expect(deleteWorkspace(t.deps, p, { id: ws.id })).rejects.toMatchObject({
        code: 'WORKSPACE_NOT_EMPTY',
        details: { connections: 1 },
      })
      expect(await deleteWorkspace(t.deps, p, { id: ws.id, force: true })).toEqual({ revokedConnections: 1 })
      const gone = await t.deps.db.selectFrom('connections').select('id').where('id', '=', conn.id).execute()
      expect(gone).toEqual([])
      const events = await t.deps.db
        .selectFrom('events')
        .select('type')
        .where('connectionId', '=', conn.id)
        .execute()
      expect(events.map((e) => e.type)).toContain('connection.deleted')
      const left = await t.deps.db.selectFrom('workspaces').select('id').where('id', '=', ws.id).execute()
      expect(left).toEqual([])
    } finally {
      await t.close()
    }
  })

  it('is an admin action: members and third-party tokens are refused', async () => {
    const t = await createTestDeps()
    try {
      const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
      const ws = await createWorkspace(
        t.deps,
        { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'k' },
        { name: 'B' },
      )
      const member: Principal = {
        kind: 'user',
        organizationId: org.organizationId,
        userId: 'u',
        role: 'member',
        isSuperuser: false,
        sessionId: 's',
      }
      const token: Principal = {
        kind: 'oauthToken',
        organizationId: org.organizationId,
        clientId: 'c',
        userId: null,
        scopes: ['workspaces:read'],
      }
      await expect(deleteWorkspace(t.deps, member, { id: ws.id })).rejects.toMatchObject({
        code: 'INSUFFICIENT_SCOPE',
      })
      await expect(renameWorkspace(t.deps, token, { id: ws.id, name: 'x' })).rejects.toMatchObject({
        code: 'INSUFFICIENT_SCOPE',
      })
    } finally {
      await t.close()
    }
  })
})
