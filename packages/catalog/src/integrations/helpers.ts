import type { IntegrationInput } from '../schema.ts'

/** The `api.auth` part of a catalog entry, as written (before defaults are filled in). */
export type ApiAuthInput = IntegrationInput['api']['auth']
/** The `oauth2` block of a catalog entry, as written. */
export type OAuth2Input = NonNullable<IntegrationInput['oauth2']>

/** A vendor's favicon, served by Google's favicon service, so every logo has the same size and origin. */
export function favicon(domain: string): string {
  return `https://www.google.com/s2/favicons?domain=${domain}&sz=64`
}

/** OAuth2 access token as a bearer token: what nearly every OAuth2 API expects. */
export const bearerAccessToken: ApiAuthInput = {
  in: 'header',
  name: 'Authorization',
  value: 'Bearer {accessToken}',
}

/** An API key as a bearer token (OpenAI, Stripe, SendGrid, …). */
export const bearerApiKey: ApiAuthInput = { in: 'header', name: 'Authorization', value: 'Bearer {apiKey}' }

/** An API key in a named header (`x-api-key: {apiKey}` and the like). */
export function apiKeyHeader(name: string): ApiAuthInput {
  return { in: 'header', name, value: '{apiKey}' }
}
