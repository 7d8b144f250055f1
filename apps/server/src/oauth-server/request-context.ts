import type { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Stops oidc-provider from turning Node's async hooks on for the life of the process.
 *
 * oidc-provider runs every request inside `AsyncLocalStorage.run(ctx, …)`, so that a few
 * places can find the request's Koa context: `Provider.ctx`, the experimental client ID
 * metadata documents (off), and the context it hands to `ttl` functions and to a function
 * `formats.bitsOfOpaqueRandomness`. Those two stay plain numbers in our configuration, which
 * `assertNoContextReaders` checks. On Node 20 the first `run` enables an async-hooks `init`
 * hook, and with it V8's promise hooks, and nothing turns them off again: after one request
 * to /oauth or its discovery document, every promise and nextTick of every request pays for
 * context propagation. Measured on the proxy: 127 µs of CPU per request against 101 µs
 * (docs/performance.md).
 *
 * Switchboard reads none of these, so the provider's `run` calls its callback directly and
 * the storage is never enabled. (Re-check `grep -rn getStore lib/` in oidc-provider when
 * upgrading it.)
 */
export async function skipProviderRequestContext(): Promise<void> {
  // oidc-provider ships no types for its internals (and has no exports map, so the path
  // resolves to the very module its routes use).
  const internal: string = 'oidc-provider/lib/helpers/als.js'
  const { default: als } = (await import(internal)) as { default: AsyncLocalStorage<unknown> }
  als.run = ((_store: unknown, callback: (...args: unknown[]) => unknown, ...args: unknown[]) =>
    callback(...args)) as AsyncLocalStorage<unknown>['run']
}

/** Throws if the configuration has a reader of the request context left off above. */
export function assertNoContextReaders(config: {
  ttl?: Record<string, unknown> | undefined
  formats?: { bitsOfOpaqueRandomness?: unknown } | undefined
  features?: object | undefined
}): void {
  for (const [name, ttl] of Object.entries(config.ttl ?? {})) {
    if (typeof ttl !== 'number')
      throw new Error(`oauth server: ttl.${name} must be a number (see request-context.ts)`)
  }
  if (typeof config.formats?.bitsOfOpaqueRandomness === 'function') {
    throw new Error('oauth server: formats.bitsOfOpaqueRandomness must be a number (see request-context.ts)')
  }
  const features = config.features as { clientIdMetadataDocument?: { enabled?: boolean } } | undefined
  if (features?.clientIdMetadataDocument?.enabled) {
    throw new Error(
      'oauth server: client ID metadata documents need the request context (see request-context.ts)',
    )
  }
}
