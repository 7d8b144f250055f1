interface StoredCookie {
  name: string
  value: string
  path: string
  expiresAt: number | undefined
}

/**
 * A minimal cookie jar for scripted HTTP flows: cookies are scoped to host:port (no domain sharing),
 * respect `Path`, `Max-Age` and `Expires`, and ignore `Secure`/`SameSite` (everything is loopback HTTP).
 */
export class CookieJar {
  readonly #byHost = new Map<string, StoredCookie[]>()

  /** Stores the `Set-Cookie` headers of a response received from `url`. */
  storeFrom(url: URL | string, response: Response): void {
    this.store(url, response.headers.getSetCookie())
  }

  /** Stores raw `Set-Cookie` header values received from `url`. */
  store(url: URL | string, setCookies: string[]): void {
    const target = new URL(url)
    const cookies = this.#byHost.get(target.host) ?? []
    for (const header of setCookies) {
      const cookie = parseSetCookie(header, target.pathname)
      if (!cookie) continue
      const rest = cookies.filter((c) => c.name !== cookie.name || c.path !== cookie.path)
      cookies.length = 0
      cookies.push(...rest)
      if (cookie.expiresAt === undefined || cookie.expiresAt > Date.now()) cookies.push(cookie)
    }
    this.#byHost.set(target.host, cookies)
  }

  /** The `Cookie` header value to send to `url`, or undefined when no cookie applies. */
  header(url: URL | string): string | undefined {
    const target = new URL(url)
    const now = Date.now()
    const matching = (this.#byHost.get(target.host) ?? [])
      .filter((c) => (c.expiresAt === undefined || c.expiresAt > now) && pathMatches(target.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length)
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined
  }

  /** Cookie names/values currently stored for a host:port (e.g. `127.0.0.1:3000`). */
  cookiesFor(hostPort: string): Array<{ name: string; value: string; path: string }> {
    return (this.#byHost.get(hostPort) ?? []).map(({ name, value, path }) => ({ name, value, path }))
  }

  clear(): void {
    this.#byHost.clear()
  }
}

function parseSetCookie(header: string, requestPath: string): StoredCookie | undefined {
  const [pair = '', ...attributes] = header.split(';')
  const eq = pair.indexOf('=')
  if (eq <= 0) return undefined
  const cookie: StoredCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    path: defaultPath(requestPath),
    expiresAt: undefined,
  }
  let maxAgeSeen = false
  for (const attribute of attributes) {
    const [rawKey = '', ...rawValue] = attribute.split('=')
    const key = rawKey.trim().toLowerCase()
    const value = rawValue.join('=').trim()
    if (key === 'path' && value.startsWith('/')) cookie.path = value
    if (key === 'max-age' && /^-?\d+$/.test(value)) {
      maxAgeSeen = true
      cookie.expiresAt = Date.now() + Number(value) * 1000
    }
    if (key === 'expires' && !maxAgeSeen) {
      const time = Date.parse(value)
      if (!Number.isNaN(time)) cookie.expiresAt = time
    }
  }
  return cookie
}

/** RFC 6265 §5.1.4 default-path. */
function defaultPath(requestPath: string): string {
  if (!requestPath.startsWith('/')) return '/'
  const lastSlash = requestPath.lastIndexOf('/')
  return lastSlash <= 0 ? '/' : requestPath.slice(0, lastSlash)
}

/** RFC 6265 §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}
