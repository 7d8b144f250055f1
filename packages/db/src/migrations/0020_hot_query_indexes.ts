import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Indexes for the hot queries (issue #25; apps/server/src/hot-queries.db.test.ts EXPLAINs them):
// - connections (organization_id, created_at, id): the list's first page orders by
//   created_at desc, id desc; with the id in the index the page is read in index order, no
//   sort of the organization's connections. It replaces connections_org_created, its prefix.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('connections_org_created_id')
    .on('connections')
    .columns(['organization_id', 'created_at', 'id'])
    .execute()
  await db.schema.dropIndex('connections_org_created').execute()
}
