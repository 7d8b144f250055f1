import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type BootstrapResult,
  bootstrapOrganization,
  type CoreDeps,
  createUser,
  generateKey,
  resolveOAuthAccessToken,
  startProxyStatsFlusher,
  startWebhookWorker,
} from '../../../packages/core/src/index.ts'
import type { Plan, Role } from '../../../packages/db/src/index.ts'
import { type App, buildApp } from '../../server/src/app.ts'
import { createCoreDeps } from '../../server/src/deps.ts'
import { readEnv } from '../../server/src/env.ts'
import { createLogger } from '../../server/src/logger.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
export const webDist = path.resolve(here, '../dist')

export interface TestServer {
  /** http://127.0.0.1:<port>, also the server's public URL. */
  url: string
  core: CoreDeps
  app: App
  close(): Promise<void>
}

export interface TestServerOptions {
  /** Hosts the server may call although they are loopback (SWITCHBOARD_EGRESS_ALLOW). */
  egressAllow?: string
}

/**
 * The real server in-process (the same modules as `pnpm start`) over a fresh SQLite data dir,
 * serving the built SPA from apps/web/dist.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(
      'apps/web/dist is missing: run `pnpm --filter @switchboard/web build` (pnpm test:e2e does)',
    )
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-e2e-'))
  const env = readEnv({
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_ENCRYPTION_KEYS: `e2e:${generateKey()}`,
    SWITCHBOARD_EGRESS_ALLOW: options.egressAllow ?? '',
    LOG_LEVEL: 'silent',
    PORT: '0',
  })
  const logger = createLogger(env.logLevel)
  const { core, database } = await createCoreDeps(env, logger)
  // As in main.ts: access tokens of our authorization server are accepted as Bearer too.
  const app = await buildApp({ core, logger, webDist, bearerResolvers: [resolveOAuthAccessToken] })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('The test server has no TCP address')
  const url = `http://127.0.0.1:${address.port}`
  core.config.publicUrl = url
  // As startServer does: the outbox's deliveries go out (a short poll, for the tests' pace).
  const webhooks = startWebhookWorker(core, { pollMs: 100 })
  // As startServer does: proxied calls are counted, and written often (the overview's traffic).
  const stats = core.proxyStats ? startProxyStatsFlusher(core, core.proxyStats, 200) : null
  return {
    url,
    core,
    app,
    async close() {
      await app.close()
      await webhooks.stop()
      await stats?.stop()
      await database.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface TestOrganization extends BootstrapResult {
  userId: string
  email: string
  password: string
}

/** An organization with a workspace, an API key and an owner who can sign in. */
export async function bootstrapTestOrganization(
  server: TestServer,
  input: { organizationName?: string; plan?: Plan; email: string; password: string },
): Promise<TestOrganization> {
  const result = await bootstrapOrganization(server.core, {
    organizationName: input.organizationName ?? 'Acme Inc',
    plan: input.plan ?? 'TEAM',
    email: input.email,
    password: input.password,
  })
  if (!result.userId) throw new Error('bootstrapOrganization created no user')
  return { ...result, userId: result.userId, email: input.email, password: input.password }
}

/** Another dashboard user of an existing organization. */
export async function addTestUser(
  server: TestServer,
  input: { organizationId: string; email: string; password: string; role: Role },
) {
  return createUser(server.core, input)
}
