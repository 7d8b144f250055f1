import { z } from 'zod'
import { type Principal, requireScope, seenWorkspaceIds } from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { matchEndUsers } from '../end-users/end-users.ts'
import { storedEvent } from './append-event.ts'
import { EventTypeSchema, type StoredEvent } from './types.ts'

/** An event as the audit API answers it (StoredEvent without the organization: it is the caller's). */
export type EventView = Omit<StoredEvent, 'organizationId'>

// Parsing is idempotent (the REST and tRPC hosts hand core what they already parsed).
const Cursor = z
  .union([
    z.number().int().nonnegative(),
    z.string().regex(/^\d{1,18}$/, 'pass the nextCursor of a previous page (or an event seq)'),
  ])
  .transform(Number)

export const ListEventsInput = z.object({
  /** One type, several separated by commas, or a list. */
  type: z
    .union([z.string().max(2000), z.array(z.string().max(100)).max(50)])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((t) => t.trim()).filter((t) => t !== ''))
    .pipe(z.array(EventTypeSchema).max(50))
    .optional(),
  connectionId: z.string().min(1).max(200).optional(),
  /** Our id of the end user, or the customer's externalId. */
  endUserId: z.string().min(1).max(255).optional(),
  workspaceId: z.uuid().optional(),
  /** Events past this cursor in the listing's order (older for desc, newer for asc). */
  after: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  order: z.enum(['desc', 'asc']).default('desc'),
})
export type ListEventsInput = z.input<typeof ListEventsInput>

/**
 * The audit log: the organization's events, newest first (or oldest first with order=asc), by
 * keyset on seq. `nextCursor` continues the listing; null when this page is the last.
 * Owners, admins and API keys (it names who did what across the organization).
 */
export async function listEvents(
  deps: CoreDeps,
  principal: Principal,
  raw: ListEventsInput,
): Promise<{ events: EventView[]; nextCursor: string | null }> {
  requireScope(principal, 'events:read')
  const input = ListEventsInput.parse(raw)
  const org = principal.organizationId
  let q = deps.db.selectFrom('events').selectAll().where('organizationId', '=', org)
  // A principal narrowed to some workspaces reads their events only (not the organization-wide
  // ones: members, invites, keys, settings).
  const visible = seenWorkspaceIds(principal)
  if (visible !== null) q = q.where('workspaceId', 'in', visible)
  if (input.type && input.type.length > 0) q = q.where('type', 'in', input.type)
  if (input.connectionId) q = q.where('connectionId', '=', input.connectionId)
  if (input.workspaceId) q = q.where('workspaceId', '=', input.workspaceId)
  if (input.endUserId) {
    // A deleted end user's events keep its id; a live one may be named by externalId too.
    const ids = new Set([input.endUserId])
    for (const e of await matchEndUsers(deps, org, input.endUserId, input.workspaceId)) ids.add(e.id)
    q = q.where('endUserId', 'in', [...ids])
  }
  if (input.after !== undefined) q = q.where('seq', input.order === 'asc' ? '>' : '<', input.after)
  const rows = await q
    .orderBy('seq', input.order)
    .limit(input.limit + 1)
    .execute()
  const page = rows.slice(0, input.limit).map(storedEvent)
  const last = page[page.length - 1]
  return {
    events: page.map(({ organizationId: _, ...e }) => e),
    nextCursor: rows.length > input.limit && last ? String(last.seq) : null,
  }
}
