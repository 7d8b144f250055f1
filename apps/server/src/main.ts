import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readEnv } from './env.ts'
import { createLogger } from './logger.ts'
import { keepTickShapeAlive } from './perf/tick-shape.ts'
import { startServer, stopOnSignals } from './server.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

async function main(): Promise<void> {
  // Before start-up's work (migrations, connections) gives the GC a chance to run idle.
  keepTickShapeAlive()
  const env = readEnv()
  const logger = createLogger(env.logLevel)
  const webDist = env.webDist ?? path.resolve(here, '../../web/dist')
  const server = await startServer(env, logger, { webDist })
  stopOnSignals(server, logger, env.shutdownGraceMs)
  logger.info(
    { url: env.publicUrl, listening: server.url, database: server.database },
    'Switchboard is running',
  )
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
