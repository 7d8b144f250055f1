import type { Database, Dialect } from '@switchboard/db'
import type { Kysely } from 'kysely'
import type { Cipher } from './crypto/cipher.ts'
import type { ProxyDispatcher } from './egress/guarded-fetch.ts'
import type { EventSink } from './events/types.ts'
import type { ProxyStatsRecorder } from './stats/proxy-stats.ts'

export interface Clock {
  now(): Date
  /** The same instant in ms, without making a Date (the proxy's hot path reads it often). */
  nowMs?(): number
}

export const systemClock: Clock = { now: () => new Date(), nowMs: Date.now }

/** The clock's time in ms: `nowMs` when it has one, else from `now()`. */
export function clockMs(clock: Clock): number {
  return clock.nowMs ? clock.nowMs() : clock.now().getTime()
}

/** The subset of pino that core uses, so tests can pass a recorder. */
export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

export interface CoreConfig {
  /** Base URL people and providers reach us at, e.g. http://localhost:3000 (no trailing slash). */
  publicUrl: string
  /**
   * Hosts or host:port that outbound calls (OAuth endpoints, verify requests, the proxy) may
   * reach even though they are loopback/private or plain http. Empty in production.
   */
  egressAllow: readonly string[]
  /** Proxied requests per organization per minute (0 = unlimited). */
  proxyRateLimitPerMinute: number
  /**
   * How long the proxy's hot-path reads (API key, workspace, integration, connection) may be
   * served from memory when this process wrote nothing since; bounds how late another
   * instance's change is seen. Default 1000 ms; 0 disables the cache.
   */
  readCacheMs?: number
  /** Deadline of one proxied call, body included (default 120 000 ms). */
  proxyTimeoutMs?: number
  /** SWITCHBOARD_EXPIRING_DAYS: a refresh token ending this close counts as expiring (default 7). */
  expiringDays?: number | undefined
  /** SWITCHBOARD_EVENT_RETENTION_DAYS: events older than this are pruned (default 90). */
  eventRetentionDays?: number | undefined
  /**
   * Dashboard SSO's OpenID provider (SWITCHBOARD_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET); absent:
   * no SSO. Its redirect URI is `${publicUrl}/api/v1/auth/sso/callback`.
   */
  sso?: SsoConfig | undefined
}

export interface SsoConfig {
  /** The issuer identifier, exactly as the provider's discovery document and `iss` say it. */
  issuer: string
  clientId: string
  clientSecret: string
}

/**
 * An in-process cache of the proxy's hot-path reads and derivations. Core never caches on its
 * own: the server supplies one (apps/server/src/perf/read-cache.ts), and without one every
 * read goes to the database and every derivation is computed afresh.
 */
export interface ReadCache {
  /**
   * A database read: served from memory while it cannot be stale (see the server's cache),
   * loaded otherwise. `under` keys it by an object as well (default: the database).
   */
  read<T>(deps: CoreDeps, kind: string, key: string, load: () => Promise<T>, under?: object): Promise<T>
  /** A pure computation from `scope` (an immutable object) and `key`, remembered while `scope` lives. */
  derive<T>(kind: string, scope: object, key: string, compute: () => T): T
}

/** An email core asks the server to send (plain text; the server owns SMTP and the sender). */
export interface OutgoingMail {
  to: string
  subject: string
  text: string
}

/** Everything a core use case may touch, passed in so tests can drive time and the network. */
export interface CoreDeps {
  db: Kysely<Database>
  dialect: Dialect
  clock: Clock
  fetch: typeof globalThis.fetch
  /** The undici dispatcher the proxy sends through (guarded against internal addresses). */
  dispatcher: ProxyDispatcher
  cipher: Cipher
  log: Logger
  config: CoreConfig
  newId(): string
  /**
   * Tells this process's webhook worker that deliveries were enqueued (it looks shortly after,
   * once the transaction has committed); other processes find them by polling.
   */
  webhookWake?: (() => void) | undefined
  /** The server's hot-path cache, if any (see ReadCache). */
  readCache?: ReadCache | undefined
  /**
   * Called in the transaction of every event appendEvent writes (the webhook outbox). Absent or
   * empty: events are only logged.
   */
  eventSinks?: EventSink[] | undefined
  /** Counts proxied calls for the overview (the server flushes it); absent: not counted. */
  proxyStats?: ProxyStatsRecorder | undefined
  /**
   * Sends an email (the server builds it from SWITCHBOARD_SMTP_URL); rejects when the mail
   * server does not take it. Absent: nothing is emailed (invites answer `emailed: false`).
   */
  sendMail?: ((mail: OutgoingMail) => Promise<void>) | undefined
}
