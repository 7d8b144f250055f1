import { type ErrorCode, errorCodes } from '@switchboard/core'
import { z } from 'zod'

/**
 * What a REST route answers, one entry per HTTP status, declared once on the route: the
 * OpenAPI document (`GET /api/openapi.json`, `pnpm openapi`) and the test suites' response
 * check (apps/server/src/testing/contract.ts) both read it.
 *
 * A JSON answer is its zod schema; the other kinds say what they are.
 */
export type ResponseSpec =
  | z.ZodType
  | { kind: 'json'; contentType: string; schema: z.ZodType }
  | { kind: 'empty' }
  | { kind: 'redirect'; description: string }
  | { kind: 'upstream' }
  | { kind: 'text'; contentTypes: readonly string[]; description: string }

/** Statuses, and `default` for "any other status" (the proxy's upstream answers). */
export type Responses = Readonly<Partial<Record<number | 'default', ResponseSpec>>>

/** JSON under another media type (seed 002's HAL list is `application/hal+json`). */
export function json(contentType: string, schema: z.ZodType): ResponseSpec {
  return { kind: 'json', contentType, schema }
}

/** 204 No Content. */
export const noContent: ResponseSpec = { kind: 'empty' }

/** A redirect (`Location`), never a body. */
export function redirect(description: string): ResponseSpec {
  return { kind: 'redirect', description }
}

/** The upstream API's answer, as it sent it (the proxy): any status, any content. */
export const upstream: ResponseSpec = { kind: 'upstream' }

/** A body that is not JSON (the API viewer's page and files). */
export function text(contentTypes: readonly string[], description: string): ResponseSpec {
  return { kind: 'text', contentTypes, description }
}

/** The JSON schema and media type of a JSON answer; undefined for the other kinds. */
export function jsonOf(spec: ResponseSpec): { contentType: string; schema: z.ZodType } | undefined {
  if (spec instanceof z.ZodType) return { contentType: 'application/json', schema: spec }
  if (spec.kind === 'json') return { contentType: spec.contentType, schema: spec.schema }
  return undefined
}

const codesByStatus = new Map<number, ErrorCode[]>()
for (const [code, { http }] of Object.entries(errorCodes) as [ErrorCode, { http: number }][]) {
  codesByStatus.set(http, [...(codesByStatus.get(http) ?? []), code])
}

const errorSchemas = new Map<number, z.ZodType>()

/**
 * The error envelope of one status (`{error: {code, message, details?, legacyCode?}}`), its
 * `code` one of the codes core's table maps to that status.
 */
export function errorOut(status: number): z.ZodType {
  let schema = errorSchemas.get(status)
  if (!schema) {
    const codes = codesByStatus.get(status)
    if (!codes) throw new Error(`No error code answers with HTTP ${status} (core/src/errors.ts)`)
    schema = z
      .object({
        error: z
          .object({
            code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
            message: z.string(),
            details: z.unknown().optional(),
            legacyCode: z
              .union([2032, 2034, 2036, 2038, 2039, 2040, 2041].map((n) => z.literal(n)))
              .optional(),
            requestId: z.string().optional().meta({
              description: 'The request’s id, as in the `x-request-id` header: quote it to support',
            }),
          })
          .strict(),
      })
      .strict()
      .meta({ description: `An error (${codes.join(', ')})` })
    errorSchemas.set(status, schema)
  }
  return schema
}

/** The error envelope for each of these statuses: `...errors(404, 409)`. */
export function errors(...statuses: number[]): Responses {
  return Object.fromEntries(statuses.map((s) => [s, errorOut(s)]))
}

/** The parts of a route its common answers depend on. */
export interface RouteShape {
  method: string
  access: string
  auth?: 'required' | 'none'
  responses?: Responses
  proxied?: boolean
  rawBody?: boolean
}

/**
 * Every answer of a route: its own (`responses`) and those the generic handler and the host
 * give any route of its kind — 400 for input it refuses (or a body that is not JSON), 500 when
 * Switchboard fails; 401/403 when it needs a credential; 413/415 when it reads a JSON body;
 * 409/422 when it honours `Idempotency-Key` (route.ts).
 */
export function responsesOf(r: RouteShape): Map<number | 'default', ResponseSpec> {
  const out = new Map<number | 'default', ResponseSpec>()
  for (const [status, spec] of Object.entries(r.responses ?? {}))
    if (spec) out.set(status === 'default' ? status : Number(status), spec)
  const add = (...statuses: number[]) => {
    for (const s of statuses) if (!out.has(s)) out.set(s, errorOut(s))
  }
  add(400)
  const needsCredential = r.auth ? r.auth === 'required' : r.access !== 'public'
  if (needsCredential) add(401, 403)
  const readsBody = r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH'
  if (readsBody && !r.rawBody) add(413, 415)
  if (r.method === 'POST' && needsCredential && !r.proxied && !r.rawBody) add(409, 422)
  add(500)
  // Statuses in order, `default` last.
  const rank = (k: number | 'default') => (k === 'default' ? 1000 : k)
  return new Map([...out].sort(([a], [b]) => rank(a) - rank(b)))
}
