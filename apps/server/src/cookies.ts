import { parseCookie, stringifySetCookie } from 'cookie'
import type { FastifyReply } from 'fastify'

/** The dashboard session's cookie: the app's login and the authorization server both read it. */
export const SESSION_COOKIE = 'sb_session'

/**
 * The dashboard's session cookie, read and written with the `cookie` package alone rather
 * than a Fastify plugin. A cookie plugin runs on every request: a parsing hook, a set-cookie
 * hook on every answer and more fields on every request and reply object. Most requests are
 * API calls that carry no cookie, and with the plugin registered, the proxy's process was far
 * more often in the garbage collector's slow regime (docs/performance.md). Here a request
 * with no Cookie header costs one property read.
 */
export function readCookie(headers: { cookie?: string | undefined }, name: string): string | undefined {
  const header = headers.cookie
  if (!header) return undefined
  return parseCookie(header)[name]
}

export interface CookieOptions {
  secure: boolean
  expires: Date
}

/** Adds a Set-Cookie header for an httpOnly, SameSite=Lax cookie on the whole site. */
export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  addSetCookie(reply, name, value, options.secure, options.expires)
}

/** Tells the browser to drop the cookie: empty, expired at the epoch, Max-Age=0. */
export function clearCookie(reply: FastifyReply, name: string, secure: boolean): void {
  addSetCookie(reply, name, '', secure, new Date(0), 0)
}

function addSetCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  secure: boolean,
  expires: Date,
  maxAge?: number,
): void {
  void reply.header(
    'set-cookie',
    stringifySetCookie({
      name,
      value,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      expires,
      ...(maxAge !== undefined && { maxAge }),
    }),
  )
}
