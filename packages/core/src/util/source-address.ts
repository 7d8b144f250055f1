import ipaddr from 'ipaddr.js'

/**
 * The key a per-address limit counts a request's source address under: an IPv4 address as it
 * is (an IPv4-mapped IPv6 address as its IPv4 address), an IPv6 address as its /64 network.
 * One subscriber gets a whole /64, so counting single IPv6 addresses would give an attacker
 * 2^64 fresh budgets. Anything that is not an IP address (a test's or a proxy's odd value) is
 * counted as it is.
 */
export function sourceAddressKey(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  if (!ipaddr.isValid(bare)) return address
  const parsed = ipaddr.process(bare)
  if (parsed.kind() === 'ipv4') return parsed.toString()
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4)
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`
}
