import type { Connection } from '@switchboard/db'
import { statusDetailOf } from '../connections/connection-health.ts'
import {
  decryptCredentials,
  decryptCredentialsCached,
  encryptCredentials,
  type StoredCredentials,
} from '../connections/credentials.ts'
import { type CoreDeps, clockMs } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { AppError } from '../errors.ts'
import { appendConnectionEvent } from '../events/connection-event.ts'
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
import { refreshDueAt, refreshMarginMs } from './refresh-margin.ts'

/** Refresh this long before expiry. */
export const REFRESH_MARGIN_MS = 60_000
/**
 * A refresh lease lasts this long from its last renewal. The refresher renews it every
 * LEASE_RENEW_MS while it works, so a lease that runs out was left by a refresher that stopped
 * (crashed, killed, lost its database): the next caller takes it over at most this long after
 * the last sign of life. Instances' clocks must agree to well within this (NTP).
 */
export const LEASE_TTL_MS = 15_000
export const LEASE_RENEW_MS = 5_000
/** One refresh (its retries included) ends within this long: retries that would not fit are not tried. */
const REFRESH_BUDGET_MS = 60_000
const WAIT_STEP_MS = 25
/**
 * How long a caller waits on another instance's refresh before answering REFRESH_IN_PROGRESS:
 * longer than a lease lasts without renewal, so a dead refresher's lease is always taken over
 * within the wait.
 */
export const MAX_WAIT_MS = 30_000

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

/** Processes (keyed by their database) that are shutting down. */
const stopping = new WeakSet<object>()

/**
 * For a process that is shutting down: refreshes under way finish (a refresh the provider has
 * answered holds the only copy of the rotated refresh token until its commit), but none retries,
 * and callers waiting on another instance's refresh give up at once. Resolves when no refresh
 * runs any more; only then may the database be closed.
 */
export async function stopRefreshes(deps: CoreDeps): Promise<void> {
  stopping.add(deps.db)
  const map = flights(deps)
  while (map.size > 0) await Promise.allSettled([...map.values()])
}

/**
 * Whether a token must be renewed before it is used: when at most REFRESH_MARGIN_MS is left,
 * or, for a token living under four minutes, its own margin (refresh-margin.ts) — so a
 * 1-minute token is not renewed on every call.
 */
function needsRefresh(deps: CoreDeps, c: Connection): boolean {
  if (c.type !== 'OAUTH2' || c.tokenExpiresAt === null) return false
  const expires = Date.parse(c.tokenExpiresAt)
  const left = expires - clockMs(deps.clock)
  if (left > REFRESH_MARGIN_MS) return false
  const issued = c.lastRefreshedAt ?? c.lastAuthorizedAt
  return issued === null || left <= Math.min(REFRESH_MARGIN_MS, refreshMarginMs(expires - Date.parse(issued)))
}

/**
 * The connection's credentials as they are, when they need no refresh (the usual case):
 * without a promise, so the proxy's hot path does not wait a turn for them. `undefined` when
 * only `getFreshCredentials` can answer (a refresh is due, or the connection failed one).
 */
export function currentCredentials(deps: CoreDeps, connection: Connection): FreshCredentials | undefined {
  if (connection.status === 'REFRESH_FAILED' || needsRefresh(deps, connection)) return undefined
  return { connection, credentials: decryptCredentialsCached(deps, connection) }
}

/**
 * The connection's credentials, refreshed first when the access token is (nearly) expired
 * or when `force` is set (a 401 from the API). Concurrent callers in this process share one
 * refresh; other processes wait on the database lease and reuse the committed result.
 */
export interface RefreshOptions {
  /** Refresh even if the token is not near expiry (a 401 from the API, the background refresher). */
  force?: boolean
  hooks?: RefreshHooks
  /** How long to wait on another instance's refresh; default MAX_WAIT_MS. */
  maxWaitMs?: number
}

export async function getFreshCredentials(
  deps: CoreDeps,
  connection: Connection,
  options: RefreshOptions = {},
): Promise<FreshCredentials> {
  if (connection.status === 'REFRESH_FAILED') throw refreshFailed(connection.id, connection.statusReason)
  const current = options.force ? undefined : currentCredentials(deps, connection)
  if (current) return current
  if (connection.type !== 'OAUTH2')
    return { connection, credentials: decryptCredentialsCached(deps, connection) }
  const map = flights(deps)
  const existing = map.get(connection.id)
  if (existing) return existing
  const flight = refreshOnce(deps, connection, options.hooks ?? {}, options.maxWaitMs ?? MAX_WAIT_MS).finally(
    () => map.delete(connection.id),
  )
  map.set(connection.id, flight)
  return flight
}

/**
 * After a forced refresh, a 401 on a token refreshed less than this long ago reuses that
 * refresh's result instead of refreshing again: the token is fresh, and the API refuses it.
 */
export const UNAUTHORIZED_COOLDOWN_MS = 60_000

/** What to do about the API's 401 on `used` (see `credentialsAfterUnauthorized`). */
export type AfterUnauthorized =
  /** Newer credentials to try again with: another caller's refresh, or one forced now. */
  | { kind: 'retry'; fresh: FreshCredentials }
  /** The API refused a token refreshed within the cooldown: refreshing again would not help. */
  | { kind: 'rejected' }
  /** A refresh failed moments ago and is backing off: pass the 401 on, nothing is known. */
  | { kind: 'backing-off' }

/**
 * The API answered 401 to the credentials `used`. If the connection has newer ones by now,
 * they are the answer (no refresh); if `used` was refreshed within UNAUTHORIZED_COOLDOWN_MS,
 * the token is fresh and refused (no refresh: the caller marks the connection unhealthy);
 * otherwise one forced refresh, shared with other callers as any refresh is.
 */
export async function credentialsAfterUnauthorized(
  deps: CoreDeps,
  used: FreshCredentials,
  hooks?: RefreshHooks,
): Promise<AfterUnauthorized> {
  const current = await load(deps, used.connection.id)
  if (current.credentialsVersion !== used.connection.credentialsVersion) {
    return { kind: 'retry', fresh: settled(deps, current) }
  }
  const now = clockMs(deps.clock)
  if (
    current.lastRefreshedAt !== null &&
    now - Date.parse(current.lastRefreshedAt) < UNAUTHORIZED_COOLDOWN_MS
  ) {
    return { kind: 'rejected' }
  }
  if (current.nextRefreshAt !== null && Date.parse(current.nextRefreshAt) > now)
    return { kind: 'backing-off' }
  return {
    kind: 'retry',
    fresh: await getFreshCredentials(deps, current, hooks ? { force: true, hooks } : { force: true }),
  }
}

function refreshFailed(connectionId: string, reason: string | null): AppError {
  return new AppError(
    'INVALID_CREDENTIALS',
    'This connection needs to be reconnected: its refresh token was rejected',
    { connectionId, reason },
  )
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
  maxWaitMs: number,
): Promise<FreshCredentials> {
  const owner = deps.newId()
  const deadline = Date.now() + maxWaitMs
  const version = observed.credentialsVersion
  /** Whether the lease was taken over from a refresher that stopped before finishing. */
  let interrupted = false
  let since = 0
  /** The failures recorded when this caller started waiting on another refresher. */
  let failuresWhenWaiting: number | null = null
  for (;;) {
    if (failuresWhenWaiting !== null) {
      // Waiting on another refresher: its outcome, whichever it is, is this caller's answer.
      const current = await load(deps, observed.id)
      if (current.credentialsVersion !== version) return settled(deps, current)
      if (current.refreshFailures > failuresWhenWaiting) {
        throw refreshFailedForNow(deps, current, settlingUntil(current))
      }
    }
    const now = deps.clock.now()
    since = now.getTime()
    const take = (free: 'unheld' | 'expired') =>
      deps.db
        .updateTable('connections')
        .set({
          refreshLeaseOwner: owner,
          refreshLeaseUntil: new Date(now.getTime() + LEASE_TTL_MS).toISOString(),
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
    if (current.credentialsVersion !== version) return settled(deps, current)
    // The last refresh failed without an answer and its lease is left to run out: until then
    // nobody may send the token again (the first request may still be under way).
    const settling = settlingUntil(current)
    if (settling !== undefined) throw refreshFailedForNow(deps, current, settling)
    if (stopping.has(deps.db)) throw new AppError('SHUTTING_DOWN', 'This server is shutting down; try again')
    if (Date.now() > deadline) {
      throw new AppError(
        'REFRESH_IN_PROGRESS',
        "Another Switchboard instance is still refreshing this connection's token; try again in a few seconds",
        { retryAfterSeconds: LEASE_RENEW_MS / 1000 },
      )
    }
    failuresWhenWaiting ??= current.refreshFailures
    await sleep(WAIT_STEP_MS)
  }
  const lease: Lease = { owner, since, interrupted }
  const stopRenewing = renewLease(deps, observed.id, owner)
  try {
    return await refreshWithLease(deps, await load(deps, observed.id), lease, hooks)
  } finally {
    stopRenewing()
  }
}

/**
 * Keeps this refresher's lease alive (every LEASE_RENEW_MS, for LEASE_TTL_MS more) until the
 * returned function is called. A renewal that fails or finds the lease gone changes nothing
 * here: the commit's compare-and-swap decides whose tokens stand.
 */
function renewLease(deps: CoreDeps, id: string, owner: string): () => void {
  const timer = setInterval(() => {
    deps.db
      .updateTable('connections')
      .set({ refreshLeaseUntil: new Date(clockMs(deps.clock) + LEASE_TTL_MS).toISOString() })
      .where('id', '=', id)
      .where('refreshLeaseOwner', '=', owner)
      .execute()
      .catch((err: unknown) =>
        deps.log.warn({ connectionId: id, err: String(err) }, 'could not renew the refresh lease'),
      )
  }, LEASE_RENEW_MS)
  timer.unref()
  return () => clearInterval(timer)
}

/** When the lease a refresh left to run out (its answer was lost) ends; undefined if none was. */
function settlingUntil(c: Connection): number | undefined {
  return c.refreshLeaseOwner === null && c.refreshLeaseUntil !== null
    ? Date.parse(c.refreshLeaseUntil)
    : undefined
}

/**
 * A refresh that failed for now (the provider was unreachable or answered 5xx/429, or its
 * answer was lost): the connection is kept, and the call may be tried again at `retryAtMs`
 * (default: the background refresher's next attempt, capped to a minute).
 */
function refreshFailedForNow(deps: CoreDeps, c: Connection, retryAtMs?: number): AppError {
  const now = clockMs(deps.clock)
  const at = retryAtMs ?? (c.nextRefreshAt ? Date.parse(c.nextRefreshAt) : now)
  const seconds = Math.min(60, Math.max(1, Math.ceil((at - now) / 1000)))
  return new AppError(
    'REFRESH_FAILED',
    `The provider could not refresh this connection's token just now; try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
  )
}

/** What another refresher left: its committed credentials, or the failure it recorded. */
function settled(deps: CoreDeps, current: Connection): FreshCredentials {
  if (current.status === 'REFRESH_FAILED') throw refreshFailed(current.id, current.statusReason)
  return { connection: current, credentials: decryptCredentials(deps, current) }
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

/** This refresher's hold on the connection's refresh. */
interface Lease {
  owner: string
  /** When it was taken (the clock's ms); the refresh, retries included, ends REFRESH_BUDGET_MS later. */
  since: number
  /** Taken over from a refresher that stopped mid-refresh: its token may be rotated out. */
  interrupted: boolean
}

/**
 * After a token request the provider may have acted on without our seeing the answer, the
 * lease is left to run out this much later instead of being cleared: a request still under way
 * at the provider has ended by then, and the next refresher takes the lease over as interrupted,
 * so it asks the provider about the token before sending it.
 */
const SETTLE_MS = TOKEN_REQUEST_TIMEOUT_MS + 5_000

async function releaseLease(
  deps: CoreDeps,
  id: string,
  lease: Lease,
  patch: Record<string, unknown> & { refreshLeaseUntil?: string | null } = {},
) {
  await deps.db
    .updateTable('connections')
    .set({ refreshLeaseOwner: null, refreshLeaseUntil: null, ...patch })
    .where('id', '=', id)
    .where('refreshLeaseOwner', '=', lease.owner)
    .execute()
}

const BACKOFF_MS = [200, 800, 2000]
/** Time kept inside the lease for committing the result. */
const COMMIT_ROOM_MS = 5_000

const INTERRUPTED_REASON =
  'A token refresh was interrupted (a server stopped or lost the answer mid-refresh), and the provider no longer accepts the refresh token. Reconnect to restore access.'

/**
 * Whether a refresh token whose last use may have reached the provider can be sent again. If
 * the provider had answered that use, the token was rotated out, and sending it again is reuse
 * (RFC 9700 §4.14.2: the provider may revoke the whole grant and raise an alarm). Providers
 * with an RFC 7662 introspection endpoint are asked; without one the token is sent (had the
 * provider rotated it, the answer is invalid_grant either way and reconnecting is needed).
 */
async function mayResend(deps: CoreDeps, c: Connection, cfg: OAuthClientConfig, refreshToken: string) {
  if (cfg.oauth2.introspectionUrl) {
    checkEgressUrl({ allow: deps.config.egressAllow }, cfg.oauth2.introspectionUrl, 'introspection URL')
  }
  const active = await introspectToken(deps.fetch, cfg, refreshToken, 'refresh_token')
  if (active === null && cfg.oauth2.introspectionUrl) {
    // It could not be asked now: try again later rather than guess.
    throw new OAuthTransientError('Could not ask the provider whether the refresh token is still valid', null)
  }
  if (active === null) {
    deps.log.warn(
      { connectionId: c.id },
      'resending a refresh token whose last use may have reached the provider: it cannot tell us whether it rotated it',
    )
  }
  return active !== false
}

/** The provider may have acted on the request although we saw no (usable) answer. */
const ambiguous = (e: unknown) => e instanceof OAuthTransientError && e.mayHaveActed

async function refreshWithLease(
  deps: CoreDeps,
  c: Connection,
  lease: Lease,
  hooks: RefreshHooks,
): Promise<FreshCredentials> {
  const creds = decryptCredentials(deps, c)
  if (creds.kind !== 'oauth2') throw new AppError('INTERNAL', 'OAuth2 connection without OAuth2 credentials')
  let tokens: TokenSet
  let maybeSent = lease.interrupted
  try {
    const cfg = await clientConfigFor(deps, c)
    const clientCredentials = cfg.oauth2.grantType === 'client_credentials'
    const refreshToken = creds.refreshToken
    if (!clientCredentials && !refreshToken) {
      throw new CannotRefresh('The provider issued no refresh token; reconnect to renew access')
    }
    // The network call happens outside any transaction; only the lease is held.
    tokens = await withTransientRetries(deps, lease, async () => {
      if (clientCredentials) return requestClientCredentials(deps.fetch, cfg, cfg.oauth2.scopes)
      if (maybeSent && !(await mayResend(deps, c, cfg, refreshToken as string))) {
        throw new CannotRefresh(INTERRUPTED_REASON)
      }
      maybeSent = true
      try {
        return await refreshAccessToken(deps.fetch, cfg, refreshToken as string)
      } catch (e) {
        // An answer (even an error) means the provider did not lose track; no answer may mean anything.
        maybeSent = ambiguous(e)
        throw e
      }
    })
  } catch (e) {
    if (e instanceof CannotRefresh) return failRefresh(deps, c, lease, e.message)
    if (
      e instanceof OAuthProviderError &&
      (e.code === 'invalid_grant' || e.code === 'unauthorized_client' || e.code === 'invalid_client')
    ) {
      return failRefresh(deps, c, lease, `${e.code}${e.description ? `: ${e.description}` : ''}`)
    }
    const nextRefreshAt = new Date(
      deps.clock.now().getTime() + Math.min(3600_000, 30_000 * 2 ** c.refreshFailures),
    ).toISOString()
    await releaseLease(deps, c.id, lease, {
      refreshFailures: c.refreshFailures + 1,
      nextRefreshAt,
      refreshDueAt: refreshDueAt({ ...c, nextRefreshAt }),
      ...(maybeSent && {
        refreshLeaseUntil: new Date(deps.clock.now().getTime() + SETTLE_MS).toISOString(),
      }),
    })
    deps.log.warn(
      { connectionId: c.id, err: e instanceof Error ? e.message : String(e) },
      'token refresh failed; will retry',
    )
    if (e instanceof AppError) throw e
    throw refreshFailedForNow(
      deps,
      c,
      clockMs(deps.clock) + (maybeSent ? SETTLE_MS : Math.min(60_000, 30_000 * 2 ** c.refreshFailures)),
    )
  }
  const next: StoredCredentials = {
    kind: 'oauth2',
    accessToken: tokens.accessToken,
    // A response without a refresh token keeps the old one (RFC 6749 §6).
    refreshToken: tokens.refreshToken ?? creds.refreshToken,
    tokenType: tokens.tokenType,
  }
  const outcome = await commitRefresh(deps, c, tokens, next, hooks)
  if (outcome.credentials === next) await hooks.afterCommit?.(c.id)
  return outcome
}

/** Refreshing cannot work (no refresh token, or one the provider no longer accepts): reconnect. */
class CannotRefresh extends Error {}

/**
 * Retries failures the provider reported (429, 503) with backoff, while another attempt (up to
 * the token request's timeout) still ends inside the lease — a refresher that outlived its lease
 * would be taken over — and not once this process is shutting down. A failure the provider may
 * have acted on is not retried here: a second request could overtake the first at the provider.
 */
async function withTransientRetries<T>(deps: CoreDeps, lease: Lease, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn()
    } catch (e) {
      const delay = BACKOFF_MS[attempt]
      if (!(e instanceof OAuthTransientError) || e.mayHaveActed || delay === undefined) throw e
      const ends = deps.clock.now().getTime() + delay + TOKEN_REQUEST_TIMEOUT_MS + COMMIT_ROOM_MS
      if (stopping.has(deps.db) || ends > lease.since + REFRESH_BUDGET_MS) throw e
      await sleep(delay)
      if (stopping.has(deps.db)) throw e
    }
  }
}

/**
 * Persists the rotated tokens before anyone uses them: compare-and-swap on the credentials
 * version. A failed attempt is retried with the tokens held in memory — they exist nowhere
 * else, and the old refresh token may already be dead at the provider. If another refresher
 * committed first (it took over a lease this one outlived), its tokens win: they are what
 * every other caller uses, and this refresh's are let go of (not revoked: at most providers
 * revoking a refresh token ends the whole grant, the winner's tokens with it).
 */
async function commitRefresh(
  deps: CoreDeps,
  c: Connection,
  tokens: TokenSet,
  next: StoredCredentials,
  hooks: RefreshHooks,
): Promise<FreshCredentials> {
  const now = deps.clock.now()
  const tokenExpiresAt =
    tokens.expiresInSeconds === null
      ? null
      : new Date(now.getTime() + tokens.expiresInSeconds * 1000).toISOString()
  const written = {
    credentialsCiphertext: encryptCredentials(deps, c.id, next),
    credentialsVersion: c.credentialsVersion + 1,
    tokenExpiresAt,
    ...(tokens.refreshTokenExpiresInSeconds !== null && {
      refreshTokenExpiresAt: new Date(
        now.getTime() + tokens.refreshTokenExpiresInSeconds * 1000,
      ).toISOString(),
    }),
    ...(tokens.scopes !== null && { grantedScopes: JSON.stringify(tokens.scopes) }),
    lastRefreshedAt: now.toISOString(),
    // The provider accepted the refresh token; an UNHEALTHY connection is not proven healthy by it.
    ...(c.status === 'ACTIVE' && { lastHealthyAt: now.toISOString() }),
    ...(tokens.refreshTokenExpiresInSeconds !== null && { expiringNotifiedAt: null }),
    // The status stays: an UNHEALTHY connection becomes ACTIVE when the API accepts a token
    // (connections/health.ts), not because the provider issued one.
    refreshFailures: 0,
    nextRefreshAt: null,
    refreshLeaseOwner: null,
    refreshLeaseUntil: null,
    updatedAt: now.toISOString(),
  }
  const patch = { ...written, refreshDueAt: refreshDueAt({ ...c, ...written }) }
  let lastError: unknown
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await hooks.beforeCommit?.(c.id)
      // The new tokens and their connection.refreshed event commit together.
      const committed = await deps.db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('connections')
          .set(patch)
          .where('id', '=', c.id)
          .where('credentialsVersion', '=', c.credentialsVersion)
          .executeTakeFirst()
        if (result.numUpdatedRows === 0n) return false
        await appendConnectionEvent({ ...deps, db: trx }, c, 'connection.refreshed', {
          data: { tokenExpiresAt: patch.tokenExpiresAt ?? null },
        })
        return true
      })
      if (!committed) {
        deps.log.warn(
          { connectionId: c.id },
          "refresh commit lost its compare-and-swap: another refresher's tokens were committed first; using those",
        )
        return settled(deps, await load(deps, c.id))
      }
      return { connection: await load(deps, c.id), credentials: next }
    } catch (e) {
      if (e instanceof AppError) throw e
      lastError = e
      await sleep(50 * (attempt + 1))
    }
  }
  deps.log.error({ connectionId: c.id, err: String(lastError) }, 'could not persist refreshed tokens')
  throw new AppError('INTERNAL', 'Could not save the refreshed token')
}

/**
 * Our lease ran out and another refresher took the connection over: its outcome (the
 * credentials it committed, or the failure it recorded) is the answer, as for any caller that
 * waits on another's refresh. CONFLICT only if it lets go without either, or never finishes.
 */
async function outcomeOfTakeover(deps: CoreDeps, c: Connection): Promise<FreshCredentials> {
  const deadline = Date.now() + MAX_WAIT_MS
  for (;;) {
    const current = await load(deps, c.id)
    if (current.credentialsVersion !== c.credentialsVersion) return settled(deps, current)
    if (current.refreshLeaseOwner === null || stopping.has(deps.db) || Date.now() > deadline) {
      throw new AppError('CONFLICT', 'The connection changed during the refresh; try again')
    }
    await sleep(WAIT_STEP_MS)
  }
}

/**
 * Marks the connection REFRESH_FAILED (kept for reconnect, no retry loop) and throws what
 * callers get. If the lease was lost meanwhile, the new holder's outcome is the answer.
 */
async function failRefresh(
  deps: CoreDeps,
  c: Connection,
  lease: Lease,
  reason: string,
): Promise<FreshCredentials> {
  const marked = await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('connections')
      .select('status')
      .where('id', '=', c.id)
      .executeTakeFirst()
    const updated = await trx
      .updateTable('connections')
      .set({
        status: 'REFRESH_FAILED',
        // Kept for reconnect: the background refresher no longer picks it up.
        refreshDueAt: refreshDueAt({ ...c, status: 'REFRESH_FAILED' }),
        statusReason: reason.slice(0, 500),
        lastUnhealthyAt: deps.clock.now().toISOString(),
        credentialsVersion: c.credentialsVersion + 1,
        refreshLeaseOwner: null,
        refreshLeaseUntil: null,
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', c.id)
      .where('refreshLeaseOwner', '=', lease.owner)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) return false
    const previousStatus = before?.status ?? c.status
    await appendConnectionEvent({ ...deps, db: trx }, c, 'connection.refresh_failed', {
      data: { reason: reason.slice(0, 500), previousStatus },
    })
    // Healthy until now: this is the transition to unhealthy (one event, not one per call).
    if (previousStatus === 'ACTIVE') {
      const { detail, resolution } = statusDetailOf({ status: 'REFRESH_FAILED', statusReason: reason })
      await appendConnectionEvent({ ...deps, db: trx }, c, 'connection.unhealthy', {
        data: { reason: detail, resolution, previousStatus },
      })
    }
    return true
  })
  if (!marked) return outcomeOfTakeover(deps, c)
  throw refreshFailed(c.id, reason.slice(0, 500))
}
