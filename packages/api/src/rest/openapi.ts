import { accessLevels, oauthClientScopes, scopeReach } from '@switchboard/core'
import { z } from 'zod'
import type { RestRoute } from './route.ts'

/**
 * The OpenAPI 3.1 document, generated from the REST route table (never hand-written): each
 * route's path params, query or body from its zod `input`, its success status and `output`,
 * the error envelope, and its security from its `access`.
 */

/** A route the host registers itself (not through the route table), described the same way. */
export type RouteDoc = Pick<
  RestRoute,
  'method' | 'path' | 'access' | 'input' | 'status' | 'output' | 'summary' | 'proxied' | 'rawBody'
> & { pick?: RestRoute['pick'] }

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

const ErrorEnvelope: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable error code (docs/api.md, "Errors")' },
        message: { type: 'string' },
        details: {},
      },
    },
  },
}

function security(access: RouteDoc['access']): Record<string, string[]>[] {
  if (access === 'public') return []
  const firstParty = [{ apiKey: [] }, { dashboardSession: [] }]
  if (access === 'first-party') return firstParty
  return [...firstParty, { oauth2: [access] }]
}

function operation(r: RouteDoc): { path: string; method: string; op: JsonSchema } {
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
    ...(r.summary && { summary: r.summary }),
    security: security(r.access),
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
  const status = String(r.status ?? 200)
  const success: JsonSchema =
    status === '204'
      ? { description: 'No content' }
      : r.proxied
        ? { description: "The upstream API's answer, as it sent it", content: { '*/*': { schema: {} } } }
        : {
            description: 'Success',
            content: {
              'application/json': { schema: r.output ? jsonSchema(r.output, 'output') : { type: 'object' } },
            },
          }
  op.responses = {
    [status]: success,
    default: {
      description: 'An error: its stable code, a message, and details when there are any',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  }
  return { path, method: r.method.toLowerCase(), op }
}

export function buildOpenApi(routes: readonly RouteDoc[], options: OpenApiOptions): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {}
  for (const r of routes) {
    if (r.method === 'HEAD') continue
    const { path, method, op } = operation(r)
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
    paths,
    components: {
      schemas: { Error: ErrorEnvelope },
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
