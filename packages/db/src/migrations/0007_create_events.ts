import { type Kysely, SqliteAdapter, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// One event log (issue 22): `events` replaces `connection_events`. Every row is written in the
// transaction of the change it records (packages/core/src/events/append-event.ts).
// `seq` orders events for cursors and never goes back, not even after retention pruned every
// row: on PostgreSQL an identity column, on SQLite the INTEGER PRIMARY KEY AUTOINCREMENT
// (sqlite_sequence never reuses a value; SQLite writers are serialized, so a later commit
// always holds a larger seq). `id` (`evt_` + random) is the public, unique name of an event.
// The former connection history moves over in its order; REVOKED / REVOKE_FAILED rows fold into
// the DELETED row that followed them (connection.deleted carries the revocation outcome).
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter
  let table = db.schema.createTable('events')
  if (sqlite) {
    table = table
      .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('id', 'text', (c) => c.notNull().unique())
  } else {
    table = table
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull().unique().generatedAlwaysAsIdentity())
  }
  await table
    .addColumn('organization_id', 'text', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    // No foreign keys on the subjects: history outlives a deleted workspace, connection, end user.
    .addColumn('workspace_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('connection_id', 'text')
    .addColumn('connect_session_id', 'text')
    .addColumn('end_user_id', 'text')
    .addColumn('integration_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema.createIndex('events_org_seq').on('events').columns(['organization_id', 'seq']).execute()
  await db.schema
    .createIndex('events_org_type_seq')
    .on('events')
    .columns(['organization_id', 'type', 'seq'])
    .execute()
  await db.schema
    .createIndex('events_connection_seq')
    .on('events')
    .columns(['connection_id', 'seq'])
    .execute()
  await db.schema
    .createIndex('events_org_end_user_seq')
    .on('events')
    .columns(['organization_id', 'end_user_id', 'seq'])
    .execute()
  await db.schema.createIndex('events_occurred_at').on('events').column('occurred_at').execute()

  await moveConnectionEvents(db)
  await db.schema.dropTable('connection_events').execute()
}

const typeOfKind: Record<string, string> = {
  CREATED: 'connection.created',
  REFRESHED: 'connection.refreshed',
  REFRESH_FAILED: 'connection.refresh_failed',
  RECONNECTED: 'connection.reconnected',
  DELETED: 'connection.deleted',
  UNHEALTHY: 'connection.unhealthy',
  RECOVERED: 'connection.recovered',
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
async function moveConnectionEvents(db: Kysely<any>): Promise<void> {
  let after: { createdAt: string; seq: number; id: string } | null = null
  // Revocation outcomes waiting for their DELETED row, by connection.
  const revocations = new Map<string, string>()
  for (;;) {
    // Batches in history order (created_at, then the old seq, null first, then id).
    let q = db
      .selectFrom('connection_events as e')
      .leftJoin('connections as c', 'c.id', 'e.connection_id')
      .select([
        'e.id',
        'e.organization_id',
        'e.connection_id',
        'e.kind',
        'e.detail',
        'e.created_at',
        sql<number>`coalesce(e.seq, -1)`.as('seq'),
        'c.workspace_id',
        'c.end_user_id',
        'c.integration_name',
      ])
      .orderBy('e.created_at')
      .orderBy(sql`coalesce(e.seq, -1)`)
      .orderBy('e.id')
      .limit(500)
    if (after) {
      const a = after
      q = q.where((eb) =>
        eb.or([
          eb('e.created_at', '>', a.createdAt),
          eb.and([
            eb('e.created_at', '=', a.createdAt),
            eb.or([
              eb(sql`coalesce(e.seq, -1)`, '>', a.seq),
              eb.and([eb(sql`coalesce(e.seq, -1)`, '=', a.seq), eb('e.id', '>', a.id)]),
            ]),
          ]),
        ]),
      )
    }
    const rows = await q.execute()
    if (rows.length === 0) return
    const values = []
    for (const r of rows) {
      if (r.kind === 'REVOKED' || r.kind === 'REVOKE_FAILED') {
        revocations.set(r.connection_id, r.kind === 'REVOKED' ? 'revoked' : 'failed')
        continue
      }
      const data: Record<string, unknown> = {}
      if (r.detail !== null) data.detail = r.detail
      if (r.kind === 'DELETED') {
        data.revocation = revocations.get(r.connection_id) ?? 'not-supported'
        revocations.delete(r.connection_id)
      }
      values.push({
        id: `evt_${String(r.id).replaceAll('-', '')}`,
        organization_id: r.organization_id,
        workspace_id: r.workspace_id ?? null,
        type: typeOfKind[r.kind] ?? `connection.${String(r.kind).toLowerCase()}`,
        occurred_at: r.created_at,
        actor_type: 'system',
        actor_id: null,
        connection_id: r.connection_id,
        connect_session_id: null,
        end_user_id: r.end_user_id ?? null,
        integration_id: r.integration_name ?? null,
        data: JSON.stringify(data),
      })
    }
    if (values.length > 0) await db.insertInto('events').values(values).execute()
    const last = rows[rows.length - 1] as { created_at: string; seq: number | string; id: string }
    after = { createdAt: last.created_at, seq: Number(last.seq), id: last.id }
  }
}
