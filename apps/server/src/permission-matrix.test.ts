import { appRouter, restRoutes } from '@switchboard/api'
import {
  type Access,
  accessLevels,
  apiKeyScopes,
  createUser,
  insertApiKey,
  isScope,
  permissionScopes,
  type RoleName,
  roleScopes,
  roles,
} from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

// Issue 24: one permission table (core's roleScopes and the scope vocabulary). Every procedure
// and route declares the scope it needs; for each role's dashboard session and for API keys
// holding a single scope, a real call gets past the gate exactly when the table says so.

const PASSWORD = 'correct horse battery staple'

interface Procedure {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { access?: unknown } }
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)
const restKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`

type Outcome = 'through' | 'blocked' | `other ${number} ${string}`

/** How a caller shows itself: a dashboard session cookie or a bearer API key. */
type Credential = { cookie: string } | { key: string }
const headersOf = (c: Credential): Record<string, string> =>
  'cookie' in c ? { cookie: c.cookie, 'sec-fetch-site': 'same-origin' } : { authorization: `Bearer ${c.key}` }

describe('every procedure and route declares a scope of the one table', () => {
  it('no procedure or route lacks a declaration, and non-public ones name a scope', () => {
    const undeclared = [
      ...restRoutes.filter((r) => !accessLevels.includes(r.access)).map(restKey),
      ...procedures.filter(([, p]) => !accessLevels.includes(p._def.meta?.access as Access)).map(([k]) => k),
    ]
    expect(undeclared).toEqual([])
    for (const r of restRoutes) if (r.auth === 'required') expect(isScope(r.access), restKey(r)).toBe(true)
  })

  it('the roles form a ladder: viewer ⊂ member ⊂ admin = owner = every scope', () => {
    const set = (role: RoleName) => new Set(roleScopes(role))
    expect([...set('owner')].sort()).toEqual([...permissionScopes].sort())
    expect([...set('admin')].sort()).toEqual([...permissionScopes].sort())
    for (const s of set('viewer')) expect(set('member').has(s), s).toBe(true)
    for (const s of set('member')) expect(set('admin').has(s), s).toBe(true)
    expect(set('viewer').has('events:read')).toBe(false)
    expect(set('viewer').has('connections:token')).toBe(false)
    expect([...set('viewer')].every((s) => s.endsWith(':read') || s === 'account')).toBe(true)
    expect(set('member').has('proxy') && set('member').has('connections:write')).toBe(true)
    expect(apiKeyScopes).not.toContain('account')
  })
})

describe('each role and each single-scope API key reaches exactly what the table gives', () => {
  let h: Harness
  const credentials = new Map<string, { credential: Credential; scopes: readonly string[] }>()

  beforeAll(async () => {
    h = await startHarness()
    for (const role of roles) {
      const email = `${role}@acme.test`
      await createUser(h.t.deps, { organizationId: h.org.organizationId, email, password: PASSWORD, role })
      const res = await fetch(`${h.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      })
      expect(res.status).toBe(200)
      const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] as string
      credentials.set(`role ${role}`, { credential: { cookie }, scopes: roleScopes(role) })
    }
    for (const scope of apiKeyScopes) {
      const { key } = await insertApiKey(h.t.deps, h.org.organizationId, `only ${scope}`, { scopes: [scope] })
      credentials.set(`key ${scope}`, { credential: { key }, scopes: [scope] })
    }
  }, 60_000)
  afterAll(async () => {
    await h?.close()
  })

  /** `blocked` is the gate's own answer only: 403 INSUFFICIENT_SCOPE naming the declared scope. */
  function classify(status: number, code: unknown, details: unknown, access: Access): Outcome {
    const named = (details as { requiredScope?: unknown } | null)?.requiredScope
    if (status === 403 && code === 'INSUFFICIENT_SCOPE' && named === access) return 'blocked'
    if (status === 401 || status === 403 || status >= 500) return `other ${status} ${String(code)}`
    return 'through'
  }

  /**
   * The body each call sends: `{}` (past the gate it is a validation error, or a no-op), except
   * for a new API key, which names the caller's own scopes (a key asking for more than its
   * maker holds is refused by core after the gate, which is not what this walk measures).
   */
  const bodyFor = (endpoint: string, scopes: readonly string[]) =>
    endpoint === 'POST /api/v1/api-keys' || endpoint === 'apiKeys.create'
      ? JSON.stringify({ name: 'walk', scopes: scopes.filter((s) => s !== 'account') })
      : '{}'

  async function callRest(
    r: (typeof restRoutes)[number],
    c: Credential,
    scopes: readonly string[],
  ): Promise<Outcome> {
    const path = r.path.replace(/:[A-Za-z]+/g, 'walk-missing-id').replace('*', 'walk')
    const hasBody = r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH'
    const res = await fetch(`${h.url}${path}`, {
      method: r.method,
      redirect: 'manual',
      headers: { ...headersOf(c), ...(hasBody && { 'content-type': 'application/json' }) },
      ...(hasBody && { body: bodyFor(restKey(r), scopes) }),
    })
    const text = await res.text()
    let error: { code?: unknown; details?: unknown } = {}
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error ?? {}
    } catch {}
    // A HEAD answer has no body: its 403 is the gate's when GET's (same path, same declaration) is.
    if (r.method === 'HEAD' && res.status === 403) return 'blocked'
    return classify(res.status, error.code, error.details, r.access)
  }

  async function callTrpc(
    path: string,
    p: Procedure,
    c: Credential,
    scopes: readonly string[],
  ): Promise<Outcome> {
    const query = p._def.type === 'query'
    const url = `${h.url}/trpc/${path}${query ? `?input=${encodeURIComponent('{}')}` : ''}`
    const res = await fetch(url, {
      method: query ? 'GET' : 'POST',
      headers: { ...headersOf(c), ...(!query && { 'content-type': 'application/json' }) },
      ...(!query && { body: bodyFor(path, scopes) }),
    })
    const body = (await res.json()) as { error?: { data?: { appCode?: unknown; details?: unknown } } }
    const data = body.error?.data ?? {}
    return classify(res.status, data.appCode, data.details, p._def.meta?.access as Access)
  }

  it('walks the whole REST table and tRPC router for every role and every single-scope key', async () => {
    const actual: Record<string, Record<string, Outcome>> = {}
    const expected: Record<string, Record<string, Outcome>> = {}
    let checked = 0
    for (const [who, { credential, scopes }] of credentials) {
      const got: Record<string, Outcome> = {}
      const want: Record<string, Outcome> = {}
      // Public endpoints pass no gate (and auth.logout would end the session under test).
      for (const r of restRoutes) {
        if (r.access === 'public') continue
        got[`REST ${restKey(r)}`] = await callRest(r, credential, scopes)
        want[`REST ${restKey(r)}`] = scopes.includes(r.access) ? 'through' : 'blocked'
      }
      for (const [path, p] of procedures) {
        const access = p._def.meta?.access as Access
        if (access === 'public') continue
        got[`tRPC ${path}`] = await callTrpc(path, p, credential, scopes)
        want[`tRPC ${path}`] = scopes.includes(access) ? 'through' : 'blocked'
      }
      checked += Object.keys(got).length
      actual[who] = got
      expected[who] = want
    }
    // 0 leaks: every refusal the table calls for happens, and nothing the table allows is refused.
    expect(actual).toEqual(expected)
    const gated =
      restRoutes.filter((r) => r.access !== 'public').length +
      procedures.filter(([, p]) => p._def.meta?.access !== 'public').length
    expect(checked).toBe(gated * credentials.size)
  }, 300_000)

  it('a proxy-only key cannot read integrations or create connections, and is told which scope', async () => {
    const { key } = await insertApiKey(h.t.deps, h.org.organizationId, 'proxy only', { scopes: ['proxy'] })
    const integrations = await h.api('/api/v1/integrations', { key })
    expect(integrations.status).toBe(403)
    expect(await integrations.json()).toMatchObject({
      error: { code: 'INSUFFICIENT_SCOPE', details: { requiredScope: 'integrations:read' } },
    })
    const create = await h.api('/api/v1/connections', { key, method: 'POST', json: {} })
    expect(create.status).toBe(403)
    expect(await create.json()).toMatchObject({
      error: { code: 'INSUFFICIENT_SCOPE', details: { requiredScope: 'connections:write' } },
    })
  })
})
