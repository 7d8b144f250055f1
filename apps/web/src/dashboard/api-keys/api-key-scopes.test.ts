import { describe, expect, it } from 'vitest'
import { apiKeyScopes } from '../../../../../packages/core/src/auth/scopes.ts'
import { apiKeyScopeOptions, expiresAtFor } from './api-key-scopes.ts'

describe('API key scopes offered by the dialog', () => {
  it('are exactly the scopes core lets a key hold, each once', () => {
    const offered = apiKeyScopeOptions.map((o) => o.scope)
    expect(new Set(offered).size).toBe(offered.length)
    expect([...offered].sort()).toEqual([...apiKeyScopes].sort())
  })

  it('turns an expiry choice into an instant that many days ahead, or none', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(expiresAtFor(null, now)).toBeUndefined()
    expect(expiresAtFor(30, now)).toBe('2026-01-31T00:00:00.000Z')
  })
})
