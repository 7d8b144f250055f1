import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './browser.ts'
import { trackPageErrors } from './page-errors.ts'
import { startTestServer, type TestServer } from './server.ts'

// GET /api/docs: the bundled viewer renders the generated document in Chromium under our own
// Content-Security-Policy, every file from our origin (no CDN), without a console error.
describe('API viewer at /api/docs', () => {
  let server: TestServer
  let browser: Browser
  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('renders every route of /api/openapi.json, loading only same-origin files', async () => {
    const page = await browser.newPage()
    const errors = trackPageErrors(page)
    const requested: string[] = []
    page.on('request', (r) => requested.push(r.url()))
    const res = await page.goto(`${server.url}/api/docs`)
    expect(res?.status()).toBe(200)
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'")
    await page.locator('.opblock-summary-path', { hasText: '/api/v1/end-users' }).first().waitFor()
    expect(await page.locator('.opblock').count()).toBeGreaterThan(40)
    expect(requested.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'))).toEqual([])
    expect(errors.take()).toEqual([])
    await page.close()
  })
})
