import { jsonOf, openApiPath, type RouteDoc, responsesOf } from '@switchboard/api'
import { errorCodes } from '@switchboard/core'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { onSendHookHandler } from 'fastify'
import { documentedRoutes, openApiDocument } from '../openapi-document.ts'

/**
 * The test suites' response check (issue 23): every answer a test receives from a documented
 * route is checked against what the route declares for its status, through the OpenAPI
 * document itself (so what the document promises is what the tests saw). An undeclared
 * status, a body its schema refuses (a missing field, a wrong type, a field it does not
 * list), the wrong media type, a 204 with a body or a redirect without `Location` is a
 * violation. Unknown paths under /api must answer the JSON 404.
 *
 * The harness installs it on every server it starts and fails at close when anything was
 * found, so every new test is checked without asking.
 */
export interface ContractViolation {
  method: string
  url: string
  status: number
  problem: string
}

/** What the check needs of one answer. */
export interface Answer {
  method: string
  /** The route's pattern as registered (`/api/v1/end-users/:id`); undefined when none matched. */
  route: string | undefined
  url: string
  status: number
  contentType: string | undefined
  location: string | undefined
  /** The body as sent: a string or Buffer, or undefined/null for none; a stream is not read. */
  payload: unknown
}

const docs = new Map<string, RouteDoc>()
for (const r of documentedRoutes) docs.set(`${r.method} ${r.path}`, r)

let compiled: { ajv: Ajv2020; cache: Map<string, ValidateFunction> } | undefined

/** The validator of the document's schema at this JSON pointer (compiled once). */
export function validatorAt(pointer: string): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(ajv)
    // The schemas as served (the public URL changes only `servers` and the OAuth endpoints).
    ajv.addSchema(openApiDocument('http://localhost'), 'openapi')
    compiled = { ajv, cache: new Map() }
  }
  let v = compiled.cache.get(pointer)
  if (!v) {
    v = compiled.ajv.getSchema(`openapi#${pointer}`)
    if (!v) throw new Error(`No schema at ${pointer} in the OpenAPI document`)
    compiled.cache.set(pointer, v)
  }
  return v
}

/** A JSON pointer segment. */
export const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')

function bodyText(payload: unknown): string | undefined {
  if (payload === undefined || payload === null) return undefined
  if (typeof payload === 'string') return payload
  if (Buffer.isBuffer(payload)) return payload.toString('utf8')
  return undefined
}

function isStream(payload: unknown): boolean {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof (payload as { pipe?: unknown }).pipe === 'function'
  )
}

/** Switchboard's own error envelope (not an upstream's answer that happens to share a status). */
function isOwnError(text: string | undefined): boolean {
  if (text === undefined) return false
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code
    return typeof code === 'string' && code in errorCodes
  } catch {
    return false
  }
}

function validateJson(pointer: string, text: string | undefined): string | undefined {
  if (text === undefined) return 'a JSON answer without a body'
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return `a body that is not JSON: ${text.slice(0, 120)}`
  }
  const validate = validatorAt(pointer)
  if (validate(body)) return undefined
  const why = (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
    .join('; ')
  return `body does not match its schema: ${why} — body: ${text.slice(0, 400)}`
}

/** The problem with one answer, or undefined when it is as declared (or not ours to check). */
export function checkAnswer(a: Answer): string | undefined {
  const path = a.url.split('?')[0] ?? ''
  const r = a.route === undefined ? undefined : docs.get(`${a.method} ${a.route}`)
  if (!r) {
    // Not a documented route: tRPC, the provider under /oauth, /healthz, logos, the SPA. An
    // unknown path under /api is the JSON 404 (or 400 when the URL itself cannot be read).
    if (!path.startsWith('/api/') || a.route !== undefined) return undefined
    // A CORS preflight (OPTIONS → 204) is the host's answer for a `crossOrigin` route, not an operation.
    if (a.method === 'OPTIONS' && a.status === 204) return undefined
    if (a.status !== 404 && a.status !== 400) return `an unknown /api path answered ${a.status}, not 404`
    return validateJson(`/components/schemas/Error${a.status}`, bodyText(a.payload))
  }
  if (a.method === 'HEAD') return undefined
  const specs = responsesOf(r)
  const key = specs.has(a.status) ? a.status : 'default'
  const spec = specs.get(key)
  if (!spec) return `status ${a.status} is not declared (declared: ${[...specs.keys()].join(', ')})`
  const text = bodyText(a.payload)
  const json = jsonOf(spec)
  if (json) {
    // The proxy's upstream may answer with one of our error statuses in its own words.
    if (r.proxied && a.status >= 400 && !isOwnError(text) && specs.has('default')) return undefined
    if (isStream(a.payload)) return 'a stream where a JSON answer is declared'
    if (!a.contentType?.startsWith(json.contentType))
      return `content-type ${a.contentType} where ${json.contentType} is declared`
    const { path: docPath } = openApiPath(r.path)
    return validateJson(
      `/paths/${esc(docPath)}/${a.method.toLowerCase()}/responses/${key}/content/${esc(json.contentType)}/schema`,
      text,
    )
  }
  if (spec instanceof Object && 'kind' in spec) {
    switch (spec.kind) {
      case 'empty':
        return text ? `a body where ${a.status} declares none: ${text.slice(0, 120)}` : undefined
      case 'redirect':
        return a.location ? undefined : `a ${a.status} without Location`
      case 'upstream':
        return undefined
      case 'text':
        return spec.contentTypes.some((t) => a.contentType?.startsWith(t))
          ? undefined
          : `content-type ${a.contentType} where ${spec.contentTypes.join(' or ')} is declared`
    }
  }
  return undefined
}

/** An onSend hook that checks every answer and keeps what it finds. */
export function contractCheck(): {
  hook: onSendHookHandler
  violations: ContractViolation[]
  /** How many answers were checked (a check that sees nothing would pass vacuously). */
  checked: () => number
} {
  const violations: ContractViolation[] = []
  let checked = 0
  const hook: onSendHookHandler = (req, reply, payload, done) => {
    checked++
    const header = (name: string) => {
      const v = reply.getHeader(name)
      return v === undefined ? undefined : String(v)
    }
    let problem: string | undefined
    try {
      problem = checkAnswer({
        method: req.method,
        route: req.routeOptions.url,
        url: req.url,
        status: reply.statusCode,
        contentType: header('content-type'),
        location: header('location'),
        payload,
      })
    } catch (e) {
      problem = `the check itself failed: ${(e as Error).message}`
    }
    if (problem) violations.push({ method: req.method, url: req.url, status: reply.statusCode, problem })
    done(null, payload)
  }
  return { hook, violations, checked: () => checked }
}

/** The violations as one readable error (undefined when there are none). */
export function violationsError(violations: readonly ContractViolation[]): Error | undefined {
  if (violations.length === 0) return undefined
  const lines = violations.map((v) => `  ${v.method} ${v.url} → ${v.status}: ${v.problem}`)
  return new Error(
    `${violations.length} answer(s) do not match the route's declared responses (packages/api/src/rest/*.ts, responses):\n${lines.join('\n')}`,
  )
}
