import type { Plan } from '@switchboard/db'
import { z } from 'zod'
import { type Principal, requireScope } from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { type OrganizationView, toOrganizationView } from './views.ts'

/**
 * Serializes changes that count something of the organization (its owners, its workspaces)
 * and must not both pass the count: a no-op update of the organization's row takes its row
 * lock on PostgreSQL and SQLite's write lock, until the transaction ends. Call first in the
 * transaction, before what it counts is read.
 */
export async function lockOrganization(tx: Pick<CoreDeps, 'db'>, organizationId: string): Promise<void> {
  await tx.db
    .updateTable('organizations')
    .set((eb) => ({ name: eb.ref('name') }))
    .where('id', '=', organizationId)
    .execute()
}

export const PlanSchema = z.enum(['FREE', 'TEAM', 'SCALE', 'ENTERPRISE'])

export async function createOrganization(deps: CoreDeps, input: { name: string; plan: Plan }) {
  const now = deps.clock.now().toISOString()
  const row = {
    id: deps.newId(),
    name: input.name,
    plan: input.plan,
    allowedRedirectOrigins: '[]',
    branding: '{}',
    createdAt: now,
    updatedAt: now,
  }
  await deps.db.insertInto('organizations').values(row).execute()
  return row
}

export async function getOrganization(deps: CoreDeps, principal: Principal): Promise<OrganizationView> {
  const org = await deps.db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', principal.organizationId)
    .executeTakeFirst()
  if (!org) throw new AppError('NOT_FOUND', 'Organization not found')
  return toOrganizationView(org)
}

/**
 * Redirect origins and redirect URIs are matched exactly, so a `*` in a host would be stored as a
 * literal that never matches (URL parsing accepts it): refused, with what to do instead.
 */
export const WILDCARD_MESSAGE =
  'wildcards are not supported: list each origin exactly, e.g. https://app.example.com'

/** An origin: scheme, host and optional port, nothing else. https, or http on loopback. */
export const OriginSchema = z.string().superRefine((value, ctx) => {
  const u = URL.parse(value)
  if (u?.hostname.includes('*')) {
    ctx.addIssue({ code: 'custom', message: WILDCARD_MESSAGE })
    return
  }
  const loopback = u !== null && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)
  if (!u || u.origin !== value || !(u.protocol === 'https:' || (u.protocol === 'http:' && loopback))) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an origin like https://app.example.com (http only for localhost)',
    })
  }
})

export const UpdateOrganizationInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  allowedRedirectOrigins: z.array(OriginSchema).max(50).optional(),
  branding: z
    .object({
      logoUrl: z
        .url({ protocol: /^https$/ })
        .max(2000)
        .optional(),
      primaryColor: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #4f46e5')
        .optional(),
    })
    .optional(),
})
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationInput>

export async function updateOrganization(
  deps: CoreDeps,
  principal: Principal,
  input: UpdateOrganizationInput,
): Promise<OrganizationView> {
  requireScope(principal, 'settings:write')
  const patch: { name?: string; allowedRedirectOrigins?: string; branding?: string; updatedAt: string } = {
    updatedAt: deps.clock.now().toISOString(),
  }
  if (input.name !== undefined) patch.name = input.name
  if (input.allowedRedirectOrigins !== undefined) {
    patch.allowedRedirectOrigins = JSON.stringify([...new Set(input.allowedRedirectOrigins)])
  }
  if (input.branding !== undefined) patch.branding = JSON.stringify(input.branding)
  await deps.db.updateTable('organizations').set(patch).where('id', '=', principal.organizationId).execute()
  return getOrganization(deps, principal)
}
