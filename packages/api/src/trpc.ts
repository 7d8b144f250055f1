import {
  type Access,
  AppError,
  type ErrorCode,
  errorCodes,
  requireAccess,
  requirePrincipal,
  toAppError,
  validationError,
} from '@switchboard/core'
import { initTRPC, TRPCError } from '@trpc/server'
import { ZodError } from 'zod'
import type { ApiContext } from './context.ts'

/**
 * What tRPC itself refuses before a procedure runs (the request's transport: its method, content
 * type, size, JSON, the procedure's name) is the caller's mistake: each keeps its own code.
 */
const transportErrors: Partial<Record<TRPCError['code'], (error: TRPCError) => AppError>> = {
  NOT_FOUND: () => new AppError('NOT_FOUND', 'No such procedure'),
  PARSE_ERROR: () => new AppError('VALIDATION_ERROR', 'The request input is not valid JSON'),
  BAD_REQUEST: (error) =>
    new AppError(
      'VALIDATION_ERROR',
      error.cause instanceof SyntaxError ? 'The request input is not valid JSON' : error.message,
    ),
  METHOD_NOT_SUPPORTED: (error) => new AppError('METHOD_NOT_ALLOWED', error.message),
  UNSUPPORTED_MEDIA_TYPE: () =>
    new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported Content-Type: send JSON with Content-Type: application/json',
    ),
  PAYLOAD_TOO_LARGE: () => new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large'),
}

/** The AppError behind a tRPC error (zod input errors become VALIDATION_ERROR). */
export function appErrorOf(error: TRPCError): AppError {
  const cause = error.cause
  if (cause instanceof AppError) return cause
  // Only the input parser's failure (BAD_REQUEST) is the caller's fault; a ZodError from an
  // output schema or inside a use case is ours, and its issues must not be shown.
  if (cause instanceof ZodError && error.code === 'BAD_REQUEST') return validationError(cause.issues)
  if (isTransportError(error)) return (transportErrors[error.code] as (e: TRPCError) => AppError)(error)
  return toAppError(cause ?? error)
}

/**
 * Whether tRPC refused the request itself, before any procedure ran (a procedure's own errors
 * carry an AppError, or are ours). Such refusals are logged at warn, without a stack.
 */
export function isTransportError(error: TRPCError): boolean {
  return (
    transportErrors[error.code] !== undefined &&
    !(error.cause instanceof AppError) &&
    !(error.cause instanceof ZodError)
  )
}

/**
 * What every procedure declares: `.meta({ access })` — the scope it needs (core's one
 * permission table) or `'public'`. One gate checks it before the input is parsed; a
 * procedure without a declaration needs `settings:write` (and fails the walk test).
 */
export interface ProcedureMeta {
  access: Access
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const app = appErrorOf(error)
      const { stack: _stack, ...data } = shape.data
      return {
        ...shape,
        message: app.message,
        data: {
          ...data,
          appCode: app.code as ErrorCode,
          details: app.details ?? null,
          legacyCode: app.legacyCode ?? null,
        },
      }
    },
  })

/** Core throws AppError; tRPC wants TRPCError with the code from the one table. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next()
  if (!result.ok) {
    if (!(result.error.cause instanceof ZodError)) {
      const app = appErrorOf(result.error)
      throw new TRPCError({ code: errorCodes[app.code].trpc, message: app.message, cause: app })
    }
  }
  return result
})

export const router = t.router
export const createCallerFactory = t.createCallerFactory
export const publicProcedure = t.procedure.use(mapErrors)
export const protectedProcedure = publicProcedure.use(({ ctx, meta, next }) => {
  if (ctx.principalError) throw ctx.principalError
  const principal = requirePrincipal(ctx.principal)
  requireAccess(principal, meta?.access ?? 'settings:write')
  return next({ ctx: { ...ctx, principal } })
})
