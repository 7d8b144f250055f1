import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider'

interface Entry {
  model: string
  payload: AdapterPayload
  expiresAt: number | undefined
}

/**
 * A per-provider in-memory store for oidc-provider models. Unlike the bundled memory adapter (one LRU of
 * 1000 entries shared by every Provider in the process) it is isolated per test provider and lets tests
 * inspect and delete entries by model, e.g. to expire every access token at once.
 */
export class OidcMemoryStore {
  readonly #entries = new Map<string, Entry>()

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

  #get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key)
    return entry && this.#live(key, entry) ? entry.payload : undefined
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
      find: async (id) => this.#get(key(id)),
      findByUid: async (uid) => this.#findBy(model, 'uid', uid),
      findByUserCode: async (userCode) => this.#findBy(model, 'userCode', userCode),
      consume: async (id) => {
        const payload = this.#get(key(id))
        if (payload) payload.consumed = Math.floor(Date.now() / 1000)
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
