// Starts a Switchboard server from the environment on an ephemeral port and prints
// {"url": "..."} once listening: a second (third…) process for multi-instance tests. It stops
// on SIGTERM exactly as `pnpm start` does.
import { readEnv } from '../env.ts'
import { createLogger } from '../logger.ts'
import { startServer, stopOnSignals } from '../server.ts'

const env = readEnv({ ...process.env, PORT: '0', HOST: '127.0.0.1' })
const logger = createLogger(env.logLevel, process.stderr as never)
const server = await startServer(env, logger)
server.core.config.publicUrl = server.url
stopOnSignals(server, logger, env.shutdownGraceMs)
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
