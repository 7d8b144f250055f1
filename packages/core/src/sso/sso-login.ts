import { z } from 'zod'
import { randomToken, sha256 } from '../crypto/random.ts'
import { secretAt } from '../crypto/secret-location.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { openDashboardSession } from '../tenancy/users.ts'
import { newAttemptSecrets, redeemSsoCallback, ssoAuthorizationUrl } from './oidc-client.ts'
import { resolveSsoUser } from './sso-membership.ts'

/** How long a started sign-in waits for its callback. */
export const SSO_ATTEMPT_TTL_MS = 10 * 60 * 1000

/**
 * Where the dashboard goes after signing in: a path of ours under /app, nothing that a browser
 * would read as another origin (`//evil.example`, `/\evil.example`). Anything else is /app.
 */
export const SsoReturnTo = z
  .string()
  .max(2000)
  .optional()
  .transform((v) => (v && /^\/app(?:[/?#]|$)/.test(v) && !/[\\\s]/.test(v) ? v : '/app'))

export const StartSsoLoginInput = z.object({ returnTo: SsoReturnTo })
export type StartSsoLoginInput = z.input<typeof StartSsoLoginInput>

/**
 * Starts an SSO sign-in: a fresh state, nonce and PKCE verifier, kept server-side (the verifier
 * and nonce through the cipher), and the provider's authorization URL to send the browser to.
 * `binding` goes into a short-lived cookie: the callback is accepted only in the browser that
 * started the sign-in (no login CSRF: an attacker's own callback link signs no one in as them).
 */
export async function startSsoLogin(deps: CoreDeps, raw: StartSsoLoginInput) {
  const input = StartSsoLoginInput.parse(raw)
  const secrets = newAttemptSecrets()
  const url = await ssoAuthorizationUrl(deps, secrets)
  const binding = randomToken(32)
  const now = deps.clock.now()
  const id = deps.newId()
  const expiresAt = new Date(now.getTime() + SSO_ATTEMPT_TTL_MS).toISOString()
  await deps.db.deleteFrom('ssoLoginAttempts').where('expiresAt', '<=', now.toISOString()).execute()
  await deps.db
    .insertInto('ssoLoginAttempts')
    .values({
      id,
      stateHash: sha256(secrets.state),
      bindingHash: sha256(binding),
      secretsCiphertext: deps.cipher.encrypt(
        JSON.stringify({ codeVerifier: secrets.codeVerifier, nonce: secrets.nonce }),
        secretAt.ssoLoginSecrets(id),
      ),
      returnTo: input.returnTo,
      expiresAt,
      createdAt: now.toISOString(),
    })
    .execute()
  return { redirectTo: url.href, binding, bindingExpiresAt: expiresAt }
}

/**
 * The provider's redirect back to us. The attempt is consumed first (a state works once), then
 * the browser binding, the RFC 9207 `iss`, the state, the code (PKCE) and the ID token (nonce
 * included) are checked, then the user is found, linked or created (sso-membership.ts) and a
 * dashboard session is opened with its `user.login` event (method `sso`).
 */
export async function completeSsoLogin(
  deps: CoreDeps,
  input: { callbackUrl: URL; binding: string | undefined },
  source: { sourceAddress: string; userAgent?: string | undefined },
) {
  const state = input.callbackUrl.searchParams.get('state')
  if (!state) throw new AppError('INVALID_STATE', 'The SSO answer has no state; sign in again')
  const attempt = await deps.db
    .deleteFrom('ssoLoginAttempts')
    .where('stateHash', '=', sha256(state))
    .returningAll()
    .executeTakeFirst()
  if (!attempt || attempt.expiresAt <= deps.clock.now().toISOString()) {
    throw new AppError('INVALID_STATE', 'This SSO sign-in expired or was already used; sign in again')
  }
  if (!input.binding || sha256(input.binding) !== attempt.bindingHash) {
    throw new AppError(
      'INVALID_STATE',
      'This SSO sign-in was started in another browser; start it again here',
    )
  }
  const { codeVerifier, nonce } = JSON.parse(
    deps.cipher.decrypt(attempt.secretsCiphertext, secretAt.ssoLoginSecrets(attempt.id)),
  ) as { codeVerifier: string; nonce: string }
  const identity = await redeemSsoCallback(deps, input.callbackUrl, { state, nonce, codeVerifier })
  const { user, provisioned, organizationId, role } = await resolveSsoUser(
    deps,
    identity,
    source.sourceAddress,
  )
  const session = await openDashboardSession(deps, user, {
    ...source,
    method: 'sso',
    provisioned,
    ...(organizationId !== undefined && { organizationId }),
    ...(role !== undefined && { role }),
  })
  return { ...session, returnTo: attempt.returnTo }
}
