import type { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Stops oidc-provider from turning Node's async hooks on for the life of the process.
 *
 * oidc-provider runs every request inside `AsyncLocalStorage.run(ctx, …)`, so that
 * `Provider.ctx` (and its experimental client ID metadata documents, which we leave off) can
 * find the request's Koa context. On Node 20 the first `run` enables an async-hooks `init`
 * hook, and with it V8's promise hooks, and nothing turns them off again: after one request
 * to /oauth or its discovery document, every promise and nextTick of every request pays for
 * context propagation. Measured on the proxy: 127 µs of CPU per request against 101 µs
 * (docs/performance.md).
 *
 * Switchboard reads neither `Provider.ctx` nor the store, so the provider's `run` calls its
 * callback directly and the storage is never enabled.
 */
export async function skipProviderRequestContext(): Promise<void> {
  const { default: als } = await import('oidc-provider/lib/helpers/als.js')
  als.run = ((_store: unknown, callback: (...args: unknown[]) => unknown, ...args: unknown[]) =>
    callback(...args)) as AsyncLocalStorage<unknown>['run']
}
