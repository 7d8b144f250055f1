import type { Connection } from '@switchboard/db'
import {
  decryptCredentials,
  decryptCredentialsCached,
  encryptCredentials,
  type StoredCredentials,
} from '../connections/credentials.ts'
import { recordConnectionEvent } from '../connections/store-connection.ts'
import type { CoreDeps } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { AppError } from '../errors.ts'
import { requireIntegration } from '../integrations/integrations.ts'
import {
  introspectToken,
  type OAuthClientConfig,
  OAuthProviderError,
  OAuthTransientError,
  refreshAccessToken,
  requestClientCredentials,
  TOKEN_REQUEST_TIMEOUT_MS,
  type TokenSet,
} from '../oauth/oauth-client.ts'
import { oauthAppSecret } from '../oauth-apps/oauth-apps.ts'

/** Refresh this long before expiry. */
export const REFRESH_MARGIN_MS = 60_000
/** A refresher holds the lease at most this long; it covers the token request's timeout. */
export const LEASE_MS = 60_000
const WAIT_STEP_MS = 25
const MAX_WAIT_MS = 45_000

/** Test seams for fault injection around the commit; production leaves them unset. */
export interface RefreshHooks {
  /** After the provider answered, before the commit. Throwing simulates a failed commit attempt. */
  beforeCommit?: (connectionId: string) => void | Promise<void>
  /** After the commit, before the caller gets the token. */
  afterCommit?: (connectionId: string) => void | Promise<void>
}

export interface FreshCredentials {
  connection: Connection
  credentials: StoredCredentials
}

/** One refresh per connection per process at a time; callers share its result. */
const inFlight = new WeakMap<object, Map<string, Promise<FreshCredentials>>>()

function flights(deps: CoreDeps): Map<string, Promise<FreshCredentials>> {
  let m = inFlight.get(deps.db)
  if (!m) {
    m = new Map()
    inFlight.set(deps.db, m)
  }
  return m
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Resolves once no refresh is running in this process. A process that stops must wait for
 * this before it closes the database: a refresh the provider has answered holds the only copy
 * of the rotated refresh token until its commit.
 */
export async function settleRefreshes(deps: CoreDeps): Promise<void> {
  const map = flights(deps)
  while (map.size > 0) await Promise.allSettled([...map.values()])
}

function needsRefresh(deps: CoreDeps, c: Connection): boolean {
  if (c.type !== 'OAUTH2' || c.tokenExpiresAt === null) return false
  return Date.parse(c.tokenExpiresAt) - deps.clock.now().getTime() <= REFRESH_MARGIN_MS
}

/**
 * The connection's credentials, refreshed first when the access token is (nearly) expired
 * or when `force` is set (a 401 from the API). Concurrent callers in this process share one
 * refresh; other processes wait on the database lease and reuse the committed result.
 */
export async function getFreshCredentials(
  deps: CoreDeps,
  connection: Connection,
  options: { force?: boolean; hooks?: RefreshHooks } = {},
): Promise<FreshCredentials> {
  if (connection.status === 'REFRESH_FAILED') {
    throw new AppError(
      'INVALID_CREDENTIALS',
      'This connection needs to be reconnected: its refresh token was rejected',
      {
        connectionId: connection.id,
        reason: connection.statusReason,
      },
    )
  }
  if (!options.force && !needsRefresh(deps, connection)) {
    return { connection, credentials: decryptCredentialsCached(deps, connection) }
  }
  if (connection.type !== 'OAUTH2')
    return { connection, credentials: decryptCredentialsCached(deps, connection) }
  const map = flights(deps)
  const existing = map.get(connection.id)
  if (existing) return existing
  const flight = refreshOnce(deps, connection, options.hooks ?? {}).finally(() => map.delete(connection.id))
  map.set(connection.id, flight)
  return flight
}

async function load(deps: CoreDeps, id: string): Promise<Connection> {
  const row = await deps.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('CONNECTION_NOT_FOUND', 'The connection was deleted')
  return row
}

async function refreshOnce(
  deps: CoreDeps,
  observed: Connection,
  hooks: RefreshHooks,
): Promise<FreshCredentials> {
  const owner = deps.newId()
  const deadline = Date.now() + MAX_WAIT_MS
  let version = observed.credentialsVersion
  /** Whether the lease was taken over from a refresher that stopped before finishing. */
  let interrupted = false
  for (;;) {
    const now = deps.clock.now()
    const take = (free: 'unheld' | 'expired') =>
      deps.db
        .updateTable('connections')
        .set({
          refreshLeaseOwner: owner,
          refreshLeaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
        })
        .where('id', '=', observed.id)
        .where('credentialsVersion', '=', version)
        .where(
          'refreshLeaseUntil',
          free === 'unheld' ? 'is' : '<',
          free === 'unheld' ? null : now.toISOString(),
        )
        .executeTakeFirst()
    if ((await take('unheld')).numUpdatedRows > 0n) break
    // A lease past its time: its holder stopped (crashed, killed) somewhere in its refresh.
    if ((await take('expired')).numUpdatedRows > 0n) {
      interrupted = true
      break
    }
    // Someone else refreshed (version moved) or is refreshing (lease held): reuse their result.
    const current = await load(deps, observed.id)
    if (current.credentialsVersion !== version) {
      if (current.status === 'REFRESH_FAILED') return getFreshCredentials(deps, current)
      return { connection: current, credentials: decryptCredentials(deps, current) }
    }
    if (Date.now() > deadline)
      throw new AppError('UPSTREAM_TIMEOUT', 'Timed out waiting for a token refresh; try again')
    await sleep(WAIT_STEP_MS)
    version = current.credentialsVersion
  }
  return refreshWithLease(deps, await load(deps, observed.id), owner, hooks, interrupted)
}

async function clientConfigFor(deps: CoreDeps, c: Connection): Promise<OAuthClientConfig> {
  const integration = await requireIntegration(deps, c.organizationId, c.integrationName)
  const oauth2 = integration.definition.oauth2
  if (!oauth2) throw new AppError('INTERNAL', 'OAuth2 connection of a non-OAuth2 integration')
  if (!c.oauthAppId) throw new AppError('NO_OAUTH_APP', 'This connection has no OAuth app; reconnect it')
  const app = await deps.db
    .selectFrom('oauthApps')
    .selectAll()
    .where('id', '=', c.oauthAppId)
    .executeTakeFirst()
  if (!app) throw new AppError('OAUTH_APP_NOT_FOUND', "The connection's OAuth app was deleted; reconnect it")
  checkEgressUrl({ allow: deps.config.egressAllow }, oauth2.tokenUrl, 'token URL')
  const scopes = JSON.parse(app.scopes) as string[]
  return {
    clientId: app.clientId,
    clientSecret: oauthAppSecret(deps, app),
    redirectUri: `${deps.config.publicUrl}/oauth2/callback`,
    oauth2: scopes.length > 0 ? { ...oauth2, scopes } : oauth2,
  }
}

async function releaseLease(deps: CoreDeps, id: string, owner: string, patch: Record<string, unknown> = {}) {
  await deps.db
    .updateTable('connections')
    .set({ refreshLeaseOwner: null, refreshLeaseUntil: null, ...patch })
    .where('id', '=', id)
    .where('refreshLeaseOwner', '=', owner)
    .execute()
}

const BACKOFF_MS = [200, 800, 2000]
/** Time kept inside the lease for committing the result. */
const COMMIT_ROOM_MS = 5_000

const INTERRUPTED_REASON =
  'A token refresh was interrupted (the server stopped) after the provider had already replaced the refresh token, so the new one was never saved. Reconnect to restore access.'

/**
 * After a refresher stopped mid-refresh, whether its refresh token may be sent again. If the
 * provider had already answered it, the token was rotated out and sending it again is a reuse
 * (RFC 9700 §4.14.2: the provider may revoke the whole grant and raise an alarm). Providers
 * with an RFC 7662 introspection endpoint are asked; without one, the token is sent (if the
 * provider had rotated it, the answer is invalid_grant either way, and reconnecting is needed).
 */
async function safeToResend(deps: CoreDeps, c: Connection, cfg: OAuthClientConfig, refreshToken: string) {
  const active = await introspectToken(deps.fetch, cfg, refreshToken, 'refresh_token')
  if (active === null) {
    deps.log.warn(
      { connectionId: c.id },
      'taking over an interrupted token refresh; the provider cannot say whether it already rotated the refresh token, so it is sent again',
    )
  }
  return active !== false
}

async function refreshWithLease(
  deps: CoreDeps,
  c: Connection,
  owner: string,
  hooks: RefreshHooks,
  interrupted: boolean,
): Promise<FreshCredentials> {
  const leaseTakenAt = Date.now()
  const creds = decryptCredentials(deps, c)
  if (creds.kind !== 'oauth2') throw new AppError('INTERNAL', 'OAuth2 connection without OAuth2 credentials')
  let tokens: TokenSet
  try {
    const cfg = await clientConfigFor(deps, c)
    const clientCredentials = cfg.oauth2.grantType === 'client_credentials'
    if (!clientCredentials && !creds.refreshToken) {
      await markRefreshFailed(
        deps,
        c,
        owner,
        'The provider issued no refresh token; reconnect to renew access',
      )
      return getFreshCredentials(deps, await load(deps, c.id))
    }
    if (
      interrupted &&
      !clientCredentials &&
      !(await safeToResend(deps, c, cfg, creds.refreshToken as string))
    ) {
      await markRefreshFailed(deps, c, owner, INTERRUPTED_REASON)
      return getFreshCredentials(deps, await load(deps, c.id))
    }
    // The network call happens outside any transaction; only the lease is held.
    tokens = await withTransientRetries(leaseTakenAt, () =>
      clientCredentials
        ? requestClientCredentials(deps.fetch, cfg, cfg.oauth2.scopes)
        : refreshAccessToken(deps.fetch, cfg, creds.refreshToken as string),
    )
  } catch (e) {
    if (
      e instanceof OAuthProviderError &&
      (e.code === 'invalid_grant' || e.code === 'unauthorized_client' || e.code === 'invalid_client')
    ) {
      await markRefreshFailed(deps, c, owner, `${e.code}${e.description ? `: ${e.description}` : ''}`)
      return getFreshCredentials(deps, await load(deps, c.id))
    }
    await releaseLease(deps, c.id, owner, {
      refreshFailures: c.refreshFailures + 1,
      nextRefreshAt: new Date(
        deps.clock.now().getTime() + Math.min(3600_000, 30_000 * 2 ** c.refreshFailures),
      ).toISOString(),
    })
    deps.log.warn(
      { connectionId: c.id, err: e instanceof Error ? e.message : String(e) },
      'token refresh failed; will retry',
    )
    if (e instanceof AppError) throw e
    throw new AppError(
      'UPSTREAM_ERROR',
      'The provider could not refresh the token right now; try again shortly',
    )
  }
  const next: StoredCredentials = {
    kind: 'oauth2',
    accessToken: tokens.accessToken,
    // A response without a refresh token keeps the old one (RFC 6749 §6).
    refreshToken: tokens.refreshToken ?? creds.refreshToken,
    tokenType: tokens.tokenType,
  }
  const committed = await commitRefresh(deps, c, tokens, next, hooks)
  await hooks.afterCommit?.(c.id)
  return { connection: committed, credentials: next }
}

/**
 * Retries transient failures with backoff, but only while another attempt (up to the token
 * request's timeout) still ends inside the lease: a refresher that outlived its lease would
 * be taken over and its result lost.
 */
async function withTransientRetries<T>(leaseTakenAt: number, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn()
    } catch (e) {
      const delay = BACKOFF_MS[attempt]
      if (!(e instanceof OAuthTransientError) || delay === undefined) throw e
      if (Date.now() + delay + TOKEN_REQUEST_TIMEOUT_MS + COMMIT_ROOM_MS > leaseTakenAt + LEASE_MS) throw e
      await sleep(delay)
    }
  }
}

/**
 * Persists the rotated tokens before anyone uses them: compare-and-swap on the credentials
 * version. A failed attempt is retried with the tokens held in memory — they exist nowhere
 * else, and the old refresh token may already be dead at the provider.
 */
async function commitRefresh(
  deps: CoreDeps,
  c: Connection,
  tokens: TokenSet,
  next: StoredCredentials,
  hooks: RefreshHooks,
): Promise<Connection> {
  const now = deps.clock.now()
  const patch = {
    credentialsCiphertext: encryptCredentials(deps, c.id, next),
    credentialsVersion: c.credentialsVersion + 1,
    tokenExpiresAt:
      tokens.expiresInSeconds === null
        ? null
        : new Date(now.getTime() + tokens.expiresInSeconds * 1000).toISOString(),
    ...(tokens.refreshTokenExpiresInSeconds !== null && {
      refreshTokenExpiresAt: new Date(
        now.getTime() + tokens.refreshTokenExpiresInSeconds * 1000,
      ).toISOString(),
    }),
    ...(tokens.scopes !== null && { grantedScopes: JSON.stringify(tokens.scopes) }),
    lastRefreshedAt: now.toISOString(),
    status: 'ACTIVE' as const,
    statusReason: null,
    refreshFailures: 0,
    nextRefreshAt: null,
    refreshLeaseOwner: null,
    refreshLeaseUntil: null,
    updatedAt: now.toISOString(),
  }
  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await hooks.beforeCommit?.(c.id)
      const result = await deps.db
        .updateTable('connections')
        .set(patch)
        .where('id', '=', c.id)
        .where('credentialsVersion', '=', c.credentialsVersion)
        .executeTakeFirst()
      if (result.numUpdatedRows === 0n) {
        deps.log.error({ connectionId: c.id }, 'refresh commit lost its compare-and-swap')
        throw new AppError('CONFLICT', 'The connection changed during the refresh; try again')
      }
      await recordConnectionEvent(deps, {
        organizationId: c.organizationId,
        connectionId: c.id,
        kind: 'REFRESHED',
      }).catch(() => {})
      return load(deps, c.id)
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT') throw e
      lastError = e
      await sleep(50 * (attempt + 1))
    }
  }
  deps.log.error({ connectionId: c.id, err: String(lastError) }, 'could not persist refreshed tokens')
  throw new AppError('INTERNAL', 'Could not save the refreshed token')
}

async function markRefreshFailed(
  deps: CoreDeps,
  c: Connection,
  owner: string,
  reason: string,
): Promise<void> {
  await deps.db
    .updateTable('connections')
    .set({
      status: 'REFRESH_FAILED',
      statusReason: reason.slice(0, 500),
      credentialsVersion: c.credentialsVersion + 1,
      refreshLeaseOwner: null,
      refreshLeaseUntil: null,
      updatedAt: deps.clock.now().toISOString(),
    })
    .where('id', '=', c.id)
    .where('refreshLeaseOwner', '=', owner)
    .execute()
  await recordConnectionEvent(deps, {
    organizationId: c.organizationId,
    connectionId: c.id,
    kind: 'REFRESH_FAILED',
    detail: reason,
  })
}
