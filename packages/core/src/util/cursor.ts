import { type SelectQueryBuilder, sql } from 'kysely'
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

/**
 * One page of a newest-first list, by keyset on (createdAt, id): stable under inserts and
 * cheap at any depth. The query must select `createdAt` and `id` of a table that has both.
 */
export async function keysetPage<R extends { createdAt: string; id: string }>(
  // biome-ignore lint/suspicious/noExplicitAny: serves every table with created_at and id
  query: SelectQueryBuilder<any, any, R>,
  cursor: string | undefined,
  limit: number,
): Promise<{ rows: R[]; nextCursor: string | null }> {
  let q = query
  const after = decodeCursor(cursor)
  if (after) {
    const createdAt = sql.ref('createdAt')
    const id = sql.ref('id')
    q = q.where(
      sql<boolean>`(${createdAt} < ${after.t} or (${createdAt} = ${after.t} and ${id} < ${after.id}))`,
    )
  }
  const rows = await q
    .orderBy(sql.ref('createdAt'), 'desc')
    .orderBy(sql.ref('id'), 'desc')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null,
  }
}
