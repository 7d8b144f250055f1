import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Switchboard as an OAuth 2.0 authorization server (seed 003): the third-party apps
// organizations register, oidc-provider's models (grants, codes, tokens…), and the
// authorization server's own signing and cookie keys.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('client_secret_hash', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('logo_url', 'text')
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    .addColumn('confidential', 'integer', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('oauth_clients_org').on('oauth_clients').column('organization_id').execute()

  await db.schema
    .createTable('oauth_server_models')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('client_id', 'text', (c) => c.references('oauth_clients.client_id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'text')
    .addColumn('consumed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('oauth_server_models_pk', ['model', 'id'])
    .execute()
  await db.schema
    .createIndex('oauth_server_models_grant')
    .on('oauth_server_models')
    .column('grant_id')
    .execute()
  await db.schema
    .createIndex('oauth_server_models_uid')
    .on('oauth_server_models')
    .columns(['model', 'uid'])
    .execute()
  await db.schema
    .createIndex('oauth_server_models_user_code')
    .on('oauth_server_models')
    .columns(['model', 'user_code'])
    .execute()
  await db.schema
    .createIndex('oauth_server_models_client')
    .on('oauth_server_models')
    .column('client_id')
    .execute()
  await db.schema
    .createIndex('oauth_server_models_account')
    .on('oauth_server_models')
    .columns(['account_id', 'model'])
    .execute()
  await db.schema
    .createIndex('oauth_server_models_expires')
    .on('oauth_server_models')
    .column('expires_at')
    .execute()

  await db.schema
    .createTable('oauth_server_secrets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('value_ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}
