import { changeCount } from '@switchboard/db'
import { type CoreDeps, clockMs } from '../deps.ts'

/** How long a cached read may serve when nothing in this process wrote since. */
export const DEFAULT_READ_CACHE_MS = 1000
/** Per map: the database's, and each object's that reads are kept under (they go with it). */
const MAX_ENTRIES = 10_000

interface Entry {
  /** The process's change count when the read started. */
  changes: number
  loadedAt: number
  value: Promise<unknown>
}

/** Per scope object, one map per kind of read, keyed by what identifies the read. */
const caches = new WeakMap<object, Map<string, Map<string, Entry>>>()

function cacheFor(scope: object, kind: string): Map<string, Entry> {
  let kinds = caches.get(scope)
  if (!kinds) {
    kinds = new Map()
    caches.set(scope, kinds)
  }
  let cache = kinds.get(kind)
  if (!cache) {
    cache = new Map()
    kinds.set(kind, cache)
  }
  return cache
}

/**
 * A read on the proxy's hot path (API key, workspace, integration, current connection),
 * served from memory while it cannot be stale: any write this process makes to a cached
 * table drops every entry at once, and writes by other processes are picked up within
 * `config.readCacheMs` (default 1 s; 0 turns the cache off). Concurrent misses share one
 * load; a failed load is not kept.
 *
 * Each `kind` of read has its own map, so `key` is only what tells two reads of that kind
 * apart (an API key, an integration id) and is used as it arrives: building a longer key
 * per call (a prefix, a JSON array) cost more than the cached read itself.
 *
 * `under` keys the read by an object as well: a read that follows from another cached value
 * (an actor from its principal) is kept under that value, found without building a key of
 * everything it came from, and let go of with it. Default: the database.
 */
export function cachedRead<T>(
  deps: CoreDeps,
  kind: string,
  key: string,
  load: () => Promise<T>,
  under: object = deps.db,
): Promise<T> {
  const ttl = deps.config.readCacheMs ?? DEFAULT_READ_CACHE_MS
  const changes = changeCount(deps.db)
  if (ttl <= 0 || changes === undefined) return load()
  const cache = cacheFor(under, kind)
  const now = clockMs(deps.clock)
  const hit = cache.get(key)
  if (hit && hit.changes === changes && now - hit.loadedAt < ttl && hit.loadedAt <= now) {
    return hit.value as Promise<T>
  }
  const value = load()
  const entry: Entry = { changes, loadedAt: now, value }
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string)
  cache.set(key, entry)
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key)
  })
  return value
}
