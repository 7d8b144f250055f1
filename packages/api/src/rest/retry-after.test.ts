import { AppError, type CoreDeps } from '@switchboard/core'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { ApiContext } from '../context.ts'
import { handleRest, type RestRequest, route } from './route.ts'

// The contract rate limits rely on: an AppError whose details carry `retryAfterSeconds`
// answers with a Retry-After header (tRPC answers get it from the host, apps/server/src/app.ts).

const ctx: ApiContext = {
  deps: {} as CoreDeps,
  principal: null,
  session: { token: undefined, set() {}, clear() {} },
}
const req: RestRequest = { method: 'POST', params: {}, query: {}, body: {}, headers: {} }

const failing = (error: AppError) =>
  route({
    method: 'POST',
    path: '/x',
    auth: 'none',
    access: 'public',
    input: z.object({}),
    responses: {},
    run: async () => {
      throw error
    },
  })

describe('Retry-After on REST errors', () => {
  it('comes from details.retryAfterSeconds, rounded up to whole seconds', async () => {
    const limited = await handleRest(
      failing(new AppError('RATE_LIMITED', 'Too many; try again in 3 seconds', { retryAfterSeconds: 2.2 })),
      ctx,
      req,
    )
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toBe('3')
    expect(limited.body).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many; try again in 3 seconds',
        details: { retryAfterSeconds: 2.2 },
      },
    })
  })

  it('is absent when the error does not say', async () => {
    for (const details of [undefined, { retryAfterSeconds: 'soon' }, { retryAfterSeconds: -1 }, [1]]) {
      const res = await handleRest(failing(new AppError('RATE_LIMITED', 'Too many', details)), ctx, req)
      expect(res.headers['retry-after'], JSON.stringify(details)).toBeUndefined()
    }
  })
})
