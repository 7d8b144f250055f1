import type { Principal } from '../auth/principal.ts'
import { requireFirstParty, seesEveryone } from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { revokeOAuthGrantRows } from '../oauth-server/model-store.ts'
import { describeOAuthScopes, findOAuthClientForConsent } from './oauth-clients.ts'

/**
 * Authorized apps: the grants people of an organization gave third-party apps. Owners, admins
 * and API keys see and revoke all of the organization's; members see and revoke their own.
 * Revoking deletes the grant with its codes and tokens, so the app's access ends at once.
 */

export interface OAuthGrantView {
  id: string
  clientId: string
  clientName: string
  logoUrl: string | null
  userId: string
  userEmail: string
  scopes: string[]
  createdAt: string
  expiresAt: string | null
}

/** Scopes recorded in an oidc-provider Grant payload (OIDC scopes plus every resource's). */
function grantScopes(payload: string): string[] {
  const p = JSON.parse(payload) as { openid?: { scope?: string }; resources?: Record<string, string> }
  const scopes = new Set<string>()
  for (const s of (p.openid?.scope ?? '').split(' ')) if (s) scopes.add(s)
  for (const value of Object.values(p.resources ?? {})) for (const s of value.split(' ')) if (s) scopes.add(s)
  return [...scopes]
}

function seesAll(principal: Principal): boolean {
  return seesEveryone(principal)
}

function grantsQuery(deps: CoreDeps, principal: Principal) {
  let q = deps.db
    .selectFrom('oauthServerModels as g')
    .innerJoin('users', 'users.id', 'g.accountId')
    .innerJoin('oauthClients', 'oauthClients.clientId', 'g.clientId')
    .select([
      'g.id',
      'g.payload',
      'g.createdAt',
      'g.expiresAt',
      'users.id as userId',
      'users.email as userEmail',
      'oauthClients.clientId',
      'oauthClients.name as clientName',
      'oauthClients.logoUrl',
    ])
    .where('g.model', '=', 'Grant')
    .where('users.organizationId', '=', principal.organizationId)
    .where((eb) =>
      eb.or([eb('g.expiresAt', 'is', null), eb('g.expiresAt', '>', deps.clock.now().toISOString())]),
    )
  if (!seesAll(principal) && principal.kind === 'user') q = q.where('users.id', '=', principal.userId)
  return q
}

export async function listOAuthGrants(deps: CoreDeps, principal: Principal): Promise<OAuthGrantView[]> {
  requireFirstParty(principal, 'see authorized apps')
  const rows = await grantsQuery(deps, principal).orderBy('g.createdAt', 'desc').orderBy('g.id').execute()
  return rows.map((r) => ({
    id: r.id,
    clientId: r.clientId,
    clientName: r.clientName,
    logoUrl: r.logoUrl,
    userId: r.userId,
    userEmail: r.userEmail,
    scopes: grantScopes(r.payload),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
  }))
}

export async function revokeOAuthGrant(deps: CoreDeps, principal: Principal, grantId: string): Promise<void> {
  requireFirstParty(principal, 'revoke authorized apps')
  const row = await grantsQuery(deps, principal).where('g.id', '=', grantId).executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', 'Authorized app not found')
  await revokeOAuthGrantRows(deps, grantId)
}

/** What the consent page shows: the app, the scopes it asks for in plain words, who approves. */
export interface OAuthConsentView {
  client: { clientId: string; name: string; logoUrl: string | null; developer: string }
  scopes: Array<{ scope: string; description: string }>
  organization: { id: string; name: string } | null
  user: { id: string; email: string } | null
}

export async function describeOAuthConsent(
  deps: CoreDeps,
  input: { clientId: string; scope: string | undefined; userId: string | null },
): Promise<OAuthConsentView> {
  const client = await findOAuthClientForConsent(deps, input.clientId)
  if (!client) throw new AppError('NOT_FOUND', 'This application is no longer registered')
  const requested = (input.scope ?? '').split(' ').filter((s) => client.allowedScopes.includes(s))
  let organization: OAuthConsentView['organization'] = null
  let user: OAuthConsentView['user'] = null
  if (input.userId !== null) {
    const row = await deps.db
      .selectFrom('users')
      .innerJoin('organizations', 'organizations.id', 'users.organizationId')
      .select(['users.id', 'users.email', 'organizations.id as organizationId', 'organizations.name'])
      .where('users.id', '=', input.userId)
      .executeTakeFirst()
    if (row) {
      organization = { id: row.organizationId, name: row.name }
      user = { id: row.id, email: row.email }
    }
  }
  return {
    client: {
      clientId: client.clientId,
      name: client.name,
      logoUrl: client.logoUrl,
      developer: client.developer,
    },
    scopes: describeOAuthScopes(requested),
    organization,
    user,
  }
}
