import { accessLevels, isFirstPartyScope, oauthClientScopes, scopeReach } from '@switchboard/core'
import { z } from 'zod'
import { errorOut, jsonOf, type ResponseSpec, responsesOf } from './responses.ts'
import type { RestRoute } from './route.ts'

/**
 * The OpenAPI 3.1 document, generated from the REST route table (never hand-written): each
 * route's path params, query or body from its zod `input`, its success status and `output`,
 * the error envelope, and its security from its `access`.
 */

/** A route the host registers itself (not through the route table), described the same way. */
export type RouteDoc = Pick<
  RestRoute,
  'method' | 'path' | 'access' | 'input' | 'status' | 'responses' | 'summary' | 'proxied' | 'rawBody'
> & {
  pick?: RestRoute['pick']
  auth?: RestRoute['auth']
  /**
   * The credentials it takes, when `access` alone cannot say it: a host route that reads the
   * dashboard session itself for some answers only lists `[{ dashboardSession: [] }, {}]`
   * (the session, or nothing). Default: from `access`.
   */
  security?: Record<string, string[]>[]
}

export interface OpenApiOptions {
  publicUrl: string
  /** The authorization server's endpoints, absolute. */
  oauth: { authorizationUrl: string; tokenUrl: string }
  sessionCookie: string
  version?: string
}

type JsonSchema = Record<string, unknown>

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema
  return rest
}

/** `/api/v1/things/:id/request/*` → `/api/v1/things/{id}/request/{path}` and its param names. */
export function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = []
  const out = path
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        params.push(seg.slice(1))
        return `{${seg.slice(1)}}`
      }
      if (seg === '*') {
        params.push('path')
        return '{path}'
      }
      return seg
    })
    .join('/')
  return { path: out, params }
}

/** The error envelope of one status, as a named schema (`Error404`…). */
function errorRef(status: number): string {
  return `#/components/schemas/Error${status}`
}

function response(status: number | 'default', spec: ResponseSpec): JsonSchema {
  const body = jsonOf(spec)
  if (body) {
    const isError = typeof status === 'number' && status >= 400 && body.schema === errorOut(status)
    return {
      description: isError
        ? 'An error: its stable code, a message, and details when there are any'
        : 'Success',
      content: {
        [body.contentType]: {
          schema: isError ? { $ref: errorRef(status) } : jsonSchema(body.schema, 'output'),
        },
      },
    }
  }
  if (spec instanceof z.ZodType) throw new Error('unreachable')
  switch (spec.kind) {
    case 'empty':
      return { description: 'No content' }
    case 'redirect':
      return {
        description: spec.description,
        headers: { Location: { description: 'Where to go', schema: { type: 'string' } } },
      }
    case 'upstream':
      return {
        description: "The upstream API's answer, as it sent it (status, headers, body, streamed)",
        content: { '*/*': { schema: {} } },
      }
    case 'text':
      return {
        description: spec.description,
        content: Object.fromEntries(spec.contentTypes.map((t) => [t, { schema: { type: 'string' } }])),
      }
    default:
      throw new Error('unreachable')
  }
}

/**
 * The operation's tag: the resource its path names (`/api/v1/end-users/…` → `end-users`);
 * seed 002's routes (`/api/integrations/:id/…`, `/api/integration-connections`) share one.
 */
export function tagOf(path: string): string {
  const segs = path.split('/').filter(Boolean)
  if (segs[0] !== 'api') return segs[0] ?? 'other'
  if (segs[1] === 'openapi.json') return 'docs'
  if (segs[1] === 'v1') return segs[2] ?? 'other'
  if (segs[1] === 'integrations' || segs[1] === 'integration-connections') return 'integration-connections'
  return segs[1] ?? 'other'
}

function security(access: RouteDoc['access']): Record<string, string[]>[] {
  if (access === 'public') return []
  const firstParty = [{ apiKey: [] }, { dashboardSession: [] }]
  if (isFirstPartyScope(access)) return firstParty
  return [...firstParty, { oauth2: [access] }]
}

function operation(
  r: RouteDoc,
  errorStatuses: Set<number>,
): { path: string; method: string; op: JsonSchema } {
  const { path, params } = openApiPath(r.path)
  const parameters: JsonSchema[] = params.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
    ...(name === 'path' && r.path.endsWith('*') && { description: 'The rest of the path, slashes included' }),
  }))
  const op: JsonSchema = {
    operationId: `${r.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
    tags: [tagOf(r.path)],
    ...(r.summary && { summary: r.summary }),
    security: r.security ?? security(r.access),
    'x-switchboard-access': r.access,
  }
  const input = r.input instanceof z.ZodObject ? r.input : undefined
  const readsQuery = r.method === 'GET' || r.method === 'DELETE' || r.method === 'HEAD'
  if (!r.pick && readsQuery && input) {
    const shape = input.shape as Record<string, z.ZodType>
    for (const [name, field] of Object.entries(shape)) {
      if (params.includes(name)) continue
      parameters.push({
        name,
        in: 'query',
        required: !field.safeParse(undefined).success,
        schema: jsonSchema(field, 'input'),
      })
    }
  } else if (r.rawBody) {
    op.requestBody = { content: { '*/*': { schema: {} } } }
  } else if (!readsQuery) {
    // The path params are read from the path: the body's schema is the input's without them.
    const body = jsonSchema(r.input, 'input')
    const props = body.properties as Record<string, unknown> | undefined
    if (!r.pick && props) {
      for (const p of params) delete props[p]
      if (Array.isArray(body.required))
        body.required = body.required.filter((k) => !params.includes(k as string))
    }
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: body } },
    }
  }
  if (parameters.length > 0) op.parameters = parameters
  const responses: JsonSchema = {}
  for (const [status, spec] of responsesOf(r)) {
    responses[String(status)] = response(status, spec)
    if (typeof status === 'number' && status >= 400) errorStatuses.add(status)
  }
  op.responses = responses
  return { path, method: r.method.toLowerCase(), op }
}

export function buildOpenApi(routes: readonly RouteDoc[], options: OpenApiOptions): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {}
  const errorStatuses = new Set<number>()
  for (const r of routes) {
    if (r.method === 'HEAD') continue
    const { path, method, op } = operation(r, errorStatuses)
    paths[path] ??= {}
    ;(paths[path] as Record<string, JsonSchema>)[method] = op
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: options.version ?? '0.1.0',
      description: `Generated from the REST route table. Access levels: ${accessLevels.join(', ')}.`,
    },
    servers: [{ url: options.publicUrl }],
    tags: [...new Set(routes.map((r) => tagOf(r.path)))].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(
        [...errorStatuses].sort().map((s) => [`Error${s}`, jsonSchema(errorOut(s), 'output')]),
      ),
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (`sk_…`) as a bearer token' },
        dashboardSession: { type: 'apiKey', in: 'cookie', name: options.sessionCookie },
        oauth2: {
          type: 'oauth2',
          description: "A third-party app's access token from Switchboard's authorization server",
          flows: {
            authorizationCode: {
              authorizationUrl: options.oauth.authorizationUrl,
              tokenUrl: options.oauth.tokenUrl,
              scopes: Object.fromEntries(oauthClientScopes.map((s) => [s, scopeReach[s]])),
            },
          },
        },
      },
    },
  }
}
