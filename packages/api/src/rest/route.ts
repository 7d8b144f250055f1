import {
  type AbortEvents,
  type Access,
  AppError,
  claimIdempotencyKey,
  completeIdempotencyKey,
  type Principal,
  parseIdempotencyKey,
  releaseIdempotencyKey,
  requireAccess,
  requirePrincipal,
  retryAfterOf,
  toAppError,
  validationError,
} from '@switchboard/core'
import type { z } from 'zod'
import type { ApiContext } from '../context.ts'
import type { Responses } from './responses.ts'

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

/** The parts of an HTTP request a REST route may read; the host fills it from its framework. */
export interface RestRequest {
  method: string
  /** Path and query string as received. */
  url?: string
  params: Record<string, string>
  query: Record<string, unknown>
  body: unknown
  headers: Record<string, string | string[] | undefined>
  /** Emits 'abort' if the client goes away before the answer is sent (`proxied` routes). */
  signal?: AbortEvents
}

/** A response a route wants verbatim (a redirect, a stream, custom headers). */
export class HttpReply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string | string[]> = {},
  ) {}

  static redirect(location: string, status = 302): HttpReply {
    return new HttpReply(status, undefined, { location, 'cache-control': 'no-store' })
  }
}

export interface RestResult {
  status: number
  body?: unknown
  headers: Record<string, string | string[]>
}

type Ctx<A extends 'required' | 'none'> = A extends 'required'
  ? ApiContext & { principal: Principal }
  : ApiContext

export interface RestRoute<
  S extends z.ZodType = z.ZodType,
  A extends 'required' | 'none' = 'required' | 'none',
> {
  method: HttpMethod
  path: string
  auth: A
  /**
   * What the caller needs, declared once here and checked before the input is read: a scope
   * of the one vocabulary (core's permissionScopes; a first-party one is never a third-party
   * token's) or `'public'` (the only choice, and the required one, for `auth: 'none'`).
   */
  access: A extends 'none' ? 'public' : Exclude<Access, 'public'>
  input: S
  /** Builds the raw input from the request; default: params + query (GET/DELETE) or params + body. */
  pick?: (req: RestRequest) => unknown
  run: (ctx: Ctx<A>, input: z.output<S>, req: RestRequest) => Promise<unknown>
  /** Status on success (default 200); 204 sends no body. */
  status?: number
  /**
   * Each status the route answers with and its body (responses.ts): the success answer(s),
   * redirects, and the errors its own code gives. The generic handler's own answers (400,
   * 401/403, 413/415, 409/422 for `Idempotency-Key`, 500) are added by `responsesOf`. The
   * OpenAPI document and the test suites' response check read this one declaration.
   */
  responses: Responses
  /** One line for the OpenAPI document. */
  summary?: string
  /** The body arrives unparsed, as a stream (`req.body` is a Readable), whatever its type. */
  rawBody?: boolean
  /**
   * The answer is a third party's (the proxy): the host sets `req.signal`, so the call stops
   * when the client goes away, and sends the answer under a sandboxing policy, since what
   * the upstream sent (HTML, scripts) must never run as our own origin.
   */
  proxied?: boolean
  /**
   * Pages of any origin may call it and read the answer (CORS `*`, no credentials): for
   * token-authenticated public routes that a customer's page calls itself.
   */
  crossOrigin?: boolean
}

/** Declares a route with its input type inferred from the schema. */
export function route<S extends z.ZodType, A extends 'required' | 'none'>(r: RestRoute<S, A>): RestRoute {
  return r as unknown as RestRoute
}

function defaultPick(req: RestRequest): unknown {
  if (req.method === 'GET' || req.method === 'DELETE' || req.method === 'HEAD')
    return { ...req.query, ...req.params }
  const body = req.body ?? {}
  if (typeof body !== 'object' || Array.isArray(body)) return body
  // Object.assign, not { ...body, ...params }: on Node 20's V8 a spread followed by more
  // properties gives every result a new hidden class, and the JSON proxy call
  // (POST …/request, /api/v1/proxy) comes through here (docs/performance.md). The body is
  // the JSON parser's, which refuses __proto__ keys, so assigning copies only data.
  return Object.assign({}, body, req.params)
}

/** The error's answer; an error that says when to retry carries `Retry-After`. */
export function errorResult(error: AppError): RestResult {
  const retryAfter = retryAfterOf(error)
  const headers: Record<string, string> =
    retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }
  return { status: error.httpStatus, body: error.toBody(), headers }
}

/**
 * Whether the route honours `Idempotency-Key`: POSTs for a principal whose answer is JSON.
 * Not the proxy's routes (their answers are third-party streams, and the header goes upstream
 * with the rest, for the API to honour), not the streamed uploads (a body not read cannot be
 * compared), not the token-authenticated routes (no organization to key on; they are safe
 * to repeat).
 */
function honoursIdempotencyKey(r: RestRoute): boolean {
  return r.method === 'POST' && r.auth === 'required' && !r.proxied && !r.rawBody
}

/** The one generic REST handler: parse, authorize, run the core function, shape the answer. */
export async function handleRest(
  r: RestRoute,
  ctx: ApiContext,
  req: RestRequest,
  onError?: (e: unknown) => void,
): Promise<RestResult> {
  let claim: { id: string } | undefined
  let result: RestResult
  try {
    if (r.auth === 'required' && ctx.principalError) throw ctx.principalError
    // A route that requires a principal gets the context as it is, once it is known to hold one.
    if (r.auth === 'required') requireAccess(requirePrincipal(ctx.principal), r.access)
    const key = honoursIdempotencyKey(r) ? parseIdempotencyKey(req.headers['idempotency-key']) : undefined
    const parsed = r.input.safeParse((r.pick ?? defaultPick)(req))
    if (!parsed.success) throw validationError(parsed.error.issues)
    if (key !== undefined && ctx.principal) {
      const claimed = await claimIdempotencyKey(ctx.deps, {
        organizationId: ctx.principal.organizationId,
        key,
        method: req.method,
        path: req.url ?? r.path,
        body: req.body,
      })
      if (claimed.kind === 'replay') {
        const { status, body, headers } = claimed.answer
        return { status, body, headers: { ...headers, 'idempotent-replayed': 'true' } }
      }
      claim = claimed
    }
    const out = await r.run(ctx as never, parsed.data, req)
    if (out instanceof HttpReply) result = { status: out.status, body: out.body, headers: out.headers }
    else {
      const status = r.status ?? 200
      result = { status, body: status === 204 ? undefined : out, headers: {} }
    }
  } catch (e) {
    const appError = toAppError(e)
    if (!(e instanceof AppError)) onError?.(e)
    result = errorResult(appError)
  }
  if (claim) {
    // The answer is kept unless a retry may fare better (a 5xx, a 429): then the key is freed.
    try {
      if (result.status >= 500 || result.status === 429) await releaseIdempotencyKey(ctx.deps, claim)
      else
        await completeIdempotencyKey(ctx.deps, claim, {
          status: result.status,
          body: result.body,
          headers: result.headers,
        })
    } catch (e) {
      // The answer stands; the key stays claimed until it counts as abandoned.
      onError?.(e)
    }
  }
  return result
}
