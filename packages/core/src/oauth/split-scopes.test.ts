import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitScopes } from './oauth-client.ts'

// A custom integration's scopeSeparator is tenant input; granted scopes are split on it
// without building a RegExp from it, exactly as the character class did before.

/** The former implementation, with a separator known to be safe here (tests only). */
function splitWithClass(scope: string, separator: string): string[] {
  return scope
    .split(separator === ' ' ? /\s+/ : new RegExp(`[${separator.replace(/[\]\\^-]/g, '\\$&')}\\s]+`))
    .filter(Boolean)
}

describe('splitScopes', () => {
  it('splits on whitespace and on each character of the separator', () => {
    expect(splitScopes('read write', ' ')).toEqual(['read', 'write'])
    expect(splitScopes('read,write, admin', ',')).toEqual(['read', 'write', 'admin'])
    expect(splitScopes('a+b]c^d-e\\f', '+]^-\\')).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(splitScopes(' , ', ',')).toEqual([])
  })

  it('agrees with the character-class split for any scope string and separator (fast-check)', () => {
    const chars = fc.constantFrom('a', 'b', ',', ';', '+', ' ', '\t', ']', '^', '-', '\\', '[', '|', '.')
    fc.assert(
      fc.property(
        fc.string({ unit: chars, maxLength: 30 }),
        fc.string({ unit: chars, minLength: 1, maxLength: 3 }),
        (scope, sep) => {
          expect(splitScopes(scope, sep)).toEqual(splitWithClass(scope, sep))
        },
      ),
      { numRuns: 500 },
    )
  })
})
