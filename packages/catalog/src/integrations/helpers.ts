import type { IntegrationInput } from '../schema.ts'

/** The `api.auth` part of a catalog entry, as written (before defaults are filled in). */
export type ApiAuthInput = IntegrationInput['api']['auth']
/** The `oauth2` block of a catalog entry, as written. */
export type OAuth2Input = NonNullable<IntegrationInput['oauth2']>

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
