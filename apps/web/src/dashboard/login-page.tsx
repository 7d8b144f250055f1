import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { Navigate, useLocation, useNavigate } from 'react-router'
import { BrandMark } from '../components/brand-mark.tsx'
import { Spinner } from '../components/spinner.tsx'
import { appCodeOf, messageOf } from '../errors.ts'
import { trpc } from '../trpc.ts'
import { useDocumentTitle } from './use-document-title.ts'
import { useMe } from './use-me.ts'

/** Where to go after signing in: back to the page that sent us here, if it was a dashboard page. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from
  return typeof from === 'string' && from.startsWith('/app') && !from.startsWith('/app/login') ? from : '/app'
}

function loginErrorMessage(error: unknown): string {
  if (appCodeOf(error) === 'UNAUTHORIZED') return 'Email or password is incorrect. Check both and try again.'
  if (appCodeOf(error) === 'VALIDATION_ERROR') return 'Enter your email and password.'
  return messageOf(error)
}

export function LoginPage() {
  const me = useMe()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const errorId = useId()

  useDocumentTitle('Sign in')

  const login = useMutation({
    ...trpc.auth.login.mutationOptions(),
    onSuccess: () => {
      // Nothing cached for a previous user may leak into this session.
      queryClient.removeQueries()
      void navigate(returnPath(location.state), { replace: true })
    },
  })

  if (me.data?.user && !login.isPending && !login.isSuccess) {
    return <Navigate to={returnPath(location.state)} replace />
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    login.mutate({ email: email.trim(), password })
  }

  const hasError = login.isError
  return (
    <main className="centered-page login-page">
      <div className="login-brand">
        <BrandMark />
        <span>Switchboard</span>
      </div>
      <form
        className="card narrow-card form"
        onSubmit={submit}
        aria-describedby={hasError ? errorId : undefined}
      >
        <h1>Sign in</h1>
        <p className="muted">Use the email and password of your Switchboard dashboard account.</p>
        {hasError && (
          <div id={errorId} className="alert alert-error" role="alert">
            {loginErrorMessage(login.error)}
          </div>
        )}
        <div className="field">
          <label htmlFor="login-email">Email</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={hasError || undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={hasError || undefined}
          />
        </div>
        <button type="submit" className="button button-primary button-block" disabled={login.isPending}>
          {login.isPending && <Spinner size="sm" />}
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">
          No account yet? Ask an owner of your organization. The first account is created with{' '}
          <code>pnpm cli bootstrap</code>.
        </p>
      </form>
    </main>
  )
}
