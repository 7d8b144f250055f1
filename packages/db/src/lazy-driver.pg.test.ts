import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The PostgreSQL driver is loaded on the first query, not at import (a cold start of a SQLite
// deployment never loads it): checked in a fresh process, where nothing else loaded it first.
const here = path.dirname(fileURLToPath(import.meta.url))
const tsx = path.resolve(here, '../../../node_modules/.bin/tsx')

describe('the pg driver is lazy', () => {
  it('SQLite never loads it; PostgreSQL loads it with its first query, which works', () => {
    const out = execFileSync(tsx, [path.join(here, 'lazy-driver-probe.ts')], {
      env: { ...process.env },
      encoding: 'utf8',
    })
    expect(JSON.parse(out.trim().split('\n').at(-1) as string)).toEqual({
      afterSqlite: false,
      afterOpen: false,
      afterQuery: true,
      one: 1,
    })
  })
})
