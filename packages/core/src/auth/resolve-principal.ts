import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { authenticateApiKey } from '../tenancy/api-keys.ts'
import { authenticateSession } from '../tenancy/users.ts'
import type { Principal } from './principal.ts'

export interface Credentials {
  /** The raw Authorization header, if any. */
  authorization?: string | undefined
  /** The dashboard session cookie, if any. */
  sessionToken?: string | undefined
}

/** Extra bearer schemes (the authorization server's access tokens) plug in here. */
export type BearerResolver = (deps: CoreDeps, token: string) => Promise<Principal | null>

/**
 * Who is calling: a bearer API key (or a token a resolver accepts), else the dashboard session.
 * Settles with null when no credential was sent; rejects with UNAUTHORIZED for a bad one.
 *
 * Not an async function: on the proxy's path it hands back the API key's own promise, where
 * an async wrapper would add a promise and two microtask turns per call.
 */
export function resolvePrincipal(
  deps: CoreDeps,
  creds: Credentials,
  bearerResolvers: readonly BearerResolver[] = [],
): Promise<Principal | null> {
  if (creds.authorization !== undefined && creds.authorization !== '') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(creds.authorization)
    if (!match?.[1]) {
      return Promise.reject(
        new AppError(
          'UNAUTHORIZED',
          'Malformed Authorization header: expected "Bearer sk_…"',
          undefined,
          2038,
        ),
      )
    }
    const token = match[1]
    if (token.startsWith('sk_')) return authenticateApiKey(deps, token)
    return resolveBearer(deps, token, bearerResolvers)
  }
  if (creds.sessionToken) return authenticateSession(deps, creds.sessionToken)
  return Promise.resolve(null)
}

async function resolveBearer(
  deps: CoreDeps,
  token: string,
  bearerResolvers: readonly BearerResolver[],
): Promise<Principal> {
  for (const resolve of bearerResolvers) {
    const principal = await resolve(deps, token)
    if (principal) return principal
  }
  throw new AppError('UNAUTHORIZED', 'Invalid API key or access token', undefined, 2036)
}

export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) {
    throw new AppError(
      'UNAUTHORIZED',
      'API key is required: send "Authorization: Bearer sk_…"',
      undefined,
      2032,
    )
  }
  return principal
}
