import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * A custom integration's `fields[].pattern` is tenant input that the public connect-page
 * submit runs. Create and update (REST and tRPC) refuse what the linear-time engine cannot
 * compile, or what is too long or too complex, with 400 INVALID_FIELD_PATTERN; the submit
 * runs only that engine (the property tests are in packages/core and packages/catalog).
 */

interface RestError {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> }
}
interface TrpcError {
  error: { message: string; data: { appCode: string; httpStatus: number } }
}

function keyed(name: string, pattern: string) {
  return {
    name,
    displayName: 'Keyed',
    authType: 'SECRET_TEXT',
    api: {
      baseUrl: 'https://api.keyed.example',
      auth: { in: 'header', name: 'x-api-key', value: '{apiKey}' },
    },
    fields: [
      { key: 'apiKey', label: 'API key', secret: true, pattern: '^sk-' },
      { key: 'region', label: 'Region', optional: true, pattern },
    ],
  }
}

const REFUSED: Array<[string, string, RegExp]> = [
  ['a backreference', '(a)\\1', /fields\.1\.pattern: .*invalid escape.*no backreferences or lookaround/],
  ['a lookahead', '(?=sk-)sk', /fields\.1\.pattern: .*\(\?=/],
  ['a syntax error', '([', /fields\.1\.pattern: .*missing closing/],
  ['501 characters', 'a'.repeat(501), /fields\.1\.pattern: the pattern is longer than 500 characters/],
  [
    'a program over 1000 instructions',
    '[a-z]{600}[0-9]{600}',
    /fields\.1\.pattern: the pattern is too complex/,
  ],
]

describe('tenant field patterns', () => {
  let h: Harness
  let n = 0
  const fresh = () => `patterned-${++n}`

  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  const trpc = (procedure: string, input: unknown) =>
    h.api(`/trpc/${procedure}`, { method: 'POST', json: input })
  const stored = async (name: string) =>
    h.t.deps.db
      .selectFrom('customIntegrations')
      .select('definition')
      .where('name', '=', name)
      .executeTakeFirst()

  it.each(REFUSED)(
    'create refuses %s with 400 INVALID_FIELD_PATTERN, on REST and tRPC',
    async (_what, pattern, message) => {
      const name = fresh()
      const rest = await h.api('/api/v1/integrations', { method: 'POST', json: keyed(name, pattern) })
      expect(rest.status).toBe(400)
      const body = (await rest.json()) as RestError
      expect(body.error.code).toBe('INVALID_FIELD_PATTERN')
      expect(body.error.message).toMatch(message)
      expect(body.error.details?.map((d) => d.path)).toEqual(['fields.1.pattern'])
      const viaTrpc = await trpc('integrations.create', keyed(name, pattern))
      expect(viaTrpc.status).toBe(400)
      const trpcBody = (await viaTrpc.json()) as TrpcError
      expect(trpcBody.error.data.appCode).toBe('INVALID_FIELD_PATTERN')
      expect(trpcBody.error.message).toMatch(message)
      expect(await stored(name)).toBeUndefined()
    },
  )

  it.each(REFUSED)(
    'update refuses %s the same way and keeps the definition',
    async (_what, pattern, message) => {
      const name = fresh()
      expect(
        (await h.api('/api/v1/integrations', { method: 'POST', json: keyed(name, '^eu|us$') })).status,
      ).toBe(201)
      const before = await stored(name)
      const rest = await h.api(`/api/v1/integrations/${name}`, { method: 'PUT', json: keyed(name, pattern) })
      expect(rest.status).toBe(400)
      expect(((await rest.json()) as RestError).error).toMatchObject({ code: 'INVALID_FIELD_PATTERN' })
      const viaTrpc = await trpc('integrations.update', { id: name, definition: keyed(name, pattern) })
      expect(viaTrpc.status).toBe(400)
      const trpcBody = (await viaTrpc.json()) as TrpcError
      expect(trpcBody.error.data.appCode).toBe('INVALID_FIELD_PATTERN')
      expect(trpcBody.error.message).toMatch(message)
      expect(await stored(name)).toEqual(before)
    },
  )

  async function connectToken(integrationName: string, externalId: string): Promise<string> {
    const res = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: { integrationName, connectionName: 'Key', externalId, workspaceId: h.org.workspaceId },
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { token: string }).token
  }
  const submit = (token: string, credentials: Record<string, unknown>) =>
    h.api('/api/v1/connect/submit', { method: 'POST', key: null, json: { token, credentials } })

  it('^(a+)+$ is accepted (RE2 runs it in linear time) and the submit answers a pathological value at once', async () => {
    const name = fresh()
    expect(
      (await h.api('/api/v1/integrations', { method: 'POST', json: keyed(name, '^(a+)+$') })).status,
    ).toBe(201)
    const token = await connectToken(name, 'redos-1')
    // With JavaScript's RegExp this input would take longer than the universe has existed.
    const res = await submit(token, { apiKey: 'sk-1', region: `${'a'.repeat(5000)}!` })
    expect(res.status).toBe(400)
    const body = (await res.json()) as RestError
    expect(body.error.code).toBe('VALIDATION_ERROR')
    expect(body.error.details).toEqual([
      { path: 'region', message: expect.stringMatching(/does not look right/) },
    ])
    const ok = await submit(token, { apiKey: 'sk-1', region: 'a'.repeat(5000) })
    expect(ok.status).toBe(200)
  })

  it('a definition stored before the rule (a lookahead) still loads; its submit is a clear 400, never a 500', async () => {
    const name = fresh()
    expect((await h.api('/api/v1/integrations', { method: 'POST', json: keyed(name, '^eu$') })).status).toBe(
      201,
    )
    const row = await stored(name)
    const legacy = (row?.definition ?? '').replace('"^eu$"', '"(?=e)eu"')
    expect(legacy).toContain('(?=e)eu')
    await h.t.deps.db
      .updateTable('customIntegrations')
      .set({ definition: legacy })
      .where('name', '=', name)
      .execute()
    expect((await h.api(`/api/v1/integrations/${name}`)).status).toBe(200)
    const token = await connectToken(name, 'legacy-1')
    const res = await submit(token, { apiKey: 'sk-1', region: 'eu' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as RestError
    expect(body.error.code).toBe('INVALID_FIELD_PATTERN')
    expect(body.error.message).toMatch(/Region.*cannot be checked.*organization must update the integration/)
  })
})
