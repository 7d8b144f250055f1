import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import type { Agent, Dispatcher } from 'undici'
import { AppError } from '../errors.ts'
import { type EgressPolicy, isInternalAddress } from './egress-policy.ts'
import { undici } from './undici.ts'

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/** What the proxy needs of a dispatcher: send a request, and close or destroy its sockets. */
export type ProxyDispatcher = Pick<Dispatcher, 'dispatch' | 'close' | 'destroy'>

/**
 * The guarded agent, built (and undici loaded) on the first outbound call, not at boot. After
 * that every call is one check and a forward to the real agent.
 */
export class LazyGuardedAgent implements ProxyDispatcher {
  private real: Agent | undefined
  constructor(private readonly build: () => Agent) {}

  /** The real agent (built now if it is not yet). */
  agent(): Agent {
    this.real ??= this.build()
    return this.real
  }

  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    return this.agent().dispatch(options, handler)
  }

  async close(): Promise<void> {
    await this.real?.close()
  }

  async destroy(): Promise<void> {
    await this.real?.destroy()
  }
}

/**
 * An undici agent whose DNS lookup refuses internal addresses (DNS pinning: the socket
 * connects to the address that was checked). Names in the allowlist resolve as usual.
 * Lazy: see LazyGuardedAgent.
 */
export function createGuardedAgent(
  policy: EgressPolicy,
  options: { connectTimeoutMs?: number } = {},
): LazyGuardedAgent {
  return new LazyGuardedAgent(() => buildGuardedAgent(policy, options))
}

function buildGuardedAgent(policy: EgressPolicy, options: { connectTimeoutMs?: number }): Agent {
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
  return new (undici().Agent)({ connect: { lookup, timeout: options.connectTimeoutMs ?? 10_000 } as never })
}

/** A fetch that goes through the guarded agent; callers still check URLs with checkEgressUrl. */
export function createGuardedFetch(
  policy: EgressPolicy,
  lazy: LazyGuardedAgent = createGuardedAgent(policy),
): typeof globalThis.fetch {
  const guarded = (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) =>
    undici()
      .fetch(input as never, { ...(init as object), dispatcher: lazy.agent() } as never)
      .catch((e: unknown) => {
        const cause = (e as { cause?: { code?: string } }).cause
        if (cause?.code === 'EGRESS_DENIED')
          throw new AppError('EGRESS_DENIED', 'The destination resolves to an internal address')
        throw e
      })
  return guarded as unknown as typeof globalThis.fetch
}
