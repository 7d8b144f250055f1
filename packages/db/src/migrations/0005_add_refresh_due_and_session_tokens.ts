import { type Kysely, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// - connections.refresh_due_at: when the background refresher renews the access token, set
//   with every token write (a share of the token's lifetime before it expires). Rows written
//   before this migration keep null and are renewed by the former rule until their next write.
// - connect_sessions.tokens_ciphertext: the tokens an OAuth exchange obtained, encrypted, held
//   from the exchange until the connection is stored (then cleared), so tokens left by a failure
//   or a crash in between can be revoked at the provider. The recovery job looks for sessions
//   left CONNECTING, or holding tokens, by the time of their last change: both indexed.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('connections').addColumn('refresh_due_at', 'text').execute()
  await db.schema
    .createIndex('connections_refresh_due_at')
    .on('connections')
    .column('refresh_due_at')
    .execute()
  await db.schema.alterTable('connect_sessions').addColumn('tokens_ciphertext', 'text').execute()
  await db.schema
    .createIndex('connect_sessions_status_updated')
    .on('connect_sessions')
    .columns(['status', 'updated_at'])
    .execute()
  await db.schema
    .createIndex('connect_sessions_held_tokens')
    .on('connect_sessions')
    .column('updated_at')
    .where(sql.ref('tokens_ciphertext'), 'is not', null)
    .execute()
}
