import { AppError } from '@switchboard/core'
import type { FastifyRequest } from 'fastify'
import { readCookie, SESSION_COOKIE } from './cookies.ts'

/**
 * CSRF defenses for requests the dashboard session cookie authenticates. A browser attaches
 * the cookie to requests other sites make it send; it does not attach an API key or bearer
 * token, so requests with an Authorization header are never checked here.
 */

/** Whether a browser says the request comes from our own origin (Sec-Fetch-Site, else Origin). */
export function isSameOrigin(headers: FastifyRequest['headers'], publicUrl: string): boolean {
  const site = headers['sec-fetch-site']
  if (site !== undefined) return site === 'same-origin'
  const origin = headers.origin
  return origin !== undefined && origin === new URL(publicUrl).origin
}

/** Only the dashboard cookie can speak for this request (no Authorization header). */
export function isCookieAuthenticated(req: FastifyRequest): boolean {
  return !req.headers.authorization && readCookie(req.headers, SESSION_COOKIE) !== undefined
}

/** Refuses a cookie-authenticated request that the browser marks as coming from another site. */
export function refuseCrossSiteCookieRequest(req: FastifyRequest, publicUrl: string): void {
  if (!isCookieAuthenticated(req) || isSameOrigin(req.headers, publicUrl)) return
  throw new AppError(
    'CROSS_SITE_REQUEST',
    "Requests with the dashboard session must come from Switchboard's own pages; from elsewhere, authenticate with an API key (Authorization: Bearer sk_…)",
  )
}

/** The content types a page of another site can send without a CORS preflight. */
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'])

function isSimpleContentType(value: string | undefined): boolean {
  if (value === undefined) return false
  return SIMPLE_TYPES.has(value.split(';', 1)[0]?.trim().toLowerCase() ?? '')
}

/**
 * tRPC's guard, as a route-level onRequest hook (before any body is read): a call without an
 * Authorization header may not use a form's or text/plain content type (tRPC takes JSON; a
 * cross-site form, which cannot set another, could otherwise sign a browser in as someone
 * else or act with its session), and a cookie-authenticated call must come from our origin.
 */
export function guardTrpcRequest(config: { readonly publicUrl: string }) {
  return async (req: FastifyRequest): Promise<void> => {
    if (req.headers.authorization) return
    if (isSimpleContentType(req.headers['content-type'])) {
      throw new AppError(
        'CROSS_SITE_REQUEST',
        'tRPC takes JSON only: send Content-Type: application/json (form and text/plain bodies are refused, as a cross-site form could send them)',
      )
    }
    refuseCrossSiteCookieRequest(req, config.publicUrl)
  }
}
