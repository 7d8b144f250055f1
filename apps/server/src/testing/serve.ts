// Starts a Switchboard server from the environment on an ephemeral port and prints
// {"url": "..."} once listening: a second (third…) process for multi-instance tests.
import { buildApp } from '../app.ts'
import { createCoreDeps } from '../deps.ts'
import { readEnv } from '../env.ts'
import { createLogger } from '../logger.ts'

const env = readEnv()
const logger = createLogger(env.logLevel, process.stderr as never)
const { core } = await createCoreDeps(env, logger)
const app = await buildApp({ core, logger })
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
core.config.publicUrl = url
process.stdout.write(`${JSON.stringify({ url })}\n`)
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0))
})
