import { randomUUID } from 'node:crypto'
import type { Plan } from '@switchboard/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// Relative on purpose: a devDependency on @switchboard/testing would make a package cycle
// (testing depends on core), which turbo's `^build` graph rejects.
import { createTestDeps, ManualClock, type TestDeps, testDialect } from '../../../testing/src/deps.ts'
import type { Principal } from '../auth/principal.ts'
import { AppError, type ErrorCode, errorCodes } from '../errors.ts'
import { createCustomIntegration, getIntegration, listIntegrations } from '../integrations/integrations.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { addPlatformOAuthApp, createOAuthApp, deleteOAuthApp, selectOAuthApp } from './oauth-apps.ts'

/**
 * OAuth app selection (seed 000, DESIGN.md), table-driven over plan × tenant app × platform app ×
 * explicit oauthAppId. Runs on SQLite in `pnpm test` and on PostgreSQL in the `pg` project.
 */

const PLANS: Plan[] = ['FREE', 'TEAM', 'SCALE', 'ENTERPRISE']
type Explicit = 'none' | 'tenant' | 'platform' | 'unknown' | 'other-org'
type Outcome = 'tenant' | 'platform' | ErrorCode

/** The platform app is registered for WITH_PLATFORM only; WITHOUT_PLATFORM has none. */
const WITH_PLATFORM = 'github'
const WITHOUT_PLATFORM = 'slack'

/** The rules, written out independently of the implementation. */
function expected(plan: Plan, tenant: boolean, platform: boolean, explicit: Explicit): Outcome {
  const tenantAllowed = plan !== 'FREE'
  switch (explicit) {
    case 'unknown':
    case 'other-org':
      return 'OAUTH_APP_NOT_FOUND'
    case 'tenant':
      return tenantAllowed ? 'tenant' : 'CUSTOM_OAUTH_APP_PLAN_REQUIRED'
    case 'platform':
      return tenantAllowed && tenant ? 'TENANT_OAUTH_APP_REQUIRED' : 'platform'
    case 'none':
      if (tenant && tenantAllowed) return 'tenant'
      if (platform) return 'platform'
      if (tenant) return 'CUSTOM_OAUTH_APP_PLAN_REQUIRED'
      return 'NO_OAUTH_APP'
  }
}

interface Row {
  plan: Plan
  tenant: boolean
  platform: boolean
  explicit: Explicit
  outcome: Outcome
}

const rows: Row[] = []
for (const plan of PLANS)
  for (const tenant of [false, true])
    for (const platform of [false, true])
      for (const explicit of ['none', 'tenant', 'platform', 'unknown', 'other-org'] as const) {
        if (explicit === 'tenant' && !tenant) continue
        if (explicit === 'platform' && !platform) continue
        rows.push({ plan, tenant, platform, explicit, outcome: expected(plan, tenant, platform, explicit) })
      }

describe('selectOAuthApp', () => {
  let t: TestDeps
  let clock: ManualClock
  let platformAppId: string
  /** Another organization's tenant apps, one per integration. */
  const otherOrgApp: Record<string, string> = {}

  const principalOf = (organizationId: string): Principal => ({
    kind: 'apiKey',
    organizationId,
    apiKeyId: 'test',
  })

  async function organization(plan: Plan, tenantAppFor: string | null) {
    // Created on TEAM so the tenant app can be registered, then moved to the plan under test
    // (a FREE organization with a tenant app is one that was downgraded).
    const org = await bootstrapOrganization(t.deps, { organizationName: `Org ${randomUUID()}`, plan: 'TEAM' })
    let tenantAppId: string | null = null
    if (tenantAppFor) {
      clock.advance(1000)
      tenantAppId = (
        await createOAuthApp(t.deps, principalOf(org.organizationId), {
          integrationName: tenantAppFor,
          clientId: `tenant-${org.organizationId}`,
          clientSecret: 'tenant-secret',
        })
      ).id
    }
    await t.deps.db.updateTable('organizations').set({ plan }).where('id', '=', org.organizationId).execute()
    return { organizationId: org.organizationId, tenantAppId }
  }

  async function outcomeOf(
    run: () => Promise<{ id: string }>,
    ids: { tenant: string | null; platform: string },
  ) {
    try {
      const app = await run()
      if (app.id === ids.tenant) return 'tenant'
      if (app.id === ids.platform) return 'platform'
      return `unexpected app ${app.id}`
    } catch (e) {
      if (e instanceof AppError) return e.code
      throw e
    }
  }

  beforeAll(async () => {
    clock = new ManualClock()
    t = await createTestDeps({ clock })
    platformAppId = (
      await addPlatformOAuthApp(t.deps, {
        integrationName: WITH_PLATFORM,
        clientId: 'platform-client',
        clientSecret: 'platform-secret',
      })
    ).id
    const other = await bootstrapOrganization(t.deps, { organizationName: 'Other', plan: 'ENTERPRISE' })
    for (const integrationName of [WITH_PLATFORM, WITHOUT_PLATFORM]) {
      otherOrgApp[integrationName] = (
        await createOAuthApp(t.deps, principalOf(other.organizationId), {
          integrationName,
          clientId: `other-${integrationName}`,
          clientSecret: 'other-secret',
        })
      ).id
    }
  })
  afterAll(async () => {
    await t?.close()
  })

  it('covers every combination (on the dialect of this suite)', () => {
    expect(t.deps.dialect).toBe(testDialect())
    expect(rows).toHaveLength(64)
    expect(new Set(rows.map((r) => r.outcome))).toEqual(
      new Set([
        'tenant',
        'platform',
        'NO_OAUTH_APP',
        'CUSTOM_OAUTH_APP_PLAN_REQUIRED',
        'TENANT_OAUTH_APP_REQUIRED',
        'OAUTH_APP_NOT_FOUND',
      ]),
    )
  })

  it.each(rows)(
    'plan $plan, tenant app $tenant, platform app $platform, explicit $explicit → $outcome',
    async ({ plan, tenant, platform, explicit, outcome }) => {
      const integrationName = platform ? WITH_PLATFORM : WITHOUT_PLATFORM
      const org = await organization(plan, tenant ? integrationName : null)
      const explicitId: Record<Explicit, string | undefined> = {
        none: undefined,
        tenant: org.tenantAppId ?? undefined,
        platform: platformAppId,
        unknown: randomUUID(),
        'other-org': otherOrgApp[integrationName],
      }
      const got = await outcomeOf(
        () => selectOAuthApp(t.deps, org.organizationId, integrationName, explicitId[explicit]),
        { tenant: org.tenantAppId, platform: platformAppId },
      )
      expect(got).toBe(outcome)
    },
  )

  // The catalog's readiness badge asks the same rule as the connect flow: for every plan and
  // mix of apps, "ready" is exactly "a connect token without oauthAppId would get an app".
  it.each(rows.filter((r) => r.explicit === 'none'))(
    'readiness: plan $plan, tenant app $tenant, platform app $platform → $outcome',
    async ({ plan, tenant, platform, outcome }) => {
      const integrationName = platform ? WITH_PLATFORM : WITHOUT_PLATFORM
      const org = await organization(plan, tenant ? integrationName : null)
      const principal = principalOf(org.organizationId)
      const expectedReadiness = {
        ready: outcome === 'tenant' || outcome === 'platform',
        oauthApp: outcome === 'tenant' ? 'TENANT' : outcome === 'platform' ? 'PLATFORM' : null,
        blockedBy: outcome === 'tenant' || outcome === 'platform' ? null : outcome,
      }
      expect((await getIntegration(t.deps, principal, integrationName)).readiness).toEqual(expectedReadiness)
      const listed = (await listIntegrations(t.deps, principal)).find((i) => i.name === integrationName)
      expect(listed?.readiness).toEqual(expectedReadiness)
    },
  )

  it('readiness: API-key integrations are always ready; a custom OAuth2 one needs its own app', async () => {
    const org = await organization('TEAM', null)
    const principal = principalOf(org.organizationId)
    const always = { ready: true, oauthApp: null, blockedBy: null }
    expect((await getIntegration(t.deps, principal, 'openai')).readiness).toEqual(always)
    const custom = await createCustomIntegration(t.deps, principal, {
      name: 'acme-readiness',
      displayName: 'Acme',
      authType: 'OAUTH2',
      oauth2: { authorizationUrl: 'https://id.acme.test/auth', tokenUrl: 'https://id.acme.test/token' },
      api: {
        baseUrl: 'https://api.acme.test',
        auth: { in: 'header', name: 'Authorization', value: 'Bearer {accessToken}' },
      },
    })
    expect(custom.readiness).toEqual({ ready: false, oauthApp: null, blockedBy: 'NO_OAUTH_APP' })
    await createOAuthApp(t.deps, principal, {
      integrationName: 'acme-readiness',
      clientId: 'acme',
      clientSecret: 'acme-secret',
    })
    expect((await getIntegration(t.deps, principal, 'acme-readiness')).readiness).toEqual({
      ready: true,
      oauthApp: 'TENANT',
      blockedBy: null,
    })
    // Another organization's app for a same-named integration changes nothing here.
    const other = await organization('TEAM', null)
    const list = await listIntegrations(t.deps, principalOf(other.organizationId))
    expect(list.find((i) => i.name === 'acme-readiness')).toBeUndefined()
  })

  it('each refusal carries the seed’s HTTP status', () => {
    expect(errorCodes.NO_OAUTH_APP.http).toBe(400)
    expect(errorCodes.CUSTOM_OAUTH_APP_PLAN_REQUIRED.http).toBe(403)
    expect(errorCodes.TENANT_OAUTH_APP_REQUIRED.http).toBe(409)
    expect(errorCodes.OAUTH_APP_NOT_FOUND.http).toBe(404)
    expect(errorCodes.INTEGRATION_NOT_FOUND.http).toBe(404)
  })

  it('an app of this organization or of the platform, but for another integration, is not found', async () => {
    const org = await organization('TEAM', WITHOUT_PLATFORM)
    await expect(
      selectOAuthApp(t.deps, org.organizationId, WITH_PLATFORM, org.tenantAppId ?? ''),
    ).rejects.toMatchObject({
      code: 'OAUTH_APP_NOT_FOUND',
    })
    await expect(
      selectOAuthApp(t.deps, org.organizationId, WITHOUT_PLATFORM, platformAppId),
    ).rejects.toMatchObject({
      code: 'OAUTH_APP_NOT_FOUND',
    })
  })

  it('with several tenant apps, the oldest wins; deleting the tenant apps falls back to the platform app', async () => {
    const org = await organization('SCALE', WITH_PLATFORM)
    const principal = principalOf(org.organizationId)
    clock.advance(1000)
    const newer = await createOAuthApp(t.deps, principal, {
      integrationName: WITH_PLATFORM,
      clientId: 'newer',
      clientSecret: 'newer-secret',
    })
    expect((await selectOAuthApp(t.deps, org.organizationId, WITH_PLATFORM)).id).toBe(org.tenantAppId)
    // Either tenant app may be chosen explicitly.
    expect((await selectOAuthApp(t.deps, org.organizationId, WITH_PLATFORM, newer.id)).id).toBe(newer.id)

    await deleteOAuthApp(t.deps, principal, org.tenantAppId ?? '')
    expect((await selectOAuthApp(t.deps, org.organizationId, WITH_PLATFORM)).id).toBe(newer.id)
    await deleteOAuthApp(t.deps, principal, newer.id)
    expect((await selectOAuthApp(t.deps, org.organizationId, WITH_PLATFORM)).id).toBe(platformAppId)
    // Now the platform app may be chosen explicitly too.
    expect((await selectOAuthApp(t.deps, org.organizationId, WITH_PLATFORM, platformAppId)).id).toBe(
      platformAppId,
    )
  })

  it('another organization cannot delete a tenant app, nor anyone the platform app', async () => {
    const org = await organization('TEAM', WITH_PLATFORM)
    const stranger = await organization('TEAM', null)
    await expect(
      deleteOAuthApp(t.deps, principalOf(stranger.organizationId), org.tenantAppId ?? ''),
    ).rejects.toMatchObject({ code: 'OAUTH_APP_NOT_FOUND' })
    await expect(
      deleteOAuthApp(t.deps, principalOf(stranger.organizationId), platformAppId),
    ).rejects.toMatchObject({ code: 'OAUTH_APP_NOT_FOUND' })
    expect((await selectOAuthApp(t.deps, org.organizationId, WITH_PLATFORM)).id).toBe(org.tenantAppId)
  })

  it('a FREE organization cannot register a tenant app (403); a TEAM one can', async () => {
    const free = await bootstrapOrganization(t.deps, { organizationName: 'Free', plan: 'FREE' })
    await expect(
      createOAuthApp(t.deps, principalOf(free.organizationId), {
        integrationName: WITH_PLATFORM,
        clientId: 'x',
        clientSecret: 'y',
      }),
    ).rejects.toMatchObject({ code: 'CUSTOM_OAUTH_APP_PLAN_REQUIRED' })
    const rowsForFree = await t.deps.db
      .selectFrom('oauthApps')
      .select('id')
      .where('organizationId', '=', free.organizationId)
      .execute()
    expect(rowsForFree).toEqual([])
  })
})
