import { type Kysely, SqliteAdapter, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// events.seq in commit order on PostgreSQL (issue 22). The identity column hands out seq at
// insert, so a transaction that inserted seq n and commits after one holding n+1 made a reader
// paging with after=n+1 skip n for good. Now every event's seq is assigned again at COMMIT, by a
// deferred constraint trigger, while its transaction holds a per-organization advisory lock that
// is released only once the commit is visible: within an organization, seq order is commit order,
// so an event a reader has seen has every lower-seq event of its organization visible already.
// - No deadlock: the lock is taken at commit, after every row lock of the transaction, and a
//   transaction touching several organizations takes their locks in one global order (by key).
//   While holding it a transaction only renumbers its own rows.
// - events.xact_id (the top-level transaction id, pg_current_xact_id()) finds a transaction's
//   own rows among those at or after its first seq, through the seq index; it is null for the
//   rows written before this migration and stays internal.
// - The seq answered inside the transaction (appendEvent's StoredEvent.seq, which the outbox
//   copies to order one connection's deliveries) is provisional; it only grows at commit.
// SQLite serializes writers (a later commit always holds a larger seq): nothing to do there.
// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic by design
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return
  await sql`alter table events add column xact_id xid8 default pg_current_xact_id()`.execute(db)
  // 0x5b_ee_e5 (classid): the key space of these locks, apart from Kysely's one-bigint migration lock.
  await sql`
    create function events_seq_at_commit() returns trigger language plpgsql as $$
    declare
      org_key integer;
      own record;
    begin
      -- The first of the transaction's deferred firings (its first event: the lowest provisional
      -- seq) renumbers all of its events; the others find their row renumbered already.
      if not exists (select 1 from events where seq = new.seq) then
        return null;
      end if;
      for org_key in
        select distinct hashtext(organization_id) from events
        where seq >= new.seq and xact_id = pg_current_xact_id()
        order by 1
      loop
        perform pg_advisory_xact_lock(5959397, org_key);
      end loop;
      for own in
        select id from events
        where seq >= new.seq and xact_id = pg_current_xact_id()
        order by seq
      loop
        update events set seq = default where id = own.id;
      end loop;
      return null;
    end
    $$`.execute(db)
  await sql`
    create constraint trigger events_seq_at_commit after insert on events
    deferrable initially deferred for each row execute function events_seq_at_commit()`.execute(db)
}
