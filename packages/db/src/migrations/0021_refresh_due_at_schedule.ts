import { type Kysely, SqliteAdapter, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// connections.refresh_due_at becomes the background refresher's whole schedule (issue #25): the
// due query was an OR over five columns (refresh_due_at, token_expires_at, last_refreshed_at,
// last_authorized_at, next_refresh_at) that no one index serves, so each pass read every OAuth2
// connection's entry of connections_refresh_due. Now core stores, with every write of those
// columns, when the refresher next picks the connection up (packages/core/src/refresh/
// refresh-margin.ts, refreshDueAt: the token's renewal, or a day idle, whichever is first,
// never before the back-off; null unless OAUTH2 and ACTIVE or UNHEALTHY), and the due query is
// a range of connections_refresh_due_at (migration 0005). This backfills every row by that rule,
// in SQL, and drops connections_refresh_due (type, next_refresh_at), which nothing reads now.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  // Times as seconds (SQLite: since the Julian epoch; PostgreSQL: since 1970), and back to the
  // ISO text core writes (toISOString: milliseconds, Z).
  const secs = (col: string) =>
    sqlite ? `(julianday(${col}) * 86400.0)` : `extract(epoch from (${col})::timestamptz)`
  const iso = (s: string) =>
    sqlite
      ? `strftime('%Y-%m-%dT%H:%M:%fZ', (${s}) / 86400.0)`
      : `to_char(to_timestamp(${s}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
  // min/max that ignore a null (as greatest/least do on PostgreSQL; SQLite's min/max do not).
  const fn = (f: 'min' | 'max', a: string, b: string) => {
    const name = sqlite ? f : f === 'min' ? 'least' : 'greatest'
    return `${name}(coalesce(${a}, ${b}), coalesce(${b}, ${a}))`
  }
  const issued = secs(fn('max', 'last_refreshed_at', 'last_authorized_at'))
  const expires = secs('token_expires_at')
  // refreshMarginMs: a quarter of the lifetime, between 30 s and 10 minutes.
  const margin = fn('min', '600', fn('max', '30', `(${expires} - ${issued}) * 0.25`))
  const renew = `(${expires} - ${margin})`
  const idle = `(${issued} + 86400)`
  const due = fn('min', renew, idle)
  const schedule = `case when ${due} is null then null else ${fn('max', due, secs('next_refresh_at'))} end`
  await db
    .updateTable('connections')
    .set({
      refresh_due_at: sql.raw(
        `case when type = 'OAUTH2' and status in ('ACTIVE', 'UNHEALTHY') then ${iso(schedule)} else null end`,
      ),
    })
    .execute()
  await db.schema.dropIndex('connections_refresh_due').execute()
}
