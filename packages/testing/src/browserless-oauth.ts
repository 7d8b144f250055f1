import { CookieJar } from './cookie-jar.ts'

export interface CompleteAuthorizationOptions {
  /** Stop at the first redirect whose Location starts with this (the redirect URI); it is not requested. */
  stopAt: string | URL
  /** Login typed into the login form. Default `user-1`. */
  login?: string
  /** Default `password`. */
  password?: string
  /** Button pressed on the consent page. Default `allow`. */
  decision?: 'allow' | 'deny'
  /** Reuse a jar (e.g. to keep the provider session, or to send the callback with its cookies). */
  jar?: CookieJar
  /** Extra headers for the first request only (e.g. a session cookie for the Switchboard connect page). */
  initialHeaders?: Record<string, string>
  /** Maximum number of HTTP requests before giving up. Default 25. */
  maxSteps?: number
}

export interface AuthorizationResult {
  /** The redirect that matched `stopAt` (code, state, iss — or error), not requested. */
  callbackUrl: URL
  jar: CookieJar
  /** Every URL requested, in order, prefixed by the method. */
  visited: string[]
}

/** Thrown when the flow ends on a non-redirect page (error page, unexpected HTML, too many steps). */
export class AuthorizationFlowError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly url: string,
    readonly body: string,
  ) {
    super(message)
    this.name = 'AuthorizationFlowError'
  }
}

interface PendingRequest {
  url: URL
  method: 'GET' | 'POST'
  form?: URLSearchParams
  headers?: Record<string, string>
}

/**
 * Drives an OAuth authorization over plain HTTP, like a browser without JavaScript: follows redirects
 * manually (cookies scoped per host:port), fills the provider's login and consent forms, and returns the
 * redirect to `stopAt` without requesting it. The start URL may be on another server that redirects to
 * the provider (e.g. Switchboard's `/api/v1/connect/authorize?token=…`).
 */
export async function completeAuthorization(
  authorizeUrl: string | URL,
  options: CompleteAuthorizationOptions,
): Promise<AuthorizationResult> {
  const stopAt = String(options.stopAt)
  const jar = options.jar ?? new CookieJar()
  const maxSteps = options.maxSteps ?? 25
  const visited: string[] = []
  let next: PendingRequest = {
    url: new URL(authorizeUrl),
    method: 'GET',
    ...(options.initialHeaders ? { headers: options.initialHeaders } : {}),
  }

  for (let step = 0; step < maxSteps; step++) {
    const headers: Record<string, string> = { accept: 'text/html', ...next.headers }
    const cookie = jar.header(next.url)
    if (cookie) headers.cookie = cookie
    if (next.form) headers['content-type'] = 'application/x-www-form-urlencoded'
    visited.push(`${next.method} ${next.url.href}`)

    const response = await fetch(next.url, {
      method: next.method,
      headers,
      redirect: 'manual',
      ...(next.form ? { body: next.form.toString() } : {}),
    })
    jar.storeFrom(next.url, response)

    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel()
      const target = new URL(location, next.url)
      if (target.href.startsWith(stopAt)) return { callbackUrl: target, jar, visited }
      next = { url: target, method: 'GET' }
      continue
    }

    const body = await response.text()
    if (response.status !== 200) {
      throw new AuthorizationFlowError(
        `authorization flow stopped with HTTP ${response.status} at ${next.url.href}: ${excerpt(body)}`,
        response.status,
        next.url.href,
        body,
      )
    }
    const form = fillForm(body, next.url, options)
    if (!form) {
      throw new AuthorizationFlowError(
        `no form to submit at ${next.url.href}: ${excerpt(body)}`,
        response.status,
        next.url.href,
        body,
      )
    }
    next = form
  }
  throw new AuthorizationFlowError(
    `authorization flow did not reach ${stopAt} in ${maxSteps} steps`,
    0,
    '',
    '',
  )
}

/** Builds the POST for the first `method="post"` form on the page: login fields, consent decision, hidden inputs. */
function fillForm(
  html: string,
  pageUrl: URL,
  options: CompleteAuthorizationOptions,
): PendingRequest | undefined {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const formAttributes = attributesOf(match[1] ?? '')
    if ((formAttributes.method ?? 'get').toLowerCase() !== 'post') continue
    const inner = match[2] ?? ''
    const form = new URLSearchParams()

    for (const input of inner.matchAll(/<input\b([^>]*)>/gi)) {
      const attrs = attributesOf(input[1] ?? '')
      const name = attrs.name
      if (!name) continue
      const type = (attrs.type ?? 'text').toLowerCase()
      if (name === 'login') form.set(name, options.login ?? 'user-1')
      else if (name === 'password' || type === 'password') form.set(name, options.password ?? 'password')
      else if (type !== 'submit' && type !== 'button') form.set(name, attrs.value ?? '')
    }

    const buttons = [...inner.matchAll(/<button\b([^>]*)>/gi)].map((b) => attributesOf(b[1] ?? ''))
    const decisionButtons = buttons.filter((b) => b.name === 'decision')
    if (decisionButtons.length) {
      const decision = options.decision ?? 'allow'
      if (!decisionButtons.some((b) => b.value === decision)) return undefined
      form.set('decision', decision)
    } else {
      const named = buttons.find((b) => b.name)
      if (named?.name) form.set(named.name, named.value ?? '')
    }

    return { url: new URL(formAttributes.action ?? pageUrl.href, pageUrl), method: 'POST', form }
  }
  return undefined
}

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const m of source.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = m[1]?.toLowerCase()
    if (name) attributes[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '')
  }
  return attributes
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

function excerpt(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 400)
}
