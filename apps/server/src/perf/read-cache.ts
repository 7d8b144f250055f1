import { type CoreDeps, clockMs, type ReadCache } from '@switchboard/core'
import { changeCount } from '@switchboard/db'

/**
 * PERF (apps/server/src/perf/): a cache, so not plain code; kept here on purpose. Bench figure
 * it buys: `pnpm bench proxy --flags`, row "Switchboard GET …/request/* (SWITCHBOARD_READ_CACHE_MS=0)"
 * against the default row — without it every proxied call makes five SQLite queries (API key,
 * workspace, integration, sharing mode, connection) and decrypts the credentials, which was
 * the largest single share of a call (docs/performance.md). `SWITCHBOARD_READ_CACHE_MS=0`
 * turns it off.
 *
 * Reads: served from memory while they cannot be stale. Any write this process makes to a
 * cached table (packages/db's change counter, a Kysely plugin) drops every entry at once, and
 * writes by other processes are picked up within `config.readCacheMs` (default 1 s). Concurrent
 * misses share one load; a failed load is not kept. Reads inside a transaction (a database
 * handle the counter does not know) are never cached.
 *
 * Derivations (decrypted credentials per ciphertext, a proxied call's upstream URL per
 * definition and path): remembered per scope object while it lives, bounded per scope.
 *
 * One instance per server (CoreDeps.readCache); nothing is kept at module level.
 */
export const DEFAULT_READ_CACHE_MS = 1000
/** Per map: the database's, and each object's that reads are kept under (they go with it). */
const MAX_ENTRIES = 10_000

interface Entry {
  /** The process's change count when the read started. */
  changes: number
  loadedAt: number
  value: Promise<unknown>
}

export class ProcessReadCache implements ReadCache {
  /** Per scope object, one map per kind of read, keyed by what identifies the read. */
  readonly #reads = new WeakMap<object, Map<string, Map<string, Entry>>>()
  /** Per kind, per scope object, keyed by what identifies the derivation. */
  readonly #derived = new Map<string, WeakMap<object, Map<string, unknown>>>()

  read<T>(deps: CoreDeps, kind: string, key: string, load: () => Promise<T>, under?: object): Promise<T> {
    const ttl = deps.config.readCacheMs ?? DEFAULT_READ_CACHE_MS
    const changes = changeCount(deps.db)
    if (ttl <= 0 || changes === undefined) return load()
    const cache = this.#readsFor(under ?? deps.db, kind)
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

  derive<T>(kind: string, scope: object, key: string, compute: () => T): T {
    let scopes = this.#derived.get(kind)
    if (!scopes) {
      scopes = new WeakMap()
      this.#derived.set(kind, scopes)
    }
    let cache = scopes.get(scope)
    if (!cache) {
      cache = new Map()
      scopes.set(scope, cache)
    }
    if (cache.has(key)) return cache.get(key) as T
    const value = compute()
    if (cache.size >= MAX_ENTRIES) cache.clear()
    cache.set(key, value)
    return value
  }

  #readsFor(scope: object, kind: string): Map<string, Entry> {
    let kinds = this.#reads.get(scope)
    if (!kinds) {
      kinds = new Map()
      this.#reads.set(scope, kinds)
    }
    let cache = kinds.get(kind)
    if (!cache) {
      cache = new Map()
      kinds.set(kind, cache)
    }
    return cache
  }
}

/**
 * Gives the deps the server's read cache (in place: the server, its routes and a test's own
 * calls then share one), unless they have one or SWITCHBOARD_READ_CACHE_MS is 0. Returns them.
 */
export function installReadCache(core: CoreDeps): CoreDeps {
  if (!core.readCache && core.config.readCacheMs !== 0) core.readCache = new ProcessReadCache()
  return core
}
