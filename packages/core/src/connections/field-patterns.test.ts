import type { IntegrationDefinition } from '@switchboard/catalog'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
// Relative on purpose: a devDependency on @switchboard/testing would make a package cycle.
import {
  ReachedBacktrackingEngine,
  tenantPatterns,
  tenantValues,
  withoutBacktracking,
} from '../../../testing/src/regexp-watch.ts'
import { AppError } from '../errors.ts'
import { validateFields } from './verify-credentials.ts'

// ReDoS: a custom integration's `fields[].pattern` is tenant input, and the connect page's
// submit runs it on whatever the end user typed. The property below holds by construction, not
// by timing: whatever the pattern (nested quantifiers, backreferences, lookaround, garbage)
// and whatever the value, no JavaScript (backtracking) RegExp is ever built from the pattern or
// run with it as its source while the submission is checked. The pattern only reaches re2js,
// whose matching is linear in program size × input length, both capped (field-pattern.ts).
// The watch throws on the spot, so a backtracking engine never gets to run a pathological case
// (packages/testing/src/regexp-watch.ts).

function definitionWith(pattern: string): IntegrationDefinition {
  return {
    name: 'tenant-crm',
    displayName: 'Tenant CRM',
    categories: [],
    authType: 'CUSTOM',
    api: {
      baseUrl: 'https://api.tenant.example',
      allowedOrigins: [],
      auth: { in: 'header', name: 'x-key', value: '{apiKey}' },
    },
    // As stored: a definition saved before patterns were checked may hold any string.
    fields: [
      { key: 'apiKey', label: 'API key', secret: true, optional: false, pattern },
      { key: 'region', label: 'Region', secret: false, optional: true, pattern },
    ],
  }
}

describe('tenant field patterns on submit', () => {
  it('never reach a backtracking RegExp, whatever the pattern and the value (fast-check)', () => {
    let runs = 0
    fc.assert(
      fc.property(tenantPatterns, tenantValues, tenantValues, (pattern, apiKey, region) => {
        runs++
        withoutBacktracking(pattern, () => {
          try {
            validateFields(definitionWith(pattern), { apiKey, region })
          } catch (e) {
            // A refusal is a clear AppError: the value does not match or is too long to check,
            // or the stored pattern cannot be checked at all.
            if (!(e instanceof AppError)) throw e
            expect(['VALIDATION_ERROR', 'INVALID_FIELD_PATTERN']).toContain(e.code)
          }
        })
      }),
      { numRuns: 400 },
    )
    expect(runs).toBeGreaterThanOrEqual(400)
  })

  it('the watch itself catches a backtracking RegExp built from the pattern', () => {
    expect(() => withoutBacktracking('^(a+)+$', () => /^(a+)+$/.test('aaa'))).toThrow(
      ReachedBacktrackingEngine,
    )
    expect(() => withoutBacktracking('^(a+)+$', () => 'aaa'.match('^(a+)+$'))).toThrow(
      ReachedBacktrackingEngine,
    )
    expect(() => withoutBacktracking('a/b', () => /a\/b/.test('a/b'))).toThrow(ReachedBacktrackingEngine)
    // Also when the code under watch swallows the error (a "does not compile" fallback), and
    // when the constructor is handed a variable (what tenant input always is).
    const tenant = '^(a+)+$'
    expect(() =>
      withoutBacktracking(tenant, () => {
        try {
          return new RegExp(tenant)
        } catch {
          return null
        }
      }),
    ).toThrow(ReachedBacktrackingEngine)
    expect(withoutBacktracking('^(a+)+$', () => /^sk-/.test('sk-1'))).toBe(true)
  })

  it('the catastrophic classic answers at once: ^(a+)+$ against 5000 a’s and a “!” does not match', () => {
    const def = definitionWith('^(a+)+$')
    expect(() => validateFields(def, { apiKey: `${'a'.repeat(5000)}!` })).toThrow(/does not look right/)
    expect(validateFields(def, { apiKey: 'a'.repeat(5000) })).toEqual({ apiKey: 'a'.repeat(5000) })
  })

  it('a stored pattern the engine cannot compile is refused with INVALID_FIELD_PATTERN, never run', () => {
    try {
      validateFields(definitionWith('(a)\\1'), { apiKey: 'aa' })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(AppError)
      expect((e as AppError).code).toBe('INVALID_FIELD_PATTERN')
      expect((e as AppError).message).toMatch(/API key.*cannot be checked.*update the integration/)
    }
  })

  it('a value too long for its pattern’s budget is refused before matching, with its limit', () => {
    // [a-z]{500} compiles to 502 instructions: 1 000 000 / 502 pays for values of 1991 characters.
    const def = definitionWith('[a-z]{500}')
    expect(() => validateFields(def, { apiKey: 'a'.repeat(1992) })).toThrow(
      /too long to check.*at most 1991 characters/,
    )
    expect(validateFields(def, { apiKey: 'a'.repeat(1991) }).apiKey).toHaveLength(1991)
    expect(validateFields(definitionWith('^sk-'), { apiKey: `sk-${'x'.repeat(9990)}` }).apiKey).toHaveLength(
      9993,
    )
  })
})
