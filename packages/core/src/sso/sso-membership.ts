import type { User } from '@switchboard/db'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { appendEvent, inTransaction } from '../events/append-event.ts'
import { loginEvent, SSO_ONLY_PASSWORD_HASH } from '../tenancy/users.ts'
import type { SsoIdentity } from './oidc-client.ts'
import { ssoOrganizationForDomain } from './sso-settings.ts'

/**
 * Who an SSO sign-in is, in this order:
 * 1. the user already linked to the provider's (issuer, subject);
 * 2. else, with a verified email (`email_verified: true`), the user with that email, now linked;
 * 3. else a new user in the organization that takes members from the email's domain, with that
 *    organization's default role (just-in-time membership).
 * An unverified email is refused (403 SSO_EMAIL_NOT_VERIFIED) before any email is trusted, and
 * a domain no organization takes is refused (403 SSO_DOMAIN_NOT_ALLOWED). A known user whose
 * email is in a domain an organization takes, and who is not yet its member, joins it with its
 * default role (joinDomainOrganization); the session then opens in that organization.
 */
export async function resolveSsoUser(
  deps: CoreDeps,
  identity: SsoIdentity,
  sourceAddress: string,
): Promise<SsoUser> {
  const found = await findOrCreateSsoUser(deps, identity, sourceAddress)
  if (found.provisioned) {
    return { ...found, organizationId: found.user.organizationId, role: found.user.role }
  }
  return { user: found.user, ...(await joinDomainOrganization(deps, found.user)) }
}

export interface SsoUser {
  user: User
  /** Whether this sign-in made the user a member (a new account, or a join of the domain's organization). */
  provisioned: boolean
  /** The organization to open the session in: the email domain's when the user is its member; else the default. */
  organizationId?: string
  /** The user's role there, when provisioned. */
  role?: User['role']
}

/**
 * Just-in-time membership for a known user: when the organization taking the email's domain
 * does not count the user among its members yet, they join it with its default role and every
 * workspace, as a new account would.
 */
async function joinDomainOrganization(deps: CoreDeps, user: User): Promise<Omit<SsoUser, 'user'>> {
  const domain = user.email.slice(user.email.lastIndexOf('@') + 1)
  const org = await ssoOrganizationForDomain(deps, domain)
  if (!org) return { provisioned: false }
  const inserted = await deps.db
    .insertInto('memberships')
    .values({
      userId: user.id,
      organizationId: org.organizationId,
      role: org.defaultRole,
      workspaceIds: null,
      createdAt: deps.clock.now().toISOString(),
    })
    .onConflict((oc) => oc.columns(['userId', 'organizationId']).doNothing())
    .executeTakeFirst()
  const joined = (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n
  return joined
    ? { provisioned: true, organizationId: org.organizationId, role: org.defaultRole }
    : { provisioned: false, organizationId: org.organizationId }
}

async function findOrCreateSsoUser(
  deps: CoreDeps,
  identity: SsoIdentity,
  sourceAddress: string,
): Promise<{ user: User; provisioned: boolean }> {
  const linked = await deps.db
    .selectFrom('ssoIdentities')
    .innerJoin('users', 'users.id', 'ssoIdentities.userId')
    .selectAll('users')
    .where('ssoIdentities.issuer', '=', identity.issuer)
    .where('ssoIdentities.subject', '=', identity.subject)
    .executeTakeFirst()
  if (linked) return { user: linked, provisioned: false }

  if (!identity.email) {
    throw new AppError(
      'SSO_FAILED',
      'The SSO provider sent no email address; it must release the email claim (scope "email")',
    )
  }
  const email = identity.email
  const existing = await deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
  if (!identity.emailVerified) {
    if (existing) await recordFailure(deps, existing, sourceAddress, 'email_not_verified')
    throw new AppError(
      'SSO_EMAIL_NOT_VERIFIED',
      `The SSO provider does not say ${email} is verified; verify it there, then sign in again`,
    )
  }
  const now = deps.clock.now().toISOString()
  if (existing) {
    await link(deps, identity, existing.id, now)
    return { user: existing, provisioned: false }
  }

  const domain = email.slice(email.lastIndexOf('@') + 1)
  const org = await ssoOrganizationForDomain(deps, domain)
  if (!org) {
    deps.log.warn({ domain }, 'SSO: sign-in refused, no organization takes this email domain')
    throw new AppError(
      'SSO_DOMAIN_NOT_ALLOWED',
      `No organization here takes members from ${domain}; ask an admin to invite ${email} or to allow the domain`,
    )
  }
  const row: User = {
    id: deps.newId(),
    organizationId: org.organizationId,
    email,
    passwordHash: SSO_ONLY_PASSWORD_HASH,
    role: org.defaultRole,
    isSuperuser: 0,
    createdAt: now,
  }
  const created = await inTransaction(deps, async (tx) => {
    const inserted = await tx.db
      .insertInto('users')
      .values(row)
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst()
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) return false
    await tx.db
      .insertInto('memberships')
      .values({
        userId: row.id,
        organizationId: row.organizationId,
        role: row.role,
        workspaceIds: null,
        createdAt: now,
      })
      .execute()
    await link(tx, identity, row.id, now)
    return true
  })
  if (created) return { user: row, provisioned: true }
  // Another sign-in with the same email created it in between: that user, linked.
  const winner = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  await link(deps, identity, winner.id, now)
  return { user: winner, provisioned: false }
}

async function link(deps: Pick<CoreDeps, 'db'>, identity: SsoIdentity, userId: string, now: string) {
  await deps.db
    .insertInto('ssoIdentities')
    .values({ issuer: identity.issuer, subject: identity.subject, userId, createdAt: now })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
    .execute()
}

/** A refused SSO sign-in to a known account goes to its organization's audit log. */
export async function recordFailure(
  deps: CoreDeps,
  user: Pick<User, 'id' | 'organizationId' | 'email'>,
  sourceAddress: string,
  reason: string,
): Promise<void> {
  await inTransaction(deps, (tx) =>
    appendEvent(tx, loginEvent(user, 'failure', sourceAddress, 'sso', reason)),
  ).catch((e: unknown) => deps.log.error({ err: e }, 'could not record a failed SSO sign-in'))
}
