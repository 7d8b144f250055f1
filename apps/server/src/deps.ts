import { randomUUID } from 'node:crypto'
import {
  type CoreDeps,
  createCipher,
  createGuardedAgent,
  createGuardedFetch,
  createWebhookSink,
  ProxyStatsRecorder,
  systemClock,
} from '@switchboard/core'
import { type Db, migrateToLatest, openDatabase } from '@switchboard/db'
import type { Logger } from 'pino'
import type { Env } from './env.ts'
import { loadKeyRing } from './keys.ts'
import { createSmtpMailer } from './mailer.ts'
import { installReadCache } from './perf/read-cache.ts'

/** Opens the database, runs migrations and assembles the core dependencies. */
export async function createCoreDeps(env: Env, logger: Logger): Promise<{ core: CoreDeps; database: Db }> {
  const keys = loadKeyRing(env, logger)
  const database = openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir })
  const applied = await migrateToLatest(database.db)
  if (applied.length > 0) logger.info({ applied, database: database.describe }, 'migrations applied')
  const dispatcher = createGuardedAgent({ allow: env.egressAllow })
  const core: CoreDeps = {
    db: database.db,
    dialect: database.dialect,
    clock: systemClock,
    // Outbound calls refuse internal addresses unless SWITCHBOARD_EGRESS_ALLOW names them.
    fetch: createGuardedFetch({ allow: env.egressAllow }, dispatcher),
    dispatcher,
    cipher: createCipher(keys),
    log: logger,
    config: {
      publicUrl: env.publicUrl,
      egressAllow: env.egressAllow,
      proxyRateLimitPerMinute: env.proxyRateLimitPerMinute,
      readCacheMs: env.readCacheMs,
      proxyTimeoutMs: env.proxyTimeoutMs,
      expiringDays: env.expiringDays,
      eventRetentionDays: env.eventRetentionDays,
      sso: env.sso,
    },
    newId: randomUUID,
    // Invites are emailed when SWITCHBOARD_SMTP_URL is set.
    sendMail: env.smtp ? createSmtpMailer(env.smtp.url, env.smtp.from) : undefined,
  }
  // The webhook outbox: one delivery per subscribed endpoint, written in each event's transaction.
  core.eventSinks = [createWebhookSink(core)]
  // Proxied calls counted per minute in memory; the server flushes them (server.ts).
  core.proxyStats = new ProxyStatsRecorder(core.clock)
  return { core: installReadCache(core), database }
}
