import { afterAll, describe, expect, it } from 'vitest'
import { updateSsoSettings } from '../../../packages/core/src/index.ts'
import { startOidcProvider, type TestProvider } from '../../../packages/testing/src/index.ts'
import { screenshot } from './screenshot.ts'
import { browserSuite, OWNER } from './suite.ts'

/**
 * Dashboard SSO in Chromium against oidc-provider: "Sign in with SSO" on the sign-in page, the
 * provider's own login and consent pages, back to the dashboard as a member created on the
 * spot with the organization's default role. A refused sign-in comes back to the sign-in page
 * with a sentence saying what to do.
 */
describe('dashboard SSO', () => {
  let provider: TestProvider
  const t = browserSuite({
    server: { egressAllow: '127.0.0.1' },
    setup: async (suite) => {
      provider = await startOidcProvider({
        redirectUris: [`${suite.server.url}/api/v1/auth/sso/callback`],
        accountClaims: (sub) => ({ email: `${sub}@acme.test` }),
      })
      suite.server.core.config.sso = {
        issuer: provider.issuer,
        clientId: provider.client.clientId,
        clientSecret: provider.client.clientSecret,
      }
      await updateSsoSettings(suite.server.core, suite.principal, {
        domains: ['acme.test'],
        defaultRole: 'member',
      })
    },
  })

  async function signInAtProvider(login: string) {
    await t.page.goto('/app/login')
    await t.page.getByRole('link', { name: 'Sign in with SSO' }).click()
    await t.page.waitForURL((u) => u.origin === provider.issuer)
    await t.page.locator('#login').fill(login)
    await t.page.locator('#password').fill('anything')
    await t.page.locator('#submit').click()
    await t.page.locator('#allow').click()
  }

  afterAll(async () => {
    await provider?.close()
  })

  it('signs in with SSO and lands on the dashboard as a new member with the default role', async () => {
    await t.openPage()
    await t.page.goto('/app/login')
    await t.page.getByRole('link', { name: 'Sign in with SSO' }).waitFor()
    await screenshot(t.page, 'sso-login')
    await signInAtProvider('grace')
    await t.page.waitForURL((u) => u.origin === t.server.url && u.pathname === '/app')
    await t.page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor()
    const panel = t.page.getByRole('region', { name: 'Signed in user' })
    expect(await panel.textContent()).toContain('grace@acme.test')
    const user = await t.server.core.db
      .selectFrom('users')
      .select(['organizationId', 'role'])
      .where('email', '=', 'grace@acme.test')
      .executeTakeFirst()
    expect(user).toEqual({ organizationId: t.org.organizationId, role: 'member' })
    // A member reads the SSO settings (settings:read) but cannot change them (no settings:write).
    await t.page.goto('/app/settings')
    await t.page.getByRole('heading', { name: 'Single sign-on (SSO)' }).waitFor()
    expect(await t.page.getByRole('button', { name: 'Save SSO settings' }).count()).toBe(0)
    // Ours only: the test provider's pages have no favicon (a 404 of its own origin).
    expect(t.errors.take().filter((e) => !e.includes(provider.issuer))).toEqual([])
  })

  it('a domain no organization takes comes back to the sign-in page with what to do', async () => {
    provider.setAccountClaims((sub) => ({ email: `${sub}@elsewhere.test` }))
    try {
      await t.openPage()
      await signInAtProvider('mallory')
      await t.page.waitForURL((u) => u.pathname === '/app/login' && u.searchParams.has('sso_error'))
      const alert = t.page.getByTestId('sso-error')
      expect(await alert.textContent()).toMatch(/No organization here takes members from your email domain/)
      await screenshot(t.page, 'sso-login-refused')
    } finally {
      provider.setAccountClaims((sub) => ({ email: `${sub}@acme.test` }))
    }
  })

  it('an owner sets the SSO domains, default role and enforcement under Settings', async () => {
    await t.openPage()
    await t.signIn(OWNER)
    await t.page.goto('/app/settings')
    const section = t.page.getByRole('region', { name: 'Single sign-on (SSO)' })
    const domains = section.getByLabel('Email domains that join on first sign-in')
    await domains.waitFor()
    expect(await domains.inputValue()).toBe('acme.test')
    await domains.fill('acme.test\nhttps://bad.example')
    await section.getByRole('button', { name: 'Save SSO settings' }).click()
    // The field says which and what to do, not zod's words.
    const help = section.locator('#sso-domains-help')
    await help.filter({ hasText: /example\.com/ }).waitFor()
    expect(await help.textContent()).not.toMatch(/Invalid string/)
    await domains.fill('acme.test, eu.acme.test')
    await section.getByLabel('Role of a member created by SSO').selectOption('admin')
    await section.getByRole('button', { name: 'Save SSO settings' }).click()
    await section.getByRole('status').filter({ hasText: 'Saved' }).waitFor()
    await screenshot(t.page, 'settings-sso')
    expect(await updateSsoSettings(t.server.core, t.principal, {})).toEqual({
      available: true,
      domains: ['acme.test', 'eu.acme.test'],
      defaultRole: 'admin',
      enforced: false,
    })
    await updateSsoSettings(t.server.core, t.principal, { domains: ['acme.test'], defaultRole: 'member' })
    t.errors.take()
  })
})
