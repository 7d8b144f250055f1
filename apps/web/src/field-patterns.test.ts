import { tenantPatterns, tenantValues, withoutBacktracking } from '@switchboard/testing'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ConnectField } from './connect/connect-api.ts'
import { patternEngineLoaded, validateCredentials } from './connect/validate-credentials.ts'
import { emptyDraft, newField, validateDraft } from './dashboard/integrations/custom-integration-draft.ts'

// The SPA runs tenant patterns too: the connect page checks what the end user types (in the
// end user's browser), the custom-integration form checks what the admin writes. Both go
// through the catalog's linear-time engine (field-pattern.ts), never a backtracking RegExp.

const field = (pattern: string, key = 'apiKey'): ConnectField =>
  ({ key, label: 'API key', secret: true, optional: false, pattern }) as ConnectField

describe('tenant patterns in the SPA', () => {
  beforeAll(() => patternEngineLoaded())

  it('the connect page never hands a pattern to a backtracking RegExp (fast-check)', () => {
    let runs = 0
    fc.assert(
      fc.property(tenantPatterns, tenantValues, (pattern, value) => {
        runs++
        const problems = withoutBacktracking(pattern, () =>
          validateCredentials([field(pattern)], { apiKey: value }),
        )
        if (problems.apiKey) expect(['patternMismatch', 'required']).toContain(problems.apiKey.message)
      }),
      { numRuns: 300 },
    )
    expect(runs).toBeGreaterThanOrEqual(300)
  })

  it('the custom-integration form checks a pattern without a backtracking RegExp (fast-check)', () => {
    fc.assert(
      fc.property(tenantPatterns, (pattern) => {
        const draft = {
          ...emptyDraft(),
          name: 'acme',
          authType: 'SECRET_TEXT' as const,
          fields: [newField({ key: 'apiKey', label: 'Key', pattern })],
        }
        const issue = withoutBacktracking(pattern, () =>
          validateDraft(draft, new Set()).get('fields.0.pattern'),
        )
        if (issue !== undefined) expect(issue).toMatch(/^This pattern /)
      }),
      { numRuns: 300 },
    )
  })

  it('agrees with the server: ^(a+)+$ runs at once, a backreference is refused in the form', () => {
    expect(validateCredentials([field('^(a+)+$')], { apiKey: `${'a'.repeat(5000)}!` }).apiKey?.message).toBe(
      'patternMismatch',
    )
    expect(validateCredentials([field('^sk-')], { apiKey: 'sk-123' })).toEqual({})
    const draft = {
      ...emptyDraft(),
      authType: 'SECRET_TEXT' as const,
      fields: [newField({ key: 'k', label: 'K', pattern: '(a)\\1' })],
    }
    expect(validateDraft(draft, new Set()).get('fields.0.pattern')).toMatch(/no backreferences or lookaround/)
  })
})
