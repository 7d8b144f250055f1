import { AppError, type CoreDeps, type ErrorCode, errorCodes } from '@switchboard/core'
import { TRPCError } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import type { ApiContext } from './context.ts'
import { handleRest, type RestRequest, type RestRoute, route } from './rest/route.ts'
import { createCallerFactory, protectedProcedure, publicProcedure, router } from './trpc.ts'

// Every code of the one error table, walked through both surfaces: the real tRPC instance
// (its error formatter and mapping middleware) and the real generic REST handler.

const allCodes = Object.keys(errorCodes) as ErrorCode[]
const GENERIC = /Something went wrong on our side/
const LEAKY = 'connection string postgres://admin:hunter2@db.internal/prod'

function context(overrides: Partial<ApiContext> = {}): ApiContext {
  return {
    // These procedures and routes never touch the core dependencies.
    deps: {} as CoreDeps,
    principal: { kind: 'apiKey', organizationId: 'org-1', apiKeyId: 'key-1' },
    session: { token: undefined, set() {}, clear() {} },
    ...overrides,
  }
}

const CodeInput = z.object({ code: z.enum(allCodes as [ErrorCode, ...ErrorCode[]]) })
const ShapeInput = z.object({
  name: z.string().min(1),
  nested: z.object({ count: z.number().int() }),
})

const testRouter = router({
  fail: publicProcedure.input(CodeInput).query(({ input }) => {
    throw new AppError(input.code, `failing with ${input.code}`, { hint: input.code })
  }),
  failProtected: protectedProcedure.input(CodeInput).query(({ input }) => {
    throw new AppError(input.code, `failing with ${input.code}`)
  }),
  legacy: publicProcedure.query(() => {
    throw new AppError('UNAUTHORIZED', 'Invalid API key', undefined, 2036)
  }),
  crash: publicProcedure.query(() => {
    throw new Error(LEAKY)
  }),
  shape: publicProcedure
    .input(ShapeInput)
    .output(z.object({ ok: z.boolean() }))
    .mutation(() => ({ ok: true })),
  badOutput: publicProcedure.output(z.object({ id: z.string() })).query(() => ({ id: 42 }) as never),
  zodInside: publicProcedure.query(() => {
    z.object({ inner: z.string() }).parse({ inner: 1 })
    return 'unreachable'
  }),
  whoami: protectedProcedure.query(({ ctx }) => ctx.principal.organizationId),
})

const caller = createCallerFactory(testRouter)

interface TrpcErrorJson {
  error: {
    message: string
    data: {
      code: string
      httpStatus: number
      appCode: ErrorCode
      details: unknown
      legacyCode: number | null
      stack?: unknown
    }
  }
}

/** A tRPC call over the real fetch adapter, so the error formatter shapes the answer. */
async function trpcHttp(
  procedure: string,
  input: unknown,
  ctx: ApiContext = context(),
  method: 'GET' | 'POST' = 'GET',
): Promise<{ status: number; body: TrpcErrorJson }> {
  const url = new URL(`http://localhost/trpc/${procedure}`)
  if (method === 'GET' && input !== undefined) url.searchParams.set('input', JSON.stringify(input))
  const req = new Request(url, {
    method,
    ...(method === 'POST' && {
      body: JSON.stringify(input),
      headers: { 'content-type': 'application/json' },
    }),
  })
  const res = await fetchRequestHandler({
    endpoint: '/trpc',
    req,
    router: testRouter,
    createContext: () => ctx,
  })
  return { status: res.status, body: (await res.json()) as TrpcErrorJson }
}

async function trpcCallError(fn: () => Promise<unknown>): Promise<TRPCError> {
  try {
    await fn()
  } catch (e) {
    expect(e).toBeInstanceOf(TRPCError)
    return e as TRPCError
  }
  throw new Error('expected the procedure to fail')
}

const restRequest = (over: Partial<RestRequest> = {}): RestRequest => ({
  method: 'POST',
  params: {},
  query: {},
  body: {},
  headers: {},
  ...over,
})

const failRoute: RestRoute = route({
  method: 'POST',
  path: '/api/v1/test/fail',
  auth: 'required',
  access: 'settings:read',
  input: CodeInput,
  responses: {},
  run: async (_ctx, input) => {
    throw new AppError(input.code, `failing with ${input.code}`, { hint: input.code })
  },
})

describe('every error code maps the same way on tRPC and REST', () => {
  it('the table is complete and consistent', () => {
    expect(allCodes.length).toBeGreaterThan(20)
    for (const code of allCodes) {
      const { http, trpc } = errorCodes[code]
      expect(http).toBeGreaterThanOrEqual(400)
      expect(http).toBeLessThan(600)
      expect(trpc).toMatch(/^[A-Z_]+$/)
    }
  })

  describe.each(allCodes)('%s', (code) => {
    const { http, trpc } = errorCodes[code]

    it(`REST answers ${http} {error:{code,message}}`, async () => {
      const result = await handleRest(failRoute, context(), restRequest({ body: { code } }))
      expect(result.status).toBe(http)
      expect(result.body).toEqual({
        error: { code, message: `failing with ${code}`, details: { hint: code } },
      })
    })

    it(`tRPC throws ${trpc} with data.appCode ${code}`, async () => {
      const viaCaller = await trpcCallError(() => caller(context()).fail({ code }))
      expect(viaCaller.code).toBe(trpc)
      expect(viaCaller.message).toBe(`failing with ${code}`)

      const { body } = await trpcHttp('fail', { code })
      expect(body.error.data.code).toBe(trpc)
      expect(body.error.data.appCode).toBe(code)
      expect(body.error.message).toBe(`failing with ${code}`)
      expect(body.error.data.details).toEqual({ hint: code })
      expect(body.error.data.stack).toBeUndefined()
    })

    it('maps the same from behind the authentication middleware', async () => {
      const viaCaller = await trpcCallError(() => caller(context()).failProtected({ code }))
      expect(viaCaller.code).toBe(trpc)
    })
  })

  it('carries the legacy numeric code on both surfaces', async () => {
    const legacyRoute = route({
      method: 'GET',
      path: '/x',
      auth: 'none',
      access: 'public',
      input: z.object({}),
      responses: {},
      run: async () => {
        throw new AppError('UNAUTHORIZED', 'Invalid API key', undefined, 2036)
      },
    })
    const rest = await handleRest(legacyRoute, context(), restRequest({ method: 'GET' }))
    expect(rest).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHORIZED', legacyCode: 2036 } },
    })
    const { status, body } = await trpcHttp('legacy', undefined)
    expect(status).toBe(401)
    expect(body.error.data).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'UNAUTHORIZED', legacyCode: 2036 })
  })
})

describe('an unexpected error', () => {
  it('is a generic 500 INTERNAL on REST, reported to the host, never shown', async () => {
    const onError = vi.fn()
    const crashRoute = route({
      method: 'GET',
      path: '/x',
      auth: 'none',
      access: 'public',
      input: z.object({}),
      responses: {},
      run: async () => {
        throw new Error(LEAKY)
      },
    })
    const result = await handleRest(crashRoute, context(), restRequest({ method: 'GET' }), onError)
    expect(result.status).toBe(500)
    const body = result.body as { error: { code: string; message: string } }
    expect(body.error.code).toBe('INTERNAL')
    expect(body.error.message).toMatch(GENERIC)
    expect(JSON.stringify(result.body)).not.toContain('hunter2')
    expect(onError).toHaveBeenCalledOnce()
    expect(onError.mock.calls[0]).toEqual([expect.objectContaining({ message: LEAKY })])
  })

  it('is a generic INTERNAL_SERVER_ERROR on tRPC, without the message or a stack', async () => {
    const { status, body } = await trpcHttp('crash', undefined)
    expect(status).toBe(500)
    expect(body.error.data.code).toBe('INTERNAL_SERVER_ERROR')
    expect(body.error.data.appCode).toBe('INTERNAL')
    expect(body.error.message).toMatch(GENERIC)
    expect(body.error.data.stack).toBeUndefined()
    expect(JSON.stringify(body)).not.toContain('hunter2')
  })

  it('a zod error thrown inside a use case is a server fault on both surfaces, not bad input', async () => {
    const zodInsideRoute = route({
      method: 'GET',
      path: '/x',
      auth: 'none',
      access: 'public',
      input: z.object({}),
      responses: {},
      run: async () => z.object({ inner: z.string() }).parse({ inner: 1 }),
    })
    const rest = await handleRest(zodInsideRoute, context(), restRequest({ method: 'GET' }))
    const { status, body } = await trpcHttp('zodInside', undefined)
    expect(rest.status).toBe(500)
    expect((rest.body as { error: { code: string } }).error.code).toBe('INTERNAL')
    expect(status).toBe(500)
    expect(body.error.data.appCode).toBe('INTERNAL')
    expect(body.error.data.code).toBe(errorCodes.INTERNAL.trpc)
  })

  it('an output that fails its declared schema is INTERNAL, and its shape is not described', async () => {
    const { status, body } = await trpcHttp('badOutput', undefined)
    expect(status).toBe(500)
    expect(body.error.data.code).toBe('INTERNAL_SERVER_ERROR')
    expect(body.error.data.appCode).toBe('INTERNAL')
    expect(body.error.data.details).toBeNull()
    expect(body.error.message).toMatch(GENERIC)
  })
})

describe('invalid input', () => {
  const shapeRoute = route({
    method: 'POST',
    path: '/x',
    auth: 'none',
    access: 'public',
    input: ShapeInput,
    responses: {},
    run: async () => ({ ok: true }),
  })
  const bad = { name: '', nested: { count: 'three' } }

  it('is 400 VALIDATION_ERROR with field paths on REST', async () => {
    const result = await handleRest(shapeRoute, context(), restRequest({ body: bad }))
    expect(result.status).toBe(400)
    const body = result.body as { error: { code: string; message: string; details: Array<{ path: string }> } }
    expect(body.error.code).toBe('VALIDATION_ERROR')
    expect(body.error.details.map((d) => d.path).sort()).toEqual(['name', 'nested.count'])
    expect(body.error.message).toMatch(/^Invalid input: /)
  })

  it('is BAD_REQUEST / VALIDATION_ERROR with the same field paths on tRPC', async () => {
    const viaCaller = await trpcCallError(() => caller(context()).shape(bad as never))
    expect(viaCaller.code).toBe('BAD_REQUEST')

    const { status, body } = await trpcHttp('shape', bad, context(), 'POST')
    expect(status).toBe(400)
    expect(body.error.data.code).toBe('BAD_REQUEST')
    expect(body.error.data.appCode).toBe('VALIDATION_ERROR')
    const details = body.error.data.details as Array<{ path: string }>
    expect(details.map((d) => d.path).sort()).toEqual(['name', 'nested.count'])
  })

  it.each([
    ['a JSON array', [1, 2]],
    ['a string', 'hello'],
    ['null', null],
    ['a number', 42],
  ])('a body that is %s is a VALIDATION_ERROR on REST', async (_what, body) => {
    const result = await handleRest(shapeRoute, context(), restRequest({ body }))
    expect(result.status).toBe(400)
    expect((result.body as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR')
  })

  it('input that is not JSON is a VALIDATION_ERROR on tRPC', async () => {
    const req = new Request('http://localhost/trpc/shape', {
      method: 'POST',
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    })
    const res = await fetchRequestHandler({
      endpoint: '/trpc',
      req,
      router: testRouter,
      createContext: () => context(),
    })
    const body = (await res.json()) as TrpcErrorJson
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(body.error.data.appCode).toBe('VALIDATION_ERROR')
  })
})

describe('authentication', () => {
  const whoRoute = route({
    method: 'GET',
    path: '/x',
    auth: 'required',
    access: 'settings:read',
    input: z.object({}),
    responses: {},
    run: async (ctx) => ctx.principal.organizationId,
  })

  it('no credential: 401 UNAUTHORIZED (legacy 2032) on both', async () => {
    const ctx = context({ principal: null })
    const rest = await handleRest(whoRoute, ctx, restRequest({ method: 'GET' }))
    expect(rest).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED', legacyCode: 2032 } } })
    const { status, body } = await trpcHttp('whoami', undefined, ctx)
    expect(status).toBe(401)
    expect(body.error.data).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'UNAUTHORIZED', legacyCode: 2032 })
  })

  it('a bad credential wins over any principal, with its own error, on both', async () => {
    const ctx = context({
      principalError: new AppError('UNAUTHORIZED', 'Invalid or revoked API key', undefined, 2036),
    })
    const rest = await handleRest(whoRoute, ctx, restRequest({ method: 'GET' }))
    expect(rest).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHORIZED', message: 'Invalid or revoked API key', legacyCode: 2036 } },
    })
    const { body } = await trpcHttp('whoami', undefined, ctx)
    expect(body.error.message).toBe('Invalid or revoked API key')
    expect(body.error.data.legacyCode).toBe(2036)
  })

  it('a valid principal gets through on both', async () => {
    const rest = await handleRest(whoRoute, context(), restRequest({ method: 'GET' }))
    expect(rest).toEqual({ status: 200, body: 'org-1', headers: {} })
    expect(await caller(context()).whoami()).toBe('org-1')
  })
})
