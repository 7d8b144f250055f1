import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Indexes for the hot queries (issue #25; apps/server/src/hot-queries.db.test.ts EXPLAINs them):
// - connections (organization_id, created_at, id): the list's first page orders by
//   created_at desc, id desc; with the id in the index the page is read in index order, no
//   sort of the organization's connections. It replaces connections_org_created, its prefix.
// - connections (organization_id, integration_name, external_id, created_at): a resolve by
//   externalId (the proxy's and the SDK's way to name a connection) found the organization's
//   rows by connections_org_created and filtered them: 0.5 ms at 1 k connections, 90 ms at
//   20 k (`pnpm bench resolve`). Now it seeks its rows, in the order it reads them.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('connections_org_created_id')
    .on('connections')
    .columns(['organization_id', 'created_at', 'id'])
    .execute()
  await db.schema.dropIndex('connections_org_created').execute()
  await db.schema
    .createIndex('connections_org_integration_external')
    .on('connections')
    .columns(['organization_id', 'integration_name', 'external_id', 'created_at'])
    .execute()
}
