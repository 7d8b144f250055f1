import { type Kysely, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Memberships (issue 24): a user can belong to several organizations, each with its own role
// and an optional workspace restriction.
// - memberships: (user, organization) → role ('owner' | 'admin' | 'member' | 'viewer') and
//   workspace_ids (JSON array; null: every workspace). Every user has one for the organization
//   they were created in, with the role they had (users.role stays as that first role).
// - dashboard_sessions.organization_id was already the session's organization: the current one,
//   which account.switchOrganization changes.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('memberships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('workspace_ids', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'organization_id'])
    .execute()
  await db.schema.createIndex('memberships_org').on('memberships').column('organization_id').execute()
  await db
    .insertInto('memberships')
    .columns(['user_id', 'organization_id', 'role', 'workspace_ids', 'created_at'])
    .expression(
      db.selectFrom('users').select(['id', 'organization_id', 'role', sql<null>`null`.as('w'), 'created_at']),
    )
    .execute()
}
