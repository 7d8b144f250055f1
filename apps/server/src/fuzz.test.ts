import { appRouter, restRoutes } from '@switchboard/api'
import { createUser } from '@switchboard/core'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

// Issue 21: whatever a caller sends to any REST route or tRPC procedure, with the dashboard
// cookie or an API key, the answer is never a 5xx of ours. Inputs are arbitrary JSON mixed with
// values shaped like the route's own (its schema's field names, real ids and names), so the
// calls reach past validation into the core functions too.
//
// FUZZ_RUNS sets the cases per route and credential (default 4; e.g. FUZZ_RUNS=50 for a long
// run). Answers from a third party are allowed their documented codes (the proxy's upstream,
// the provider's refresh), never INTERNAL.

const RUNS = Number(process.env.FUZZ_RUNS ?? 4)
const PASSWORD = 'fuzzing is a long password'
const EMAIL = 'fuzz@acme.test'
/** 5xx answers that name a third party's failure, not ours. */
const UPSTREAM_CODES = new Set([
  'UPSTREAM_ERROR',
  'UPSTREAM_TIMEOUT',
  'REFRESH_FAILED',
  'REFRESH_IN_PROGRESS',
])

interface Procedure {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs?: Array<{ shape?: Record<string, unknown> }> }
}

/** The field names a zod object schema declares (none for other schemas). */
function fieldsOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape
  return shape && typeof shape === 'object' ? Object.keys(shape) : []
}

describe('fuzz: every REST route and tRPC procedure, cookie and API key alike', () => {
  let h: Harness
  let cookie = ''
  let cases = 0
  const serverErrors: string[] = []
  const statuses = new Map<number, number>()

  async function signIn(): Promise<void> {
    const res = await fetch(`${h.url}/trpc/auth.login`, {
      method: 'POST',
      // Its own address: the fuzz's failed sign-ins (below) never throttle this one.
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.255.255.1' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    })
    expect(res.status).toBe(200)
    cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] as string
  }

  beforeAll(async () => {
    // Forwarded addresses are believed from loopback, so each case comes from its own address.
    h = await startHarness({ trustProxy: ['127.0.0.1'] })
    await createUser(h.t.deps, {
      organizationId: h.org.organizationId,
      email: EMAIL,
      password: PASSWORD,
      role: 'owner',
    })
    await signIn()
  })
  afterAll(async () => {
    await h?.close()
  })

  /** Ids and names that exist, so some cases reach real rows. */
  const known = () =>
    fc.constantFrom(h.org.workspaceId, h.org.organizationId, 'acme-idp', 'openai', EMAIL, 'x', '')
  const scalar = () =>
    fc.oneof(
      known(),
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.webUrl(),
      fc.uuid(),
    )
  const value = () =>
    fc.oneof({ weight: 3, arbitrary: scalar() }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) })
  /** A body shaped like the schema's object (some of its fields, a stray one) or any JSON. */
  const bodyFor = (fields: string[]) =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.dictionary(
          fields.length > 0
            ? fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 }))
            : fc.string({ maxLength: 8 }),
          value(),
          { maxKeys: Math.max(3, fields.length) },
        ),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    )
  const segment = () =>
    fc.oneof(known(), fc.string({ minLength: 1, maxLength: 40 }), fc.uuid()).filter((s) => s.length > 0)
  const address = () => fc.ipV4()

  /** Sends one case; on a 5xx that is ours, records it. */
  async function send(
    label: string,
    url: string,
    init: RequestInit,
    auth: 'cookie' | 'apiKey',
    from: string,
  ) {
    const headers = new Headers(init.headers)
    headers.set('x-forwarded-for', from)
    if (auth === 'apiKey') headers.set('authorization', `Bearer ${h.org.apiKey}`)
    else {
      headers.set('cookie', cookie)
      headers.set('sec-fetch-site', 'same-origin')
    }
    const res = await fetch(`${h.url}${url}`, { redirect: 'manual', ...init, headers })
    const text = await res.text()
    cases++
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
    if (res.status >= 500) {
      let code: unknown
      try {
        const body = JSON.parse(text) as { error?: { code?: string; data?: { appCode?: string } } }
        code = body.error?.data?.appCode ?? body.error?.code
      } catch {
        code = undefined
      }
      if (!UPSTREAM_CODES.has(String(code)))
        serverErrors.push(`${label} [${auth}] → ${res.status} ${text.slice(0, 300)}`)
    }
    // A case may end the session (logout, revoking it): the next cookie case signs in again.
    if (auth === 'cookie' && res.status === 401) await signIn()
  }

  it('answers no 5xx to any REST body, query or path', async () => {
    serverErrors.length = 0
    for (const r of restRoutes) {
      const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1] as string)
      const wildcard = r.path.endsWith('*')
      const fields = fieldsOf(r.input)
      const arb = fc.record({
        params: fc.tuple(...names.map(() => segment()), ...(wildcard ? [fc.string({ maxLength: 20 })] : [])),
        query: fc.dictionary(
          fc.oneof(
            fields.length ? fc.constantFrom(...fields) : fc.constant('q'),
            fc.string({ maxLength: 6 }),
          ),
          scalar().map(String),
          { maxKeys: 3 },
        ),
        body: bodyFor(fields),
        raw: fc.oneof(fc.constant(false), fc.constant(true)),
        auth: fc.constantFrom('cookie' as const, 'apiKey' as const),
        from: address(),
      })
      await fc.assert(
        fc.asyncProperty(arb, async ({ params, query, body, raw, auth, from }) => {
          let i = 0
          let path = r.path.replace(/:(\w+)/g, () => encodeURIComponent(String(params[i++])))
          if (wildcard) path = path.replace(/\*$/, encodeURI(String(params[i] ?? '')))
          const qs = new URLSearchParams(query).toString()
          const url = qs ? `${path}?${qs}` : path
          const hasBody = r.method !== 'GET' && r.method !== 'HEAD'
          const init: RequestInit = { method: r.method }
          if (hasBody) {
            init.body = raw ? String(JSON.stringify(body)).slice(1) : JSON.stringify(body)
            init.headers = { 'content-type': raw ? 'text/plain' : 'application/json' }
          }
          await send(`${r.method} ${r.path} ${url}`, url, init, auth, from)
        }),
        { numRuns: RUNS * 2 },
      )
    }
    expect(serverErrors).toEqual([])
  }, 600_000)

  it('answers no 5xx to any tRPC input', async () => {
    serverErrors.length = 0
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)
    for (const [name, p] of procedures) {
      const fields = (p._def.inputs ?? []).flatMap((schema) => fieldsOf(schema))
      const arb = fc.record({
        input: fc.oneof(
          { weight: 4, arbitrary: bodyFor(fields) },
          { weight: 1, arbitrary: fc.constant(undefined) },
        ),
        auth: fc.constantFrom('cookie' as const, 'apiKey' as const),
        from: address(),
      })
      await fc.assert(
        fc.asyncProperty(arb, async ({ input, auth, from }) => {
          if (p._def.type === 'query') {
            const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`
            await send(`query ${name}`, `/trpc/${name}${qs}`, { method: 'GET' }, auth, from)
          } else {
            await send(
              `mutation ${name}`,
              `/trpc/${name}`,
              {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                ...(input !== undefined && { body: JSON.stringify(input) }),
              },
              auth,
              from,
            )
          }
        }),
        { numRuns: RUNS * 2 },
      )
    }
    expect(serverErrors).toEqual([])
  }, 600_000)

  it('ran every route and procedure, cookie and API key alike', () => {
    const targets = restRoutes.length + Object.keys(appRouter._def.procedures).length
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ')
    console.info(
      `fuzz: ${cases} cases over ${restRoutes.length} REST routes and ${targets - restRoutes.length} tRPC procedures (FUZZ_RUNS=${RUNS}); answers ${byStatus}`,
    )
    expect(cases).toBeGreaterThanOrEqual(targets * RUNS * 2)
    // Some cases got past validation into the core functions, and some were refused by it.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0)
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0)
  })
})
