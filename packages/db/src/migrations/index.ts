import type { Migration } from 'kysely'
import * as m0001 from './0001_create_tenancy.ts'
import * as m0002 from './0002_create_connections.ts'
import * as m0003 from './0003_create_oauth_server.ts'
import * as m0004 from './0004_connection_event_sequence.ts'
import * as m0005 from './0005_add_refresh_due_and_session_tokens.ts'
import * as m0006 from './0006_drop_dead_columns.ts'
import * as m0007 from './0007_create_events.ts'
import * as m0008 from './0008_create_webhooks.ts'
import * as m0009 from './0009_create_idempotency_keys.ts'
import * as m0010 from './0010_add_session_details.ts'
import * as m0013 from './0013_create_job_leases.ts'
import * as m0014 from './0014_scoped_api_keys.ts'
import * as m0015 from './0015_create_memberships.ts'
import * as m0016 from './0016_create_invites.ts'
import * as m0017 from './0017_create_sso.ts'
import * as m0018 from './0018_owner_grade_keys_and_session_method.ts'
import * as m0019 from './0019_create_proxy_stats.ts'
import * as m0020 from './0020_hot_query_indexes.ts'
import * as m0021 from './0021_refresh_due_at_schedule.ts'
import * as m0022 from './0022_webhook_workspace_filter.ts'
import * as m0023 from './0023_commit_ordered_event_seq.ts'

/** Every migration, in order. Names sort; add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '0001_create_tenancy': m0001,
  '0002_create_connections': m0002,
  '0003_create_oauth_server': m0003,
  '0004_connection_event_sequence': m0004,
  '0005_add_refresh_due_and_session_tokens': m0005,
  '0006_drop_dead_columns': m0006,
  '0007_create_events': m0007,
  '0008_create_webhooks': m0008,
  '0009_create_idempotency_keys': m0009,
  '0010_add_session_details': m0010,
  '0013_create_job_leases': m0013,
  '0014_scoped_api_keys': m0014,
  '0015_create_memberships': m0015,
  '0016_create_invites': m0016,
  '0017_create_sso': m0017,
  '0018_owner_grade_keys_and_session_method': m0018,
  '0019_create_proxy_stats': m0019,
  '0020_hot_query_indexes': m0020,
  '0021_refresh_due_at_schedule': m0021,
  '0022_webhook_workspace_filter': m0022,
  '0023_commit_ordered_event_seq': m0023,
}
