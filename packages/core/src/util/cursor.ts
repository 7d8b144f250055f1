import { AppError } from '../errors.ts'

/** Keyset pagination position: the (createdAt, id) of the last row of the previous page. */
export interface CursorPosition {
  t: string
  id: string
}

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url')
}

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (!cursor) return null
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as CursorPosition).t === 'string' &&
      typeof (value as CursorPosition).id === 'string'
    ) {
      return value as CursorPosition
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_ERROR', 'Invalid cursor: pass the nextCursor of a previous page', [
    { path: 'cursor', message: 'invalid cursor' },
  ])
}
