import { type CoreDeps, createCustomIntegration, createOAuthApp, type Principal } from '@switchboard/core'
import type { TestProvider, TestUpstream } from '@switchboard/testing'

/**
 * The in-process oidc-provider as the custom OAuth2 integration "acme-idp", calling `upstream`
 * with its access tokens: the one definition the API tests, the process tests and the browser
 * suite connect through.
 */
export function acmeIntegration(provider: TestProvider, upstream: TestUpstream, displayName = 'Acme IdP') {
  return {
    name: 'acme-idp',
    displayName,
    authType: 'OAUTH2' as const,
    oauth2: {
      authorizationUrl: provider.authorizationUrl,
      tokenUrl: provider.tokenUrl,
      revocationUrl: provider.revocationUrl,
      introspectionUrl: provider.introspectionUrl,
      scopes: ['openid', 'offline_access', 'api:read'],
      scopeSeparator: ' ',
      pkce: true,
      clientAuth: 'basic' as const,
      authorizationParams: { prompt: 'consent' },
      issuer: provider.issuer,
    },
    api: {
      baseUrl: upstream.url,
      auth: { in: 'header' as const, name: 'Authorization', value: 'Bearer {accessToken}' },
    },
  }
}

/** Registers "acme-idp" for `principal`'s organization with the provider's client as its OAuth app. */
export async function registerAcme(
  deps: CoreDeps,
  principal: Principal,
  provider: TestProvider,
  upstream: TestUpstream,
  displayName?: string,
): Promise<void> {
  await createCustomIntegration(deps, principal, acmeIntegration(provider, upstream, displayName))
  await createOAuthApp(deps, principal, {
    integrationName: 'acme-idp',
    clientId: provider.client.clientId,
    clientSecret: provider.client.clientSecret,
  })
}
