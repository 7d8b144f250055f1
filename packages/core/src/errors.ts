/**
 * The one error type of Switchboard. Every code has exactly one HTTP status and one tRPC
 * code; REST and tRPC both map from this table, so the two surfaces cannot disagree.
 */
export const errorCodes = {
  VALIDATION_ERROR: { http: 400, trpc: 'BAD_REQUEST' },
  MISSING_TOKEN: { http: 400, trpc: 'BAD_REQUEST' },
  NO_OAUTH_APP: { http: 400, trpc: 'BAD_REQUEST' },
  INVALID_REDIRECT_URI: { http: 400, trpc: 'BAD_REQUEST' },
  INVALID_CREDENTIALS: { http: 400, trpc: 'BAD_REQUEST' },
  SESSION_NOT_ACTIVE: { http: 400, trpc: 'BAD_REQUEST' },
  INVALID_STATE: { http: 400, trpc: 'BAD_REQUEST' },
  OAUTH_ERROR: { http: 400, trpc: 'BAD_REQUEST' },
  EGRESS_DENIED: { http: 400, trpc: 'BAD_REQUEST' },
  INVALID_FIELD_PATTERN: { http: 400, trpc: 'BAD_REQUEST' },
  /** SSO sign-in is not set up on this server (SWITCHBOARD_OIDC_ISSUER). */
  SSO_NOT_CONFIGURED: { http: 400, trpc: 'BAD_REQUEST' },
  /** The SSO provider's answer did not check out (issuer, state, nonce, ID token) or was an error. */
  SSO_FAILED: { http: 400, trpc: 'BAD_REQUEST' },
  UNAUTHORIZED: { http: 401, trpc: 'UNAUTHORIZED' },
  INVALID_TOKEN: { http: 401, trpc: 'UNAUTHORIZED' },
  FORBIDDEN: { http: 403, trpc: 'FORBIDDEN' },
  INSUFFICIENT_SCOPE: { http: 403, trpc: 'FORBIDDEN' },
  CROSS_SITE_REQUEST: { http: 403, trpc: 'FORBIDDEN' },
  /** The member or invite has (or would get) a role or workspaces wider than the caller's own. */
  WIDER_THAN_YOURS: { http: 403, trpc: 'FORBIDDEN' },
  /** The current password given to change it is not the account's. */
  WRONG_PASSWORD: { http: 403, trpc: 'FORBIDDEN' },
  CUSTOM_OAUTH_APP_PLAN_REQUIRED: { http: 403, trpc: 'FORBIDDEN' },
  /** Password sign-in to an organization that enforces SSO. */
  SSO_REQUIRED: { http: 403, trpc: 'FORBIDDEN' },
  /** The SSO provider did not say the email address is verified (`email_verified`). */
  SSO_EMAIL_NOT_VERIFIED: { http: 403, trpc: 'FORBIDDEN' },
  /** No organization takes members from the SSO account's email domain. */
  SSO_DOMAIN_NOT_ALLOWED: { http: 403, trpc: 'FORBIDDEN' },
  NOT_FOUND: { http: 404, trpc: 'NOT_FOUND' },
  INTEGRATION_NOT_FOUND: { http: 404, trpc: 'NOT_FOUND' },
  OAUTH_APP_NOT_FOUND: { http: 404, trpc: 'NOT_FOUND' },
  CONNECTION_NOT_FOUND: { http: 404, trpc: 'NOT_FOUND' },
  END_USER_NOT_FOUND: { http: 404, trpc: 'NOT_FOUND' },
  CONFLICT: { http: 409, trpc: 'CONFLICT' },
  TENANT_OAUTH_APP_REQUIRED: { http: 409, trpc: 'CONFLICT' },
  ALREADY_EXISTS: { http: 409, trpc: 'CONFLICT' },
  SCOPE_MISMATCH: { http: 409, trpc: 'CONFLICT' },
  /** A tRPC query called with POST or a mutation with GET. */
  METHOD_NOT_ALLOWED: { http: 405, trpc: 'METHOD_NOT_SUPPORTED' },
  /** A request with this Idempotency-Key is still running; sent with Retry-After. */
  IDEMPOTENCY_KEY_IN_PROGRESS: { http: 409, trpc: 'CONFLICT' },
  /** The workspace still holds connections; delete them first or pass `force`. */
  WORKSPACE_NOT_EMPTY: { http: 409, trpc: 'CONFLICT' },
  /** An organization keeps at least one workspace. */
  LAST_WORKSPACE: { http: 409, trpc: 'CONFLICT' },
  /** An organization keeps at least one owner: the last one cannot be removed or demoted. */
  LAST_OWNER: { http: 409, trpc: 'CONFLICT' },
  /** The invite link is unknown, expired, used or revoked. */
  INVITE_NOT_VALID: { http: 400, trpc: 'BAD_REQUEST' },
  PAYLOAD_TOO_LARGE: { http: 413, trpc: 'PAYLOAD_TOO_LARGE' },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, trpc: 'UNSUPPORTED_MEDIA_TYPE' },
  /** The Idempotency-Key was used within 24 h for another request (method, path or body). */
  IDEMPOTENCY_KEY_REUSED: { http: 422, trpc: 'UNPROCESSABLE_CONTENT' },
  RATE_LIMITED: { http: 429, trpc: 'TOO_MANY_REQUESTS' },
  INTERNAL: { http: 500, trpc: 'INTERNAL_SERVER_ERROR' },
  UPSTREAM_ERROR: { http: 502, trpc: 'BAD_GATEWAY' },
  /** The provider could not refresh the connection's token just now (a transient failure); sent with Retry-After. */
  REFRESH_FAILED: { http: 502, trpc: 'BAD_GATEWAY' },
  SHUTTING_DOWN: { http: 503, trpc: 'SERVICE_UNAVAILABLE' },
  /** Another instance is still refreshing the connection's token; sent with Retry-After. */
  REFRESH_IN_PROGRESS: { http: 503, trpc: 'SERVICE_UNAVAILABLE' },
  UPSTREAM_TIMEOUT: { http: 504, trpc: 'TIMEOUT' },
} as const satisfies Record<string, { http: number; trpc: TrpcCode }>

export type TrpcCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_SUPPORTED'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNPROCESSABLE_CONTENT'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'BAD_GATEWAY'
  | 'SERVICE_UNAVAILABLE'
  | 'TIMEOUT'

export type ErrorCode = keyof typeof errorCodes

/** Seed 003's numeric codes, carried as `legacyCode` where the situation matches. */
export type LegacyCode = 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041

export interface ErrorBody {
  error: {
    code: ErrorCode
    message: string
    details?: unknown
    legacyCode?: LegacyCode
    /** The request's id, as in the answer's `x-request-id` header (the host adds it). */
    requestId?: string
  }
}

export class AppError extends Error {
  override readonly name = 'AppError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly legacyCode?: LegacyCode,
  ) {
    super(message)
  }

  get httpStatus(): number {
    return errorCodes[this.code].http
  }

  /** The answer's body; `requestId` is the request's `x-request-id`, when the host knows it. */
  toBody(requestId?: string): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message }
    if (this.details !== undefined) error.details = this.details
    if (this.legacyCode !== undefined) error.legacyCode = this.legacyCode
    if (requestId !== undefined) error.requestId = requestId
    return { error }
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

/**
 * When the same call may succeed, in seconds: `details.retryAfterSeconds` of an error
 * (RATE_LIMITED, REFRESH_FAILED, REFRESH_IN_PROGRESS…), if it has one. REST and tRPC answers
 * carry it as `Retry-After`.
 */
export function retryAfterOf(error: AppError): number | undefined {
  const details = error.details as { retryAfterSeconds?: unknown } | undefined
  const seconds = details?.retryAfterSeconds
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? Math.ceil(seconds)
    : undefined
}

/** Field paths and messages of a zod error, for `details`. */
export interface FieldIssue {
  path: string
  message: string
}

/**
 * Seed 003's codes for email fields: 2034 "Email is required" when it is missing, 2041 "Email
 * Invalid" when it is there but not an email.
 */
function emailLegacyCode(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): LegacyCode | undefined {
  const issue = issues.find((i) => i.path[i.path.length - 1] === 'email')
  if (!issue) return undefined
  return /received undefined|required/i.test(issue.message) ? 2034 : 2041
}

export function validationError(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): AppError {
  const details: FieldIssue[] = issues.map((i) => ({
    path: i.path.map((p) => String(p)).join('.'),
    message: i.message,
  }))
  const first = details[0]
  const message = first
    ? `Invalid input: ${first.path ? `${first.path}: ` : ''}${first.message}`
    : 'Invalid input'
  return new AppError('VALIDATION_ERROR', message, details, emailLegacyCode(issues))
}

/** Anything not an AppError becomes a generic INTERNAL error: no stack, no message leak. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e
  return new AppError(
    'INTERNAL',
    'Something went wrong on our side. Try again; if it persists, contact support.',
  )
}
