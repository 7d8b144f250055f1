import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { assertNoContextReaders } from './request-context.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const appModule = pathToFileURL(path.join(here, '..', 'app.ts')).href

describe('the authorization server and async hooks', () => {
  // In a process of its own: whether async hooks are on is process-wide, and other test files
  // may share this one.
  it('answers /oauth requests without leaving async hooks on for the process', async () => {
    const script = `
      import { createRequire } from 'node:module'
      import { AsyncLocalStorage } from 'node:async_hooks'
      const hooks = createRequire(import.meta.url)('internal/async_hooks')
      const { createTestDeps } = await import('@switchboard/testing')
      const { pino } = await import('pino')
      const { buildApp } = await import(${JSON.stringify(appModule)})
      const t = await createTestDeps()
      const app = await buildApp({ core: t.deps, logger: pino({ level: 'silent' }) })
      const statuses = []
      for (const url of ['/.well-known/openid-configuration', '/oauth/jwks', '/oauth/auth?client_id=nope']) {
        statuses.push((await app.inject({ method: 'GET', url })).statusCode)
      }
      const afterOAuth = hooks.initHooksExist()
      // The probe itself: a storage of our own does turn them on.
      new AsyncLocalStorage().run({}, () => {})
      console.log(JSON.stringify({ statuses, afterOAuth, afterOwnStorage: hooks.initHooksExist() }))
      process.exit(0)
    `
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-internals', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: path.join(here, '..', '..'), timeout: 30_000 },
    )
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      statuses: number[]
      afterOAuth: boolean
      afterOwnStorage: boolean
    }
    // The provider answered: discovery, its keys, and an authorization request it refuses.
    expect(result.statuses.slice(0, 2)).toEqual([200, 200])
    expect(result.statuses[2]).toBeGreaterThanOrEqual(400)
    expect(result.statuses[2]).toBeLessThan(500)
    expect(result.afterOAuth).toBe(false)
    expect(result.afterOwnStorage).toBe(true)
  }, 40_000)
})

describe('assertNoContextReaders', () => {
  it('accepts numeric lifetimes and refuses what would read the request context', () => {
    expect(() => assertNoContextReaders({ ttl: { AccessToken: 3600, RefreshToken: 86_400 } })).not.toThrow()
    expect(() => assertNoContextReaders({ ttl: { RefreshToken: () => 60 } })).toThrow(/ttl.RefreshToken/)
    expect(() => assertNoContextReaders({ formats: { bitsOfOpaqueRandomness: () => 256 } })).toThrow(
      /bitsOfOpaqueRandomness/,
    )
    expect(() =>
      assertNoContextReaders({ features: { clientIdMetadataDocument: { enabled: true } } }),
    ).toThrow(/metadata documents/)
  })
})
