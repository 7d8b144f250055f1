import { errorEnvelope, SwitchboardError } from './errors.ts'

export interface RetryOptions {
  /** Retries after the first attempt on 429 and 503 (default 2; 0 turns retrying off). */
  maxRetries?: number
  /**
   * The longest wait before a retry, in ms (default 10 000). A `Retry-After` longer than this
   * is not waited for: the call fails at once with the error, whose `retryAfter` says when.
   */
  maxDelayMs?: number
}

export interface SwitchboardOptions {
  /** Where Switchboard runs, e.g. `http://localhost:3000` (its SWITCHBOARD_PUBLIC_URL). */
  baseUrl: string
  /** An API key (`sk_…`) or an access token from Switchboard's authorization server. */
  apiKey?: string
  /** The fetch to use (default `globalThis.fetch`): Node 20+, Deno, Bun, edge runtimes. */
  fetch?: typeof fetch
  retry?: RetryOptions
  /** Headers sent with every call. */
  headers?: Record<string, string>
}

/** Per call: what the caller may add to any request. */
export interface CallOptions {
  signal?: AbortSignal
  headers?: Record<string, string>
}

/** Per create call: the idempotency key to send (default: a fresh one for this call and its retries). */
export interface CreateOptions extends CallOptions {
  idempotencyKey?: string
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** A path template such as `/api/v1/end-users/{id}`. */
  path: string
  params?: Record<string, string>
  query?: Record<string, unknown> | undefined
  body?: unknown
  /** Send without the API key (the connect token is the credential). */
  anonymous?: boolean
  /** Send an Idempotency-Key: the given one, or a fresh one (`true`). */
  idempotencyKey?: string | true | undefined
  /** The call changes nothing (or is keyed), so it may be sent again on 429/503. */
  retryable?: boolean
  options?: CallOptions | undefined
}

const RETRY_STATUSES = new Set([429, 503])

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), if present and sane. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, Math.ceil((at - nowMs) / 1000))
}

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204 || res.status === 205) return undefined
  const text = await res.text()
  if (text === '') return undefined
  const type = res.headers.get('content-type') ?? ''
  if (/[/+]json\b/i.test(type)) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

export function errorFrom(res: Response, body: unknown): SwitchboardError {
  const envelope = errorEnvelope(body)
  return new SwitchboardError({
    status: res.status,
    code: envelope?.code ?? `HTTP_${res.status}`,
    message: envelope?.message ?? (res.statusText || `HTTP ${res.status}`),
    requestId: res.headers.get('x-request-id') ?? res.headers.get('request-id') ?? undefined,
    details: envelope?.details,
    retryAfter: parseRetryAfter(res.headers.get('retry-after')),
  })
}

/** The one place the SDK talks HTTP: URL, auth, JSON, Idempotency-Key, retries, errors. */
export class Transport {
  readonly baseUrl: string
  readonly #apiKey: string | undefined
  readonly #fetch: typeof fetch
  readonly #maxRetries: number
  readonly #maxDelayMs: number
  readonly #headers: Record<string, string>

  constructor(options: SwitchboardOptions) {
    if (!options.baseUrl) throw new TypeError('Switchboard: baseUrl is required')
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.#apiKey = options.apiKey
    const f = options.fetch ?? globalThis.fetch
    if (typeof f !== 'function')
      throw new TypeError('Switchboard: no fetch in this runtime; pass options.fetch')
    // Unbound, some runtimes' fetch throws "Illegal invocation".
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#maxRetries = Math.max(0, options.retry?.maxRetries ?? 2)
    this.#maxDelayMs = Math.max(0, options.retry?.maxDelayMs ?? 10_000)
    this.#headers = { ...options.headers }
  }

  url(path: string, params: Record<string, string> = {}, query?: Record<string, unknown>): string {
    const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = params[name]
      if (value === undefined || value === '') throw new TypeError(`Switchboard: ${name} is required`)
      return encodeURIComponent(value)
    })
    const search = new URLSearchParams()
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === null) continue
      search.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v))
    }
    const qs = search.toString()
    return `${this.baseUrl}${filled}${qs ? `?${qs}` : ''}`
  }

  headers(extra: Record<string, string> | undefined, anonymous = false): Headers {
    const headers = new Headers(this.#headers)
    headers.set('accept', 'application/json')
    if (this.#apiKey && !anonymous) headers.set('authorization', `Bearer ${this.#apiKey}`)
    for (const [k, v] of Object.entries(extra ?? {})) headers.set(k, v)
    return headers
  }

  /** Sends a request, retrying 429/503 when it is safe to, and returns the raw answer. */
  async send(url: string, init: RequestInit, retryable: boolean): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let res: Response
      try {
        res = await this.#fetch(url, init)
      } catch (cause) {
        if (init.signal?.aborted) throw cause
        throw new SwitchboardError({
          status: 0,
          code: 'NETWORK_ERROR',
          message: `Could not reach Switchboard at ${this.baseUrl}`,
          cause,
        })
      }
      if (!retryable || !RETRY_STATUSES.has(res.status) || attempt >= this.#maxRetries) return res
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'))
      const delay = retryAfter === undefined ? 500 * 2 ** attempt : retryAfter * 1000
      if (delay > this.#maxDelayMs) return res
      await res.body?.cancel().catch(() => {})
      await sleep(delay, init.signal ?? undefined)
    }
  }

  /** A JSON call: resolves to the answer's JSON (undefined for 204), or throws SwitchboardError. */
  async request<T>(spec: RequestSpec): Promise<T> {
    const headers = this.headers(spec.options?.headers, spec.anonymous)
    const init: RequestInit = { method: spec.method, headers }
    if (spec.options?.signal) init.signal = spec.options.signal
    if (spec.body !== undefined) {
      headers.set('content-type', 'application/json')
      init.body = JSON.stringify(spec.body)
    }
    if (spec.idempotencyKey !== undefined) {
      headers.set(
        'idempotency-key',
        spec.idempotencyKey === true ? globalThis.crypto.randomUUID() : spec.idempotencyKey,
      )
    }
    const retryable =
      spec.retryable ??
      (spec.method !== 'POST' && spec.method !== 'PATCH' ? true : spec.idempotencyKey !== undefined)
    const res = await this.send(this.url(spec.path, spec.params, spec.query), init, retryable)
    const body = await readBody(res)
    if (!res.ok) throw errorFrom(res, body)
    return body as T
  }
}
