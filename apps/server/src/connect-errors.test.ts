import { randomUUID } from 'node:crypto'
import {
  addPlatformOAuthApp,
  type BootstrapResult,
  bootstrapOrganization,
  createCustomIntegration,
  createOAuthApp,
  type Principal,
} from '@switchboard/core'
import type { Plan } from '@switchboard/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acmeIntegration, CUSTOMER_ORIGIN, type Harness, startHarness } from './testing/harness.ts'

/**
 * Every error code of seeds 000 and 001 over REST, with the seeds' status and the
 * `{"error":{"code"}}` body, and the same failures through tRPC so both surfaces agree.
 */

interface ErrorJson {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> }
}

async function expectError(res: Response, status: number, code: string): Promise<ErrorJson> {
  const body = (await res.json()) as ErrorJson
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code })
  expect(typeof body.error.message).toBe('string')
  expect(body.error.message.length).toBeGreaterThan(0)
  // Never a stack trace.
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.ts:\d+/)
  return body
}

const paths = (body: ErrorJson) => (body.error.details ?? []).map((d) => d.path)

describe('connect token errors (seeds 000 and 001) over REST and tRPC', () => {
  let h: Harness
  let other: BootstrapResult
  let otherPrincipal: Principal
  let otherAcmeAppId: string
  let githubTenantAppId: string
  let githubPlatformAppId: string

  const setPlan = (organizationId: string, plan: Plan) =>
    h.t.deps.db.updateTable('organizations').set({ plan }).where('id', '=', organizationId).execute()

  const baseBody = () => ({
    integrationName: 'acme-idp',
    connectionName: 'Acme account',
    externalId: `conn_${randomUUID()}`,
    workspaceId: h.org.workspaceId,
  })

  const createToken = (json: unknown, key?: string) =>
    h.api('/api/v1/connect/token', { method: 'POST', json, ...(key !== undefined && { key }) })

  /** tRPC 11 without a transformer: the body is the raw input, the error is `{error:{message,code,data}}`. */
  const trpcCreateToken = (json: unknown) => h.api('/trpc/connect.createToken', { method: 'POST', json })

  async function expectTrpcError(res: Response, status: number, appCode: string) {
    const body = (await res.json()) as {
      error: { message: string; data: { appCode: string; httpStatus: number; details: unknown } }
    }
    expect({ status: res.status, appCode: body.error.data.appCode }).toEqual({ status, appCode })
    expect(body.error.data.httpStatus).toBe(status)
    expect(JSON.stringify(body)).not.toContain('"stack"')
    return body
  }

  beforeAll(async () => {
    h = await startHarness()
    other = await bootstrapOrganization(h.t.deps, { organizationName: 'Other Co', plan: 'TEAM' })
    otherPrincipal = { kind: 'apiKey', organizationId: other.organizationId, apiKeyId: 'test' }
    // The other organization has its own "acme-idp" with its own tenant app.
    await createCustomIntegration(h.t.deps, otherPrincipal, acmeIntegration(h.provider, h.upstream))
    otherAcmeAppId = (
      await createOAuthApp(h.t.deps, otherPrincipal, {
        integrationName: 'acme-idp',
        clientId: 'other-client',
        clientSecret: 'other-secret',
      })
    ).id
    // github: a platform-managed app and the organization's own app.
    githubPlatformAppId = (
      await addPlatformOAuthApp(h.t.deps, {
        integrationName: 'github',
        clientId: 'platform-gh',
        clientSecret: 'platform-gh-secret',
      })
    ).id
    githubTenantAppId = (
      await createOAuthApp(h.t.deps, h.principal, {
        integrationName: 'github',
        clientId: 'tenant-gh',
        clientSecret: 'tenant-gh-secret',
      })
    ).id
  })
  afterAll(async () => {
    await h.close()
  })

  describe('POST /api/v1/connect/token', () => {
    it('succeeds for the baseline body (every error below changes one thing)', async () => {
      const res = await createToken(baseBody())
      expect(res.status).toBe(201)
      const github = await createToken({ ...baseBody(), integrationName: 'github' })
      expect(github.status).toBe(201)
      const session = await h.t.deps.db
        .selectFrom('connectSessions')
        .select('oauthAppId')
        .where('id', '=', ((await github.json()) as { sessionId: string }).sessionId)
        .executeTakeFirstOrThrow()
      // The tenant app wins over the platform app.
      expect(session.oauthAppId).toBe(githubTenantAppId)
    })

    it('400 NO_OAUTH_APP: an OAuth integration with no app at all', async () => {
      await expectError(await createToken({ ...baseBody(), integrationName: 'slack' }), 400, 'NO_OAUTH_APP')
    })

    it('403 CUSTOM_OAUTH_APP_PLAN_REQUIRED: a FREE organization registering its own app', async () => {
      const free = await bootstrapOrganization(h.t.deps, { organizationName: 'Free Co', plan: 'FREE' })
      const res = await h.api('/api/v1/oauth-apps', {
        method: 'POST',
        key: free.apiKey,
        json: { integrationName: 'github', clientId: 'x', clientSecret: 'y' },
      })
      await expectError(res, 403, 'CUSTOM_OAUTH_APP_PLAN_REQUIRED')
      const apps = await h.t.deps.db
        .selectFrom('oauthApps')
        .select('id')
        .where('organizationId', '=', free.organizationId)
        .execute()
      expect(apps).toEqual([])
      // The same organization on TEAM may.
      await setPlan(free.organizationId, 'TEAM')
      const ok = await h.api('/api/v1/oauth-apps', {
        method: 'POST',
        key: free.apiKey,
        json: { integrationName: 'github', clientId: 'x', clientSecret: 'y-secret-value' },
      })
      expect(ok.status).toBe(201)
      const created = (await ok.json()) as { oauthApp: Record<string, unknown> }
      expect(created.oauthApp).toMatchObject({ integrationName: 'github', clientId: 'x', owner: 'TENANT' })
      expect(JSON.stringify(created)).not.toContain('y-secret-value')
    })

    it('403 CUSTOM_OAUTH_APP_PLAN_REQUIRED: the tenant app chosen explicitly after a downgrade to FREE', async () => {
      await setPlan(h.org.organizationId, 'FREE')
      try {
        await expectError(
          await createToken({ ...baseBody(), integrationName: 'github', oauthAppId: githubTenantAppId }),
          403,
          'CUSTOM_OAUTH_APP_PLAN_REQUIRED',
        )
        await expectTrpcError(
          await trpcCreateToken({ ...baseBody(), integrationName: 'github', oauthAppId: githubTenantAppId }),
          403,
          'CUSTOM_OAUTH_APP_PLAN_REQUIRED',
        )
        // Without an explicit app, the downgraded organization falls back to the platform app.
        const res = await createToken({ ...baseBody(), integrationName: 'github' })
        expect(res.status).toBe(201)
      } finally {
        await setPlan(h.org.organizationId, 'TEAM')
      }
    })

    it('409 TENANT_OAUTH_APP_REQUIRED: explicitly choosing the platform app when the org has its own', async () => {
      await expectError(
        await createToken({ ...baseBody(), integrationName: 'github', oauthAppId: githubPlatformAppId }),
        409,
        'TENANT_OAUTH_APP_REQUIRED',
      )
    })

    it('404 INTEGRATION_NOT_FOUND: an unknown integration, and another organization’s custom one', async () => {
      await expectError(
        await createToken({ ...baseBody(), integrationName: 'no-such-integration' }),
        404,
        'INTEGRATION_NOT_FOUND',
      )
      const otherOnly = await createCustomIntegration(h.t.deps, otherPrincipal, {
        ...acmeIntegration(h.provider, h.upstream),
        name: 'other-only',
      })
      await expectError(
        await createToken({ ...baseBody(), integrationName: 'other-only' }),
        404,
        'INTEGRATION_NOT_FOUND',
      )
      // Nor by its id.
      await expectError(
        await createToken({ ...baseBody(), integrationName: otherOnly.id }),
        404,
        'INTEGRATION_NOT_FOUND',
      )
    })

    it('404 OAUTH_APP_NOT_FOUND: a random uuid, and another organization’s tenant app', async () => {
      await expectError(
        await createToken({ ...baseBody(), oauthAppId: randomUUID() }),
        404,
        'OAUTH_APP_NOT_FOUND',
      )
      await expectError(
        await createToken({ ...baseBody(), oauthAppId: otherAcmeAppId }),
        404,
        'OAUTH_APP_NOT_FOUND',
      )
      // An app of this organization, but for another integration.
      await expectError(
        await createToken({ ...baseBody(), oauthAppId: githubTenantAppId }),
        404,
        'OAUTH_APP_NOT_FOUND',
      )
    })

    it('404 for a workspace of another organization (and an unknown one)', async () => {
      const body = await expectError(
        await createToken({ ...baseBody(), workspaceId: other.workspaceId }),
        404,
        'NOT_FOUND',
      )
      expect(JSON.stringify(body)).not.toContain('Other Co')
      await expectError(await createToken({ ...baseBody(), workspaceId: randomUUID() }), 404, 'NOT_FOUND')
    })

    it.each(['integrationName', 'connectionName', 'externalId', 'workspaceId'] as const)(
      '400 VALIDATION_ERROR naming %s when it is missing',
      async (field) => {
        const body: Record<string, unknown> = baseBody()
        delete body[field]
        const err = await expectError(await createToken(body), 400, 'VALIDATION_ERROR')
        expect(paths(err)).toContain(field)
      },
    )

    it.each([
      ['workspaceId', 'not-a-uuid'],
      ['scope', 'EVERYONE'],
      ['successRedirectUri', 'not a url'],
      ['errorRedirectUri', 'javascript:alert(1)'],
      ['oauthAppId', '123'],
      ['connectionName', '   '],
      ['integrationName', 42],
    ] as const)('400 VALIDATION_ERROR naming %s for %j', async (field, value) => {
      const err = await expectError(
        await createToken({ ...baseBody(), [field]: value }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(err)).toContain(field)
    })

    it('400 VALIDATION_ERROR for a USER scope without endUserId', async () => {
      const err = await expectError(
        await createToken({ ...baseBody(), scope: 'USER' }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(err)).toEqual(['endUserId'])
    })

    it('400 VALIDATION_ERROR for a body that is not JSON', async () => {
      const res = await h.api('/api/v1/connect/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"integrationName":',
      })
      await expectError(res, 400, 'VALIDATION_ERROR')
    })

    it('401 UNAUTHORIZED without an API key, and with a wrong one', async () => {
      await expectError(await createToken(baseBody(), ''), 401, 'UNAUTHORIZED')
      await expectError(await createToken(baseBody(), 'sk_not_a_real_key'), 401, 'UNAUTHORIZED')
    })

    it.each([
      ['successRedirectUri', 'https://evil.test/connected'],
      ['successRedirectUri', 'http://127.0.0.1:59990/'],
      ['errorRedirectUri', 'http://127.0.0.1:5999@evil.test/'],
      ['errorRedirectUri', 'https://127.0.0.1:5999/'],
      ['successRedirectUri', 'http://localhost:5999/'],
    ] as const)('400 INVALID_REDIRECT_URI for %s %s (outside the allowed origins)', async (field, uri) => {
      const err = await expectError(
        await createToken({ ...baseBody(), [field]: uri }),
        400,
        'INVALID_REDIRECT_URI',
      )
      expect(paths(err)).toEqual([field])
    })

    it('refuses the lookalike http://127.0.0.1:5999.evil.test/ (not even a URL) and names the field', async () => {
      const err = await expectError(
        await createToken({ ...baseBody(), successRedirectUri: 'http://127.0.0.1:5999.evil.test/' }),
        400,
        'VALIDATION_ERROR',
      )
      expect(paths(err)).toEqual(['successRedirectUri'])
    })

    it('accepts redirect URIs on the allowed origin, whatever the path', async () => {
      const res = await createToken({
        ...baseBody(),
        successRedirectUri: `${CUSTOMER_ORIGIN}/any/path?x=1`,
        errorRedirectUri: `${CUSTOMER_ORIGIN}/`,
      })
      expect(res.status).toBe(201)
    })

    it('refuses every redirect when the organization allowed no origin', async () => {
      const res = await h.api('/api/v1/connect/token', {
        method: 'POST',
        key: other.apiKey,
        json: {
          ...baseBody(),
          workspaceId: other.workspaceId,
          successRedirectUri: `${CUSTOMER_ORIGIN}/connected`,
        },
      })
      await expectError(res, 400, 'INVALID_REDIRECT_URI')
    })
  })

  describe('the same failures through tRPC (connect.createToken)', () => {
    const cases: Array<[string, () => Record<string, unknown>, number, string, string?]> = [
      ['no OAuth app', () => ({ ...baseBody(), integrationName: 'slack' }), 400, 'NO_OAUTH_APP'],
      [
        'platform app chosen over tenant',
        () => ({ ...baseBody(), integrationName: 'github', oauthAppId: githubPlatformAppId }),
        409,
        'TENANT_OAUTH_APP_REQUIRED',
      ],
      [
        'unknown integration',
        () => ({ ...baseBody(), integrationName: 'nope' }),
        404,
        'INTEGRATION_NOT_FOUND',
      ],
      ['unknown app', () => ({ ...baseBody(), oauthAppId: randomUUID() }), 404, 'OAUTH_APP_NOT_FOUND'],
      ['other org app', () => ({ ...baseBody(), oauthAppId: otherAcmeAppId }), 404, 'OAUTH_APP_NOT_FOUND'],
      ['other org workspace', () => ({ ...baseBody(), workspaceId: other.workspaceId }), 404, 'NOT_FOUND'],
      [
        'workspaceId not a uuid',
        () => ({ ...baseBody(), workspaceId: 'nope' }),
        400,
        'VALIDATION_ERROR',
        'workspaceId',
      ],
      ['scope not in enum', () => ({ ...baseBody(), scope: 'ALL' }), 400, 'VALIDATION_ERROR', 'scope'],
      [
        'missing connectionName',
        () => {
          const { connectionName: _, ...rest } = baseBody()
          return rest
        },
        400,
        'VALIDATION_ERROR',
        'connectionName',
      ],
      [
        'redirect outside allowed origins',
        () => ({ ...baseBody(), successRedirectUri: 'https://evil.test/' }),
        400,
        'INVALID_REDIRECT_URI',
        'successRedirectUri',
      ],
    ]

    it.each(cases)('%s: REST and tRPC agree', async (_name, body, status, code, path) => {
      const input = body()
      const rest = await expectError(await createToken(input), status, code)
      const trpc = await expectTrpcError(await trpcCreateToken(input), status, code)
      if (path) {
        expect(paths(rest)).toContain(path)
        const details = trpc.error.data.details as Array<{ path: string }>
        expect(details.map((d) => d.path)).toContain(path)
      }
    })

    it('tRPC without credentials is UNAUTHORIZED', async () => {
      const res = await h.api('/trpc/connect.createToken', { method: 'POST', json: baseBody(), key: null })
      await expectTrpcError(res, 401, 'UNAUTHORIZED')
    })
  })

  describe('GET /api/v1/connect/session/:sessionId', () => {
    it('403 FORBIDDEN for another organization’s session, 404 NOT_FOUND for an unknown id', async () => {
      const created = await h.api('/api/v1/connect/token', {
        method: 'POST',
        key: other.apiKey,
        json: { ...baseBody(), workspaceId: other.workspaceId },
      })
      expect(created.status).toBe(201)
      const { sessionId } = (await created.json()) as { sessionId: string }
      const forbidden = await expectError(
        await h.api(`/api/v1/connect/session/${sessionId}`),
        403,
        'FORBIDDEN',
      )
      expect(JSON.stringify(forbidden)).not.toContain('Acme account')
      await expectError(await h.api(`/api/v1/connect/session/${randomUUID()}`), 404, 'NOT_FOUND')
      await expectError(await h.api('/api/v1/connect/session/not-a-uuid'), 404, 'NOT_FOUND')
      // The owner sees it.
      const own = await h.api(`/api/v1/connect/session/${sessionId}`, { key: other.apiKey })
      expect(own.status).toBe(200)
      expect(((await own.json()) as { session: { id: string } }).session.id).toBe(sessionId)
      // tRPC says the same.
      const trpc = await h.api(
        `/trpc/connect.session?input=${encodeURIComponent(JSON.stringify({ id: sessionId }))}`,
      )
      await expectTrpcError(trpc, 403, 'FORBIDDEN')
      const unknown = await h.api(
        `/trpc/connect.session?input=${encodeURIComponent(JSON.stringify({ id: randomUUID() }))}`,
      )
      await expectTrpcError(unknown, 404, 'NOT_FOUND')
    })

    it('returns the seed shape for its own session', async () => {
      const created = await createToken(baseBody())
      const { sessionId, expiresAt } = (await created.json()) as { sessionId: string; expiresAt: string }
      const res = await h.api(`/api/v1/connect/session/${sessionId}`)
      expect(res.status).toBe(200)
      const { session } = (await res.json()) as { session: Record<string, unknown> }
      expect(Object.keys(session).sort()).toEqual(
        [
          'connectionId',
          'connectionName',
          'createdAt',
          'error',
          'expiresAt',
          'externalId',
          'id',
          'integrationName',
          'status',
        ].sort(),
      )
      expect(session).toMatchObject({
        id: sessionId,
        status: 'PENDING',
        connectionId: null,
        error: null,
        expiresAt,
      })
    })
  })

  describe('POST /api/v1/connect/session/poll', () => {
    const poll = (init: { json?: unknown; body?: string; headers?: Record<string, string> }) =>
      h.api('/api/v1/connect/session/poll', { method: 'POST', key: null, ...init })

    it('400 MISSING_TOKEN without a body, with {}, with an empty or blank token, with null', async () => {
      await expectError(await poll({}), 400, 'MISSING_TOKEN')
      await expectError(await poll({ json: {} }), 400, 'MISSING_TOKEN')
      await expectError(await poll({ json: { token: '' } }), 400, 'MISSING_TOKEN')
      await expectError(await poll({ json: { token: '   ' } }), 400, 'MISSING_TOKEN')
      await expectError(await poll({ json: { token: null } }), 400, 'MISSING_TOKEN')
    })

    it('401 INVALID_TOKEN for garbage, a wrong type, and a token of the wrong shape', async () => {
      await expectError(await poll({ json: { token: 'garbage' } }), 401, 'INVALID_TOKEN')
      await expectError(await poll({ json: { token: `cst_${'A'.repeat(43)}` } }), 401, 'INVALID_TOKEN')
      await expectError(await poll({ json: { token: 12345 } }), 401, 'INVALID_TOKEN')
      await expectError(await poll({ json: { token: 'x'.repeat(10_000) } }), 401, 'INVALID_TOKEN')
    })

    it('401 INVALID_TOKEN once the 4-hour token has expired (and not a millisecond before)', async () => {
      const { token } = (await (await createToken(baseBody())).json()) as { token: string }
      h.clock.advance(4 * 3600 * 1000 - 1)
      const still = await poll({ json: { token } })
      expect(still.status).toBe(200)
      expect(((await still.json()) as { status: string }).status).toBe('PENDING')
      h.clock.advance(2)
      await expectError(await poll({ json: { token } }), 401, 'INVALID_TOKEN')
    })

    it('needs no API key and ignores one: the cst_ token is the credential', async () => {
      const { token } = (await (await createToken(baseBody())).json()) as { token: string }
      const res = await h.api('/api/v1/connect/session/poll', {
        method: 'POST',
        json: { token },
        key: 'sk_bogus',
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({
        sessionId: expect.any(String),
        status: 'PENDING',
        connectionId: null,
        integrationName: 'acme-idp',
        externalId: expect.stringMatching(/^conn_/),
        error: null,
      })
    })
  })
})
