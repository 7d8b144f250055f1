import type { FieldPattern } from '@switchboard/catalog/field-pattern'
import type { ConnectField } from './connect-api.ts'
import type { MessageKey } from './i18n.ts'

export interface FieldProblem {
  message: MessageKey
  example?: string | undefined
}

/**
 * Pasted keys often carry stray spaces, so values are trimmed, except passwords, where a space
 * at either end can be part of the secret.
 */
function submittedValue(field: ConnectField, values: Record<string, string>): string {
  const raw = values[field.key] ?? ''
  return /password/i.test(field.key) ? raw : raw.trim()
}

type PatternEngine = typeof import('@switchboard/catalog/field-pattern')
let engine: PatternEngine | undefined
// The linear-time engine the server uses (re2js, ~45 kB gzipped) is its own chunk, fetched as
// soon as the connect page loads but never in its way; until it is here (or if it cannot be
// fetched), patterns are left to the server, which checks them anyway.
const engineLoaded: Promise<void> = import('@switchboard/catalog/field-pattern').then(
  (m) => {
    engine = m
  },
  () => undefined,
)

/** Resolves once field patterns are checked here too (for tests). */
export function patternEngineLoaded(): Promise<void> {
  return engineLoaded
}

/**
 * The field's pattern, on the same linear-time engine as the server (the organization wrote
 * it: never a backtracking RegExp); one it cannot compile is left to the server.
 */
function compile(pattern: string | undefined): FieldPattern | null {
  if (!pattern || !engine) return null
  const compiled = engine.compileFieldPattern(pattern)
  return compiled.ok ? compiled.pattern : null
}

/** Required and pattern checks, as the server will do them; the server stays the judge. */
export function validateCredentials(
  fields: readonly ConnectField[],
  values: Record<string, string>,
): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {}
  const budget = engine ? new engine.FieldPatternBudget() : undefined
  for (const field of fields) {
    const value = submittedValue(field, values)
    if (value.trim() === '') {
      if (!field.optional) problems[field.key] = { message: 'required' }
      continue
    }
    const pattern = compile(field.pattern)
    // A value too long for the budget is left to the server, which says so.
    if (pattern && budget?.check(pattern, value) === 'mismatch') {
      problems[field.key] = { message: 'patternMismatch', example: field.placeholder }
    }
  }
  return problems
}

/** Credentials as sent: trimmed (see submittedValue), empty optional fields left out. */
export function cleanCredentials(fields: readonly ConnectField[], values: Record<string, string>) {
  const credentials: Record<string, string> = {}
  for (const field of fields) {
    const value = submittedValue(field, values)
    if (value.trim() !== '') credentials[field.key] = value
  }
  return credentials
}

/** Maps a VALIDATION_ERROR detail path (`credentials.apiKey` or `apiKey`) to a field key. */
export function fieldKeyOfPath(path: string, fields: readonly ConnectField[]): string | undefined {
  const segments = path.split('.')
  const key = segments[0] === 'credentials' ? segments[1] : segments[segments.length - 1]
  return fields.find((f) => f.key === key)?.key
}
