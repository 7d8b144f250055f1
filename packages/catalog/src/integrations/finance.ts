import type { IntegrationInput } from '../schema.ts'
import { bearerAccessToken, bearerApiKey } from './helpers.ts'

/** Payments and accounting. */
export const financeIntegrations: IntegrationInput[] = [
  {
    name: 'stripe',
    displayName: 'Stripe',
    description: 'Stripe API with a secret or restricted key.',
    categories: ['payments'],
    authType: 'SECRET_TEXT',
    api: { baseUrl: 'https://api.stripe.com', auth: bearerApiKey },
    fields: [
      {
        key: 'apiKey',
        label: 'Secret key',
        secret: true,
        pattern: '^(sk|rk)_(test|live)_',
        placeholder: 'sk_live_…',
        help: 'A restricted key (rk_…) needs read access to Balance for the credential check.',
      },
    ],
    verify: { method: 'GET', path: '/v1/balance', expectStatus: 200 },
    docsUrl: 'https://docs.stripe.com/keys',
  },
  {
    name: 'quickbooks',
    displayName: 'QuickBooks Online',
    description:
      'QuickBooks Online Accounting API at /v3/company/{realmId} (realmId comes with the callback).',
    categories: ['payments'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://appcenter.intuit.com/connect/oauth2',
      tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
      revocationUrl: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
      scopes: ['com.intuit.quickbooks.accounting'],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'basic',
      // Intuit sends the refresh token's lifetime itself (x_refresh_token_expires_in, ~100 days).
    },
    api: {
      baseUrl: 'https://quickbooks.api.intuit.com',
      allowedOrigins: ['https://quickbooks.api.intuit.com', 'https://sandbox-quickbooks.api.intuit.com'],
      auth: bearerAccessToken,
    },
    docsUrl:
      'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0',
  },
  {
    name: 'xero',
    displayName: 'Xero',
    description: 'Xero Accounting API; requests need a `Xero-tenant-id` header from GET /connections.',
    categories: ['payments'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://login.xero.com/identity/connect/authorize',
      tokenUrl: 'https://identity.xero.com/connect/token',
      revocationUrl: 'https://identity.xero.com/connect/revocation',
      scopes: ['offline_access', 'accounting.settings.read', 'accounting.contacts.read'],
      scopeSeparator: ' ',
      pkce: true,
      clientAuth: 'basic',
      // "Refresh tokens expire after 60 days" (each refresh issues a new one).
      refreshTokenLifetimeDays: 60,
    },
    api: { baseUrl: 'https://api.xero.com', auth: bearerAccessToken },
    docsUrl: 'https://developer.xero.com/documentation/guides/oauth2/auth-flow',
  },
]
