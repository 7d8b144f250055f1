import { TRPCClientError } from '@trpc/client'
import { describeIssues, type FieldIssue } from './field-messages.ts'

export type { FieldIssue }

/** What our server adds to every tRPC error (see packages/api/src/trpc.ts). */
interface AppErrorData {
  appCode?: string
  httpStatus?: number
  details?: unknown
}

function dataOf(error: unknown): AppErrorData | undefined {
  if (!(error instanceof TRPCClientError)) return undefined
  const data: unknown = error.data
  return data && typeof data === 'object' ? (data as AppErrorData) : undefined
}

/** The stable code, e.g. UNAUTHORIZED or VALIDATION_ERROR; undefined for network failures. */
export function appCodeOf(error: unknown): string | undefined {
  return dataOf(error)?.appCode
}

/** The error's `details` (e.g. WORKSPACE_NOT_EMPTY's `{ connections }`); undefined when none. */
export function detailsOf(error: unknown): unknown {
  return dataOf(error)?.details
}

export function httpStatusOf(error: unknown): number | undefined {
  return dataOf(error)?.httpStatus
}

/** VALIDATION_ERROR details: one entry per offending field, with its dotted path. */
export function fieldIssuesOf(error: unknown): FieldIssue[] {
  const details = dataOf(error)?.details
  if (!Array.isArray(details)) return []
  return details.filter(
    (d): d is FieldIssue =>
      !!d && typeof d === 'object' && typeof d.path === 'string' && typeof d.message === 'string',
  )
}

/** RATE_LIMITED answers say how long to wait (`details.retryAfterSeconds`); undefined otherwise. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  const data = dataOf(error)
  if (data?.appCode !== 'RATE_LIMITED') return undefined
  return retryAfterSecondsIn(data.details)
}

/** The whole seconds to wait from RATE_LIMITED details, at least 1; undefined when not given. */
export function retryAfterSecondsIn(details: unknown): number | undefined {
  if (!details || typeof details !== 'object') return undefined
  const seconds = (details as { retryAfterSeconds?: unknown }).retryAfterSeconds
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined
  return Math.max(1, Math.ceil(seconds))
}

/**
 * A sentence for people, never JSON or a stack. Server messages are written for people, so
 * they are shown as they are, except a refused input's summary, which quotes zod: its fields
 * are described instead (with the form's `labels` by path, where it has them). Anything else
 * gets a generic line that says what to do next.
 */
export function messageOf(error: unknown, labels: Record<string, string> = {}): string {
  if (error instanceof TRPCClientError && dataOf(error)?.appCode) {
    const code = appCodeOf(error)
    if (code === 'INTERNAL')
      return 'Something went wrong on our side. Try again; if it keeps happening, contact support.'
    if (code === 'RATE_LIMITED') {
      const seconds = retryAfterSecondsOf(error)
      return seconds === undefined
        ? 'Too many requests. Wait a moment and try again.'
        : `Too many requests. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
    }
    if (code === 'VALIDATION_ERROR') {
      const issues = fieldIssuesOf(error)
      if (issues.length > 0) return describeIssues(issues, labels)
    }
    return error.message
  }
  return 'Could not reach Switchboard. Check your connection and try again.'
}
