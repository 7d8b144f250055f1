import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('custom_integrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('custom_integrations_org_name', ['organization_id', 'name'])
    .execute()

  await db.schema
    .createTable('integration_settings')
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('integration_name', 'text', (c) => c.notNull())
    .addColumn('sharing_mode', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('integration_settings_pk', ['organization_id', 'integration_name'])
    .execute()

  await db.schema
    .createTable('oauth_apps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('integration_name', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('oauth_apps_integration')
    .on('oauth_apps')
    .columns(['integration_name', 'organization_id'])
    .execute()

  await db.schema
    .createTable('end_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('email', 'text')
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('end_users_workspace_external', ['workspace_id', 'external_id'])
    .execute()

  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('integration_name', 'text', (c) => c.notNull())
    .addColumn('oauth_app_id', 'text', (c) => c.references('oauth_apps.id').onDelete('set null'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('end_user_id', 'text', (c) => c.references('end_users.id').onDelete('set null'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('credentials_ciphertext', 'text', (c) => c.notNull())
    .addColumn('credentials_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('token_expires_at', 'text')
    .addColumn('refresh_token_expires_at', 'text')
    .addColumn('last_authorized_at', 'text')
    .addColumn('last_refreshed_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('granted_scopes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('api_base_uri', 'text')
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('refresh_lease_until', 'text')
    .addColumn('refresh_lease_owner', 'text')
    .addColumn('refresh_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_refresh_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('connections_workspace_integration_external', [
      'workspace_id',
      'integration_name',
      'external_id',
    ])
    .execute()
  await db.schema
    .createIndex('connections_org_created')
    .on('connections')
    .columns(['organization_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('connections_refresh_due')
    .on('connections')
    .columns(['type', 'next_refresh_at'])
    .execute()

  await db.schema
    .createTable('connect_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('integration_name', 'text', (c) => c.notNull())
    .addColumn('connection_name', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('end_user_id', 'text', (c) => c.references('end_users.id').onDelete('set null'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('oauth_app_id', 'text', (c) => c.references('oauth_apps.id').onDelete('set null'))
    .addColumn('success_redirect_uri', 'text')
    .addColumn('error_redirect_uri', 'text')
    .addColumn('reconnect_connection_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('connection_id', 'text')
    .addColumn('state_hash', 'text', (c) => c.unique())
    .addColumn('state_expires_at', 'text')
    .addColumn('pkce_verifier_ciphertext', 'text')
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('connect_sessions_org_created')
    .on('connect_sessions')
    .columns(['organization_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('connection_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('connection_events_connection')
    .on('connection_events')
    .columns(['connection_id', 'created_at'])
    .execute()
}
