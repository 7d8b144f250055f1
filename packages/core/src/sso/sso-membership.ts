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
 * a domain no organization takes is refused (403 SSO_DOMAIN_NOT_ALLOWED).
 *
 * Membership is one user row in one organization today; this is the one place to change when a
 * user can belong to several organizations.
 */
export async function resolveSsoUser(
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
