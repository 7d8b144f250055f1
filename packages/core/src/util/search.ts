import { type RawBuilder, type SqlBool, sql } from 'kysely'

/**
 * `column` contains `text`, case-insensitively, with `%`, `_` and `\` in the text taken
 * literally: the one way every list searches, alike on SQLite and PostgreSQL. Both sides go
 * through the database's `lower()` (Unicode on PostgreSQL; on SQLite, whose own `lower()`
 * knows only ASCII, packages/db replaces it with JavaScript's), and LIKE gets an explicit
 * ESCAPE (SQLite has no default escape character, PostgreSQL's is `\`).
 */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.replace(/[%_\\]/g, '\\$&')}%`
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`
}
