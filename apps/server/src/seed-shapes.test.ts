import { describe, expect, it } from 'vitest'
import { openApiDocument } from './openapi-document.ts'
import { esc, validatorAt } from './testing/contract.ts'
import { SEED_002_CONNECTION, SEED_002_LIST } from './testing/seed-examples.ts'

// The seeds' example answers (/work/shared/seeds 000–003, copied verbatim) against the OpenAPI
// document's schemas: every field a seed shows is declared, with a type that takes the seed's
// value; where our answer is exactly the seed's (no field added), the whole example validates.

const doc = openApiDocument('http://localhost') as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
}
type Schema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, Schema>
  items?: Schema
  additionalProperties?: boolean | Schema
}

/** The pointer of the schema at `pointer`, its `$ref` followed. */
function resolve(pointer: string): string {
  let node: unknown = doc
  for (const seg of pointer.split('/').slice(1)) {
    node = (node as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  if (node === undefined) throw new Error(`nothing at ${pointer}`)
  const ref = (node as Schema).$ref
  return ref ? resolve(ref.slice(1)) : pointer
}

function at(pointer: string): Schema {
  let node: unknown = doc
  for (const seg of pointer.split('/').slice(1)) {
    node = (node as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return node as Schema
}

function responsePointer(method: string, path: string, status: number, contentType = 'application/json') {
  return `/paths/${esc(path)}/${method}/responses/${status}/content/${esc(contentType)}/schema`
}

/**
 * Every field of `example` is a declared property of the schema at `pointer` (not one an open
 * object lets through) and its value validates there; returns the problems found.
 */
function undeclared(example: unknown, unresolved: string, where = ''): string[] {
  const pointer = resolve(unresolved)
  const schema = at(pointer)
  if (Array.isArray(example)) {
    if (!schema.items) return [`${where}: an array where the schema has none`]
    return example.flatMap((item, i) => undeclared(item, `${pointer}/items`, `${where}[${i}]`))
  }
  if (typeof example === 'object' && example !== null) {
    if (Object.keys(example).length === 0) {
      return validatorAt(pointer)(example) ? [] : [`${where}: {} refused`]
    }
    return Object.entries(example).flatMap(([key, value]) =>
      schema.properties?.[key]
        ? undeclared(value, `${pointer}/properties/${esc(key)}`, `${where}.${key}`)
        : [`${where}.${key} is not declared`],
    )
  }
  return validatorAt(pointer)(example) ? [] : [`${where}: ${JSON.stringify(example)} refused by its type`]
}

const seeds: {
  name: string
  method: string
  path: string
  status: number
  contentType?: string
  /** Our answer has exactly the seed's fields: the whole example validates. */
  exact: boolean
  example: unknown
}[] = [
  {
    name: '000 POST /api/v1/connect/token',
    method: 'post',
    path: '/api/v1/connect/token',
    status: 201,
    exact: false, // ours adds sessionId
    example: {
      token: 'cst_550e8400-e29b-41d4-a716-446655440000',
      connectUrl: 'https://api.weavz.io/connect?token=cst_550e8400-e29b-41d4-a716-446655440000',
      expiresAt: '2025-01-15T14:30:00.000Z',
    },
  },
  {
    name: '000 GET /api/v1/connect/session/:sessionId',
    method: 'get',
    path: '/api/v1/connect/session/{sessionId}',
    status: 200,
    exact: true,
    example: {
      session: {
        id: 'c1f0f3c8-46ed-4a42-b7a2-0c3db3e7a111',
        integrationName: 'google-sheets',
        connectionName: 'Google Sheets',
        externalId: 'conn_tenant_123_gsheets',
        status: 'COMPLETED',
        connectionId: 'c1d2e3f4-5678-90ab-cdef-1234567890ab',
        error: null,
        expiresAt: '2025-01-15T14:30:00.000Z',
        createdAt: '2025-01-15T10:30:00.000Z',
      },
    },
  },
  {
    name: '000 POST /api/v1/connect/session/poll',
    method: 'post',
    path: '/api/v1/connect/session/poll',
    status: 200,
    exact: true,
    example: {
      status: 'COMPLETED',
      connectionId: 'c1d2e3f4-5678-90ab-cdef-1234567890ab',
      integrationName: 'google-sheets',
      externalId: 'conn_tenant_123_gsheets',
      error: null,
    },
  },
  {
    name: '001 POST /api/v1/end-users (the SDK reads endUser.id)',
    method: 'post',
    path: '/api/v1/end-users',
    status: 201,
    exact: false,
    example: { endUser: { id: '0b6f7c1e-0000-4000-8000-000000000001' } },
  },
  {
    name: '001 POST /api/v1/end-users/:id/connect-token (the SDK reads connectUrl)',
    method: 'post',
    path: '/api/v1/end-users/{id}/connect-token',
    status: 201,
    exact: false,
    example: { connectUrl: 'https://api.weavz.io/connect?token=cst_x' },
  },
  {
    name: '002 GET /api/integrations/:id/connection',
    method: 'get',
    path: '/api/integrations/{id}/connection',
    status: 200,
    exact: true,
    example: SEED_002_CONNECTION,
  },
  {
    name: '002 GET /api/integration-connections (HAL+JSON)',
    method: 'get',
    path: '/api/integration-connections',
    status: 200,
    contentType: 'application/hal+json',
    exact: true,
    example: SEED_002_LIST,
  },
  {
    name: '003 an invalid API key: 401 with legacy code 2036',
    method: 'get',
    path: '/api/v1/connections',
    status: 401,
    exact: true,
    example: { error: { code: 'UNAUTHORIZED', message: 'Invalid API key', legacyCode: 2036 } },
  },
]

describe("the seeds' example answers are in the OpenAPI document as the seeds show them", () => {
  for (const s of seeds) {
    it(s.name, () => {
      const pointer = responsePointer(s.method, s.path, s.status, s.contentType)
      expect(undeclared(s.example, pointer)).toEqual([])
      if (s.exact) {
        const validate = validatorAt(pointer)
        expect(validate(s.example), JSON.stringify(validate.errors)).toBe(true)
      }
    })
  }

  it('the walk refuses a field the schema does not declare, and a wrong type', () => {
    const pointer = responsePointer('post', '/api/v1/connect/session/poll', 200)
    expect(undeclared({ status: 'COMPLETED', connectionUrl: 'x' }, pointer)).toEqual([
      '.connectionUrl is not declared',
    ])
    expect(undeclared({ status: 'DONE' }, pointer)).toHaveLength(1)
    expect(
      undeclared(
        { session: { nope: 1 } },
        responsePointer('get', '/api/v1/connect/session/{sessionId}', 200),
      ),
    ).toEqual(['.session.nope is not declared'])
  })
})
