import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// undici is loaded on the first outbound call, not at boot (docs/performance.md, Startup):
// checked in a fresh process, where nothing else loaded it first, with a loopback upstream.
const here = path.dirname(fileURLToPath(import.meta.url))
const tsx = path.resolve(here, '../../../../node_modules/.bin/tsx')

describe('undici is lazy', () => {
  it('is not loaded at boot; the first proxied call loads it and works, and so do later calls and fetch', () => {
    const out = execFileSync(tsx, [path.join(here, 'lazy-undici-probe.ts')], { encoding: 'utf8' })
    expect(JSON.parse(out.trim().split('\n').at(-1) as string)).toEqual({
      atBoot: false,
      afterProxy: true,
      proxied: [200, 'hello /first', 'yes'],
      second: 'hello /second',
      fetched: [200, 'hello /fetched'],
    })
  })
})
