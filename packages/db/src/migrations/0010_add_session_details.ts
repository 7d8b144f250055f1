import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Account sessions (issue 24): a dashboard session is listed and revoked by its owner.
// - dashboard_sessions.public_id: the id the account API shows and revokes by (a uuid). The
//   row's own id is the SHA-256 of the cookie and stays internal. Sessions opened before this
//   migration get one here; the unique index makes a revoke by id name one session only.
// - dashboard_sessions.user_agent: the browser's User-Agent at sign-in (truncated), to tell
//   one's sessions apart. Null when none was sent.
// - dashboard_sessions.last_seen_at: when the session last authenticated a request (written at
//   most once a minute per session). Null until then; the list shows created_at instead.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dashboard_sessions').addColumn('public_id', 'text').execute()
  await db.schema.alterTable('dashboard_sessions').addColumn('user_agent', 'text').execute()
  await db.schema.alterTable('dashboard_sessions').addColumn('last_seen_at', 'text').execute()
  const rows = await db.selectFrom('dashboard_sessions').select('id').execute()
  for (const row of rows as Array<{ id: string }>) {
    await db
      .updateTable('dashboard_sessions')
      .set({ public_id: randomUUID() })
      .where('id', '=', row.id)
      .execute()
  }
  await db.schema
    .createIndex('dashboard_sessions_public_id')
    .on('dashboard_sessions')
    .column('public_id')
    .unique()
    .execute()
  await db.schema.createIndex('dashboard_sessions_user').on('dashboard_sessions').column('user_id').execute()
}
