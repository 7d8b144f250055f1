import path from 'node:path'
import { z } from 'zod'
import { parseTrustProxy, type TrustProxy } from './trust-proxy.ts'

/** The only reader of process.env. Every variable is documented in docs/configuration.md. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  SWITCHBOARD_PUBLIC_URL: z.url().optional(),
  SWITCHBOARD_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  SWITCHBOARD_ENCRYPTION_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SWITCHBOARD_EGRESS_ALLOW: z.string().default(''),
  SWITCHBOARD_WEB_DIST: z.string().optional(),
  SWITCHBOARD_PROXY_RATE_LIMIT: z.coerce.number().int().min(0).default(6000),
  SWITCHBOARD_REFRESH_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(30),
  SWITCHBOARD_READ_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  SWITCHBOARD_PROXY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  SWITCHBOARD_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
  SWITCHBOARD_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  SWITCHBOARD_EXPIRING_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
  SWITCHBOARD_VERIFY_INTERVAL: z
    .string()
    .default('off')
    .superRefine((value, ctx) => {
      if (parseInterval(value) === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'a duration such as 3600 (seconds), 30m, 6h or 1d (at least 1 minute), or "off"',
        })
      }
    }),
  SWITCHBOARD_WEBHOOKS_ENABLED: z
    .enum(['true', 'false', '1', '0', 'on', 'off'])
    .default('true')
    .transform((v) => v === 'true' || v === '1' || v === 'on'),
  SWITCHBOARD_OAUTH_PURGE_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
  SWITCHBOARD_STATS_FLUSH_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  SWITCHBOARD_WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SWITCHBOARD_WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default('5,60,600,3600,21600,43200')
    .transform((v, ctx) => {
      const list = v.split(',').map((x) => Number(x.trim()))
      if (list.length === 0 || list.some((n) => !Number.isFinite(n) || n < 0.05 || n > 43_200)) {
        ctx.addIssue({
          code: 'custom',
          message: 'comma-separated seconds, each 0.05–43200 (the last one repeats)',
        })
        return z.NEVER
      }
      return list
    }),
  SWITCHBOARD_WEBHOOK_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  SWITCHBOARD_OIDC_ISSUER: z.url().optional(),
  SWITCHBOARD_OIDC_CLIENT_ID: z.string().min(1).optional(),
  SWITCHBOARD_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** smtp:// or smtps:// URL of the mail server invites are sent through; unset: not emailed. */
  SWITCHBOARD_SMTP_URL: z
    .url()
    .refine((u) => /^smtps?:\/\//i.test(u), 'must be an smtp:// or smtps:// URL')
    .optional(),
  SWITCHBOARD_SMTP_FROM: z.string().min(3).max(320).optional(),
  SWITCHBOARD_TRUST_PROXY: z
    .string()
    .default('')
    .superRefine((value, ctx) => {
      try {
        parseTrustProxy(value)
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message })
      }
    }),
})

export interface Env {
  port: number
  host: string
  publicUrl: string
  dataDir: string
  databaseUrl: string | undefined
  encryptionKeys: string | undefined
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  egressAllow: string[]
  webDist: string | undefined
  proxyRateLimitPerMinute: number
  refreshIntervalSeconds: number
  readCacheMs: number
  proxyTimeoutMs: number
  shutdownGraceMs: number
  /** Proxies whose X-Forwarded-* headers are believed; `false` (none) by default. */
  trustProxy: TrustProxy
  /** Events older than this many days are pruned (default 90). */
  eventRetentionDays: number
  /** A refresh token ending within this many days makes its connection `expiring` (default 7). */
  expiringDays: number
  /** How often API-key connections are verified against the provider, in ms; 0 = off (default). */
  verifyIntervalMs: number
  /**
   * Whether this process runs the webhook delivery worker. Deliveries are written to the
   * outbox either way (nothing is lost), so another instance with it on sends them.
   */
  webhooksEnabled: boolean
  /** How often this instance writes its per-minute proxy counts (the overview's traffic). */
  statsFlushMs: number
  /** Lease of the authorization server's expired-row purge (SWITCHBOARD_OAUTH_PURGE_MS). */
  oauthPurgeMs: number
  /** How often the worker looks for due deliveries other instances enqueued, and retries. */
  webhookPollMs: number
  /** Delays (s) after each failed delivery attempt; the last one repeats until the 3-day horizon. */
  webhookRetrySeconds: number[]
  /** How long a claimed delivery stays with its worker; a crashed worker's claims are retaken after it. */
  webhookLeaseMs: number
  /** Dashboard SSO's OpenID provider; undefined without SWITCHBOARD_OIDC_ISSUER. */
  sso: { issuer: string; clientId: string; clientSecret: string } | undefined
  /** SWITCHBOARD_SMTP_URL and the sender (SWITCHBOARD_SMTP_FROM); undefined: nothing is emailed. */
  smtp: { url: string; from: string } | undefined
}

/** SWITCHBOARD_VERIFY_INTERVAL: "off"/"0", seconds, or a number with s, m, h or d; undefined if invalid. */
export function parseInterval(value: string): number | undefined {
  const v = value.trim().toLowerCase()
  if (v === 'off' || v === '0') return 0
  const m = /^(\d{1,9})(s|m|h|d)?$/.exec(v)
  if (!m) return undefined
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd']
  const ms = Number(m[1]) * unit
  return ms >= 60_000 ? ms : undefined
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}\nSee docs/configuration.md.`)
  }
  const e = parsed.data
  const ssoParts = [e.SWITCHBOARD_OIDC_ISSUER, e.SWITCHBOARD_OIDC_CLIENT_ID, e.SWITCHBOARD_OIDC_CLIENT_SECRET]
  if (ssoParts.some(Boolean) && !ssoParts.every(Boolean)) {
    throw new Error(
      'Invalid environment:\n  SWITCHBOARD_OIDC_ISSUER, SWITCHBOARD_OIDC_CLIENT_ID and SWITCHBOARD_OIDC_CLIENT_SECRET go together: set all three for SSO, or none\nSee docs/configuration.md.',
    )
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.SWITCHBOARD_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    // Relative to where the command was typed (pnpm runs scripts inside the package folder).
    dataDir: path.resolve(source.INIT_CWD ?? process.cwd(), e.SWITCHBOARD_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    encryptionKeys: e.SWITCHBOARD_ENCRYPTION_KEYS,
    logLevel: e.LOG_LEVEL,
    egressAllow: e.SWITCHBOARD_EGRESS_ALLOW.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    webDist: e.SWITCHBOARD_WEB_DIST,
    proxyRateLimitPerMinute: e.SWITCHBOARD_PROXY_RATE_LIMIT,
    refreshIntervalSeconds: e.SWITCHBOARD_REFRESH_INTERVAL_SECONDS,
    readCacheMs: e.SWITCHBOARD_READ_CACHE_MS,
    proxyTimeoutMs: e.SWITCHBOARD_PROXY_TIMEOUT_SECONDS * 1000,
    shutdownGraceMs: e.SWITCHBOARD_SHUTDOWN_GRACE_SECONDS * 1000,
    trustProxy: parseTrustProxy(e.SWITCHBOARD_TRUST_PROXY),
    eventRetentionDays: e.SWITCHBOARD_EVENT_RETENTION_DAYS,
    expiringDays: e.SWITCHBOARD_EXPIRING_DAYS,
    verifyIntervalMs: parseInterval(e.SWITCHBOARD_VERIFY_INTERVAL) ?? 0,
    webhooksEnabled: e.SWITCHBOARD_WEBHOOKS_ENABLED,
    statsFlushMs: e.SWITCHBOARD_STATS_FLUSH_MS,
    oauthPurgeMs: e.SWITCHBOARD_OAUTH_PURGE_MS,
    webhookPollMs: e.SWITCHBOARD_WEBHOOK_POLL_MS,
    webhookRetrySeconds: e.SWITCHBOARD_WEBHOOK_RETRY_SCHEDULE,
    webhookLeaseMs: e.SWITCHBOARD_WEBHOOK_LEASE_SECONDS * 1000,
    sso:
      e.SWITCHBOARD_OIDC_ISSUER && e.SWITCHBOARD_OIDC_CLIENT_ID && e.SWITCHBOARD_OIDC_CLIENT_SECRET
        ? {
            issuer: e.SWITCHBOARD_OIDC_ISSUER,
            clientId: e.SWITCHBOARD_OIDC_CLIENT_ID,
            clientSecret: e.SWITCHBOARD_OIDC_CLIENT_SECRET,
          }
        : undefined,
    smtp: e.SWITCHBOARD_SMTP_URL
      ? {
          url: e.SWITCHBOARD_SMTP_URL,
          from:
            e.SWITCHBOARD_SMTP_FROM ??
            `Switchboard <no-reply@${new URL(e.SWITCHBOARD_PUBLIC_URL ?? 'http://localhost').hostname}>`,
        }
      : undefined,
  }
}
