import { createHash } from 'node:crypto'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createOAuthClient, LOGIN_LIMITS } from '../../../packages/core/src/index.ts'
import { withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import { browserSuite, OWNER } from './suite.ts'

/**
 * The sign-in form (one component for the dashboard's /app/login and the authorization
 * server's /authorize/login) against the server's real sign-in throttle
 * (packages/core/src/tenancy/login-throttle.ts): past LOGIN_LIMITS.account.freeFailures wrong
 * passwords, each further one doubles the wait (1 s, 2 s, 4 s, 8 s…), and an attempt during
 * a wait answers 429 RATE_LIMITED with details.retryAfterSeconds, before any password check.
 */
const REDIRECT_URI = 'http://127.0.0.1:5999/callback'
/** Wrong passwords that leave an 8-second wait: the free ones, then 1 s, 2 s, 4 s and 8 s. */
const FAILURES_FOR_8_SECONDS = LOGIN_LIMITS.account.freeFailures + 4

describe('sign-in form under the sign-in throttle', () => {
  const t = browserSuite()

  /** Submits the form and returns the HTTP status of the sign-in call. */
  async function submit(page: Page, password: string): Promise<number> {
    await page.getByLabel('Email').fill(OWNER.email)
    await page.getByLabel('Password').fill(password)
    const answered = page.waitForResponse((r) => r.url().includes('/trpc/auth.login'))
    await page.getByRole('button', { name: 'Sign in' }).click()
    return (await answered).status()
  }

  /** Waits until the form lets the person try again (the countdown ended). */
  async function untilSignInEnabled(page: Page) {
    await expect
      .poll(() => page.getByRole('button', { name: 'Sign in' }).isDisabled(), { timeout: 20_000 })
      .toBe(false)
  }

  /** Wrong passwords, waiting out each delay the form shows, until the account must wait 8 s. */
  async function failUntilLongWait(page: Page) {
    let refused = 0
    while (refused < FAILURES_FOR_8_SECONDS) {
      const status = await submit(page, `wrong password ${refused}`)
      if (status === 401) refused++
      else {
        expect(status).toBe(429)
        await untilSignInEnabled(page)
      }
    }
  }

  it('says how long to wait, keeps Sign in disabled until then, then lets the person in', async () => {
    await t.openPage()
    await t.page.goto('/app/login')
    await failUntilLongWait(t.page)
    // The right password now: the throttle answers before checking it.
    expect(await submit(t.page, OWNER.password)).toBe(429)
    const message = t.page.getByTestId('login-error')
    await expect
      .poll(() => message.textContent())
      .toMatch(/^Too many attempts — try again in [1-8] seconds?\.$/)
    const button = t.page.getByRole('button', { name: 'Sign in' })
    expect(await button.isDisabled()).toBe(true)
    // The fields keep what was typed, and are not marked wrong: nothing was wrong with them.
    expect(await t.page.getByLabel('Email').inputValue()).toBe(OWNER.email)
    expect(await t.page.getByLabel('Password').getAttribute('aria-invalid')).toBeNull()
    await screenshot(t.page, 'login-rate-limited')

    await untilSignInEnabled(t.page)
    expect(await message.textContent()).toBe('You can try again now.')
    await button.click()
    await t.page.waitForURL(/\/app$/)
    expect(withoutExpectedStatus(t.errors.take(), [401, 429])).toEqual([])
  })

  it('does the same on the authorization server’s sign-in page', async () => {
    await t.openPage()
    // A real authorization request of a registered app, which sends the browser to sign in.
    const client = await createOAuthClient(t.server.core, t.principal, {
      name: 'Acme Automations',
      redirectUris: [REDIRECT_URI],
      confidential: false,
      scopes: ['connections:read'],
    })
    const authorize = new URL('/oauth/auth', t.server.url)
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'connections:read',
      state: 'state-1',
      code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString()
    await t.page.goto(authorize.href)
    await t.page.waitForURL('**/authorize/login?**')
    await t.page.getByRole('heading', { name: 'Sign in to continue' }).waitFor()
    await failUntilLongWait(t.page)
    expect(await submit(t.page, OWNER.password)).toBe(429)
    const message = t.page.getByTestId('login-error')
    await expect
      .poll(() => message.textContent())
      .toMatch(/^Too many attempts — try again in [1-8] seconds?\.$/)
    expect(await t.page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true)
    await untilSignInEnabled(t.page)
    expect(withoutExpectedStatus(t.errors.take(), [401, 429])).toEqual([])
  })
})
