import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Connection history in a strict order: events written in the same millisecond (a refresh
// and the 401 that follows it) sorted by their random id. `seq` grows with every event a
// process writes (see recordConnectionEvent); older rows keep null and sort as before.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connection_events').addColumn('seq', 'bigint').execute()
}
