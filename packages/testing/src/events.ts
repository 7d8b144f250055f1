import type { Database } from '@switchboard/db'
import type { Kysely } from 'kysely'

/** A connection's events in the order they were written (seq), as stored. */
export async function eventsOfConnection(
  db: Kysely<Database>,
  connectionId: string,
): Promise<
  Array<{ type: string; data: Record<string, unknown>; actorType: string; actorId: string | null }>
> {
  const rows = await db
    .selectFrom('events')
    .select(['type', 'data', 'actorType', 'actorId'])
    .where('connectionId', '=', connectionId)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }))
}

const kinds: Record<string, string> = {
  'connection.created': 'CREATED',
  'connection.refreshed': 'REFRESHED',
  'connection.refresh_failed': 'REFRESH_FAILED',
  'connection.reconnected': 'RECONNECTED',
  'connection.deleted': 'DELETED',
  'connection.unhealthy': 'UNHEALTHY',
  'connection.recovered': 'RECOVERED',
}

/**
 * A connection's history in the former connection_events kinds (CREATED, REVOKED, DELETED…),
 * read from the one event log: connection.deleted's revocation outcome is the REVOKED /
 * REVOKE_FAILED entry before DELETED.
 */
export async function connectionEventKinds(db: Kysely<Database>, connectionId: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await eventsOfConnection(db, connectionId)) {
    if (e.type === 'connection.deleted') {
      if (e.data.revocation === 'revoked') out.push('REVOKED')
      if (e.data.revocation === 'failed') out.push('REVOKE_FAILED')
    }
    out.push(kinds[e.type] ?? e.type)
  }
  return out
}
