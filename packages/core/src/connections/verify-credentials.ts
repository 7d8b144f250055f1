import {
  compileFieldPattern,
  FieldPatternBudget,
  type FormField,
  formFieldsFor,
  type IntegrationDefinition,
  maxCheckedLength,
} from '@switchboard/catalog'
import type { CoreDeps } from '../deps.ts'
import { checkEgressUrl } from '../egress/egress-policy.ts'
import { AppError } from '../errors.ts'
import { applyAuth, type StoredCredentials } from './credentials.ts'

/**
 * Checks typed-in credentials against the integration's form: required, known keys, patterns.
 * A pattern is tenant input: it runs only on the linear-time engine, from one budget per
 * submission (field-pattern.ts in the catalog), never as a JavaScript RegExp.
 */
export function validateFields(
  def: IntegrationDefinition,
  raw: Record<string, unknown>,
): Record<string, string> {
  const fields: FormField[] = formFieldsFor(def)
  const issues: Array<{ path: string; message: string }> = []
  const values: Record<string, string> = {}
  const known = new Set(fields.map((f) => f.key))
  const budget = new FieldPatternBudget()
  for (const key of Object.keys(raw)) {
    if (!known.has(key))
      issues.push({ path: key, message: `unknown field; expected one of: ${[...known].join(', ')}` })
  }
  for (const f of fields) {
    const v = raw[f.key]
    if (v === undefined || v === null || v === '') {
      if (!f.optional) issues.push({ path: f.key, message: `${f.label} is required` })
      continue
    }
    if (typeof v !== 'string' || v.length > 10_000) {
      issues.push({ path: f.key, message: `${f.label} must be text` })
      continue
    }
    if (f.pattern !== undefined) {
      const compiled = compileFieldPattern(f.pattern)
      if (!compiled.ok) {
        // Stored before patterns were checked at create/update: the organization must fix it.
        throw new AppError(
          'INVALID_FIELD_PATTERN',
          `${def.displayName}'s field "${f.label}" has a pattern that cannot be checked (it ${compiled.problem}); the organization must update the integration`,
          [{ path: f.key, message: `pattern ${compiled.problem}` }],
        )
      }
      const outcome = budget.check(compiled.pattern, v)
      if (outcome === 'too-long') {
        issues.push({
          path: f.key,
          message: `${f.label} is too long to check against its format (at most ${Math.max(0, maxCheckedLength(compiled.pattern))} characters)`,
        })
        continue
      }
      if (outcome === 'mismatch') {
        issues.push({ path: f.key, message: `${f.label} does not look right (expected format ${f.pattern})` })
        continue
      }
    }
    values[f.key] = v
  }
  if (issues.length > 0) {
    throw new AppError(
      'VALIDATION_ERROR',
      `Invalid credentials: ${issues[0]?.path}: ${issues[0]?.message}`,
      issues,
    )
  }
  return values
}

/** Runs the integration's verify request, if any; a rejection is a clear INVALID_CREDENTIALS. */
export async function verifyCredentials(
  deps: CoreDeps,
  def: IntegrationDefinition,
  creds: StoredCredentials,
): Promise<void> {
  if (!def.verify) return
  const url = checkEgressUrl(
    { allow: deps.config.egressAllow },
    new URL(
      def.verify.path.replace(/^\//, ''),
      def.api.baseUrl.endsWith('/') ? def.api.baseUrl : `${def.api.baseUrl}/`,
    ),
    'verify URL',
  )
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Switchboard' }
  applyAuth(def.api.auth, creds, url, headers)
  let res: Response
  try {
    res = await deps.fetch(url, {
      method: def.verify.method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    })
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError(
      'UPSTREAM_ERROR',
      `Could not reach ${def.displayName} to check the credentials; try again`,
    )
  }
  await res.body?.cancel()
  // An outage or rate limit says nothing about the credentials: let the user retry.
  if (res.status !== def.verify.expectStatus && (res.status >= 500 || res.status === 429)) {
    throw new AppError(
      'UPSTREAM_ERROR',
      `${def.displayName} could not check the credentials right now (HTTP ${res.status}); try again`,
      { status: res.status },
    )
  }
  if (res.status !== def.verify.expectStatus) {
    throw new AppError(
      'INVALID_CREDENTIALS',
      `${def.displayName} rejected these credentials (HTTP ${res.status}); check them and try again`,
      { status: res.status },
    )
  }
}
