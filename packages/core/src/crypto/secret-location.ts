import type { SecretLocation } from './cipher.ts'

/** Where each kind of secret lives; the cipher binds every ciphertext to one of these. */
export const secretAt = {
  connectionCredentials: (rowId: string): SecretLocation => ({
    table: 'connections',
    column: 'credentials_ciphertext',
    rowId,
  }),
  oauthAppSecret: (rowId: string): SecretLocation => ({
    table: 'oauth_apps',
    column: 'client_secret_ciphertext',
    rowId,
  }),
  pkceVerifier: (rowId: string): SecretLocation => ({
    table: 'connect_sessions',
    column: 'pkce_verifier_ciphertext',
    rowId,
  }),
  /** Tokens an OAuth exchange obtained, until the connection holds them. */
  sessionTokens: (rowId: string): SecretLocation => ({
    table: 'connect_sessions',
    column: 'tokens_ciphertext',
    rowId,
  }),
  /** The authorization server's signing keys and cookie keys (rows "jwks", "cookie-keys"). */
  oauthServerSecret: (rowId: string): SecretLocation => ({
    table: 'oauth_server_secrets',
    column: 'value_ciphertext',
    rowId,
  }),
  /** A webhook endpoint's signing secret, and the former one while it still signs after a rotation. */
  webhookSecret: (rowId: string): SecretLocation => ({
    table: 'webhook_endpoints',
    column: 'secret_ciphertext',
    rowId,
  }),
  webhookPreviousSecret: (rowId: string): SecretLocation => ({
    table: 'webhook_endpoints',
    column: 'previous_secret_ciphertext',
    rowId,
  }),
  /** The answer a REST POST with an Idempotency-Key got (it may hold a secret shown once). */
  idempotentResponse: (rowId: string): SecretLocation => ({
    table: 'idempotency_keys',
    column: 'response_ciphertext',
    rowId,
  }),
  /** A started SSO sign-in's PKCE verifier and nonce (JSON), until its callback. */
  ssoLoginSecrets: (rowId: string): SecretLocation => ({
    table: 'sso_login_attempts',
    column: 'secrets_ciphertext',
    rowId,
  }),
}
