import { allowedOriginsFor, type IntegrationDefinition } from '@switchboard/catalog'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { AppError } from '../errors.ts'

/**
 * The upstream URL of a proxied call: a relative path is appended to the connection's API
 * base; an absolute URL must be on one of the integration's allowed origins. Either way the
 * result passes the egress rules (https, no userinfo, no internal addresses unless allowed).
 */
export function resolveProxyUrl(
  def: IntegrationDefinition,
  apiBaseUri: string | null,
  target: string,
  egressAllow: readonly string[],
): URL {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (target !== target.trim() || /[\u0000-\u001f\u007f]/.test(target)) {
    throw new AppError('EGRESS_DENIED', 'The URL contains whitespace or control characters')
  }
  const base = apiBaseUri ?? def.api.baseUrl
  const isAbsolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target) || target.startsWith('//')
  let url: URL
  if (isAbsolute) {
    try {
      url = new URL(target.startsWith('//') ? `https:${target}` : target)
    } catch {
      throw new AppError('VALIDATION_ERROR', 'url is not a valid URL', [
        { path: 'url', message: 'invalid URL' },
      ])
    }
    if (!allowedOriginsFor(def).includes(url.origin) && url.origin !== new URL(base).origin) {
      throw new AppError(
        'EGRESS_DENIED',
        `Absolute URLs must be on ${def.displayName}'s API (${allowedOriginsFor(def).join(', ')}); pass a path relative to it instead`,
      )
    }
  } else {
    const path = target.replace(/^\/+/, '')
    url = new URL(`${base.replace(/\/+$/, '')}/${path}`)
    if (url.origin !== new URL(base).origin)
      throw new AppError('EGRESS_DENIED', 'The path leaves the API base')
  }
  return checkEgressUrl({ allow: egressAllow }, url, 'proxied URL')
}
