import { z } from 'zod'

/** How a connection authenticates. OAUTH2 runs the authorization-code flow; the others are typed in. */
export const AuthType = z.enum(['OAUTH2', 'SECRET_TEXT', 'BASIC', 'CUSTOM'])
export type AuthType = z.infer<typeof AuthType>

const slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lowercase letters, digits and dashes (e.g. "acme-crm")')

const httpUrl = z.url({ protocol: /^https?$/ })

export const OAuth2Config = z.object({
  authorizationUrl: httpUrl,
  tokenUrl: httpUrl,
  revocationUrl: httpUrl.optional(),
  /**
   * RFC 7662 token introspection. Optional; when set, a refresh interrupted by a crash is
   * checked here before the refresh token is sent again (see docs/api.md).
   */
  introspectionUrl: httpUrl.optional(),
  scopes: z.array(z.string().min(1)).default([]),
  scopeSeparator: z.string().default(' '),
  pkce: z.boolean().default(true),
  /** client_secret_basic ("basic") or client_secret_post ("body") at the token endpoint. */
  clientAuth: z.enum(['basic', 'body']).default('basic'),
  authorizationParams: z.record(z.string(), z.string()).default({}),
  /** "authorization_code" (default) or "client_credentials" (re-minted, never refreshed). */
  grantType: z.enum(['authorization_code', 'client_credentials']).default('authorization_code'),
  /** Expected `iss` on the callback (RFC 9207); when set, a callback without it is refused. */
  issuer: z.string().optional(),
  /**
   * How long a refresh token the provider issues lasts, in days, for providers that document a
   * lifetime but do not send `refresh_token_expires_in`. Sets the connection's
   * `refreshTokenExpiresAt` (and so `expiring` and `connection.expiring`) from each token answer
   * that carries a refresh token. A lifetime the provider sends wins.
   */
  refreshTokenLifetimeDays: z.number().int().min(1).max(3650).optional(),
})
export type OAuth2Config = z.infer<typeof OAuth2Config>

/**
 * How credentials are put on a proxied request. `value` interpolates `{accessToken}`,
 * `{apiKey}`, `{username}`, `{password}` or any field key.
 */
export const ApiAuth = z.discriminatedUnion('in', [
  z.object({ in: z.literal('header'), name: z.string().min(1), value: z.string().min(1) }),
  z.object({ in: z.literal('query'), name: z.string().min(1), value: z.string().min(1) }),
  z.object({ in: z.literal('basic'), username: z.string(), password: z.string() }),
])
export type ApiAuth = z.infer<typeof ApiAuth>

export const ApiConfig = z.object({
  baseUrl: httpUrl,
  /** Origins the proxy may send credentials to; defaults to the base URL's origin. */
  allowedOrigins: z.array(z.string()).default([]),
  auth: ApiAuth,
})
export type ApiConfig = z.infer<typeof ApiConfig>

export const FormField = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  label: z.string().min(1),
  secret: z.boolean().default(false),
  optional: z.boolean().default(false),
  /**
   * Checked with the linear-time engine of field-pattern.ts, and only there: creating or
   * updating a custom integration refuses one it cannot compile (INVALID_FIELD_PATTERN).
   * Parsing does not, so a definition stored before that rule still loads.
   */
  pattern: z.string().optional(),
  placeholder: z.string().optional(),
  help: z.string().optional(),
})
export type FormField = z.infer<typeof FormField>

export const VerifyRequest = z.object({
  method: z.enum(['GET', 'POST', 'HEAD']).default('GET'),
  path: z.string().min(1),
  expectStatus: z.number().int().min(100).max(599).default(200),
})
export type VerifyRequest = z.infer<typeof VerifyRequest>

export const Category = z.enum([
  'productivity',
  'communication',
  'developer-tools',
  'crm',
  'storage',
  'ai',
  'payments',
  'marketing',
  'email',
  'project-management',
  'calendar',
  'video',
  'analytics',
  'support',
  'database',
  'other',
])

export const IntegrationDefinition = z
  .object({
    name: slug,
    displayName: z.string().min(1).max(100),
    /** An https URL or a data: URI; the SPA falls back to initials when absent. */
    logoUrl: z.string().optional(),
    description: z.string().max(500).optional(),
    categories: z.array(Category).default([]),
    authType: AuthType,
    oauth2: OAuth2Config.optional(),
    api: ApiConfig,
    fields: z.array(FormField).default([]),
    verify: VerifyRequest.optional(),
    docsUrl: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.authType === 'OAUTH2' && !value.oauth2) {
      ctx.addIssue({ code: 'custom', path: ['oauth2'], message: 'OAUTH2 integrations need an oauth2 block' })
    }
    if (value.authType !== 'OAUTH2' && value.oauth2) {
      ctx.addIssue({
        code: 'custom',
        path: ['oauth2'],
        message: 'only OAUTH2 integrations have an oauth2 block',
      })
    }
    if (
      value.authType !== 'OAUTH2' &&
      value.fields.length === 0 &&
      value.authType !== 'SECRET_TEXT' &&
      value.authType !== 'BASIC'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: 'CUSTOM integrations describe their form in fields',
      })
    }
  })
export type IntegrationDefinition = z.infer<typeof IntegrationDefinition>
export type IntegrationInput = z.input<typeof IntegrationDefinition>

/** Default form fields for the typed-in auth types when an entry lists none. */
export function formFieldsFor(def: IntegrationDefinition): FormField[] {
  if (def.fields.length > 0) return def.fields
  if (def.authType === 'SECRET_TEXT') {
    return [{ key: 'apiKey', label: 'API key', secret: true, optional: false }]
  }
  if (def.authType === 'BASIC') {
    return [
      { key: 'username', label: 'Username', secret: false, optional: false },
      { key: 'password', label: 'Password', secret: true, optional: false },
    ]
  }
  return []
}

/** The origins the proxy may reach for an integration: the explicit list, or the base URL's origin. */
export function allowedOriginsFor(def: IntegrationDefinition): string[] {
  return def.api.allowedOrigins.length > 0 ? def.api.allowedOrigins : [new URL(def.api.baseUrl).origin]
}
