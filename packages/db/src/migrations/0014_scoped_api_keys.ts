import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Scoped API keys (issue 24):
// - api_keys.scopes: JSON array of the scopes the key holds (docs/access.md); null is a
//   full-access key, which every key made before this migration stays.
// - api_keys.workspace_ids: JSON array of the workspaces the key may touch; null: all.
// - api_keys.expires_at: after it the key is refused like a revoked one; null: never.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('scopes', 'text').execute()
  await db.schema.alterTable('api_keys').addColumn('workspace_ids', 'text').execute()
  await db.schema.alterTable('api_keys').addColumn('expires_at', 'text').execute()
}
