import type { ConnectSession } from '@switchboard/db'
import { type RevocationOutcome, revokeTokens } from '../connections/revoke-tokens.ts'
import { secretAt } from '../crypto/secret-location.ts'
import type { CoreDeps } from '../deps.ts'
import type { TokenSet } from '../oauth/oauth-client.ts'

/** The tokens an OAuth exchange obtained, as a connect session holds them until the connection does. */
export interface ObtainedTokens {
  accessToken: string
  refreshToken: string | null
  tokenType: string
}

export function obtainedTokens(t: TokenSet): ObtainedTokens {
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, tokenType: t.tokenType }
}

/** The tokens a session holds (`connect_sessions.tokens_ciphertext`), decrypted. */
export function heldTokens(deps: CoreDeps, session: ConnectSession): ObtainedTokens | null {
  if (session.tokensCiphertext === null) return null
  return JSON.parse(deps.cipher.decrypt(session.tokensCiphertext, secretAt.sessionTokens(session.id)))
}

/**
 * Revokes tokens that no connection will hold: the refresh token first (at most providers
 * that ends the whole grant), then the access token (which may outlive it elsewhere).
 */
export function revokeObtainedTokens(
  deps: CoreDeps,
  session: Pick<ConnectSession, 'organizationId' | 'integrationName' | 'oauthAppId'>,
  tokens: ObtainedTokens,
): Promise<RevocationOutcome> {
  return revokeTokens(deps, session, [
    ...(tokens.refreshToken ? [{ token: tokens.refreshToken, hint: 'refresh_token' as const }] : []),
    { token: tokens.accessToken, hint: 'access_token' as const },
  ])
}
