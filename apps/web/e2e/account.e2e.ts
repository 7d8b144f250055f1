import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createConnection, LOGIN_LIMITS, listWorkspaces } from '../../../packages/core/src/index.ts'
import { withoutExpectedStatus } from './page-errors.ts'
import { screenshot } from './screenshot.ts'
import { addTestUser } from './server.ts'
import { browserSuite, OWNER } from './suite.ts'

/**
 * The Account page (password, sessions) and the Workspaces section of Settings, against the
 * real server: sessions of two browser contexts, revocation that signs the other one out, and
 * workspace delete refused while it has a connection, then forced.
 */
const ADMIN = { email: 'ada@acme.test', password: 'first password 1' }
/** Only for the throttle test, so its failures slow no one else's account. */
const GUESSER = { email: 'gus@acme.test', password: 'gus password 1' }
const NEW_PASSWORD = 'second password 2'
/** The other browser: a distinct User-Agent, so its row reads differently from this one's. */
const FIREFOX_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'

describe('account and workspaces pages', () => {
  const t = browserSuite({
    setup: async (suite) => {
      await addTestUser(suite.server, { organizationId: suite.org.organizationId, ...ADMIN, role: 'admin' })
      await addTestUser(suite.server, {
        organizationId: suite.org.organizationId,
        ...GUESSER,
        role: 'member',
      })
    },
  })

  async function signInOn(page: Page, user: { email: string; password: string }) {
    await page.goto('/app/login')
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill(user.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    // Back to the overview, or to the page that sent the browser to sign in.
    await page.waitForURL((url) => url.pathname.startsWith('/app') && url.pathname !== '/app/login')
  }

  const rows = () => t.page.getByTestId('sessions-table').locator('tbody tr')

  it('changes the password, lists both browsers, revokes the other and signs it out', async () => {
    await t.openPage()
    await t.signIn(ADMIN)
    await t.page
      .getByRole('region', { name: 'Signed in user' })
      .getByRole('link', { name: 'Account' })
      .click()
    await t.page.getByRole('heading', { name: 'Account', level: 1 }).waitFor()
    // The heading renders before the sessions query answers: wait for its first row, then count.
    await rows().first().waitFor()
    expect(await rows().count()).toBe(1)
    expect(await rows().first().textContent()).toContain('This session')
    expect(await t.page.getByRole('button', { name: 'Sign out everywhere else' }).isDisabled()).toBe(true)

    // A wrong current password: the field says so and what to do.
    await t.page.getByLabel('Current password').fill('not my password')
    await t.page.getByLabel('New password').fill(NEW_PASSWORD)
    await t.page.getByRole('button', { name: 'Change password' }).click()
    const currentHelp = t.page.locator('#current-password-help')
    await expect.poll(() => currentHelp.textContent()).toContain('The current password is not right')
    expect(await t.page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true')
    // Too short a new password is refused before asking the server.
    await t.page.getByLabel('Current password').fill(ADMIN.password)
    await t.page.getByLabel('New password').fill('short')
    await t.page.getByRole('button', { name: 'Change password' }).click()
    expect(await t.page.locator('#new-password-help').textContent()).toBe(
      'The new password needs at least 8 characters.',
    )

    await t.page.getByLabel('New password').fill(NEW_PASSWORD)
    await t.page.getByRole('button', { name: 'Change password' }).click()
    await expect.poll(() => t.page.getByTestId('password-changed').textContent()).toBe('Password changed.')
    expect(await t.page.getByLabel('Current password').inputValue()).toBe('')
    expect(withoutExpectedStatus(t.errors.take(), [403])).toEqual([])

    // The old password no longer signs in; the new one does, in another browser.
    const other = await t.browser.newContext({ baseURL: t.server.url, userAgent: FIREFOX_UA })
    try {
      const otherPage = await other.newPage()
      await otherPage.goto('/app/login')
      await otherPage.getByLabel('Email').fill(ADMIN.email)
      await otherPage.getByLabel('Password').fill(ADMIN.password)
      const refused = otherPage.waitForResponse((r) => r.url().includes('/trpc/auth.login'))
      await otherPage.getByRole('button', { name: 'Sign in' }).click()
      expect((await refused).status()).toBe(401)
      await signInOn(otherPage, { email: ADMIN.email, password: NEW_PASSWORD })

      await t.page.reload()
      await expect.poll(() => rows().count()).toBe(2)
      const otherRow = rows().filter({ hasText: 'Firefox on Windows' })
      const thisRow = rows().filter({ hasText: 'This session' })
      expect(await otherRow.count()).toBe(1)
      expect(await otherRow.textContent()).not.toContain('This session')
      expect(await thisRow.textContent()).toContain('Chrome on Linux')
      await screenshot(t.page, 'account')

      await otherRow.getByRole('button', { name: 'Revoke' }).click()
      await t.page.getByRole('dialog').getByRole('button', { name: 'Revoke session' }).click()
      await expect.poll(() => rows().count()).toBe(1)
      expect(await rows().first().textContent()).toContain('This session')

      // The other browser is signed out at its next request.
      await otherPage.goto('/app/connections')
      await otherPage.waitForURL('**/app/login')

      // Sign in there again, then "sign out everywhere else" from here.
      await signInOn(otherPage, { email: ADMIN.email, password: NEW_PASSWORD })
      await t.page.reload()
      await expect.poll(() => rows().count()).toBe(2)
      await t.page.getByRole('button', { name: 'Sign out everywhere else' }).click()
      await t.page.getByRole('dialog').getByText('1 other session will be signed out').waitFor()
      await t.page.getByRole('dialog').getByRole('button', { name: 'Sign out other sessions' }).click()
      await t.page.getByText('1 session signed out.').waitFor()
      expect(await rows().count()).toBe(1)
      await otherPage.reload()
      await otherPage.waitForURL('**/app/login')
    } finally {
      await other.close()
    }
    // This browser is still signed in.
    await t.page.reload()
    await t.page.getByRole('heading', { name: 'Account', level: 1 }).waitFor()
    expect(withoutExpectedStatus(t.errors.take(), [401])).toEqual([])
  })

  it('creates, renames and deletes a workspace; a non-empty one only with force; never the last', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.getByRole('link', { name: 'Manage' }).click()
    const section = t.page.getByRole('region', { name: 'Workspaces' })
    await section.getByTestId('workspaces-table').waitFor()
    const wsRows = section.locator('tbody tr')
    expect(await wsRows.count()).toBe(1)

    await section.getByLabel('New workspace').fill('Staging')
    await section.getByRole('button', { name: 'Create workspace' }).click()
    await expect.poll(() => wsRows.count()).toBe(2)
    // The new workspace is selected in the switcher.
    await expect.poll(() => t.page.locator('#workspace-select option:checked').textContent()).toBe('Staging')

    await section.getByRole('button', { name: 'Rename Staging' }).click()
    const dialog = t.page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Staging EU')
    await dialog.getByRole('button', { name: 'Save name' }).click()
    await section.getByRole('button', { name: 'Rename Staging EU' }).waitFor()
    expect(await t.page.locator('#workspace-select option:checked').textContent()).toBe('Staging EU')

    // A connection in it: the first delete is refused with the count.
    const staging = (await listWorkspaces(t.server.core, t.principal)).find((w) => w.name === 'Staging EU')
    if (!staging) throw new Error('Staging EU was not stored')
    await createConnection(t.server.core, t.principal, {
      type: 'SECRET_TEXT',
      integrationName: 'openai',
      workspaceId: staging.id,
      externalId: 'staging_key',
      displayName: 'Staging key',
      secretText: 'sk-test-staging',
    })
    await section.getByRole('button', { name: 'Delete Staging EU' }).click()
    await dialog.getByRole('button', { name: 'Delete workspace' }).click()
    const notEmpty = dialog.getByTestId('workspace-not-empty')
    await notEmpty.waitFor()
    expect(await notEmpty.textContent()).toContain('still has 1 connection')
    expect(await notEmpty.textContent()).toContain('revoked at its provider')
    const forceButton = dialog.getByRole('button', { name: 'Revoke 1 connection and delete' })
    expect(await forceButton.isDisabled()).toBe(true)
    await screenshot(t.page, 'workspace-delete-not-empty')
    await dialog.getByRole('checkbox').check()
    await forceButton.click()
    await expect.poll(() => wsRows.count()).toBe(1)
    expect(await t.page.locator('#workspace-select option:checked').textContent()).toBe('Default')
    expect((await listWorkspaces(t.server.core, t.principal)).map((w) => w.name)).toEqual(['Default'])

    // The last workspace stays, and the dialog says what to do instead.
    await section.getByRole('button', { name: 'Delete Default' }).click()
    await dialog.getByRole('button', { name: 'Delete workspace' }).click()
    await dialog.getByText('This is your organization’s only workspace').waitFor()
    expect(await dialog.getByRole('button', { name: 'Delete workspace' }).isDisabled()).toBe(true)
    await screenshot(t.page, 'workspace-delete-last')
    expect(withoutExpectedStatus(t.errors.take(), [409])).toEqual([])
  })

  it('says how long to wait once the current password was guessed wrong too often', async () => {
    await t.openPage()
    await t.signIn(GUESSER)
    await t.page.goto('/app/account')
    await t.page.getByLabel('New password').fill('a brand new password')
    const statuses: number[] = []
    // Past LOGIN_LIMITS.account.freeFailures wrong guesses each one adds a wait (1 s, 2 s, 4 s…),
    // and a guess during a wait is refused with 429 before any check.
    for (let i = 0; i < LOGIN_LIMITS.account.freeFailures + 4 && !statuses.includes(429); i++) {
      await t.page.getByLabel('Current password').fill(`wrong guess ${i}`)
      const answered = t.page.waitForResponse((r) => r.url().includes('/trpc/account.changePassword'))
      await t.page.getByRole('button', { name: 'Change password' }).click()
      statuses.push((await answered).status())
    }
    expect(statuses.slice(0, LOGIN_LIMITS.account.freeFailures)).toEqual(
      Array(LOGIN_LIMITS.account.freeFailures).fill(403),
    )
    expect(statuses.at(-1)).toBe(429)
    const alert = t.page.getByTestId('password-error')
    await expect
      .poll(() => alert.textContent())
      .toMatch(
        /^The password was not changed\. Too many requests\. Try again in \d+ seconds?\. The current password was typed wrong too often; this wait protects your account\.$/,
      )
    expect(withoutExpectedStatus(t.errors.take(), [403, 429])).toEqual([])
  })

  it('fits a 360 px wide screen', async () => {
    await t.openPage({ viewport: { width: 360, height: 740 } })
    await t.signIn(OWNER)
    await t.page.goto('/app/account')
    await t.page.getByTestId('sessions-table').waitFor()
    expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await screenshot(t.page, 'mobile-account')
    await t.page.goto('/app/settings')
    await t.page.getByTestId('workspaces-table').waitFor()
    expect(await t.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    expect(t.errors.take()).toEqual([])
  })
})
