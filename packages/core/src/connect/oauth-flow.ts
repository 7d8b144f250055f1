import type { IntegrationDefinition } from '@switchboard/catalog'
import type { ConnectSession } from '@switchboard/db'
import { storeConnection } from '../connections/store-connection.ts'
import { randomToken, sha256 } from '../crypto/random.ts'
import { secretAt } from '../crypto/secret-location.ts'
import type { CoreDeps } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { AppError } from '../errors.ts'
import { inTransaction } from '../events/append-event.ts'
import { appendSessionEvent, sessionActor } from '../events/session-event.ts'
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
import { obtainedTokens, revokeObtainedTokens } from './obtained-tokens.ts'

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

export interface StartAuthorizationOptions {
  /**
   * The hosted page runs in a popup (it has an opener): the callback sends the browser back to
   * the hosted page, which tells the opener and closes, rather than to the session's
   * success/error redirect URI (which would leave the customer's page inside the popup).
   */
  popup?: boolean | undefined
}

/**
 * Marks a `state` issued to a popup. Part of the value whose hash is stored, so nobody can add
 * or strip it without the callback failing to find the session.
 */
const POPUP_STATE_PREFIX = 'p.'

/**
 * Starts the OAuth dance for a connect session: a fresh single-use `state` (256 bits, stored
 * hashed) and a PKCE verifier (encrypted, server side), then the provider's authorize URL.
 */
export async function startAuthorization(
  deps: CoreDeps,
  token: string | undefined,
  options: StartAuthorizationOptions = {},
): Promise<URL> {
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
  const state = (options.popup ? POPUP_STATE_PREFIX : '') + randomToken(32)
  const verifier = cfg.oauth2.pkce ? await generateCodeVerifier() : null
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
  let integration: ResolvedIntegration
  let tokens: TokenSet
  try {
    checkEgressUrl({ allow: deps.config.egressAllow }, cfg.oauth2.tokenUrl, 'token URL')
    integration = await requireIntegration(deps, session.organizationId, session.integrationName)
    tokens = await requestClientCredentials(deps.fetch, cfg, cfg.oauth2.scopes)
  } catch (e) {
    if (e instanceof OAuthProviderError) return fail(deps, session, e.message)
    if (e instanceof AppError && e.code !== 'INTERNAL') return fail(deps, session, e.message)
    deps.log.warn({ err: e, sessionId: session.id }, 'client credentials grant failed')
    return fail(deps, session, 'The provider could not be reached to issue a token; try again')
  }
  return finishWithTokens(deps, session, integration, cfg, tokens)
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

/** Ends the session as FAILED with `error` (a retry may start again); tokens it holds stay for revocation. */
async function fail(deps: CoreDeps, session: ConnectSession, error: string): Promise<CallbackOutcome> {
  await inTransaction(deps, async (tx) => {
    const ended = await tx.db
      .updateTable('connectSessions')
      .set({
        status: 'FAILED',
        error,
        pkceVerifierCiphertext: null,
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', session.id)
      .where('status', '!=', 'COMPLETED')
      .executeTakeFirst()
    if (ended.numUpdatedRows > 0n) await appendSessionEvent(tx, session, 'connect_session.failed', { error })
  })
  return failedOutcome(deps, session, error)
}

function failedOutcome(deps: CoreDeps, session: ConnectSession, error: string): CallbackOutcome {
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

/** What a failure tells the person connecting: our own errors say what to do; others stay generic. */
function failureReason(e: unknown, fallback: string): string {
  if (e instanceof OAuthProviderError) return e.message
  if (e instanceof AppError && e.code !== 'INTERNAL') return e.message
  return fallback
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
  const outcome = await completeCallback(deps, query)
  // A popup comes back to the hosted page, which reports to its opener (postMessage) and closes.
  if (outcome.sessionId && query.state?.startsWith(POPUP_STATE_PREFIX)) {
    const result = outcome.status === 'COMPLETED' ? 'done' : 'error'
    return { ...outcome, redirectTo: resultPage(deps, { result, sessionId: outcome.sessionId }) }
  }
  return outcome
}

async function completeCallback(deps: CoreDeps, query: CallbackQuery): Promise<CallbackOutcome> {
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
  // Claimed (CONNECTING): from here on every failure ends the session as FAILED with a reason.
  try {
    return await redeemCode(deps, session, query)
  } catch (e) {
    deps.log.warn({ err: e, sessionId: session.id }, 'OAuth callback failed')
    return fail(
      deps,
      session,
      failureReason(e, 'Something went wrong while finishing the authorization; try again'),
    )
  }
}

async function redeemCode(
  deps: CoreDeps,
  session: ConnectSession,
  query: CallbackQuery,
): Promise<CallbackOutcome> {
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
    if (!(e instanceof OAuthProviderError) && !(e instanceof AppError && e.code !== 'INTERNAL')) {
      deps.log.warn({ err: e, sessionId: session.id }, 'token exchange failed')
    }
    return fail(
      deps,
      session,
      failureReason(e, 'The provider could not be reached to finish the authorization; try again'),
    )
  }

  return finishWithTokens(deps, session, integration, cfg, tokens)
}

/**
 * A flow that claimed its session (CONNECTING) and shows no progress for this long has
 * stopped for good (its process crashed or was killed): the recovery job marks it FAILED
 * "interrupted" and revokes the tokens it obtained. Far longer than a live flow takes from
 * the claim to the commit (a token request times out after 15 s).
 */
export const CONNECTING_STALE_MS = 2 * 60_000

/** The session's error after such a crash. */
export const INTERRUPTED_ERROR =
  'interrupted: The authorization stopped before the connection was saved (a server stopped); start again'

/** The session keeps the tokens (encrypted) until the connection does: a crash between leaves them revocable. */
async function holdTokens(deps: CoreDeps, session: ConnectSession, tokens: TokenSet): Promise<boolean> {
  const held = await deps.db
    .updateTable('connectSessions')
    .set({
      tokensCiphertext: deps.cipher.encrypt(
        JSON.stringify(obtainedTokens(tokens)),
        secretAt.sessionTokens(session.id),
      ),
      updatedAt: deps.clock.now().toISOString(),
    })
    .where('id', '=', session.id)
    .where('status', '=', 'CONNECTING')
    .executeTakeFirst()
  return held.numUpdatedRows > 0n
}

/**
 * After the provider issued tokens: holds them on the session, then stores the connection and
 * completes the session. Any failure on the way ends the session FAILED with the reason and
 * revokes the tokens at the provider, so none stays valid with nobody holding it.
 */
async function finishWithTokens(
  deps: CoreDeps,
  session: ConnectSession,
  integration: ResolvedIntegration,
  cfg: OAuthClientConfig,
  tokens: TokenSet,
): Promise<CallbackOutcome> {
  try {
    if (!(await holdTokens(deps, session, tokens))) throw interrupted()
    return await completeWithTokens(deps, session, integration, cfg, tokens)
  } catch (e) {
    if (!(e instanceof AppError) || e.code === 'INTERNAL') {
      deps.log.error(
        { err: e, sessionId: session.id },
        'could not store the connection after the token exchange',
      )
    }
    return abandonTokens(
      deps,
      session,
      tokens,
      failureReason(e, 'Something went wrong while saving the connection; try again'),
    )
  }
}

function interrupted(): AppError {
  return new AppError('SESSION_NOT_ACTIVE', INTERRUPTED_ERROR)
}

/** FAILED with `reason`, the tokens revoked, then let go of (kept for the recovery job if revoking failed). */
async function abandonTokens(
  deps: CoreDeps,
  session: ConnectSession,
  tokens: TokenSet,
  reason: string,
): Promise<CallbackOutcome> {
  let outcome: CallbackOutcome
  try {
    outcome = await fail(deps, session, reason)
  } catch (e) {
    // The database may be what failed: the tokens are revoked anyway, the recovery job ends the session.
    deps.log.error({ err: e, sessionId: session.id }, 'could not mark the connect session failed')
    outcome = failedOutcome(deps, session, reason)
  }
  const revocation = await revokeObtainedTokens(deps, session, obtainedTokens(tokens))
  if (revocation === 'failed') {
    deps.log.warn({ sessionId: session.id }, 'the provider did not confirm revoking the tokens; will retry')
  } else {
    await deps.db
      .updateTable('connectSessions')
      .set({ tokensCiphertext: null })
      .where('id', '=', session.id)
      .execute()
      .catch((e: unknown) => deps.log.error({ err: e, sessionId: session.id }, 'could not clear held tokens'))
  }
  return outcome
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
      actor: sessionActor(session),
      connectSessionId: session.id,
    })
    const completed = await trx
      .updateTable('connectSessions')
      .set({
        status: 'COMPLETED',
        connectionId: connection.id,
        error: null,
        pkceVerifierCiphertext: null,
        tokensCiphertext: null,
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', session.id)
      .where('status', '=', 'CONNECTING')
      .executeTakeFirst()
    // Recovered as interrupted meanwhile: the connection is not stored (the transaction rolls back).
    if (completed.numUpdatedRows === 0n) throw interrupted()
    await appendSessionEvent(tx, session, 'connect_session.completed', {}, connection.id)
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
