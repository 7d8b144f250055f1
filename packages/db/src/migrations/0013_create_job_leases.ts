import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Background jobs (issue 22):
// - job_leases: one row per named job (event retention, connection.expiring, verification
//   probes). An instance runs a job only after moving `leased_until` forward with a
//   compare-and-swap, so N instances on one PostgreSQL run each pass once per interval.
// - connections.last_verified_at: when the scheduled verification probe last ran for an
//   API-key connection (null: never); the probe picks the oldest first.
// - webhook_deliveries_event: retention (by events_occurred_at, 0007) keeps an
//   event while one of its deliveries is still pending, and drops its finished deliveries with it.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text')
    .addColumn('leased_until', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .execute()
  await db.schema.alterTable('connections').addColumn('last_verified_at', 'text').execute()
  await db.schema
    .createIndex('webhook_deliveries_event')
    .on('webhook_deliveries')
    .column('event_id')
    .execute()
}
