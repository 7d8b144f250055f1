import { createServer, type Server } from 'node:http'
import { startOidcProvider, startUpstream, type TestProvider, type TestUpstream } from '@switchboard/testing'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { bundleConnect } from '../../../packages/connect/build.ts'
import type { ConnectResult } from '../../../packages/connect/src/index.ts'
import { createConnectToken, updateOrganization } from '../../../packages/core/src/index.ts'
import { registerAcme } from '../../server/src/testing/acme.ts'
import { trackPageErrors } from './page-errors.ts'
import { browserSuite } from './suite.ts'

/**
 * @switchboard/connect's browser bundle on a customer's page (another loopback origin), against
 * the real server and oidc-provider: popup and redirect mode end with the new connection's id;
 * a closed popup and a blocked one end with their status; a message from a wrong origin is ignored.
 */

interface CustomerSite {
  origin: string
  close(): Promise<void>
}

type Helper = typeof import('../../../packages/connect/src/index.ts')
type CustomerWindow = Window & { switchboard: Helper; outcome: ConnectResult | null }

/** The customer's app: any path is a page that loads /connect.js as `window.switchboard`. */
async function startCustomerSite(bundle: string): Promise<CustomerSite> {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer</title>
<script type="module">import * as switchboard from '/connect.js'; window.switchboard = switchboard; window.outcome = null; document.body.dataset.ready = 'yes'</script>
</head><body><h1>Customer app</h1></body></html>`
  const server: Server = createServer((req, res) => {
    if (req.url === '/connect.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle)
    } else if (req.url === '/favicon.ico') {
      res.writeHead(204).end()
    } else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no TCP address')
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  }
}

describe('@switchboard/connect (openConnect) on a customer page', () => {
  let upstream: TestUpstream
  let provider: TestProvider
  let customer: CustomerSite

  const t = browserSuite({
    server: { egressAllow: '127.0.0.1' },
    setup: async ({ server, principal }) => {
      customer = await startCustomerSite(await bundleConnect())
      upstream = await startUpstream()
      provider = await startOidcProvider({ redirectUris: [`${server.url}/oauth2/callback`] })
      await updateOrganization(server.core, principal, { allowedRedirectOrigins: [customer.origin] })
      await registerAcme(server.core, principal, provider, upstream, 'Acme ID')
    },
  })

  afterAll(async () => {
    await customer?.close()
    await provider?.close()
    await upstream?.close()
  })

  let count = 0
  /** A connect token whose success and error pages are the customer's. */
  async function connectToken() {
    count += 1
    return createConnectToken(t.server.core, t.principal, {
      integrationName: 'acme-idp',
      connectionName: 'Acme account',
      externalId: `helper_${count}`,
      workspaceId: t.org.workspaceId,
      successRedirectUri: `${customer.origin}/connected`,
      errorRedirectUri: `${customer.origin}/failed`,
    })
  }

  async function openCustomerPage() {
    await t.openPage()
    await t.page.goto(`${customer.origin}/settings`)
    await t.page.locator('body[data-ready="yes"]').waitFor()
  }

  async function signInAtProvider(target: Page) {
    await target.waitForURL(`${provider.issuer}/**`)
    await target.locator('#login').fill('user-1')
    await target.locator('#password').fill('password')
    await target.locator('#submit').click()
    await target.locator('#allow').click()
  }

  async function polled(token: string) {
    const res = await fetch(`${t.server.url}/api/v1/connect/session/poll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    })
    return (await res.json()) as { status: string; connectionId: string | null }
  }

  it('popup mode: OAuth in the popup, the hosted page tells the opener (success redirect URI set) and closes', async () => {
    await openCustomerPage()
    const { connectUrl, token, sessionId } = await connectToken()
    const popupEvent = t.page.waitForEvent('popup')
    // Polling effectively off: the result must come from the hosted page's message.
    const result = t.page.evaluate(
      (url) =>
        (window as unknown as CustomerWindow).switchboard.openConnect({
          connectUrl: url,
          mode: 'popup',
          pollIntervalMs: 600_000,
        }),
      connectUrl,
    )
    const popup = await popupEvent
    const popupErrors = trackPageErrors(popup)
    const visited: string[] = []
    popup.on('framenavigated', (frame) => {
      if (frame === popup.mainFrame()) visited.push(frame.url())
    })
    const closed = popup.waitForEvent('close')
    await popup.getByRole('button', { name: 'Continue to Acme ID' }).click()
    await signInAtProvider(popup)
    const outcome = await result
    await closed

    const { connectionId } = await polled(token)
    expect(connectionId).toEqual(expect.any(String))
    expect(outcome).toEqual({ status: 'COMPLETED', connectionId, sessionId, error: null })
    // Back to the hosted page after OAuth, never to the customer's success page inside the popup.
    expect(visited.some((u) => u.startsWith(`${t.server.url}/connect?result=done`))).toBe(true)
    expect(visited.some((u) => u.startsWith(customer.origin))).toBe(false)
    // The provider's login page has no favicon (oidc-provider's, not ours).
    expect(popupErrors.take().filter((e) => !e.includes(`${provider.issuer}/favicon.ico`))).toEqual([])
    expect(t.errors.take()).toEqual([])
  })

  it('redirect mode: the window goes through the provider and back to the success page, where resumeConnect resolves', async () => {
    await openCustomerPage()
    const { connectUrl, token, sessionId } = await connectToken()
    expect(
      await t.page.evaluate(() => (window as unknown as CustomerWindow).switchboard.resumeConnect()),
    ).toBeNull()
    await t.page.evaluate((url) => {
      void (window as unknown as CustomerWindow).switchboard.openConnect({
        connectUrl: url,
        mode: 'redirect',
      })
    }, connectUrl)
    await t.page.waitForURL(`${t.server.url}/connect?**`)
    await t.page.getByRole('button', { name: 'Continue to Acme ID' }).click()
    await signInAtProvider(t.page)
    await t.page.waitForURL(`${customer.origin}/connected?**`)
    await t.page.locator('body[data-ready="yes"]').waitFor()
    const outcome = await t.page.evaluate(() =>
      (window as unknown as CustomerWindow).switchboard.resumeConnect(),
    )
    const { connectionId } = await polled(token)
    expect(connectionId).toEqual(expect.any(String))
    expect(outcome).toEqual({ status: 'COMPLETED', connectionId, sessionId, error: null })
    // Resumed once: a reload of the success page starts nothing.
    expect(
      await t.page.evaluate(() => (window as unknown as CustomerWindow).switchboard.resumeConnect()),
    ).toBeNull()
  })

  it('ignores messages from another origin or window, and a popup closed before the end resolves CLOSED', async () => {
    await openCustomerPage()
    const { connectUrl } = await connectToken()
    const popupEvent = t.page.waitForEvent('popup')
    await t.page.evaluate((url) => {
      const w = window as unknown as CustomerWindow
      void w.switchboard.openConnect({ connectUrl: url, mode: 'popup', pollIntervalMs: 200 }).then((r) => {
        w.outcome = r
      })
    }, connectUrl)
    const popup = await popupEvent
    await popup.getByRole('button', { name: 'Continue to Acme ID' }).waitFor()
    // A made-up result, from the customer's own origin and from a frame of it.
    await t.page.evaluate(() => {
      const forged = {
        type: 'switchboard:connect',
        status: 'COMPLETED',
        sessionId: 'x',
        connectionId: 'forged',
        error: null,
      }
      window.postMessage(forged, '*')
      const frame = document.createElement('iframe')
      frame.srcdoc = `<script>parent.postMessage(${JSON.stringify(forged)}, '*')</script>`
      document.body.append(frame)
    })
    await new Promise((r) => setTimeout(r, 1000))
    expect(await t.page.evaluate(() => (window as unknown as CustomerWindow).outcome)).toBeNull()

    await popup.close()
    await t.page.waitForFunction(() => (window as unknown as CustomerWindow).outcome !== null)
    expect(await t.page.evaluate(() => (window as unknown as CustomerWindow).outcome)).toEqual({
      status: 'CLOSED',
      connectionId: null,
      sessionId: null,
      error: null,
    })
  })

  it('a blocked popup resolves POPUP_BLOCKED; an unknown token resolves EXPIRED', async () => {
    await openCustomerPage()
    const { connectUrl } = await connectToken()
    const blocked = await t.page.evaluate((url) => {
      window.open = () => null
      return (window as unknown as CustomerWindow).switchboard.openConnect({ connectUrl: url, mode: 'popup' })
    }, connectUrl)
    expect(blocked).toEqual({ status: 'POPUP_BLOCKED', connectionId: null, sessionId: null, error: null })

    await openCustomerPage()
    const popupEvent = t.page.waitForEvent('popup')
    const expired = t.page.evaluate(
      (url) =>
        (window as unknown as CustomerWindow).switchboard.openConnect({
          connectUrl: url,
          mode: 'popup',
          pollIntervalMs: 200,
        }),
      `${t.server.url}/connect?token=cst_no-such-token`,
    )
    await popupEvent
    expect(await expired).toEqual({
      status: 'EXPIRED',
      connectionId: null,
      sessionId: null,
      error: expect.any(String),
    })
  })
})
