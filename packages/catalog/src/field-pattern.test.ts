import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { RE2JS } from 're2js'
import { describe, expect, it } from 'vitest'
// Relative on purpose: @switchboard/testing depends on this package.
import { tenantPatterns, tenantValues } from '../../testing/src/regexp-watch.ts'
import { catalog } from './catalog.ts'
import {
  compileFieldPattern,
  FIELD_PATTERN_LIMITS,
  FieldPatternBudget,
  fieldPatternProblem,
  maxCheckedLength,
} from './field-pattern.ts'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * Every call of JavaScript's RegExp constructor in the repository's own code, reviewed: none
 * takes a tenant's string. A new one fails this test until it is added here with its reason.
 */
const REVIEWED_REGEXP_CALLS: Record<string, { count: number; why: string }> = {
  'apps/server/bench/docs-block.ts': {
    count: 1,
    why: 'the benchmark rewrites a marked block of docs/performance.md; `name` is one of its own constants',
  },
  'packages/core/src/oauth/split-scopes.test.ts': {
    count: 1,
    why: 'the former scope split, kept in the test as the reference; splitScopes itself builds no RegExp',
  },
  'packages/catalog/src/field-pattern.test.ts': {
    count: 1,
    why: 'compares the engine with RegExp on the built-in catalog’s patterns, which are ours',
  },
  'packages/core/src/connections/field-patterns.test.ts': {
    count: 1,
    why: 'proves the RegExp watch catches a construction; the watch makes it throw',
  },
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) sourceFiles(full, out)
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry.name)) out.push(full)
  }
  return out
}

describe('field patterns: the linear-time engine and its limits', () => {
  it('no code hands a string to JavaScript’s RegExp constructor but the reviewed calls', () => {
    const found: Record<string, number> = {}
    for (const file of [
      ...sourceFiles(path.join(repo, 'apps')),
      ...sourceFiles(path.join(repo, 'packages')),
    ]) {
      // The constructor, with `new` or called as a function (not NativeRegExp, .translateRegExp).
      const calls = readFileSync(file, 'utf8').match(/(?<![\w.$])RegExp\(/g)
      if (calls) found[path.relative(repo, file)] = calls.length
    }
    expect(found).toEqual(
      Object.fromEntries(Object.entries(REVIEWED_REGEXP_CALLS).map(([f, r]) => [f, r.count])),
    )
  })

  it('refuses what it cannot compile, what is too long and what is too complex, saying so', () => {
    expect(fieldPatternProblem('^sk-')).toBeUndefined()
    expect(fieldPatternProblem('^(a+)+$')).toBeUndefined()
    expect(fieldPatternProblem('(?<name>[a-z]+)\\/\\u00e9')).toBeUndefined()
    expect(fieldPatternProblem('(a)\\1')).toMatch(
      /Switchboard can check \(invalid escape.*no backreferences or lookaround/,
    )
    expect(fieldPatternProblem('(?=a)')).toMatch(/can check.*\(\?=/)
    expect(fieldPatternProblem('([')).toMatch(/can check/)
    expect(fieldPatternProblem('a'.repeat(FIELD_PATTERN_LIMITS.maxLength))).toBeUndefined()
    expect(fieldPatternProblem('a'.repeat(FIELD_PATTERN_LIMITS.maxLength + 1))).toMatch(
      /longer than 500 characters/,
    )
    expect(fieldPatternProblem('[a-z]{990}')).toBeUndefined()
    expect(fieldPatternProblem('[a-z]{1000}')).toMatch(
      /too complex \(it compiles to 1002 instructions, at most 1000\)/,
    )
    expect(fieldPatternProblem('((a{100}){100}){100}')).toMatch(/can check/)
  })

  it('bounds the engine’s work per form, by construction (fast-check)', () => {
    let runs = 0
    fc.assert(
      fc.property(tenantPatterns, fc.array(tenantValues, { maxLength: 8 }), (source, values) => {
        runs++
        const compiled = compileFieldPattern(source)
        if (!compiled.ok) {
          expect(compiled.problem.length).toBeGreaterThan(0)
          return
        }
        const { pattern } = compiled
        // The program RE2 runs is bounded, and so is what it is allowed to read.
        expect(source.length).toBeLessThanOrEqual(FIELD_PATTERN_LIMITS.maxLength)
        expect(pattern.programSize).toBeGreaterThan(0)
        expect(pattern.programSize).toBeLessThanOrEqual(FIELD_PATTERN_LIMITS.maxProgramSize)
        const budget = new FieldPatternBudget()
        let work = 0
        for (const value of values) {
          const before = budget.remaining
          const cost = pattern.programSize * (value.length + 1)
          const outcome = budget.check(pattern, value)
          if (outcome === 'too-long') {
            // Refused before anything ran: nothing was charged.
            expect(cost).toBeGreaterThan(before)
            expect(budget.remaining).toBe(before)
            expect(value.length).toBeGreaterThan(0)
          } else {
            work += cost
            expect(budget.remaining).toBe(before - cost)
            expect(outcome === 'match').toBe(RE2JS.compile(RE2JS.translateRegExp(source)).test(value))
          }
        }
        // RE2 runs in O(program size × input length): at most the budget, whatever was sent.
        expect(work).toBeLessThanOrEqual(FIELD_PATTERN_LIMITS.budget)
      }),
      { numRuns: 500 },
    )
    expect(runs).toBeGreaterThanOrEqual(500)
  })

  it('a pattern’s longest checkable value follows from its size', () => {
    const small = compileFieldPattern('^sk-')
    const large = compileFieldPattern('[a-z]{500}')
    if (!small.ok || !large.ok) throw new Error('both compile')
    expect(small.pattern.programSize).toBe(6)
    expect(maxCheckedLength(small.pattern)).toBe(166_665)
    expect(maxCheckedLength(large.pattern)).toBe(1991)
    expect(new FieldPatternBudget().check(large.pattern, 'a'.repeat(1991))).toBe('match')
    expect(new FieldPatternBudget().check(large.pattern, 'A'.repeat(1991))).toBe('mismatch')
    expect(new FieldPatternBudget().check(large.pattern, 'a'.repeat(1992))).toBe('too-long')
  })

  it('keeps the meaning of the catalog’s own patterns (they are ours, so RegExp may check them here)', () => {
    const patterns = catalog.flatMap((d) => d.fields.flatMap((f) => (f.pattern ? [f.pattern] : [])))
    expect(patterns.length).toBeGreaterThan(10)
    const sample = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(...patterns).map((p) => p.replace(/[\^$\\]/g, '')),
      fc.stringMatching(/^(sk|rk)_(test|live)_[a-z0-9]{0,5}$/),
      fc.stringMatching(/^AC[0-9a-fA-F]{32}$/),
      fc.stringMatching(/^[0-9a-f]{32}(-[a-z]+[0-9]+)?$/),
    )
    fc.assert(
      fc.property(fc.constantFrom(...patterns), sample, (source, value) => {
        const compiled = compileFieldPattern(source)
        if (!compiled.ok) throw new Error(compiled.problem)
        expect(compiled.pattern.test(value)).toBe(new RegExp(source).test(value))
      }),
      { numRuns: 1000 },
    )
  })
})
