import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// idempotency_keys: one row per (organization, Idempotency-Key) a REST POST carried (issue 23).
// request_hash is the SHA-256 of the request (method, path, body); response_status is null
// while the first request runs; response_ciphertext holds the answer (status aside) through
// the cipher, as answers may carry secrets shown once (a new API key). Rows older than 24 h
// are pruned by the background job (created_at indexed for it).
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_ciphertext', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addUniqueConstraint('idempotency_keys_organization_key', ['organization_id', 'idempotency_key'])
    .execute()
  await db.schema
    .createIndex('idempotency_keys_created_at')
    .on('idempotency_keys')
    .column('created_at')
    .execute()
}
