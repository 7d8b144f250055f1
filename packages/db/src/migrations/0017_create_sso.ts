import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Dashboard SSO with an OpenID Connect provider (issue 24; packages/core/src/sso).
// - organization_sso_settings: one row per organization that set SSO up: the role a member
//   created on first SSO sign-in gets, and whether password sign-in is refused (enforced).
// - sso_domains: the email domains whose verified addresses join an organization on first SSO
//   sign-in. A domain belongs to one organization at most (its primary key).
// - sso_identities: the provider's (issuer, subject) of a user, linked on first SSO sign-in.
// - sso_login_attempts: one started sign-in until its callback: the state (hashed), the hash of
//   the browser-binding cookie, and the PKCE verifier and nonce (through the cipher). Single
//   use, expires after 10 minutes.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organization_sso_settings')
    .addColumn('organization_id', 'text', (c) =>
      c.primaryKey().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('default_role', 'text', (c) => c.notNull())
    .addColumn('enforced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sso_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sso_domains_org').on('sso_domains').column('organization_id').execute()

  await db.schema
    .createTable('sso_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_identities_pk', ['issuer', 'subject'])
    .execute()
  await db.schema.createIndex('sso_identities_user').on('sso_identities').column('user_id').execute()

  await db.schema
    .createTable('sso_login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state_hash', 'text', (c) => c.notNull().unique())
    .addColumn('binding_hash', 'text', (c) => c.notNull())
    .addColumn('secrets_ciphertext', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sso_login_attempts_expires')
    .on('sso_login_attempts')
    .column('expires_at')
    .execute()
}
