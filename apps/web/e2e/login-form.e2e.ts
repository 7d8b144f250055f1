import { createHash } from 'node:crypto'
import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createOAuthClient } from '../../../packages/core/src/index.ts'
import { withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import { browserSuite, OWNER } from './suite.ts'

/**
 * The sign-in form (one component for the dashboard's /app/login and the authorization
 * server's /authorize/login) when the server throttles sign-in attempts.
 *
 * Component-level: the login throttle is another slice's server work, so this test answers
 * auth.login itself, with the answer that throttle is to give (tRPC TOO_MANY_REQUESTS, appCode
 * RATE_LIMITED, details.retryAfterSeconds, in our error formatter's shape, packages/api/src/trpc.ts).
 * Once the server throttles for real, an end-to-end test should provoke it instead.
 */
const REDIRECT_URI = 'http://127.0.0.1:5999/callback'

function rateLimitedAnswer(retryAfterSeconds: number) {
  return JSON.stringify([
    {
      error: {
        message: 'Too many sign-in attempts; try again later',
        code: -32029,
        data: {
          code: 'TOO_MANY_REQUESTS',
          httpStatus: 429,
          path: 'auth.login',
          appCode: 'RATE_LIMITED',
          details: { retryAfterSeconds },
          legacyCode: null,
        },
      },
    },
  ])
}

describe('sign-in form under a rate limit', () => {
  const t = browserSuite()

  /** Answers the next `count` sign-in attempts with RATE_LIMITED; later ones reach the server. */
  async function throttleSignIn(page: Page, retryAfterSeconds: number, count = 1) {
    let left = count
    await page.route('**/trpc/auth.login**', (route: Route) => {
      if (left <= 0) return route.fallback()
      left--
      return route.fulfill({
        status: 429,
        contentType: 'application/json',
        body: rateLimitedAnswer(retryAfterSeconds),
      })
    })
  }

  async function fillAndSubmit(page: Page) {
    await page.getByLabel('Email').fill(OWNER.email)
    await page.getByLabel('Password').fill(OWNER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  it('says how long to wait, keeps Sign in disabled until then, then lets the person in', async () => {
    await t.openPage()
    // The page's clock is the test's: the countdown moves only when the test moves it.
    await t.page.clock.install()
    await throttleSignIn(t.page, 30)
    await t.page.goto('/app/login')
    await fillAndSubmit(t.page)
    const message = t.page.getByTestId('login-error')
    await expect.poll(() => message.textContent()).toBe('Too many attempts — try again in 30 seconds.')
    const button = t.page.getByRole('button', { name: 'Sign in' })
    expect(await button.isDisabled()).toBe(true)
    // The fields keep what was typed, and are not marked wrong: nothing was wrong with them.
    expect(await t.page.getByLabel('Email').inputValue()).toBe(OWNER.email)
    expect(await t.page.getByLabel('Password').getAttribute('aria-invalid')).toBeNull()
    await screenshot(t.page, 'login-rate-limited')

    await t.page.clock.fastForward(29_000)
    await expect.poll(() => message.textContent()).toBe('Too many attempts — try again in 1 second.')
    expect(await button.isDisabled()).toBe(true)
    await t.page.clock.fastForward(2_000)
    await expect.poll(() => message.textContent()).toBe('You can try again now.')
    expect(await button.isDisabled()).toBe(false)

    await button.click()
    await t.page.waitForURL(/\/app$/)
    expect(withoutExpectedStatus(t.errors.take(), [429])).toEqual([])
  })

  it('does the same on the authorization server’s sign-in page', async () => {
    await t.openPage()
    await t.page.clock.install()
    await throttleSignIn(t.page, 5)
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
    await fillAndSubmit(t.page)
    const message = t.page.getByTestId('login-error')
    await expect.poll(() => message.textContent()).toBe('Too many attempts — try again in 5 seconds.')
    expect(await t.page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true)
    await t.page.clock.fastForward(6_000)
    await expect.poll(() => t.page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(false)
    expect(withoutExpectedStatus(t.errors.take(), [429])).toEqual([])
  })
})
