import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Invites (issue 24): an admin invites an email with a role (and optional workspaces); the
// link carries an `inv_` token, of which only the SHA-256 is stored. Single use (accepted_at),
// revocable (revoked_at), expires after 7 days (expires_at).
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('workspace_ids', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('invites_org').on('invites').column('organization_id').execute()
}
