import { isIP } from 'node:net'

/**
 * Which peers' `X-Forwarded-For` / `X-Forwarded-Proto` / `X-Forwarded-Host` Switchboard
 * believes (SWITCHBOARD_TRUST_PROXY): none (`false`, the default), the addresses or CIDR
 * ranges of your proxies (plus proxy-addr's names `loopback`, `linklocal`, `uniquelocal`).
 * Handed to Fastify as its `trustProxy`. No `true` and no hop count: both believe a client
 * that talks to the server directly (Fastify 5 itself now ignores a hop count).
 */
export type TrustProxy = false | string[]

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isAddressOrRange(entry: string): boolean {
  if (NAMES.has(entry)) return true
  const slash = entry.indexOf('/')
  const address = slash === -1 ? entry : entry.slice(0, slash)
  const version = isIP(address)
  if (version === 0) return false
  if (slash === -1) return true
  const bits = entry.slice(slash + 1)
  if (!/^\d{1,3}$/.test(bits)) return false
  return Number(bits) <= (version === 4 ? 32 : 128)
}

/** Parses SWITCHBOARD_TRUST_PROXY; throws with a message that says what to write instead. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim()
  if (text === '' || text === 'false') return false
  if (text === 'true') {
    throw new Error(
      '"true" would believe X-Forwarded-For from any client, so anyone could pick the address that rate limits count; list your proxies\' addresses or CIDR ranges instead (e.g. 10.0.0.0/8,loopback)',
    )
  }
  if (/^\d+$/.test(text)) {
    throw new Error(
      "a number of proxy hops cannot tell a proxy from a client that connects directly; list your proxies' addresses or CIDR ranges instead (e.g. 10.0.0.0/8)",
    )
  }
  const entries = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const bad = entries.filter((e) => !isAddressOrRange(e))
  if (bad.length > 0) {
    throw new Error(
      `not an IP address, CIDR range or one of loopback, linklocal, uniquelocal: ${bad.join(', ')}`,
    )
  }
  return entries
}
