import type { CoreDeps } from '../deps.ts'

/**
 * A read on the proxy's hot path (API key, workspace, integration, current connection),
 * through the server's cache when it supplies one (CoreDeps.readCache), straight from the
 * database otherwise. Each `kind` of read has its own map, so `key` is only what tells two
 * reads of that kind apart; `under` keys the read by an object as well (default: the database).
 */
export function cachedRead<T>(
  deps: CoreDeps,
  kind: string,
  key: string,
  load: () => Promise<T>,
  under?: object,
): Promise<T> {
  return deps.readCache ? deps.readCache.read(deps, kind, key, load, under) : load()
}

/** A pure computation from `scope` and `key`, remembered by the server's cache when there is one. */
export function cachedDerive<T>(
  deps: CoreDeps,
  kind: string,
  scope: object,
  key: string,
  compute: () => T,
): T {
  return deps.readCache ? deps.readCache.derive(kind, scope, key, compute) : compute()
}
