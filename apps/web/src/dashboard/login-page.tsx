import { useQueryClient } from '@tanstack/react-query'
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router'
import { BrandMark } from '../components/brand-mark.tsx'
import { LoginForm } from '../components/login-form.tsx'
import { SsoError, SsoSignIn } from './sso-sign-in.tsx'
import { useDocumentTitle } from './use-document-title.ts'
import { useMe } from './use-me.ts'

/** Where to go after signing in: back to the page that sent us here, if it was a dashboard page. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from
  return typeof from === 'string' && from.startsWith('/app') && !from.startsWith('/app/login') ? from : '/app'
}

export function LoginPage() {
  const me = useMe()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  const [search] = useSearchParams()
  const ssoError = search.get('sso_error')

  useDocumentTitle('Sign in')

  if (me.data?.user) return <Navigate to={returnPath(location.state)} replace />

  return (
    <main className="centered-page login-page">
      <div className="login-brand">
        <BrandMark />
        <span>Switchboard</span>
      </div>
      {ssoError && <SsoError code={ssoError} />}
      <LoginForm
        idPrefix="login"
        title="Sign in"
        intro="Use the email and password of your Switchboard dashboard account."
        onSignedIn={() => {
          // Nothing cached for a previous user may leak into this session.
          queryClient.removeQueries()
          void navigate(returnPath(location.state), { replace: true })
        }}
      >
        <SsoSignIn returnTo={returnPath(location.state)} />
        <p className="muted small">
          No account yet? Ask an owner of your organization. The first account is created with{' '}
          <code>pnpm cli bootstrap</code>.
        </p>
      </LoginForm>
    </main>
  )
}
