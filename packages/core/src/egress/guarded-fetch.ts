import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { Agent, fetch as undiciFetch } from 'undici'
import { AppError } from '../errors.ts'
import { type EgressPolicy, isInternalAddress } from './egress-policy.ts'

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/**
 * An undici agent whose DNS lookup refuses internal addresses (DNS pinning: the socket
 * connects to the address that was checked). Names in the allowlist resolve as usual.
 */
export function createGuardedAgent(policy: EgressPolicy, options: { connectTimeoutMs?: number } = {}): Agent {
  const allowedHosts = new Set(policy.allow.map((e) => e.toLowerCase().replace(/:\d+$/, '')))
  const lookup = (hostname: string, opts: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(err, [])
      const list = addresses as LookupAddress[]
      if (!allowedHosts.has(hostname.toLowerCase())) {
        const bad = list.find((a) => isInternalAddress(a.address))
        if (bad) {
          const e = Object.assign(new Error(`${hostname} resolves to an internal address`), {
            code: 'EGRESS_DENIED',
          })
          return callback(e, [])
        }
      }
      const wantsAll = (opts as { all?: boolean }).all === true
      if (wantsAll) return callback(null, list)
      const first = list[0]
      if (!first)
        return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), [])
      return callback(null, first.address, first.family)
    })
  }
  return new Agent({ connect: { lookup, timeout: options.connectTimeoutMs ?? 10_000 } as never })
}

/** A fetch that goes through the guarded agent; callers still check URLs with checkEgressUrl. */
export function createGuardedFetch(
  policy: EgressPolicy,
  dispatcher: Agent = createGuardedAgent(policy),
): typeof globalThis.fetch {
  const guarded = (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher } as never).catch((e: unknown) => {
      const cause = (e as { cause?: { code?: string } }).cause
      if (cause?.code === 'EGRESS_DENIED')
        throw new AppError('EGRESS_DENIED', 'The destination resolves to an internal address')
      throw e
    })
  return guarded as unknown as typeof globalThis.fetch
}
