import { Validator } from '@seriousme/openapi-schema-validator'
import { restRoutes } from '@switchboard/api'
import { apiScopes } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApiDocument } from './openapi-document.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// GET /api/openapi.json: OpenAPI 3.1 generated from the route table (issue 23). It validates
// against the 3.1 schema, lists exactly the routes Fastify registered under /api, and says
// per operation what credential and scope it takes.

/** `METHOD /path/{param}` for every route Fastify printed, HEAD left out. */
function registeredRoutes(tree: string): string[] {
  const stack: string[] = []
  const out: string[] = []
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ├└─] ?){0,}?)([^│ ├└─].*) \(([A-Z, ]+)\)$/u.exec(line)
    if (!m) continue
    const depth = (m[1] as string).length / 4
    stack.length = depth
    stack[depth] = m[2] as string
    // A wildcard is printed as its own node, its slash left on the parent's side.
    const path = stack.map((seg, i) => (seg === '*' && !stack[i - 1]?.endsWith('/') ? '/*' : seg)).join('')
    const openApiPath = path
      .split('/')
      .map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s === '*' ? '{path}' : s))
      .join('/')
    for (const method of (m[3] as string).split(', '))
      if (method !== 'HEAD') out.push(`${method} ${openApiPath}`)
  }
  return out.sort()
}

type Operation = { security: Record<string, string[]>[]; responses: Record<string, unknown> }
type Doc = {
  paths: Record<string, Record<string, Operation>>
  components: Record<string, Record<string, unknown>>
}

describe('GET /api/openapi.json', () => {
  let h: Harness
  let res: Response
  let doc: Doc
  beforeAll(async () => {
    h = await startHarness({ integration: false })
    res = await fetch(`${h.url}/api/openapi.json`)
    doc = (await res.json()) as Doc
  })
  afterAll(async () => {
    await h.close()
  })

  it('is served as JSON and validates against the OpenAPI 3.1 schema', async () => {
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const validator = new Validator()
    const result = await validator.validate(doc as never)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('is the document `pnpm openapi` writes for the same public URL', () => {
    expect(doc).toEqual(openApiDocument(h.url))
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30)
  })

  it('has, for every route of the table, a response declared for its success status', () => {
    const missing = restRoutes
      .filter((r) => {
        const own = r.responses as Record<string, { kind?: string } | undefined>
        if (r.proxied) return own.default?.kind !== 'upstream'
        const success = own[String(r.status ?? 200)] ?? Object.values(own).find((x) => x?.kind === 'redirect')
        return success === undefined
      })
      .map((r) => `${r.method} ${r.path}`)
    expect(missing).toEqual([])
  })

  it('lists every route Fastify registered under /api, and nothing else', () => {
    const all = registeredRoutes(h.app.printRoutes({ commonPrefix: false }))
    const registered = all.filter((r) => r.split(' ')[1]?.startsWith('/api/'))
    // The walk itself must see the table (a parser that finds nothing would pass vacuously).
    expect(registered).toContain('POST /api/v1/end-users')
    expect(registered).toContain('GET /api/integrations/{id}/request/{path}')
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort()
    expect(documented.filter((r) => r.split(' ')[1]?.startsWith('/api/'))).toEqual(registered)
    // The table's routes outside /api (the OAuth callback) are documented too, and registered.
    expect(all).toEqual(expect.arrayContaining(documented))
    expect(documented).toContain('GET /oauth2/callback')
  })

  it('declares security from each route’s access, with the AS’s endpoints and scopes', () => {
    const schemes = doc.components.securitySchemes as Record<string, Record<string, unknown>>
    expect(schemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(schemes.dashboardSession).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'sb_session' })
    const flow = (
      (schemes.oauth2 as { flows: unknown }).flows as unknown as Record<string, Record<string, unknown>>
    ).authorizationCode
    expect(flow?.authorizationUrl).toBe(`${h.url}/oauth/auth`)
    expect(flow?.tokenUrl).toBe(`${h.url}/oauth/token`)
    expect(Object.keys(flow?.scopes as object)).toEqual(expect.arrayContaining([...apiScopes]))

    const endUsers = doc.paths['/api/v1/end-users']?.post
    expect(endUsers?.security).toEqual([
      { apiKey: [] },
      { dashboardSession: [] },
      { oauth2: ['end-users:write'] },
    ])
    // 201 created, 200 existed (idempotent on externalId), its own 404, the handler's answers.
    expect(Object.keys(endUsers?.responses ?? {})).toEqual([
      '200',
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '422',
      '500',
    ])
    expect(endUsers?.responses['404']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error404' } } },
    })
    expect(doc.paths['/api/v1/organization']?.get?.security).toEqual([
      { apiKey: [] },
      { dashboardSession: [] },
    ])
    expect(doc.paths['/api/v1/connect/authorize']?.get?.security).toEqual([])
    // The consent API: "allow" needs the dashboard session (401 without it), "deny" and the
    // GET answer without one, so the session is declared as optional, never as none.
    const interaction = doc.paths['/api/v1/oauth-interactions/{uid}']
    expect(interaction?.post?.security).toEqual([{ dashboardSession: [] }, {}])
    expect(interaction?.get?.security).toEqual([{ dashboardSession: [] }, {}])
  })

  it('takes path params, query and body from the route’s zod input, and outputs where declared', () => {
    const get = doc.paths['/api/v1/connections/{id}']?.get as unknown as {
      parameters: { name: string; in: string }[]
    }
    expect(get.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path' }))
    const post = doc.paths['/api/v1/end-users']?.post as unknown as {
      requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> }
    }
    expect(Object.keys(post.requestBody.content['application/json']?.schema.properties ?? {})).toContain(
      'externalId',
    )
    const clients = doc.paths['/api/v1/oauth-clients']?.get?.responses['200'] as {
      content: Record<string, { schema: { properties: Record<string, unknown> } }>
    }
    expect(Object.keys(clients.content['application/json']?.schema.properties ?? {})).toEqual([
      'oauthClients',
      'nextCursor',
    ])
  })

  it('serves the viewer at /api/docs from our own files; an unknown file is a JSON 404', async () => {
    const page = await fetch(`${h.url}/api/docs`)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain('<script src="/api/docs/swagger-ui-bundle.js"></script>')
    expect(html).not.toMatch(/<script>|https?:\/\//)
    const bundle = await fetch(`${h.url}/api/docs/swagger-ui-bundle.js`)
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect((await bundle.text()).length).toBeGreaterThan(100_000)
    const missing = await fetch(`${h.url}/api/docs/package.json`)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
  })
})
