import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Webhook endpoints' workspace filter (issue 22), the same shape as api_keys.workspace_ids
// (0014): webhook_endpoints.workspace_ids is a JSON array of the workspaces whose events the
// endpoint receives; null: every workspace's and the organization's own (what every endpoint
// made before this migration stays).
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhook_endpoints').addColumn('workspace_ids', 'text').execute()
}
