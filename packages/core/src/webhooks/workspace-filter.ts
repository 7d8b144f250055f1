import type { WebhookEndpoint } from '@switchboard/db'
import { type Principal, workspacesOf } from '../auth/principal.ts'

// An endpoint's workspace filter (issue 22, migration 0022): which events it receives, and so
// which principals may see it.

export function workspaceFilterOf(row: Pick<WebhookEndpoint, 'workspaceIds'>): string[] | null {
  return row.workspaceIds === null ? null : (JSON.parse(row.workspaceIds) as string[])
}

/** Whether an endpoint with this filter gets an event of this workspace (null: the organization's own). */
export function filterAdmits(filter: readonly string[] | null, workspaceId: string | null): boolean {
  return filter === null || (workspaceId !== null && filter.includes(workspaceId))
}

/**
 * Whether the principal may see (and so change) an endpoint: its payloads carry the events of
 * the workspaces in its filter, so a principal narrowed to some workspaces sees only endpoints
 * filtered to workspaces among them; an unfiltered one carries every workspace's events.
 */
export function seesWebhookEndpoint(
  principal: Principal,
  row: Pick<WebhookEndpoint, 'workspaceIds'>,
): boolean {
  const mine = workspacesOf(principal)
  if (mine === null) return true
  const filter = workspaceFilterOf(row)
  return filter?.every((w) => mine.includes(w)) ?? false
}
