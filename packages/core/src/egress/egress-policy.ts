import ipaddr from 'ipaddr.js'
import { AppError } from '../errors.ts'

/**
 * Where outbound calls may go. Production: https to public addresses only. The allowlist
 * (SWITCHBOARD_EGRESS_ALLOW: "host" or "host:port") lets tests and local development reach
 * loopback or plain-http servers explicitly.
 */
export interface EgressPolicy {
  allow: readonly string[]
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
}

function defaultPort(u: URL): string {
  return u.port || (u.protocol === 'https:' ? '443' : '80')
}

/** Whether the allowlist names this URL's host (any port) or host:port. */
export function isExplicitlyAllowed(policy: EgressPolicy, u: URL): boolean {
  const host = u.hostname.toLowerCase()
  const hostPort = `${host}:${defaultPort(u)}`
  return policy.allow.some((entry) => {
    const e = entry.trim().toLowerCase()
    return e === host || e === hostPort || e === bareHost(host)
  })
}

/** True for addresses no outbound call may reach: loopback, private, link-local, mapped… */
export function isInternalAddress(address: string): boolean {
  const bare = bareHost(address)
  if (!ipaddr.isValid(bare)) return false
  const parsed = ipaddr.process(bare)
  const range = parsed.range()
  if (range !== 'unicast') return true
  // Addresses that embed an IPv4 address (6to4, Teredo, NAT64) inherit its range.
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6
    const parts = v6.parts
    if (parts[0] === 0x64 && parts[1] === 0xff9b) return true
    // Deprecated IPv4-compatible addresses (::a.b.c.d, RFC 4291 §2.5.5.1), which ipaddr calls unicast.
    if (parts.slice(0, 6).every((p) => p === 0)) return true
  }
  return false
}

function deny(message: string): never {
  throw new AppError('EGRESS_DENIED', message)
}

/**
 * Parses and checks a URL before any outbound call (OAuth endpoints, verify requests, the
 * proxy). Names resolved through DNS are checked again at connect time by the guarded agent.
 */
export function checkEgressUrl(policy: EgressPolicy, raw: string | URL, what = 'URL'): URL {
  const text = String(raw)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (text !== text.trim() || /[\u0000-\u001f\u007f]/.test(text))
    deny(`The ${what} contains whitespace or control characters`)
  let u: URL
  try {
    u = new URL(text)
  } catch {
    return deny(`The ${what} is not a valid absolute URL`)
  }
  if (u.username || u.password) deny(`The ${what} must not contain credentials`)
  if (u.protocol !== 'https:' && u.protocol !== 'http:') deny(`The ${what} must use https`)
  const allowed = isExplicitlyAllowed(policy, u)
  if (u.protocol === 'http:' && !allowed)
    deny(`The ${what} must use https (http only for hosts in SWITCHBOARD_EGRESS_ALLOW)`)
  // A fully qualified name ("localhost.") is the same host as without the trailing dot.
  const host = bareHost(u.hostname.toLowerCase()).replace(/\.+$/, '')
  if (!allowed) {
    if (
      host === 'localhost' ||
      host.endsWith('.localhost') ||
      host.endsWith('.local') ||
      host.endsWith('.internal')
    ) {
      deny(`The ${what} points at an internal host`)
    }
    if (isInternalAddress(host)) deny(`The ${what} points at an internal address`)
  }
  return u
}
