import { TRPCClientError } from '@trpc/client'

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

export function httpStatusOf(error: unknown): number | undefined {
  return dataOf(error)?.httpStatus
}

export interface FieldIssue {
  path: string
  message: string
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

/**
 * A sentence for people, never JSON or a stack. Server messages are written for people, so
 * they are shown as they are; anything else gets a generic line that says what to do next.
 */
export function messageOf(error: unknown): string {
  if (error instanceof TRPCClientError && dataOf(error)?.appCode) {
    const code = appCodeOf(error)
    if (code === 'INTERNAL')
      return 'Something went wrong on our side. Try again; if it keeps happening, contact support.'
    // The server's message says how long to wait ("…; try again in 4 seconds").
    if (code === 'RATE_LIMITED') return error.message || 'Too many requests. Wait a moment and try again.'
    return error.message
  }
  return 'Could not reach Switchboard. Check your connection and try again.'
}
