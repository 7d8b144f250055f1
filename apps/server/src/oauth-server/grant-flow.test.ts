import { OAuth2RequestError } from 'arctic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OAuthKit, REDIRECT_URI, startOAuthKit } from './oauth-test-kit.ts'

describe('seed 003: a third-party app through the whole grant (Arctic as the app)', () => {
  let kit: OAuthKit
  beforeAll(async () => {
    kit = await startOAuthKit()
  })
  afterAll(async () => {
    await kit.close()
  })

  it('authorize (PKCE) → login + consent → code → token → API → refresh (rotation) → revoke', async () => {
    const { h } = kit
    const client = await kit.register({ scopes: ['connections:read', 'offline_access'] })
    expect(client.clientId).toMatch(/^sbc_/)
    expect(client.clientSecret).toMatch(/^sbs_/)

    // The app sends the customer to our authorization endpoint.
    const { url, state, verifier, oauth } = kit.start(client)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')

    // Not signed in: the browser lands on the SPA's login page, then consents once signed in.
    const anonymous = await kit.get(new (await import('@switchboard/testing')).CookieJar(), url.href)
    expect(anonymous.status).toBe(303)
    expect(new URL(anonymous.headers.get('location') ?? '').pathname).toBe('/authorize/login')

    const jar = await kit.signedInJar()
    const first = await kit.get(jar, url.href)
    expect(first.status).toBe(303)
    const consentPage = new URL(first.headers.get('location') ?? '')
    expect(consentPage.origin + consentPage.pathname).toBe(`${h.url}/authorize/consent`)
    const uid = consentPage.searchParams.get('uid') ?? ''

    // What the consent page shows: the app, the scopes in plain words, the organization.
    const api = `${h.url}/api/v1/oauth-interactions/${uid}`
    const details = await kit.get(jar, api)
    expect(details.status).toBe(200)
    const { interaction } = (await details.json()) as {
      interaction: {
        loginRequired: boolean
        client: { name: string; clientId: string }
        scopes: Array<{ scope: string; description: string }>
        organization: { id: string; name: string }
      }
    }
    expect(interaction.loginRequired).toBe(false)
    expect(interaction.client).toMatchObject({ name: 'Acme Automations', clientId: client.clientId })
    expect(interaction.organization).toEqual({ id: h.org.organizationId, name: 'Acme' })
    expect(interaction.scopes.map((s) => s.scope)).toEqual(['connections:read', 'offline_access'])
    expect(interaction.scopes[0]?.description).toMatch(/connections/i)

    // Allow: a form POST answers 303 (never 307) to the provider's resume URL.
    const post = await fetch(api, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header(api) ?? '' },
      body: 'decision=allow',
    })
    expect(post.status).toBe(303)
    const resume = await kit.get(jar, post.headers.get('location') ?? '')
    expect(resume.status).toBe(303)
    const callback = new URL(resume.headers.get('location') ?? '')
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI)
    expect(callback.searchParams.get('state')).toBe(state)
    expect(callback.searchParams.get('iss')).toBe(`${h.url}/oauth`)
    const code = callback.searchParams.get('code') ?? ''
    expect(code.length).toBeGreaterThanOrEqual(43)

    // Code → tokens.
    const tokens = await oauth.validateAuthorizationCode(kit.tokenUrl, code, verifier)
    expect(tokens.tokenType().toLowerCase()).toBe('bearer')
    expect(tokens.scopes()).toEqual(['connections:read'])
    const accessToken = tokens.accessToken()
    const refreshToken = tokens.refreshToken()

    // The access token works on the REST API for this organization.
    const listed = await h.api('/api/v1/connections', { key: accessToken })
    expect(listed.status).toBe(200)
    expect(await listed.json()).toMatchObject({ connections: [] })
    // …and on tRPC.
    const trpc = await fetch(`${h.url}/trpc/connections.list?input=${encodeURIComponent('{}')}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
    expect(trpc.status).toBe(200)

    // Refresh rotates: a new pair; the new access token works.
    const refreshed = await oauth.refreshAccessToken(kit.tokenUrl, refreshToken, [])
    expect(refreshed.refreshToken()).not.toBe(refreshToken)
    expect(refreshed.accessToken()).not.toBe(accessToken)
    expect((await h.api('/api/v1/connections', { key: refreshed.accessToken() })).status).toBe(200)

    // Revoke: the access token is refused from then on.
    await oauth.revokeToken(kit.revocationUrl, refreshed.accessToken())
    const refused = await h.api('/api/v1/connections', { key: refreshed.accessToken() })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', legacyCode: 2036 } })

    // And the rotated-out refresh token fails.
    const reuse = await oauth.refreshAccessToken(kit.tokenUrl, refreshToken, []).catch((e: unknown) => e)
    expect(reuse).toBeInstanceOf(OAuth2RequestError)
    expect((reuse as OAuth2RequestError).code).toBe('invalid_grant')
  })

  it('revoking the access token makes the API refuse it with 401', async () => {
    const client = await kit.register({ scopes: ['connections:read', 'offline_access'] })
    const { url, verifier, oauth } = kit.start(client)
    const callback = await kit.authorize(await kit.signedInJar(), url)
    const tokens = await oauth.validateAuthorizationCode(
      kit.tokenUrl,
      callback.searchParams.get('code') ?? '',
      verifier,
    )
    const accessToken = tokens.accessToken()
    expect((await kit.h.api('/api/v1/connections', { key: accessToken })).status).toBe(200)

    await oauth.revokeToken(kit.revocationUrl, accessToken)
    const refused = await kit.h.api('/api/v1/connections', { key: accessToken })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', legacyCode: 2036 } })
    // oidc-provider revokes what was issued under the same grant with it (RFC 7009 §2.1 "MAY").
    const after = await oauth
      .refreshAccessToken(kit.tokenUrl, tokens.refreshToken(), [])
      .catch((e: unknown) => e)
    expect((after as OAuth2RequestError).code).toBe('invalid_grant')
  })

  it('revoking the refresh token ends the grant with every access token issued under it', async () => {
    const client = await kit.register({ scopes: ['connections:read', 'offline_access'] })
    const { url, verifier, oauth } = kit.start(client)
    const callback = await kit.authorize(await kit.signedInJar(), url)
    const tokens = await oauth.validateAuthorizationCode(
      kit.tokenUrl,
      callback.searchParams.get('code') ?? '',
      verifier,
    )
    const again = await oauth.refreshAccessToken(kit.tokenUrl, tokens.refreshToken(), [])
    expect((await kit.h.api('/api/v1/connections', { key: again.accessToken() })).status).toBe(200)

    await oauth.revokeToken(kit.revocationUrl, again.refreshToken())
    expect((await kit.h.api('/api/v1/connections', { key: again.accessToken() })).status).toBe(401)
    const refresh = await oauth
      .refreshAccessToken(kit.tokenUrl, again.refreshToken(), [])
      .catch((e: unknown) => e)
    expect((refresh as OAuth2RequestError).code).toBe('invalid_grant')
  })
})
