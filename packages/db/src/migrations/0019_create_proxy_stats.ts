import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Proxy traffic over time (issue 24's overview): one row per minute, workspace and server
// instance. Each instance counts its proxied calls in memory and rewrites its own rows whole
// when it flushes (no read-modify-write between instances); the overview sums the instances.
// `latency` is a JSON histogram of the calls' time to the upstream's answer headers
// (core stats/proxy-stats.ts: log buckets of 1.25x), from which p95 is read over any range.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proxy_stats')
    .addColumn('minute', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addColumn('client_errors', 'integer', (c) => c.notNull())
    .addColumn('server_errors', 'integer', (c) => c.notNull())
    .addColumn('latency', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('proxy_stats_pk', ['organization_id', 'workspace_id', 'minute', 'instance_id'])
    .execute()
  await db.schema.createIndex('proxy_stats_minute').on('proxy_stats').column('minute').execute()
}
