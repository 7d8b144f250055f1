import { describe, expect, it } from 'vitest'
import { createTestDeps } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import {
  changePassword,
  listSessions,
  resetUserPassword,
  revokeOtherSessions,
  revokeSession,
} from '../tenancy/account.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { authenticateSession, createUser, login } from '../tenancy/users.ts'
import { createWorkspace, deleteWorkspace, renameWorkspace } from '../tenancy/workspaces.ts'

// Issue 24's audit trail: password changes, revoked sessions and workspace changes are admin
// actions, so each lands in the event log with its actor, in the transaction of the change.

const PASSWORD = 'correct horse battery staple'
const from = { sourceAddress: '192.0.2.1' }

async function setup() {
  const t = await createTestDeps()
  const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' })
  const ann = await createUser(t.deps, {
    organizationId: org.organizationId,
    email: 'ann@acme.test',
    password: PASSWORD,
    role: 'owner',
  })
  const signIn = async (password = PASSWORD) => {
    const { sessionToken } = await login(t.deps, { email: 'ann@acme.test', password }, from)
    return authenticateSession(t.deps, sessionToken)
  }
  const events = (type: string) =>
    t.deps.db
      .selectFrom('events')
      .select(['type', 'actorType', 'actorId', 'workspaceId', 'data'])
      .where('organizationId', '=', org.organizationId)
      .where('type', '=', type)
      .orderBy('seq')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> })))
  return { t, org, ann, signIn, events }
}

describe(`account and workspace events (${process.env.SWITCHBOARD_TEST_DIALECT ?? 'sqlite'})`, () => {
  it('user.password_changed: by the user (with the sessions it ended) and by the operator', async () => {
    const { t, ann, signIn, events } = await setup()
    try {
      await signIn()
      const me = await signIn()
      await changePassword(
        t.deps,
        me,
        { currentPassword: PASSWORD, newPassword: 'a new long password' },
        from,
      )
      await resetUserPassword(t.deps, { email: 'ann@acme.test' })
      const changed = await events('user.password_changed')
      expect(changed).toEqual([
        {
          type: 'user.password_changed',
          actorType: 'user',
          actorId: ann.id,
          workspaceId: null,
          data: { userId: ann.id, email: 'ann@acme.test', by: 'user', revokedSessions: 1 },
        },
        {
          type: 'user.password_changed',
          actorType: 'system',
          actorId: null,
          workspaceId: null,
          data: { userId: ann.id, email: 'ann@acme.test', by: 'operator', revokedSessions: 1 },
        },
      ])
      // A wrong current password changes nothing and records nothing.
      const again = await signIn(
        (await resetUserPassword(t.deps, { email: 'ann@acme.test', password: PASSWORD })).password,
      )
      await expect(
        changePassword(
          t.deps,
          again,
          { currentPassword: 'not it at all', newPassword: 'whatever else 1' },
          from,
        ),
      ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' })
      expect(await events('user.password_changed')).toHaveLength(3)
      expect(JSON.stringify(await events('user.password_changed'))).not.toContain(PASSWORD)
    } finally {
      await t.close()
    }
  })

  it('session.revoked: one session, and "everywhere else" with the count', async () => {
    const { t, ann, signIn, events } = await setup()
    try {
      const laptop = await signIn()
      const phone = await signIn()
      await signIn()
      const phoneId = (await listSessions(t.deps, phone)).find((x) => x.current)?.id
      expect(phoneId).toBeTruthy()
      await revokeSession(t.deps, laptop, { id: phoneId as string })
      await expect(revokeSession(t.deps, laptop, { id: phoneId as string })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      expect(await revokeOtherSessions(t.deps, laptop)).toEqual({ revoked: 1 })
      expect(await events('session.revoked')).toEqual([
        {
          type: 'session.revoked',
          actorType: 'user',
          actorId: ann.id,
          workspaceId: null,
          data: { userId: ann.id, sessionId: phoneId, current: false },
        },
        {
          type: 'session.revoked',
          actorType: 'user',
          actorId: ann.id,
          workspaceId: null,
          data: { userId: ann.id, otherSessions: true, revoked: 1 },
        },
      ])
    } finally {
      await t.close()
    }
  })

  it('workspace.created / updated / deleted, with the workspace and its actor', async () => {
    const { t, org, events } = await setup()
    try {
      const key: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'k1' }
      const staging = await createWorkspace(t.deps, key, { name: 'Staging' })
      await renameWorkspace(t.deps, key, { id: staging.id, name: 'Stage' })
      await deleteWorkspace(t.deps, key, { id: staging.id })
      const actor = { actorType: 'api_key', actorId: 'k1', workspaceId: staging.id }
      expect(await events('workspace.created')).toEqual([
        { type: 'workspace.created', ...actor, data: { workspaceId: staging.id, name: 'Staging' } },
      ])
      expect(await events('workspace.updated')).toEqual([
        {
          type: 'workspace.updated',
          ...actor,
          data: { workspaceId: staging.id, name: 'Stage', previousName: 'Staging' },
        },
      ])
      expect(await events('workspace.deleted')).toEqual([
        {
          type: 'workspace.deleted',
          ...actor,
          data: { workspaceId: staging.id, name: 'Stage', revokedConnections: 0 },
        },
      ])
      // A refused delete (the last workspace) records nothing.
      await expect(deleteWorkspace(t.deps, key, { id: org.workspaceId })).rejects.toMatchObject({
        code: 'LAST_WORKSPACE',
      })
      expect(await events('workspace.deleted')).toHaveLength(1)
    } finally {
      await t.close()
    }
  })
})
