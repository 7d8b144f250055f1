import {
  type BootstrapResult,
  bootstrapOrganization,
  type CoreDeps,
  createCustomIntegration,
  createWebhookSink,
  type Principal,
  resolveOAuthAccessToken,
  type StartWebhookWorkerOptions,
  secretAt,
  startWebhookWorker,
  updateOrganization,
  type WebhookWorker,
} from '@switchboard/core'
import type { Plan } from '@switchboard/db'
import {
  createTestDeps,
  ManualClock,
  type StartOidcProviderOptions,
  startOidcProvider,
  startUpstream,
  type TestDeps,
  type TestProvider,
  type TestUpstream,
} from '@switchboard/testing'
import { pino } from 'pino'
import { type App, buildApp } from '../app.ts'
import { createSmtpMailer } from '../mailer.ts'
import type { TrustProxy } from '../trust-proxy.ts'
import { acmeIntegration, registerAcme } from './acme.ts'
import { type ContractViolation, contractCheck, violationsError } from './contract.ts'

export { acmeIntegration } from './acme.ts'

export interface Harness {
  url: string
  app: App
  t: TestDeps
  clock: ManualClock
  provider: TestProvider
  upstream: TestUpstream
  org: BootstrapResult
  principal: Principal
  /**
   * Answers that did not match their route's declared responses (testing/contract.ts);
   * `close()` fails when there are any.
   */
  contractViolations: ContractViolation[]
  /** How many answers the check saw. */
  contractChecked(): number
  /** The webhook delivery worker, when `webhooks` was asked for. */
  webhooks: WebhookWorker | null
  /** fetch against the server with the org's API key. */
  api(path: string, init?: RequestInit & { json?: unknown; key?: string | null }): Promise<Response>
  close(): Promise<void>
}

export interface HarnessOptions {
  plan?: Plan
  provider?: StartOidcProviderOptions
  /** Register the provider as custom integration "acme-idp" with a tenant app (default true). */
  integration?: boolean
  /** Proxies whose X-Forwarded-For is believed (SWITCHBOARD_TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy
  /**
   * Run the webhook delivery worker as the server does (off by default). Its options shorten
   * the schedule for tests (retrySeconds, horizonMs, jitter 0, a short pollMs); the harness's
   * ManualClock drives when retries come due.
   */
  webhooks?: boolean | StartWebhookWorkerOptions
  /** SWITCHBOARD_EGRESS_ALLOW for the server's outbound calls (default ['127.0.0.1']). */
  egressAllow?: string[]
  /** SWITCHBOARD_SMTP_URL: invites are emailed through it, as the server wires it (deps.ts). */
  smtpUrl?: string
  /** Every statement's SQL, `begin` and `commit` included (openDatabase's `onQuery`). */
  onQuery?: (sql: string) => void
}

export const CUSTOMER_ORIGIN = 'http://127.0.0.1:5999'

/**
 * A real Switchboard server on 127.0.0.1:0 over a fresh database, the in-process
 * oidc-provider registered as the custom integration "acme-idp" (tenant OAuth app), and a
 * loopback upstream that accepts only tokens the provider issued.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock(new Date())
  const t = await createTestDeps({
    clock,
    ...(options.egressAllow && { egressAllow: options.egressAllow }),
    ...(options.onQuery && { onQuery: options.onQuery }),
  })
  // As the server wires it (deps.ts): the outbox writes deliveries in each event's transaction.
  t.deps.eventSinks = [createWebhookSink(t.deps)]
  if (options.smtpUrl)
    t.deps.sendMail = createSmtpMailer(options.smtpUrl, 'Switchboard <no-reply@switchboard.test>')
  const logger = pino({ level: 'silent' })
  const contract = contractCheck()
  const app = await buildApp({
    onSend: contract.hook,
    core: t.deps,
    logger,
    bearerResolvers: [resolveOAuthAccessToken],
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  t.deps.config.publicUrl = url
  const provider = await startOidcProvider({ redirectUris: [`${url}/oauth2/callback`], ...options.provider })
  const upstream = await startUpstream({ introspect: (token) => provider.introspect(token) })
  const org = await bootstrapOrganization(t.deps, { organizationName: 'Acme', plan: options.plan ?? 'TEAM' })
  const principal: Principal = { kind: 'apiKey', organizationId: org.organizationId, apiKeyId: 'test' }
  await updateOrganization(t.deps, principal, { allowedRedirectOrigins: [CUSTOMER_ORIGIN] })
  if (options.integration !== false) {
    if ((options.plan ?? 'TEAM') === 'FREE') {
      await createCustomIntegration(t.deps, principal, acmeIntegration(provider, upstream))
      // A Free organization may not own an app, so the flow runs through a platform app.
      await insertPlatformOAuthApp(t.deps, 'acme-idp', provider.client)
    } else {
      await registerAcme(t.deps, principal, provider, upstream)
    }
  }
  const webhooks = options.webhooks
    ? startWebhookWorker(t.deps, { pollMs: 50, ...(options.webhooks === true ? {} : options.webhooks) })
    : null
  return {
    url,
    app,
    t,
    clock,
    provider,
    upstream,
    org,
    principal,
    contractViolations: contract.violations,
    contractChecked: contract.checked,
    webhooks,
    api(path, init = {}) {
      const { json, key, ...rest } = init
      const headers = new Headers(rest.headers)
      const apiKey = key === undefined ? org.apiKey : key
      if (apiKey) headers.set('authorization', `Bearer ${apiKey}`)
      if (json !== undefined) headers.set('content-type', 'application/json')
      return fetch(`${url}${path}`, {
        redirect: 'manual',
        ...rest,
        headers,
        ...(json !== undefined && { body: JSON.stringify(json) }),
      })
    },
    async close() {
      await app.close()
      await webhooks?.stop()
      await provider.close()
      await upstream.close()
      await t.close()
      const error = violationsError(contract.violations)
      if (error) throw error
    },
  }
}

/**
 * A platform-managed OAuth app for one organization's custom integration. Core's
 * addPlatformOAuthApp (the operator CLI's) accepts catalog integrations only: it looks the
 * integration up without an organization, so "acme-idp" is not found. The harness writes the
 * row the same way insertOAuthApp does (secret encrypted, bound to its row and column).
 */
async function insertPlatformOAuthApp(
  deps: CoreDeps,
  integrationName: string,
  client: { clientId: string; clientSecret: string },
): Promise<void> {
  const id = deps.newId()
  await deps.db
    .insertInto('oauthApps')
    .values({
      id,
      organizationId: null,
      integrationName,
      clientId: client.clientId,
      clientSecretCiphertext: deps.cipher.encrypt(client.clientSecret, secretAt.oauthAppSecret(id)),
      scopes: '[]',
      createdAt: deps.clock.now().toISOString(),
    })
    .execute()
}
