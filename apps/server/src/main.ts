import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readEnv } from './env.ts'
import { createLogger, logDestination } from './logger.ts'
import { keepTickShapeAlive } from './perf/tick-shape.ts'
import { startServer, stopOnSignals } from './server.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

async function main(): Promise<void> {
  // Before start-up's work (migrations, connections) gives the GC a chance to run idle.
  keepTickShapeAlive()
  const env = readEnv()
  const logger = createLogger(env.logLevel, logDestination(1))
  // The compiled server (dist/main.js, `pnpm build`) carries the SPA and the logos beside it;
  // run from its sources (`pnpm dev`), it uses apps/web/dist and the catalog's folder.
  const compiled = existsSync(path.join(here, 'web', 'index.html'))
  const webDist = env.webDist ?? (compiled ? path.join(here, 'web') : path.resolve(here, '../../web/dist'))
  const logoDir = existsSync(path.join(here, 'logos')) ? path.join(here, 'logos') : undefined
  const server = await startServer(env, logger, { webDist, logoDir })
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
