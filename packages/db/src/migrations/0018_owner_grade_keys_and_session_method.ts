import { type Kysely, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Access holes of issue 24:
// - api_keys.owner_grade: 1 when the key's maker could make or unmake an owner (an owner, a
//   superuser, the CLI, or an owner-grade key), else 0 — a key never holds more than its maker, so
//   an admin's key does not touch owners. Existing keys: decided from the maker their
//   `api_key.created` event records (a user who is not now an owner of the key's organization nor
//   a superuser → 0; a key made by a non-owner-grade key → 0); keys with no such event (made
//   before the event log, or by the CLI, which records none) stay owner-grade, as they were.
// - dashboard_sessions.method: how the session signed in ('password' | 'sso'); null for sessions
//   opened before this migration (treated like password sessions where SSO is enforced).
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('owner_grade', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.alterTable('dashboard_sessions').addColumn('method', 'text').execute()

  const created = await db
    .selectFrom('events')
    .select(['organization_id', 'actor_type', 'actor_id', 'data'])
    .where('type', '=', 'api_key.created')
    .execute()
  const makers = new Map<string, { org: string; type: string; id: string | null }>()
  for (const e of created as Array<{
    organization_id: string
    actor_type: string
    actor_id: string | null
    data: string
  }>) {
    let keyId: unknown
    try {
      keyId = (JSON.parse(e.data) as { apiKeyId?: unknown }).apiKeyId
    } catch {
      continue
    }
    if (typeof keyId === 'string')
      makers.set(keyId, { org: e.organization_id, type: e.actor_type, id: e.actor_id })
  }
  const weak = new Set<string>()
  for (const [keyId, m] of makers) {
    if (m.type !== 'user' || m.id === null) continue
    const user = await db.selectFrom('users').select('is_superuser').where('id', '=', m.id).executeTakeFirst()
    const member = await db
      .selectFrom('memberships')
      .select('role')
      .where('user_id', '=', m.id)
      .where('organization_id', '=', m.org)
      .executeTakeFirst()
    if (Number(user?.is_superuser ?? 0) !== 1 && member?.role !== 'owner') weak.add(keyId)
  }
  // A key made by a weak key is weak too, however long the chain.
  for (let changed = true; changed; ) {
    changed = false
    for (const [keyId, m] of makers) {
      if (m.type === 'api_key' && m.id !== null && weak.has(m.id) && !weak.has(keyId)) {
        weak.add(keyId)
        changed = true
      }
    }
  }
  for (const id of weak) {
    await db.updateTable('api_keys').set({ owner_grade: sql`0` }).where('id', '=', id).execute()
  }
}
