import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { AppError } from '../errors.ts'
import { bootstrapOrganization } from './bootstrap.ts'
import { listMembers, removeMember, updateMember } from './members.ts'
import { createUser } from './users.ts'

// The last owner (issue 24) on SQLite and PostgreSQL: two changes that each leave one owner,
// sent at once, must not together leave none. On PostgreSQL each transaction counted the
// owners without a lock, saw the other owner still there and went ahead.

describe(`the last owner under concurrent changes (${process.env.SWITCHBOARD_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestDeps
  let organizationId: string
  let key: Principal
  let ann: string
  let cat: string
  beforeAll(async () => {
    t = await createTestDeps()
    organizationId = (await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: 'TEAM' }))
      .organizationId
    key = { kind: 'apiKey', organizationId, apiKeyId: 'test' }
    const user = (email: string) =>
      createUser(t.deps, { organizationId, email, password: 'correct horse battery', role: 'owner' })
    ann = (await user('ann@acme.test')).id
    cat = (await user('cat@acme.test')).id
  })
  afterAll(async () => {
    await t?.close()
  })

  const owners = async () =>
    (await listMembers(t.deps, key)).filter((m) => m.role === 'owner').map((m) => m.userId)
  const codeOf = (r: PromiseSettledResult<unknown>) =>
    r.status === 'fulfilled' ? 'ok' : r.reason instanceof AppError ? r.reason.code : String(r.reason)

  it('demoting both of two owners at once: one goes through, the other is 409 LAST_OWNER', async () => {
    for (let round = 0; round < 15; round++) {
      const results = await Promise.allSettled([
        updateMember(t.deps, key, { userId: ann, role: 'admin' }),
        updateMember(t.deps, key, { userId: cat, role: 'admin' }),
      ])
      expect(results.map(codeOf).sort()).toEqual(['LAST_OWNER', 'ok'])
      expect(await owners()).toHaveLength(1)
      // Both owners again for the next round.
      for (const userId of [ann, cat]) await updateMember(t.deps, key, { userId, role: 'owner' })
    }
  })

  it('removing one owner while demoting the other: one goes through, the other is 409 LAST_OWNER', async () => {
    const results = await Promise.allSettled([
      removeMember(t.deps, key, ann),
      updateMember(t.deps, key, { userId: cat, role: 'viewer' }),
    ])
    expect(results.map(codeOf).sort()).toEqual(['LAST_OWNER', 'ok'])
    expect(await owners()).toHaveLength(1)
  })
})
