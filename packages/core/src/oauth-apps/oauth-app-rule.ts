import type { Plan } from '@switchboard/db'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'

/** Plans that may register their own OAuth apps (seed 000). */
export const TENANT_APP_PLANS: readonly Plan[] = ['TEAM', 'SCALE', 'ENTERPRISE']

/** Why a new connection to an OAuth2 integration cannot start without an explicit app. */
export type OAuthAppProblem = 'NO_OAUTH_APP' | 'CUSTOM_OAUTH_APP_PLAN_REQUIRED'

/**
 * The default rule of OAuth app selection (no explicit `oauthAppId`), over the apps of one
 * integration that the organization may see, oldest first: an eligible tenant-owned app wins,
 * then a platform-managed one; a tenant app the plan does not allow is a plan problem, no app
 * at all is NO_OAUTH_APP. The connect flow (selectOAuthApp) and the catalog's readiness both
 * ask this function, so the dashboard cannot promise what a connect token would refuse.
 */
export function pickDefaultOAuthApp<A extends { organizationId: string | null }>(
  apps: readonly A[],
  planAllowsTenant: boolean,
): { app: A; problem: null } | { app: null; problem: OAuthAppProblem } {
  const tenant = apps.find((a) => a.organizationId !== null)
  const platform = apps.find((a) => a.organizationId === null)
  if (planAllowsTenant && tenant) return { app: tenant, problem: null }
  if (platform) return { app: platform, problem: null }
  if (tenant) return { app: null, problem: 'CUSTOM_OAUTH_APP_PLAN_REQUIRED' }
  return { app: null, problem: 'NO_OAUTH_APP' }
}

export async function planOf(deps: CoreDeps, organizationId: string): Promise<Plan> {
  const org = await deps.db
    .selectFrom('organizations')
    .select('plan')
    .where('id', '=', organizationId)
    .executeTakeFirst()
  if (!org) throw new AppError('NOT_FOUND', 'Organization not found')
  return org.plan
}

export function planRequired(): AppError {
  return new AppError(
    'CUSTOM_OAUTH_APP_PLAN_REQUIRED',
    'Tenant-owned OAuth apps are available on the Team, Scale and Enterprise plans; upgrade to register your own app',
  )
}

export function noOAuthApp(integrationName: string): AppError {
  return new AppError(
    'NO_OAUTH_APP',
    `No OAuth app is configured for ${integrationName}; register one with POST /api/v1/oauth-apps`,
  )
}
