import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { resolveOAuthAccessToken, startBackgroundRefresher } from '@switchboard/core'
import { buildApp } from './app.ts'
import { createCoreDeps } from './deps.ts'
import { readEnv } from './env.ts'
import { createLogger } from './logger.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

async function main(): Promise<void> {
  const env = readEnv()
  const logger = createLogger(env.logLevel)
  const { core, database } = await createCoreDeps(env, logger)
  const webDist = env.webDist ?? path.resolve(here, '../../web/dist')
  // Access tokens our authorization server issued are accepted as Bearer credentials.
  const app = await buildApp({ core, logger, webDist, bearerResolvers: [resolveOAuthAccessToken] })
  await app.listen({ port: env.port, host: env.host })
  logger.info({ url: env.publicUrl, database: database.describe }, 'Switchboard is running')
  const refresher =
    env.refreshIntervalSeconds > 0 ? startBackgroundRefresher(core, env.refreshIntervalSeconds * 1000) : null

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down')
    refresher?.stop()
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
