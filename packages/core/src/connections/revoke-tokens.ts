import type { CoreDeps } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { requireIntegration } from '../integrations/integrations.ts'
import { revokeToken } from '../oauth/oauth-client.ts'
import { oauthAppSecret } from '../oauth-apps/oauth-apps.ts'

const REVOKE_ATTEMPTS = 3

/** Whose tokens: the integration and the OAuth app they were issued through. */
export interface TokenIssuer {
  organizationId: string
  integrationName: string
  oauthAppId: string | null
}

export type RevocationOutcome = 'revoked' | 'failed' | 'not-supported'

/**
 * RFC 7009 revocation of `tokens`, in order, each with bounded retries (a 503 or no answer
 * means the token may still be valid). 'revoked' when the provider confirmed every one (200
 * also for a token it no longer knows), 'not-supported' without a revocation endpoint, else
 * 'failed'.
 */
export async function revokeTokens(
  deps: CoreDeps,
  issuer: TokenIssuer,
  tokens: ReadonlyArray<{ token: string; hint: 'refresh_token' | 'access_token' }>,
): Promise<RevocationOutcome> {
  if (!issuer.oauthAppId) return 'not-supported'
  const integration = await requireIntegration(deps, issuer.organizationId, issuer.integrationName).catch(
    () => null,
  )
  const oauth2 = integration?.definition.oauth2
  if (!oauth2?.revocationUrl) return 'not-supported'
  // Same egress rules as the token endpoint: never post a token to an address no longer allowed.
  try {
    checkEgressUrl({ allow: deps.config.egressAllow }, oauth2.revocationUrl, 'revocation URL')
  } catch {
    return 'failed'
  }
  const app = await deps.db
    .selectFrom('oauthApps')
    .selectAll()
    .where('id', '=', issuer.oauthAppId)
    .executeTakeFirst()
  if (!app) return 'failed'
  const cfg = { clientId: app.clientId, clientSecret: oauthAppSecret(deps, app), redirectUri: '', oauth2 }
  let outcome: RevocationOutcome = 'revoked'
  for (const { token, hint } of tokens) {
    if ((await revokeOne(deps, cfg, token, hint)) !== 'revoked') outcome = 'failed'
  }
  return outcome
}

async function revokeOne(
  deps: CoreDeps,
  cfg: Parameters<typeof revokeToken>[1],
  token: string,
  hint: 'refresh_token' | 'access_token',
): Promise<'revoked' | 'failed'> {
  for (let attempt = 1; attempt <= REVOKE_ATTEMPTS; attempt++) {
    const outcome = await revokeToken(deps.fetch, cfg, token, hint).catch(() => 'retry' as const)
    if (outcome === 'revoked') return 'revoked'
    if (outcome === 'rejected') return 'failed'
    if (attempt < REVOKE_ATTEMPTS) await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)))
  }
  return 'failed'
}
