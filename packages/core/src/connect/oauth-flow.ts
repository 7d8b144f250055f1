import type { IntegrationDefinition } from '@switchboard/catalog'
import type { ConnectSession } from '@switchboard/db'
import { storeConnection } from '../connections/store-connection.ts'
import { randomToken, sha256 } from '../crypto/random.ts'
import { secretAt } from '../crypto/secret-location.ts'
import type { CoreDeps } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { AppError } from '../errors.ts'
import { type ResolvedIntegration, requireIntegration } from '../integrations/integrations.ts'
import {
  buildAuthorizationUrl,
  exchangeAuthorizationCode,
  generateCodeVerifier,
  type OAuthClientConfig,
  OAuthProviderError,
  requestClientCredentials,
  type TokenSet,
} from '../oauth/oauth-client.ts'
import { oauthAppSecret } from '../oauth-apps/oauth-apps.ts'
import { sessionConnectionMetadata, sessionForToken } from './connect-sessions.ts'

/** `state` lives 10 minutes (RFC 9700 §4.7.1) and is single use. */
export const STATE_TTL_MS = 10 * 60 * 1000

/** The one redirect URI registered with every provider. */
export function callbackUrl(deps: CoreDeps): string {
  return `${deps.config.publicUrl}/oauth2/callback`
}

async function clientConfig(
  deps: CoreDeps,
  session: ConnectSession,
  def: IntegrationDefinition,
): Promise<OAuthClientConfig> {
  if (!def.oauth2 || !session.oauthAppId)
    throw new AppError('NO_OAUTH_APP', 'No OAuth app is configured for this integration')
  const app = await deps.db
    .selectFrom('oauthApps')
    .selectAll()
    .where('id', '=', session.oauthAppId)
    .executeTakeFirst()
  if (!app)
    throw new AppError(
      'OAUTH_APP_NOT_FOUND',
      'The OAuth app of this connect session was deleted; start again',
    )
  const scopes = JSON.parse(app.scopes) as string[]
  return {
    clientId: app.clientId,
    clientSecret: oauthAppSecret(deps, app),
    redirectUri: callbackUrl(deps),
    oauth2: scopes.length > 0 ? { ...def.oauth2, scopes } : def.oauth2,
  }
}

/**
 * Starts the OAuth dance for a connect session: a fresh single-use `state` (256 bits, stored
 * hashed) and a PKCE verifier (encrypted, server side), then the provider's authorize URL.
 */
export async function startAuthorization(deps: CoreDeps, token: string | undefined): Promise<URL> {
  const session = await sessionForToken(deps, token)
  if (session.status === 'COMPLETED') {
    throw new AppError('SESSION_NOT_ACTIVE', 'This connect link was already used; ask the app for a new one')
  }
  const { definition: def } = await requireIntegration(deps, session.organizationId, session.integrationName)
  if (def.authType !== 'OAUTH2' || !def.oauth2) {
    throw new AppError(
      'VALIDATION_ERROR',
      `${def.displayName} does not use OAuth; submit credentials instead`,
    )
  }
  const cfg = await clientConfig(deps, session, def)
  if (cfg.oauth2.grantType === 'client_credentials') {
    return new URL((await connectWithClientCredentials(deps, session, cfg)).redirectTo)
  }
  checkEgressUrl({ allow: deps.config.egressAllow }, cfg.oauth2.authorizationUrl, 'authorization URL')
  const state = randomToken(32)
  const verifier = cfg.oauth2.pkce ? generateCodeVerifier() : null
  const now = deps.clock.now()
  await deps.db
    .updateTable('connectSessions')
    .set({
      status: 'PENDING',
      error: null,
      stateHash: sha256(state),
      stateExpiresAt: new Date(
        Math.min(now.getTime() + STATE_TTL_MS, Date.parse(session.expiresAt)),
      ).toISOString(),
      pkceVerifierCiphertext:
        verifier === null ? null : deps.cipher.encrypt(verifier, secretAt.pkceVerifier(session.id)),
      updatedAt: now.toISOString(),
    })
    .where('id', '=', session.id)
    .where('status', '!=', 'COMPLETED')
    .execute()
  return buildAuthorizationUrl(cfg, { state, codeVerifier: verifier, scopes: cfg.oauth2.scopes })
}

/**
 * Client-credentials integrations have no user to send to the provider: "authorize" mints a
 * token with the organization's OAuth app at once and completes the session, then sends the
 * browser where a callback would have. Renewal re-mints the same way (refresh-connection.ts).
 */
async function connectWithClientCredentials(
  deps: CoreDeps,
  session: ConnectSession,
  cfg: OAuthClientConfig,
): Promise<CallbackOutcome> {
  const claimed = await deps.db
    .updateTable('connectSessions')
    .set({ status: 'CONNECTING', error: null, updatedAt: deps.clock.now().toISOString() })
    .where('id', '=', session.id)
    .where('status', 'in', ['PENDING', 'FAILED'])
    .executeTakeFirst()
  if (claimed.numUpdatedRows === 0n) {
    throw new AppError('SESSION_NOT_ACTIVE', 'This connect link is already being used; wait for it to finish')
  }
  // From here on every failure ends the session as FAILED (with the reason), never leaves it
  // CONNECTING: a retry may then start again.
  try {
    checkEgressUrl({ allow: deps.config.egressAllow }, cfg.oauth2.tokenUrl, 'token URL')
    const tokens = await requestClientCredentials(deps.fetch, cfg, cfg.oauth2.scopes)
    const integration = await requireIntegration(deps, session.organizationId, session.integrationName)
    return await completeWithTokens(deps, session, integration, cfg, tokens)
  } catch (e) {
    if (e instanceof OAuthProviderError) return fail(deps, session, e.message)
    if (e instanceof AppError && e.code !== 'INTERNAL') return fail(deps, session, e.message)
    deps.log.warn({ err: e, sessionId: session.id }, 'client credentials grant failed')
    return fail(deps, session, 'The provider could not be reached to issue a token; try again')
  }
}

export interface CallbackQuery {
  code?: string | undefined
  state?: string | undefined
  error?: string | undefined
  error_description?: string | undefined
  iss?: string | undefined
}

export interface CallbackOutcome {
  /** Where to send the browser. */
  redirectTo: string
  status: 'COMPLETED' | 'FAILED'
  sessionId: string | null
  connectionId: string | null
  error: string | null
}

function resultPage(deps: CoreDeps, params: Record<string, string>): string {
  return `${deps.config.publicUrl}/connect?${new URLSearchParams({ ...params }).toString()}`
}

function withParams(uri: string, params: Record<string, string>): string {
  const u = new URL(uri)
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v)
  return u.toString()
}

/** The callback could not be tied to a session: no token call, nothing stored. */
function rejected(deps: CoreDeps, code: string): CallbackOutcome {
  return {
    redirectTo: resultPage(deps, { result: 'error', code }),
    status: 'FAILED',
    sessionId: null,
    connectionId: null,
    error: code,
  }
}

async function fail(deps: CoreDeps, session: ConnectSession, error: string): Promise<CallbackOutcome> {
  await deps.db
    .updateTable('connectSessions')
    .set({ status: 'FAILED', error, pkceVerifierCiphertext: null, updatedAt: deps.clock.now().toISOString() })
    .where('id', '=', session.id)
    .where('status', '!=', 'COMPLETED')
    .execute()
  const params = { result: 'error', sessionId: session.id }
  return {
    redirectTo: session.errorRedirectUri
      ? withParams(session.errorRedirectUri, { error, sessionId: session.id })
      : resultPage(deps, params),
    status: 'FAILED',
    sessionId: session.id,
    connectionId: null,
    error,
  }
}

function expiryFrom(deps: CoreDeps, seconds: number | null): string | null {
  return seconds === null ? null : new Date(deps.clock.now().getTime() + seconds * 1000).toISOString()
}

/** The expected `iss` (RFC 9207): the configured issuer, else the authorization server's origin. */
function expectedIssuer(def: IntegrationDefinition): { value: string; required: boolean } {
  if (def.oauth2?.issuer) return { value: def.oauth2.issuer, required: true }
  return { value: new URL(def.oauth2?.authorizationUrl ?? 'https://invalid').origin, required: false }
}

/**
 * GET /oauth2/callback, shared by the hosted and the seed-002 flows. Consumes `state` (single
 * use, with compare-and-swap), checks `iss`, exchanges the code, and stores the connection in
 * the same transaction that completes the session.
 */
export async function handleOAuthCallback(deps: CoreDeps, query: CallbackQuery): Promise<CallbackOutcome> {
  if (!query.state) return rejected(deps, 'INVALID_STATE')
  const stateHash = sha256(query.state)
  const session = await deps.db
    .selectFrom('connectSessions')
    .selectAll()
    .where('stateHash', '=', stateHash)
    .executeTakeFirst()
  if (!session) return rejected(deps, 'INVALID_STATE')
  const claimed = await deps.db
    .updateTable('connectSessions')
    .set({ stateHash: null, status: 'CONNECTING', updatedAt: deps.clock.now().toISOString() })
    .where('id', '=', session.id)
    .where('stateHash', '=', stateHash)
    .where('status', '=', 'PENDING')
    .executeTakeFirst()
  if (claimed.numUpdatedRows === 0n) return rejected(deps, 'INVALID_STATE')

  const now = deps.clock.now().toISOString()
  if ((session.stateExpiresAt ?? '') <= now || session.expiresAt <= now) {
    return fail(deps, session, 'The authorization took too long; start again')
  }
  if (query.error) {
    const description = query.error_description ? `: ${query.error_description.slice(0, 500)}` : ''
    return fail(deps, session, `${query.error.slice(0, 100)}${description}`)
  }
  const integration = await requireIntegration(deps, session.organizationId, session.integrationName)
  const def = integration.definition
  const issuer = expectedIssuer(def)
  if (query.iss !== undefined ? query.iss !== issuer.value : issuer.required) {
    return fail(deps, session, 'The authorization response came from an unexpected issuer')
  }
  if (!query.code) return fail(deps, session, 'The provider did not return an authorization code')

  let tokens: TokenSet
  let cfg: OAuthClientConfig
  try {
    cfg = await clientConfig(deps, session, def)
    checkEgressUrl({ allow: deps.config.egressAllow }, cfg.oauth2.tokenUrl, 'token URL')
    const verifier = session.pkceVerifierCiphertext
      ? deps.cipher.decrypt(session.pkceVerifierCiphertext, secretAt.pkceVerifier(session.id))
      : null
    tokens = await exchangeAuthorizationCode(deps.fetch, cfg, query.code, verifier)
  } catch (e) {
    if (e instanceof OAuthProviderError) return fail(deps, session, e.message)
    if (e instanceof AppError && e.code !== 'INTERNAL') return fail(deps, session, e.message)
    deps.log.warn({ err: e, sessionId: session.id }, 'token exchange failed')
    return fail(deps, session, 'The provider could not be reached to finish the authorization; try again')
  }

  try {
    return await completeWithTokens(deps, session, integration, cfg, tokens)
  } catch (e) {
    // Refused by the store (a connection of another scope or end user took the externalId
    // meanwhile: SCOPE_MISMATCH): nothing was written; the session ends FAILED with the reason.
    if (e instanceof AppError && e.code !== 'INTERNAL') return fail(deps, session, e.message)
    throw e
  }
}

/**
 * Stores the connection the tokens belong to and completes the session, in one transaction:
 * the end of both the authorization-code callback and the client-credentials grant.
 */
async function completeWithTokens(
  deps: CoreDeps,
  session: ConnectSession,
  integration: ResolvedIntegration,
  cfg: OAuthClientConfig,
  tokens: TokenSet,
): Promise<CallbackOutcome> {
  const def = integration.definition
  const connectionId = await deps.db.transaction().execute(async (trx) => {
    const tx = { ...deps, db: trx }
    const { connection } = await storeConnection(tx, {
      organizationId: session.organizationId,
      workspaceId: session.workspaceId,
      integrationName: integration.name,
      type: 'OAUTH2',
      externalId: session.externalId,
      displayName: session.connectionName,
      scope: session.scope,
      endUserId: session.endUserId,
      ownerUserId: session.ownerUserId,
      oauthAppId: session.oauthAppId,
      credentials: {
        kind: 'oauth2',
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        tokenType: tokens.tokenType,
      },
      tokenExpiresAt: expiryFrom(deps, tokens.expiresInSeconds),
      refreshTokenExpiresAt: expiryFrom(deps, tokens.refreshTokenExpiresInSeconds),
      grantedScopes: tokens.scopes ?? cfg.oauth2.scopes,
      apiBaseUri: def.api.baseUrl,
      metadata: sessionConnectionMetadata(session),
      reconnectConnectionId: session.reconnectConnectionId,
    })
    await trx
      .updateTable('connectSessions')
      .set({
        status: 'COMPLETED',
        connectionId: connection.id,
        error: null,
        pkceVerifierCiphertext: null,
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', session.id)
      .execute()
    return connection.id
  })
  const params = { status: 'COMPLETED', sessionId: session.id, connectionId }
  return {
    redirectTo: session.successRedirectUri
      ? withParams(session.successRedirectUri, params)
      : resultPage(deps, { result: 'done', sessionId: session.id }),
    status: 'COMPLETED',
    sessionId: session.id,
    connectionId,
    error: null,
  }
}
