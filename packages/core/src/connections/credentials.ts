import type { ApiAuth } from '@switchboard/catalog'
import type { Connection } from '@switchboard/db'
import { secretAt } from '../crypto/secret-location.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { cachedDerive } from '../util/read-cache.ts'

/** What a connection's encrypted credentials hold. */
export type StoredCredentials =
  | { kind: 'oauth2'; accessToken: string; refreshToken: string | null; tokenType: string }
  | { kind: 'fields'; values: Record<string, string> }

export function encryptCredentials(deps: CoreDeps, connectionId: string, creds: StoredCredentials): string {
  return deps.cipher.encrypt(JSON.stringify(creds), secretAt.connectionCredentials(connectionId))
}

export function decryptCredentials(
  deps: CoreDeps,
  connection: Pick<Connection, 'id' | 'credentialsCiphertext'>,
) {
  return JSON.parse(
    deps.cipher.decrypt(connection.credentialsCiphertext, secretAt.connectionCredentials(connection.id)),
  ) as StoredCredentials
}

/**
 * decryptCredentials, remembered by the server's cache per ciphertext (a new one is written on
 * every change): the proxy's hot path then skips AES-GCM and JSON. The result may be shared,
 * so it is frozen.
 */
export function decryptCredentialsCached(
  deps: CoreDeps,
  connection: Pick<Connection, 'id' | 'credentialsCiphertext'>,
): Readonly<StoredCredentials> {
  return cachedDerive(deps, 'credentials', deps.cipher, connection.credentialsCiphertext, () =>
    deepFreeze(decryptCredentials(deps, connection)),
  )
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (v !== null && typeof v === 'object') deepFreeze(v)
  return Object.freeze(value)
}

/** The values a template may use: {accessToken} for OAuth2, the form's fields otherwise. */
export function templateValues(creds: StoredCredentials): Record<string, string> {
  return creds.kind === 'oauth2' ? { accessToken: creds.accessToken } : creds.values
}

/** Replaces `{name}` placeholders; a missing value is a configuration error, never an empty string. */
export function interpolate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = values[name]
    if (v === undefined)
      throw new AppError('INVALID_CREDENTIALS', `The connection has no value for "${name}"`)
    return v
  })
}

/**
 * Puts credentials on an outbound request as the catalog says: header, query or basic.
 * Header names are set in lower case, replacing any of the same name.
 */
export function applyAuth(
  auth: ApiAuth,
  creds: StoredCredentials,
  url: URL,
  headers: Record<string, string>,
): void {
  const [name, value] = renderedAuth(auth, creds)
  if (auth.in === 'query') url.searchParams.set(name, value)
  else headers[name] = value
}

/** The header (lower-cased) or query parameter name, and its value, for these credentials. */
function renderedAuth(auth: ApiAuth, creds: StoredCredentials): readonly [string, string] {
  const values = templateValues(creds)
  let pair: readonly [string, string]
  if (auth.in === 'header') pair = [auth.name.toLowerCase(), interpolate(auth.value, values)]
  else if (auth.in === 'query') pair = [auth.name, interpolate(auth.value, values)]
  else {
    const user = interpolate(auth.username, values)
    const pass = interpolate(auth.password, values)
    pair = ['authorization', `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`]
  }
  return pair
}
