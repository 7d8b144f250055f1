import { readFileSync } from 'node:fs'
import { appRouter, restRoutes } from '@switchboard/api'
import {
  type Access,
  accessLevels,
  apiScopes,
  firstPartyScopes,
  isFirstPartyScope,
  oauthClientScopes,
  scopeReach,
} from '@switchboard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OAuthKit, startOAuthKit } from './oauth-test-kit.ts'

// Issue 21 item 13: every procedure and route declares what it needs, and a real token per
// scope reaches exactly what docs/oauth-server.md lists for that scope, and nothing else.

const DOC = readFileSync(new URL('../../../../docs/oauth-server.md', import.meta.url), 'utf8')

interface Procedure {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { access?: unknown } }
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)
const restKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`

/** What a third-party token sees of a declaration: a first-party scope is all one to it. */
type Reach = Access | 'first-party'
const reachOf = (access: Access): Reach => (isFirstPartyScope(access) ? 'first-party' : access)

/** "What each scope reaches": heading → the REST routes and tRPC procedures listed under it. */
function documentedReach(): Map<string, Reach> {
  const section = DOC.slice(DOC.indexOf('## What each scope reaches'), DOC.indexOf('## How it is built'))
  const reach = new Map<string, Reach>()
  for (const block of section.split('\n### ').slice(1)) {
    const heading = block.slice(0, block.indexOf('\n'))
    const access: Reach = heading.startsWith('First-party')
      ? 'first-party'
      : heading.startsWith('Public')
        ? 'public'
        : (heading.replace(/`/g, '').trim() as Access)
    if (access !== 'first-party') expect(accessLevels, `heading "${heading}"`).toContain(access)
    for (const m of block.matchAll(/- (REST|tRPC):([\s\S]*?)(?=\n- |\n\n|$)/g)) {
      for (const item of (m[2] ?? '').matchAll(/`([^`]+)`/g)) {
        const key = m[1] === 'REST' ? `REST ${item[1]}` : `tRPC ${item[1]}`
        expect(reach.has(key), `${key} listed twice`).toBe(false)
        reach.set(key, access)
      }
    }
  }
  return reach
}

function declaredReach(): Map<string, Reach> {
  const declared = new Map<string, Reach>()
  for (const r of restRoutes) declared.set(`REST ${restKey(r)}`, reachOf(r.access))
  for (const [path, p] of procedures) declared.set(`tRPC ${path}`, reachOf(p._def.meta?.access as Access))
  return declared
}

describe('access declarations', () => {
  it('every REST route and tRPC procedure declares a known access level', () => {
    const undeclared = [
      ...restRoutes.filter((r) => !accessLevels.includes(r.access)).map(restKey),
      ...procedures.filter(([, p]) => !accessLevels.includes(p._def.meta?.access as Access)).map(([k]) => k),
    ]
    expect(undeclared).toEqual([])
    // A route without a credential is public, and only such a route is.
    expect(restRoutes.filter((r) => (r.auth === 'none') !== (r.access === 'public')).map(restKey)).toEqual([])
  })

  it("docs/oauth-server.md's scope table is core's vocabulary, word for word", () => {
    const rows = [...DOC.matchAll(/^\| `([^`]+)`\s*\| (.+?)\s*\|$/gm)].map((m) => [m[1], m[2]])
    expect(Object.fromEntries(rows)).toEqual(scopeReach)
    expect(rows.map((r) => r[0])).toEqual([...oauthClientScopes, ...firstPartyScopes])
  })

  it('the docs list every route and procedure once, with the access it declares', () => {
    expect(Object.fromEntries(documentedReach())).toEqual(Object.fromEntries(declaredReach()))
  })
})

type Outcome = 'through' | 'blocked' | `other ${number} ${string}`

describe('a real token per scope reaches exactly what the docs list', () => {
  let kit: OAuthKit
  const tokens = new Map<string, string>()
  beforeAll(async () => {
    kit = await startOAuthKit()
    const client = await kit.register({ scopes: [...oauthClientScopes] })
    // One token per API scope (offline_access alone is refused: it reaches no API).
    for (const scope of apiScopes) {
      const granted = await kit.grant(client, [scope])
      expect(granted.scope).toBe(scope)
      tokens.set(scope, String(granted.access_token))
    }
  }, 60_000)
  afterAll(async () => {
    await kit?.close()
  })

  /**
   * `blocked` is the gate's own answer only: 403 INSUFFICIENT_SCOPE naming what was declared.
   * `through` is any answer past the gate (200, 404 for the placeholder ids, 400 for the empty
   * input, which the gate checks after); any other 401/403 (CROSS_SITE_REQUEST, a core check
   * that disagrees with the declaration) is neither and shows up as `other`.
   */
  function classify(status: number, code: unknown, details: unknown, access: Access): Outcome {
    const gate = isFirstPartyScope(access)
      ? { firstPartyOnly: true, requiredScope: access }
      : ({ requiredScope: access } as unknown)
    if (status === 403 && code === 'INSUFFICIENT_SCOPE' && JSON.stringify(details) === JSON.stringify(gate))
      return 'blocked'
    if (status === 401 || status === 403 || status >= 500) return `other ${status} ${String(code)}`
    return 'through'
  }

  async function callRest(r: (typeof restRoutes)[number], token: string): Promise<Outcome> {
    const path = r.path.replace(/:[A-Za-z]+/g, 'walk-missing-id').replace('*', 'walk')
    const hasBody = r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH'
    const res = await fetch(`${kit.h.url}${path}`, {
      method: r.method,
      redirect: 'manual',
      headers: { authorization: `Bearer ${token}`, ...(hasBody && { 'content-type': 'application/json' }) },
      ...(hasBody && { body: '{}' }),
    })
    const text = await res.text()
    let error: { code?: unknown; details?: unknown } = {}
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error ?? {}
    } catch {}
    // A HEAD answer has no body to name its code: its 403 is the gate's when GET's, the same
    // path and declaration, is the gate's (checked in the same walk).
    if (r.method === 'HEAD' && res.status === 403) return 'blocked'
    return classify(res.status, error.code, error.details, r.access)
  }

  async function callTrpc(path: string, p: Procedure, token: string): Promise<Outcome> {
    const query = p._def.type === 'query'
    const url = `${kit.h.url}/trpc/${path}${query ? `?input=${encodeURIComponent('{}')}` : ''}`
    const res = await fetch(url, {
      method: query ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(!query && { 'content-type': 'application/json' }) },
      ...(!query && { body: '{}' }),
    })
    const body = (await res.json()) as { error?: { data?: { appCode?: unknown; details?: unknown } } }
    const data = body.error?.data ?? {}
    return classify(res.status, data.appCode, data.details, p._def.meta?.access as Access)
  }

  it('walks the whole REST table and tRPC router with each scope', async () => {
    const documented = documentedReach()
    const actual: Record<string, Record<string, Outcome>> = {}
    const expected: Record<string, Record<string, Outcome>> = {}
    let reachedCore = 0
    for (const scope of apiScopes) {
      const token = tokens.get(scope) ?? ''
      const got: Record<string, Outcome> = {}
      const want: Record<string, Outcome> = {}
      for (const r of restRoutes) got[`REST ${restKey(r)}`] = await callRest(r, token)
      for (const [path, p] of procedures) got[`tRPC ${path}`] = await callTrpc(path, p, token)
      for (const [key, access] of documented) {
        want[key] = access === 'public' || access === scope ? 'through' : 'blocked'
      }
      for (const o of Object.values(got)) if (o === 'through') reachedCore++
      actual[scope] = got
      expected[scope] = want
    }
    expect(actual).toEqual(expected)
    // Sanity: the walk covered every endpoint with every scope, and each scope got through
    // somewhere (public endpoints at least), so a broken token fails loudly instead of all-blocked.
    expect(Object.keys(actual.proxy ?? {})).toHaveLength(restRoutes.length + procedures.length)
    expect(reachedCore).toBeGreaterThan(apiScopes.length)
  }, 120_000)

  it('the proxy scope reads no organization settings or custom integrations (the defect)', async () => {
    const token = tokens.get('proxy') ?? ''
    for (const path of ['/api/v1/organization', '/api/v1/integrations']) {
      const res = await fetch(`${kit.h.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status, path).toBe(403)
      expect(await res.json()).toMatchObject({
        error: { code: 'INSUFFICIENT_SCOPE', details: { firstPartyOnly: true } },
      })
    }
    const me = await fetch(`${kit.h.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } })
    expect(await me.json()).toMatchObject({ result: { data: { user: null, organization: null } } })
    // The API key still reaches both.
    expect((await kit.h.api('/api/v1/organization')).status).toBe(200)
    expect((await kit.h.api('/api/v1/integrations')).status).toBe(200)
  })

  it('the gate answers before the input is read: a bad body with a missing scope is 403', async () => {
    const token = tokens.get('proxy') ?? ''
    const res = await fetch(`${kit.h.url}/api/v1/end-users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"externalId": 42}',
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({
      error: { code: 'INSUFFICIENT_SCOPE', details: { requiredScope: 'end-users:write' } },
    })
  })
})
