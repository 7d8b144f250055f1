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

/** The field's pattern as a RegExp; a pattern the browser cannot compile is left to the server. */
function compile(pattern: string | undefined): RegExp | null {
  if (!pattern) return null
  try {
    return new RegExp(pattern)
  } catch {
    return null
  }
}

/** Required and pattern checks, as the server will do them; the server stays the judge. */
export function validateCredentials(
  fields: readonly ConnectField[],
  values: Record<string, string>,
): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {}
  for (const field of fields) {
    const value = submittedValue(field, values)
    if (value.trim() === '') {
      if (!field.optional) problems[field.key] = { message: 'required' }
      continue
    }
    const pattern = compile(field.pattern)
    if (pattern && !pattern.test(value)) {
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
