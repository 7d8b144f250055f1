import { type Kysely, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Dead schema goes or gets used (issue 21):
// - connect_sessions.flow was written ('HOSTED' / 'DIRECT') and never read: dropped. In its
//   place connect_sessions.connection_metadata carries a connect token's `metadata` (JSON text,
//   null for none) to the connection its flow stores.
// - connections.metadata stays: it is now set by the caller (seed 002's `data`).
// - status REVOKED was never written (a deleted connection is gone; its history says REVOKED):
//   the status no longer exists. A row that somehow holds it asks for a reconnect, as
//   REFRESH_FAILED does.
// Portable: ALTER TABLE … DROP COLUMN works on PostgreSQL and on SQLite ≥ 3.35 (the column is
// in no index or constraint); both run migrations in one transaction.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connect_sessions').dropColumn('flow').execute()
  await db.schema.alterTable('connect_sessions').addColumn('connection_metadata', 'text').execute()
  await db
    .updateTable('connections')
    .set({
      status: 'REFRESH_FAILED',
      status_reason: sql`coalesce(status_reason, ${'The credentials were revoked; reconnect this connection'})`,
    })
    .where('status', '=', 'REVOKED')
    .execute()
}
