import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { Principal } from '../../../packages/core/src/index.ts'
import { launchChromium } from './browser.ts'
import { type PageErrors, trackPageErrors } from './page-errors.ts'
import {
  bootstrapTestOrganization,
  startTestServer,
  type TestOrganization,
  type TestServer,
  type TestServerOptions,
} from './server.ts'

/** The owner of every suite's organization, Acme Inc. */
export const OWNER = { email: 'owner@acme.test', password: 'correct horse battery staple' }

export interface BrowserSuiteOptions {
  /** Passed to startTestServer (e.g. `egressAllow`). */
  server?: TestServerOptions
  /** More fixtures: runs once the server and the organization exist, before Chromium starts. */
  setup?: (suite: BrowserSuite) => Promise<void>
  /** Each page's viewport unless openPage() is given another; 1280 × 820 by default. */
  viewport?: { width: number; height: number }
  /** Lets pages read and write the clipboard (for "Copy" buttons). */
  clipboard?: boolean
  /** Anything else a new context needs before its page opens (routes, listeners). */
  prepareContext?: (context: BrowserContext) => Promise<void>
}

/**
 * What the tests of a suite use. `server`, `org`, `principal` and `browser` are set by beforeAll;
 * `context`, `page` and `errors` by each openPage() (a test may point `errors` at a popup).
 */
export interface BrowserSuite {
  server: TestServer
  /** Acme Inc on the Team plan, owned by OWNER. */
  org: TestOrganization
  /** An API-key principal of `org`, for creating fixtures through core. */
  principal: Principal
  browser: Browser
  context: BrowserContext
  page: Page
  errors: PageErrors
  /** A fresh context (baseURL = server.url) with one page; afterEach closes it. */
  openPage(options?: BrowserContextOptions): Promise<void>
  /** Signs in on /app/login and waits for the overview. */
  signIn(user: { email: string; password: string }): Promise<void>
  /** Requests this test's context sent anywhere but the test server (e.g. a hot-linked logo). */
  foreignRequests(): string[]
}

/**
 * Call at the top of a `describe`: registers the hooks that start the test server (with
 * Acme Inc) and Chromium, close them afterwards and close each test's context.
 *
 *   const t = browserSuite({ clipboard: true })
 *   it('…', async () => { await t.openPage(); await t.page.goto('/app') })
 */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  const viewport = options.viewport ?? { width: 1280, height: 820 }
  // The other fields are filled in by the hooks and by openPage() before a test reads them.
  const t = { openPage, signIn, foreignRequests: () => foreign } as BrowserSuite
  let foreign: string[] = []

  beforeAll(async () => {
    t.server = await startTestServer(options.server)
    t.org = await bootstrapTestOrganization(t.server, { organizationName: 'Acme Inc', ...OWNER })
    t.principal = { kind: 'apiKey', organizationId: t.org.organizationId, apiKeyId: 'e2e' }
    await options.setup?.(t)
    t.browser = await launchChromium()
  })

  afterAll(async () => {
    await t.browser?.close()
    await t.server?.close()
  })

  afterEach(async () => {
    await t.context?.close()
  })

  async function openPage(contextOptions: BrowserContextOptions = {}) {
    const context = await t.browser.newContext({ baseURL: t.server.url, viewport, ...contextOptions })
    t.context = context
    if (options.clipboard) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.server.url })
    }
    foreign = []
    context.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith(`${t.server.url}/`) && !url.startsWith('data:')) foreign.push(url)
    })
    await options.prepareContext?.(context)
    t.page = await context.newPage()
    t.errors = trackPageErrors(t.page)
  }

  async function signIn(user: { email: string; password: string }) {
    await t.page.goto('/app/login')
    await t.page.getByLabel('Email').fill(user.email)
    await t.page.getByLabel('Password').fill(user.password)
    await t.page.getByRole('button', { name: 'Sign in' }).click()
    await t.page.waitForURL(/\/app$/)
  }

  return t
}
