import {
  type CoreDeps,
  recoverInterruptedConnectSessions,
  resolveOAuthAccessToken,
  startBackgroundRefresher,
  startProxyStatsFlusher,
  startWebhookWorker,
  stopRefreshes,
} from '@switchboard/core'
import type { Logger } from 'pino'
import { type App, buildApp } from './app.ts'
import { createCoreDeps } from './deps.ts'
import type { Env } from './env.ts'

export interface RunningServer {
  app: App
  core: CoreDeps
  /** Where the server listens, e.g. `http://127.0.0.1:3000`. */
  url: string
  /** The database, for logs (the SQLite file, or the PostgreSQL URL without its password). */
  database: string
  /**
   * Stops taking requests and starting refreshes, lets the ones under way finish, then closes
   * the database. A refresh the provider has answered holds the only copy of the rotated
   * refresh token until it is committed, so nothing is cut short.
   */
  stop(): Promise<void>
}

/** Opens the database (migrating it), builds the app, listens, and starts the background refresher. */
export async function startServer(
  env: Env,
  logger: Logger,
  options: { webDist?: string | undefined; logoDir?: string | undefined } = {},
): Promise<RunningServer> {
  const { core, database } = await createCoreDeps(env, logger)
  // Access tokens our authorization server issued are accepted as Bearer credentials.
  const app = await buildApp({
    core,
    logger,
    webDist: options.webDist,
    logoDir: options.logoDir,
    bearerResolvers: [resolveOAuthAccessToken],
    trustProxy: env.trustProxy,
  })
  try {
    await app.listen({ port: env.port, host: env.host })
  } catch (err) {
    await app.close()
    await database.close()
    throw err
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : env.port
  const url = `http://${env.host.includes(':') ? `[${env.host}]` : env.host}:${port}`
  const refresher =
    env.refreshIntervalSeconds > 0
      ? startBackgroundRefresher(core, env.refreshIntervalSeconds * 1000, {
          jobs: { verifyIntervalMs: env.verifyIntervalMs, oauthPurgeEveryMs: env.oauthPurgeMs },
        })
      : null
  // Sends the outbox's deliveries (leased: several instances share the work on PostgreSQL).
  const webhooks = env.webhooksEnabled
    ? startWebhookWorker(core, {
        pollMs: env.webhookPollMs,
        leaseMs: env.webhookLeaseMs,
        retrySeconds: env.webhookRetrySeconds.slice(0, -1),
        repeatSeconds: env.webhookRetrySeconds.at(-1) as number,
      })
    : null
  const stats = core.proxyStats ? startProxyStatsFlusher(core, core.proxyStats, env.statsFlushMs) : null
  // Connect flows a crash (of this or another instance) left half done: ended and their
  // tokens revoked, without holding up the start.
  const recovering = recoverInterruptedConnectSessions(core).then(
    (r) => {
      if (r.failed > 0 || r.revoked > 0) logger.warn(r, 'recovered interrupted connect sessions')
    },
    (err: unknown) => logger.error({ err }, 'recovering interrupted connect sessions failed'),
  )
  let stopping: Promise<void> | undefined
  return {
    app,
    core,
    url,
    database: database.describe,
    stop() {
      stopping ??= (async () => {
        // Requests under way finish (app.close waits for them), the refresher's pass ends, and
        // refreshes under way (even those whose caller hung up) reach their commit, without retries.
        // The webhook worker claims nothing more and records the outcome of the sends under way.
        const results = await Promise.allSettled([
          app.close(),
          refresher?.stop(),
          webhooks?.stop(),
          stopRefreshes(core),
          recovering,
        ])
        // A request that was still running may have started a refresh after the first wait.
        await stopRefreshes(core)
        // The last minute's proxy counts, once no request is running.
        await stats?.stop()
        await database.close()
        const failed = results.find((r) => r.status === 'rejected')
        if (failed) throw failed.reason
      })()
      return stopping
    },
  }
}

/**
 * A SIGINT this soon after the first is the same Ctrl-C: under `pnpm start` the terminal
 * signals the whole process group and pnpm passes the signal on to its script as well.
 */
const SAME_CTRL_C_MS = 1000

/**
 * On SIGTERM or SIGINT, stops the server gracefully and exits 0; exits 1 if that takes longer
 * than `graceMs` (set it below the orchestrator's own kill timeout), 130 on a second Ctrl-C.
 */
export function stopOnSignals(server: RunningServer, logger: Logger, graceMs: number): void {
  let signalledAt: number | undefined
  const stop = (signal: string) => {
    if (signalledAt !== undefined) {
      // A second Ctrl-C is someone at a terminal who does not want to wait; a repeated
      // SIGTERM changes nothing, the shutdown under way keeps its grace period.
      if (signal === 'SIGINT' && Date.now() - signalledAt > SAME_CTRL_C_MS) {
        logger.warn('interrupted again: exiting now, with work still under way')
        process.exit(130)
      }
      return
    }
    signalledAt = Date.now()
    logger.info({ signal }, 'shutting down: finishing requests and token refreshes under way')
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown took too long; exiting with work still under way')
      process.exit(1)
    }, graceMs)
    server.stop().then(
      () => {
        clearTimeout(timer)
        process.exit(0)
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}
