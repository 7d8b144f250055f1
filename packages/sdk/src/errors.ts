/**
 * Any failed call: the API's error answer (`{error: {code, message, details?}}` with its HTTP
 * status), or the network (`status` 0, `code` 'NETWORK_ERROR'). `code` is the API's stable
 * code (docs/api.md, "Errors"): branch on it, never on `message`.
 */
export class SwitchboardError extends Error {
  override readonly name = 'SwitchboardError'
  readonly status: number
  readonly code: string
  /** The server's id for the request (`x-request-id`), when it sent one: quote it to support. */
  readonly requestId: string | undefined
  readonly details: unknown
  /** Seconds the server asked to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined

  constructor(init: {
    status: number
    code: string
    message: string
    requestId?: string | undefined
    details?: unknown
    retryAfter?: number | undefined
    cause?: unknown
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.status = init.status
    this.code = init.code
    this.requestId = init.requestId
    this.details = init.details
    this.retryAfter = init.retryAfter
  }
}

/** The API's error envelope, if `body` is one. */
export function errorEnvelope(
  body: unknown,
): { code: string; message: string; details?: unknown } | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const error = (body as { error?: unknown }).error
  if (typeof error !== 'object' || error === null) return undefined
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown }
  if (typeof code !== 'string' || typeof message !== 'string') return undefined
  return details === undefined ? { code, message } : { code, message, details }
}
