import { type BootstrapResult, bootstrapOrganization } from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * POST|GET|DELETE /api/v1/integrations: an organization's own integrations, in the catalog's
 * shape, with every endpoint checked against the egress policy (https to public hosts, except
 * the hosts in SWITCHBOARD_EGRESS_ALLOW — the harness allows 127.0.0.1).
 */

interface ErrorJson {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> }
}
interface IntegrationJson {
  id: string
  name: string
  displayName: string
  authType: string
  custom: boolean
  definition: Record<string, unknown>
}

async function expectError(res: Response, status: number, code: string): Promise<ErrorJson> {
  const body = (await res.json()) as ErrorJson
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code })
  return body
}

const paths = (body: ErrorJson) => (body.error.details ?? []).map((d) => d.path)

/** DESIGN.md's example body. */
function acmeCrm(name = 'acme-crm') {
  return {
    name,
    displayName: 'Acme CRM',
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://id.acme.test/auth',
      tokenUrl: 'https://id.acme.test/token',
      revocationUrl: 'https://id.acme.test/token/revocation',
      scopes: ['openid', 'offline_access'],
      scopeSeparator: ' ',
      pkce: true,
      clientAuth: 'basic',
      authorizationParams: { prompt: 'consent' },
    },
    api: {
      baseUrl: 'https://api.acme.test',
      allowedOrigins: ['https://api.acme.test'],
      auth: { in: 'header', name: 'Authorization', value: 'Bearer {accessToken}' },
    },
    fields: [],
  }
}

type Body = ReturnType<typeof acmeCrm>

describe('custom integrations', () => {
  let h: Harness
  let other: BootstrapResult
  let n = 0

  const create = (json: unknown, key?: string) =>
    h.api('/api/v1/integrations', { method: 'POST', json, ...(key !== undefined && { key }) })
  const fresh = () => acmeCrm(`custom-${++n}`)

  beforeAll(async () => {
    h = await startHarness()
    other = await bootstrapOrganization(h.t.deps, { organizationName: 'Other Co', plan: 'TEAM' })
  })
  afterAll(async () => {
    await h.close()
  })

  it('POST with DESIGN.md’s example → 201 {integration}; GET lists it beside the catalog; GET one; DELETE → 204', async () => {
    const res = await create(acmeCrm())
    expect(res.status).toBe(201)
    const { integration } = (await res.json()) as { integration: IntegrationJson }
    expect(integration).toMatchObject({
      name: 'acme-crm',
      displayName: 'Acme CRM',
      authType: 'OAUTH2',
      custom: true,
      definition: {
        name: 'acme-crm',
        oauth2: { tokenUrl: 'https://id.acme.test/token', pkce: true, clientAuth: 'basic' },
        api: { baseUrl: 'https://api.acme.test' },
      },
    })
    expect(integration.id).toMatch(/^[0-9a-f-]{36}$/)

    const list = (await (await h.api('/api/v1/integrations')).json()) as {
      integrations: IntegrationJson[]
      nextCursor: null
    }
    const names = list.integrations.map((i) => i.name)
    expect(names).toContain('acme-crm')
    expect(names).toContain('acme-idp')
    expect(names).toEqual(expect.arrayContaining(['slack', 'github', 'openai', 'twilio']))
    expect(list.integrations.find((i) => i.name === 'slack')?.custom).toBe(false)
    expect(list.nextCursor).toBeNull()

    for (const ref of ['acme-crm', integration.id]) {
      const one = await h.api(`/api/v1/integrations/${ref}`)
      expect(one.status).toBe(200)
      expect(((await one.json()) as { integration: IntegrationJson }).integration.id).toBe(integration.id)
    }

    // It can be used right away: a connect token for it (with a tenant app) works.
    const app = await h.api('/api/v1/oauth-apps', {
      method: 'POST',
      json: { integrationName: 'acme-crm', clientId: 'crm-client', clientSecret: 'crm-secret' },
    })
    expect(app.status).toBe(201)
    const token = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-crm',
        connectionName: 'CRM',
        externalId: 'crm-1',
        workspaceId: h.org.workspaceId,
      },
    })
    expect(token.status).toBe(201)

    const del = await h.api('/api/v1/integrations/acme-crm', { method: 'DELETE' })
    expect(del.status).toBe(204)
    await expectError(await h.api('/api/v1/integrations/acme-crm'), 404, 'INTEGRATION_NOT_FOUND')
    await expectError(
      await h.api('/api/v1/integrations/acme-crm', { method: 'DELETE' }),
      404,
      'INTEGRATION_NOT_FOUND',
    )
    const after = (await (await h.api('/api/v1/integrations')).json()) as { integrations: IntegrationJson[] }
    expect(after.integrations.map((i) => i.name)).not.toContain('acme-crm')
  })

  it('an API-key integration in DESIGN.md’s fields shape → 201', async () => {
    const res = await create({
      name: 'acme-keys',
      displayName: 'Acme Keys',
      authType: 'SECRET_TEXT',
      api: {
        baseUrl: 'https://api.acme.test/v2',
        auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' },
      },
      fields: [{ key: 'apiKey', label: 'API key', secret: true, pattern: '^sk-' }],
      verify: { method: 'GET', path: '/me', expectStatus: 200 },
    })
    expect(res.status).toBe(201)
    const { integration } = (await res.json()) as { integration: IntegrationJson }
    expect(integration).toMatchObject({ authType: 'SECRET_TEXT', custom: true })
  })

  it.each([
    [
      'oauth2.authorizationUrl',
      (b: Body) => ({ ...b, oauth2: { ...b.oauth2, authorizationUrl: 'http://example.test/auth' } }),
    ],
    [
      'oauth2.tokenUrl',
      (b: Body) => ({ ...b, oauth2: { ...b.oauth2, tokenUrl: 'http://example.test/token' } }),
    ],
    [
      'oauth2.revocationUrl',
      (b: Body) => ({ ...b, oauth2: { ...b.oauth2, revocationUrl: 'http://example.test/revoke' } }),
    ],
    [
      'oauth2.introspectionUrl',
      (b: Body) => ({ ...b, oauth2: { ...b.oauth2, introspectionUrl: 'http://example.test/introspect' } }),
    ],
    [
      'api.baseUrl',
      (b: Body) => ({ ...b, api: { ...b.api, baseUrl: 'http://api.example.test', allowedOrigins: [] } }),
    ],
    [
      'api.allowedOrigins.0',
      (b: Body) => ({ ...b, api: { ...b.api, allowedOrigins: ['http://api.example.test'] } }),
    ],
  ])('plain http is refused for %s (400 VALIDATION_ERROR naming it)', async (field, edit) => {
    const err = await expectError(await create(edit(fresh())), 400, 'VALIDATION_ERROR')
    expect(paths(err)).toEqual([field])
  })

  it.each([
    'https://127.0.0.2/token',
    'https://10.0.0.1/token',
    'https://localhost/token',
    'https://localhost./token',
    'https://api.localhost/token',
    'https://169.254.169.254/latest',
    'https://[::1]/token',
    'https://[::ffff:10.0.0.1]/token',
    'https://0x7f000002/token',
    'https://2130706434/token',
    'https://100.64.0.1/token',
    'https://192.168.1.1/token',
    'https://[fd00::1]/token',
    'https://0.0.0.0/token',
  ])('a private or loopback host is refused for the token URL: %s', async (url) => {
    const b = fresh()
    const err = await expectError(
      await create({ ...b, oauth2: { ...b.oauth2, tokenUrl: url } }),
      400,
      'VALIDATION_ERROR',
    )
    expect(paths(err)).toEqual(['oauth2.tokenUrl'])
  })

  it('a private host is refused for the introspection URL (it receives the client secret)', async () => {
    const b = fresh()
    const err = await expectError(
      await create({ ...b, oauth2: { ...b.oauth2, introspectionUrl: 'https://169.254.169.254/introspect' } }),
      400,
      'VALIDATION_ERROR',
    )
    expect(paths(err)).toEqual(['oauth2.introspectionUrl'])
  })

  it.each([
    ['userinfo', 'https://user:pass@id.acme.test/token'],
    ['a non-http scheme', 'ftp://id.acme.test/token'],
    ['javascript:', 'javascript:alert(1)'],
    ['not a URL', 'id.acme.test/token'],
  ])('a token URL with %s is refused', async (_what, url) => {
    const b = fresh()
    const err = await expectError(
      await create({ ...b, oauth2: { ...b.oauth2, tokenUrl: url } }),
      400,
      'VALIDATION_ERROR',
    )
    expect(paths(err)).toEqual(['oauth2.tokenUrl'])
  })

  it('http and loopback are accepted for hosts in the egress allowlist (127.0.0.1)', async () => {
    const b = fresh()
    const res = await create({
      ...b,
      oauth2: {
        ...b.oauth2,
        authorizationUrl: 'http://127.0.0.1:4444/auth',
        tokenUrl: 'http://127.0.0.1:4444/token',
      },
      api: { ...b.api, baseUrl: 'http://127.0.0.1:4445', allowedOrigins: [] },
    })
    expect(res.status).toBe(201)
  })

  it('api.allowedOrigins must be origins, not URLs with paths', async () => {
    const b = fresh()
    const err = await expectError(
      await create({ ...b, api: { ...b.api, allowedOrigins: ['https://api.acme.test/v1'] } }),
      400,
      'VALIDATION_ERROR',
    )
    expect(paths(err)).toEqual(['api.allowedOrigins.0'])
  })

  it('schema errors name their field: bad slug, OAUTH2 without oauth2, unknown authType, bad field pattern', async () => {
    const badSlug = await expectError(await create({ ...fresh(), name: 'Acme CRM' }), 400, 'VALIDATION_ERROR')
    expect(paths(badSlug)).toEqual(['name'])
    const { oauth2: _o, ...noOauth } = fresh()
    const missing = await expectError(await create(noOauth), 400, 'VALIDATION_ERROR')
    expect(paths(missing)).toEqual(['oauth2'])
    const badType = await expectError(await create({ ...fresh(), authType: 'SAML' }), 400, 'VALIDATION_ERROR')
    expect(paths(badType)).toEqual(['authType'])
    const badPattern = await expectError(
      await create({
        name: 'bad-pattern',
        displayName: 'Bad',
        authType: 'SECRET_TEXT',
        api: { baseUrl: 'https://api.acme.test', auth: { in: 'header', name: 'x', value: '{apiKey}' } },
        fields: [{ key: 'apiKey', label: 'Key', pattern: '([' }],
      }),
      400,
      'INVALID_FIELD_PATTERN',
    )
    expect(paths(badPattern)).toEqual(['fields.0.pattern'])
  })

  it('a name clash with a catalog integration → 409; with an existing custom one → 409', async () => {
    for (const name of ['slack', 'openai', 'github']) {
      await expectError(await create(acmeCrm(name)), 409, 'ALREADY_EXISTS')
    }
    expect((await create(acmeCrm('clash-me'))).status).toBe(201)
    await expectError(await create(acmeCrm('clash-me')), 409, 'ALREADY_EXISTS')
    // Another organization may use the same name for its own.
    expect((await create(acmeCrm('clash-me'), other.apiKey)).status).toBe(201)
  })

  it('a catalog integration cannot be deleted; another organization’s custom one is invisible', async () => {
    await expectError(
      await h.api('/api/v1/integrations/slack', { method: 'DELETE' }),
      404,
      'INTEGRATION_NOT_FOUND',
    )
    const theirs = await create(acmeCrm('their-crm'), other.apiKey)
    expect(theirs.status).toBe(201)
    const { integration } = (await theirs.json()) as { integration: IntegrationJson }
    await expectError(await h.api('/api/v1/integrations/their-crm'), 404, 'INTEGRATION_NOT_FOUND')
    await expectError(await h.api(`/api/v1/integrations/${integration.id}`), 404, 'INTEGRATION_NOT_FOUND')
    await expectError(
      await h.api(`/api/v1/integrations/${integration.id}`, { method: 'DELETE' }),
      404,
      'INTEGRATION_NOT_FOUND',
    )
    const list = (await (await h.api('/api/v1/integrations')).json()) as { integrations: IntegrationJson[] }
    expect(list.integrations.map((i) => i.id)).not.toContain(integration.id)
    expect((await h.api(`/api/v1/integrations/${integration.id}`, { key: other.apiKey })).status).toBe(200)
  })

  it('an integration with connections cannot be deleted (409) until they are', async () => {
    expect(
      (
        await create({
          name: 'in-use',
          displayName: 'In use',
          authType: 'SECRET_TEXT',
          api: {
            baseUrl: 'https://api.acme.test',
            auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' },
          },
        })
      ).status,
    ).toBe(201)
    const conn = await h.api('/api/v1/connections', {
      method: 'POST',
      json: {
        type: 'SECRET_TEXT',
        integrationName: 'in-use',
        workspaceId: h.org.workspaceId,
        externalId: 'in-use-1',
        secretText: 'k',
      },
    })
    expect(conn.status).toBe(201)
    const { connection } = (await conn.json()) as { connection: { id: string } }
    await expectError(await h.api('/api/v1/integrations/in-use', { method: 'DELETE' }), 409, 'CONFLICT')
    expect((await h.api(`/api/v1/connections/${connection.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await h.api('/api/v1/integrations/in-use', { method: 'DELETE' })).status).toBe(204)
  })

  it('PUT replaces the definition; the name and, while in use, the auth type stay', async () => {
    const body = fresh()
    expect((await create(body)).status).toBe(201)
    const put = (json: unknown, key?: string) =>
      h.api(`/api/v1/integrations/${body.name}`, { method: 'PUT', json, ...(key !== undefined && { key }) })

    const renamed = await put({
      ...body,
      displayName: 'Acme CRM v2',
      api: { ...body.api, baseUrl: 'https://api2.acme.test', allowedOrigins: ['https://api2.acme.test'] },
    })
    expect(renamed.status).toBe(200)
    const { integration } = (await renamed.json()) as { integration: IntegrationJson }
    expect(integration).toMatchObject({ name: body.name, displayName: 'Acme CRM v2', custom: true })
    const got = await h.api(`/api/v1/integrations/${body.name}`)
    expect(((await got.json()) as { integration: IntegrationJson }).integration.definition).toMatchObject({
      api: { baseUrl: 'https://api2.acme.test' },
    })

    expect(
      paths(await expectError(await put({ ...body, name: 'another-name' }), 400, 'VALIDATION_ERROR')),
    ).toEqual(['name'])
    expect(
      paths(
        await expectError(
          await put({ ...body, api: { ...body.api, baseUrl: 'http://10.0.0.1' } }),
          400,
          'VALIDATION_ERROR',
        ),
      ),
    ).toEqual(['api.baseUrl'])
    await expectError(await put(body, other.apiKey), 404, 'INTEGRATION_NOT_FOUND')
    await expectError(
      await h.api('/api/v1/integrations/github', { method: 'PUT', json: body }),
      404,
      'INTEGRATION_NOT_FOUND',
    )

    // With a connection, switching OAUTH2 → SECRET_TEXT would strand its credentials.
    const secret = {
      name: body.name,
      displayName: 'Now a key',
      authType: 'SECRET_TEXT',
      api: { baseUrl: 'https://api.acme.test', auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' } },
    }
    const keyed = { ...secret, name: `${body.name}-k` }
    expect((await create(keyed)).status).toBe(201)
    const conn = await h.api('/api/v1/connections', {
      method: 'POST',
      json: {
        type: 'SECRET_TEXT',
        integrationName: keyed.name,
        workspaceId: h.org.workspaceId,
        externalId: 'k-1',
        secretText: 'k',
      },
    })
    expect(conn.status).toBe(201)
    await expectError(
      await h.api(`/api/v1/integrations/${keyed.name}`, { method: 'PUT', json: { ...acmeCrm(keyed.name) } }),
      409,
      'CONFLICT',
    )
    // Without connections the auth type may change.
    expect((await put(secret)).status).toBe(200)

    // A new API base moves the connections made on the old one (the proxy uses theirs).
    const { connection } = (await conn.json()) as { connection: { id: string; apiBaseUri: string } }
    expect(connection.apiBaseUri).toBe('https://api.acme.test')
    const moved = await h.api(`/api/v1/integrations/${keyed.name}`, {
      method: 'PUT',
      json: { ...keyed, api: { ...keyed.api, baseUrl: 'https://api.acme-new.test' } },
    })
    expect(moved.status).toBe(200)
    const after = await h.api(`/api/v1/connections/${connection.id}`)
    expect(((await after.json()) as { connection: { apiBaseUri: string } }).connection.apiBaseUri).toBe(
      'https://api.acme-new.test',
    )
  })
})
