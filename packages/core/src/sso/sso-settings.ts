import type { Role } from '@switchboard/db'
import { z } from 'zod'
import { type Principal, requireScope } from '../auth/principal.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { actorOf } from '../events/types.ts'

/**
 * An organization's dashboard SSO settings: which verified email domains join it on first SSO
 * sign-in, with which role, and whether password sign-in is refused. The provider itself is the
 * server's (SWITCHBOARD_OIDC_ISSUER, docs/configuration.md), shared by every organization.
 */
export interface SsoSettingsView {
  /** Whether this server has an OpenID provider configured at all. */
  available: boolean
  domains: string[]
  defaultRole: Role
  enforced: boolean
}

/** The roles a member created by SSO may get (never owner: an owner is chosen, not provisioned). */
export const SSO_DEFAULT_ROLES = ['viewer', 'member', 'admin'] as const satisfies readonly Role[]
const DEFAULT_ROLE: Role = 'member'

/** A DNS name of two labels or more, lower-cased: `example.com`, `eu.acme.io`. */
export const EmailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'an email domain like example.com (no @, no scheme)',
  )

export const UpdateSsoSettingsInput = z.strictObject({
  domains: z.array(EmailDomainSchema).max(50).optional(),
  defaultRole: z.enum(SSO_DEFAULT_ROLES).optional(),
  enforced: z.boolean().optional(),
})
export type UpdateSsoSettingsInput = z.infer<typeof UpdateSsoSettingsInput>

export function ssoAvailable(deps: CoreDeps): boolean {
  return deps.config.sso !== undefined
}

export async function getSsoSettings(deps: CoreDeps, principal: Principal): Promise<SsoSettingsView> {
  requireScope(principal, 'settings:read')
  return readSettings(deps, principal.organizationId)
}

async function readSettings(deps: CoreDeps, organizationId: string): Promise<SsoSettingsView> {
  const row = await deps.db
    .selectFrom('organizationSsoSettings')
    .select(['defaultRole', 'enforced'])
    .where('organizationId', '=', organizationId)
    .executeTakeFirst()
  const domains = await deps.db
    .selectFrom('ssoDomains')
    .select('domain')
    .where('organizationId', '=', organizationId)
    .orderBy('domain')
    .execute()
  return {
    available: ssoAvailable(deps),
    domains: domains.map((d) => d.domain),
    defaultRole: row?.defaultRole ?? DEFAULT_ROLE,
    enforced: row?.enforced === 1,
  }
}

/**
 * Changes the SSO settings (owners and admins). A domain another organization has claimed is
 * refused (409 CONFLICT): one domain, one organization. Enforcing SSO needs a provider on this
 * server, or nobody could sign in (400 SSO_NOT_CONFIGURED).
 */
export async function updateSsoSettings(
  deps: CoreDeps,
  principal: Principal,
  input: UpdateSsoSettingsInput,
): Promise<SsoSettingsView> {
  requireScope(principal, 'settings:write')
  const org = principal.organizationId
  if (input.enforced === true && !ssoAvailable(deps)) {
    throw new AppError(
      'SSO_NOT_CONFIGURED',
      'SSO cannot be enforced: this server has no OpenID provider (set SWITCHBOARD_OIDC_ISSUER, SWITCHBOARD_OIDC_CLIENT_ID and SWITCHBOARD_OIDC_CLIENT_SECRET)',
    )
  }
  const now = deps.clock.now().toISOString()
  await inTransaction(deps, async (tx) => {
    const current = await tx.db
      .selectFrom('organizationSsoSettings')
      .selectAll()
      .where('organizationId', '=', org)
      .executeTakeFirst()
    const next = {
      organizationId: org,
      defaultRole: input.defaultRole ?? current?.defaultRole ?? DEFAULT_ROLE,
      enforced: (input.enforced ?? current?.enforced === 1) ? 1 : 0,
      updatedAt: now,
    }
    await tx.db
      .insertInto('organizationSsoSettings')
      .values(next)
      .onConflict((oc) =>
        oc.column('organizationId').doUpdateSet({
          defaultRole: next.defaultRole,
          enforced: next.enforced,
          updatedAt: now,
        }),
      )
      .execute()
    if (input.domains !== undefined) {
      const domains = [...new Set(input.domains)]
      if (domains.length > 0) {
        const taken = await tx.db
          .selectFrom('ssoDomains')
          .select('domain')
          .where('domain', 'in', domains)
          .where('organizationId', '!=', org)
          .execute()
        if (taken.length > 0) {
          throw new AppError(
            'CONFLICT',
            `Another organization already takes SSO members from ${taken.map((t) => t.domain).join(', ')}`,
            { domains: taken.map((t) => t.domain) },
          )
        }
      }
      await tx.db.deleteFrom('ssoDomains').where('organizationId', '=', org).execute()
      for (const domain of domains) {
        await tx.db.insertInto('ssoDomains').values({ domain, organizationId: org, createdAt: now }).execute()
      }
    }
    // Turning enforcement on ends the organization's password sessions (and those opened before
    // sign-in methods were recorded); SSO sessions and superusers' stay.
    let endedSessions = 0
    const enforcing = next.enforced === 1 && current?.enforced !== 1
    if (enforcing) {
      const superusers = tx.db.selectFrom('users').select('id').where('isSuperuser', '=', 1)
      const ended = await tx.db
        .deleteFrom('dashboardSessions')
        .where('organizationId', '=', org)
        .where((eb) => eb.or([eb('method', 'is', null), eb('method', '!=', 'sso')]))
        .where('userId', 'not in', superusers)
        .executeTakeFirst()
      endedSessions = Number(ended.numDeletedRows)
    }
    const after = await readSettings(tx, org)
    await appendEvent(tx, {
      organizationId: org,
      type: 'sso_settings.updated',
      actor: actorOf(principal),
      data: {
        domains: after.domains,
        defaultRole: after.defaultRole,
        enforced: after.enforced,
        previousEnforced: current?.enforced === 1,
        ...(enforcing && { endedPasswordSessions: endedSessions }),
      },
    })
  })
  return readSettings(deps, org)
}

/** Whether password sign-in is refused for the organization's users. */
export async function ssoEnforcedFor(deps: CoreDeps, organizationId: string): Promise<boolean> {
  if (!ssoAvailable(deps)) return false
  const row = await deps.db
    .selectFrom('organizationSsoSettings')
    .select('enforced')
    .where('organizationId', '=', organizationId)
    .executeTakeFirst()
  return row?.enforced === 1
}

/** The organization that takes SSO members from `domain`, with the role they get. */
export async function ssoOrganizationForDomain(
  deps: CoreDeps,
  domain: string,
): Promise<{ organizationId: string; defaultRole: Role } | undefined> {
  const row = await deps.db
    .selectFrom('ssoDomains')
    .leftJoin(
      'organizationSsoSettings',
      'organizationSsoSettings.organizationId',
      'ssoDomains.organizationId',
    )
    .select(['ssoDomains.organizationId', 'organizationSsoSettings.defaultRole'])
    .where('ssoDomains.domain', '=', domain)
    .executeTakeFirst()
  return row
    ? { organizationId: row.organizationId, defaultRole: row.defaultRole ?? DEFAULT_ROLE }
    : undefined
}
