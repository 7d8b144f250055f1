import { useQuery } from '@tanstack/react-query'
import { trpc } from '../trpc.ts'

/** What the sign-in page says when SSO sent the browser back with `?sso_error=CODE`. */
export function ssoErrorMessage(code: string): string {
  switch (code) {
    case 'SSO_EMAIL_NOT_VERIFIED':
      return 'Your identity provider does not say your email address is verified. Verify it there, then sign in with SSO again.'
    case 'SSO_DOMAIN_NOT_ALLOWED':
      return 'No organization here takes members from your email domain. Ask an admin to invite you or to allow your domain under Settings → SSO.'
    case 'SSO_NOT_CONFIGURED':
      return 'SSO is not set up on this server. Sign in with your email and password.'
    case 'INVALID_STATE':
      return 'That SSO sign-in expired or was started in another browser. Sign in with SSO again.'
    case 'SSO_FAILED':
      return 'The answer from your identity provider could not be verified, so you were not signed in. Sign in with SSO again; if it keeps failing, tell your admin.'
    default:
      return 'SSO sign-in did not work. Try again, or sign in with your email and password.'
  }
}

/** Why SSO sent the browser back here (`?sso_error=CODE`), above the sign-in form. */
export function SsoError({ code }: { code: string }) {
  return (
    <div className="alert alert-error narrow-alert" role="alert" data-testid="sso-error">
      {ssoErrorMessage(code)}
    </div>
  )
}

/** "Sign in with SSO" under the password form, when the server has an OpenID provider. */
export function SsoSignIn({ returnTo }: { returnTo: string }) {
  const sso = useQuery(trpc.auth.sso.queryOptions())
  if (!sso.data?.enabled) return null
  const href = `${sso.data.startUrl}?${new URLSearchParams({ returnTo }).toString()}`
  return (
    <div className="sso-sign-in">
      <div className="divider-text" aria-hidden="true">
        or
      </div>
      <a className="button button-block" href={href}>
        Sign in with SSO
      </a>
    </div>
  )
}
