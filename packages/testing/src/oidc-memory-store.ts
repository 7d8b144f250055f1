import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider'

interface Entry {
  model: string
  payload: AdapterPayload
  expiresAt: number | undefined
  /** When `consume` first ran (ms), for the refresh-token reuse grace. */
  consumedAtMs?: number
}

export interface OidcMemoryStoreOptions {
  /**
   * Refresh-token reuse grace: for this many seconds after a refresh token was first consumed
   * (rotated out), `find` hands it to oidc-provider without `consumed`, so it is accepted again
   * (and rotated again) instead of being treated as reuse, and introspects as active. After the
   * grace it is consumed as usual: reuse gets `invalid_grant` and oidc-provider revokes the grant.
   * This models Okta's refresh token "grace period" and Auth0's rotation "reuse interval", which
   * let a client that lost the answer to a rotation send the old token once more. Default 0:
   * strict rotation (no reuse at all), oidc-provider's own behaviour.
   */
  refreshTokenReuseGraceSeconds?: number
}

/**
 * A per-provider in-memory store for oidc-provider models. Unlike the bundled memory adapter (one LRU of
 * 1000 entries shared by every Provider in the process) it is isolated per test provider and lets tests
 * inspect and delete entries by model, e.g. to expire every access token at once.
 */
export class OidcMemoryStore {
  readonly #entries = new Map<string, Entry>()
  readonly #refreshTokenReuseGraceMs: number

  constructor(options: OidcMemoryStoreOptions = {}) {
    this.#refreshTokenReuseGraceMs = (options.refreshTokenReuseGraceSeconds ?? 0) * 1000
  }

  /** The `adapter` option for `new Provider(issuer, { adapter })`. */
  readonly adapter: AdapterFactory = (model) => this.#adapterFor(model)

  /** Live (unexpired) payloads of one model, e.g. `'AccessToken'`, `'RefreshToken'`, `'Grant'`. */
  list(model: string): AdapterPayload[] {
    const out: AdapterPayload[] = []
    for (const [key, entry] of this.#entries) {
      if (entry.model === model && this.#live(key, entry)) out.push(entry.payload)
    }
    return out
  }

  /** Deletes every entry of the given models; returns how many were deleted. */
  deleteAll(...models: string[]): number {
    let deleted = 0
    for (const [key, entry] of this.#entries) {
      if (models.includes(entry.model)) {
        this.#entries.delete(key)
        deleted++
      }
    }
    return deleted
  }

  /** Stores a payload directly (used for clients, which live in the store so they can change after start). */
  put(model: string, id: string, payload: AdapterPayload): void {
    this.#entries.set(`${model}:${id}`, { model, payload, expiresAt: undefined })
  }

  #live(key: string, entry: Entry): boolean {
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.#entries.delete(key)
      return false
    }
    return true
  }

  #get(key: string): Entry | undefined {
    const entry = this.#entries.get(key)
    return entry && this.#live(key, entry) ? entry : undefined
  }

  /** What `find` hands oidc-provider: a refresh token inside its reuse grace is not consumed yet. */
  #asFound(model: string, entry: Entry): AdapterPayload {
    const { payload, consumedAtMs } = entry
    if (
      model === 'RefreshToken' &&
      consumedAtMs !== undefined &&
      Date.now() - consumedAtMs < this.#refreshTokenReuseGraceMs
    ) {
      const { consumed: _, ...unconsumed } = payload
      return unconsumed
    }
    return payload
  }

  #findBy(model: string, field: 'uid' | 'userCode', value: string): AdapterPayload | undefined {
    for (const [key, entry] of this.#entries) {
      if (entry.model === model && entry.payload[field] === value && this.#live(key, entry))
        return entry.payload
    }
    return undefined
  }

  #adapterFor(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`
    return {
      upsert: async (id, payload, expiresIn) => {
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined
        this.#entries.set(key(id), { model, payload, expiresAt })
      },
      find: async (id) => {
        const entry = this.#get(key(id))
        return entry && this.#asFound(model, entry)
      },
      findByUid: async (uid) => this.#findBy(model, 'uid', uid),
      findByUserCode: async (userCode) => this.#findBy(model, 'userCode', userCode),
      consume: async (id) => {
        const entry = this.#get(key(id))
        if (!entry) return
        // A reuse inside the grace consumes again; the grace still runs from the first consumption.
        entry.consumedAtMs ??= Date.now()
        entry.payload.consumed ??= Math.floor(entry.consumedAtMs / 1000)
      },
      destroy: async (id) => {
        this.#entries.delete(key(id))
      },
      revokeByGrantId: async (grantId) => {
        for (const [k, entry] of this.#entries) {
          if (entry.model === model && entry.payload.grantId === grantId) this.#entries.delete(k)
        }
      },
    }
  }
}
