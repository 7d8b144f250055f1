import { type FormEvent, useEffect, useId, useState } from 'react'
import { BrandMark } from '../components/brand-mark.tsx'
import { Spinner } from '../components/spinner.tsx'
import { appCodeOf, messageOf } from '../errors.ts'
import { trpcClient } from '../trpc.ts'
import { type InteractionResult, loadInteraction, uidFromLocation } from './interaction-api.ts'

/**
 * /authorize/login?uid=… — signs the customer in to the dashboard (tRPC `auth.login`, which sets
 * the session cookie) before a third-party app's consent page, then returns to that page.
 */
export function AuthorizeLoginPage() {
  const uid = uidFromLocation()
  const consentUrl = `/authorize/consent?uid=${encodeURIComponent(uid)}`
  const [state, setState] = useState<InteractionResult | null>(null)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const errorId = useId()

  useEffect(() => {
    document.title = 'Sign in to authorize · Switchboard'
    let live = true
    void loadInteraction(uid).then((result) => {
      if (!live) return
      // Already signed in: straight to the consent page.
      if (result.kind === 'ok' && !result.interaction.loginRequired) {
        window.location.replace(consentUrl)
        return
      }
      setState(result)
    })
    return () => {
      live = false
    }
  }, [uid, consentUrl])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setPending(true)
    setError(null)
    try {
      await trpcClient.auth.login.mutate({ email: email.trim(), password })
      window.location.replace(consentUrl)
    } catch (e) {
      setPending(false)
      setError(
        appCodeOf(e) === 'UNAUTHORIZED'
          ? 'Email or password is incorrect. Check both and try again.'
          : messageOf(e),
      )
    }
  }

  const appName = state?.kind === 'ok' ? state.interaction.client.name : 'An application'
  return (
    <main className="centered-page login-page">
      <div className="login-brand">
        <BrandMark />
        <span>Switchboard</span>
      </div>
      {state !== null && state.kind !== 'ok' ? (
        <section className="card narrow-card stack">
          <h1>Authorization unavailable</h1>
          <div className="alert alert-error" role="alert">
            {state.message}
          </div>
        </section>
      ) : (
        <form
          className="card narrow-card form"
          onSubmit={submit}
          aria-describedby={error ? errorId : undefined}
        >
          <h1>Sign in to continue</h1>
          <p className="muted">
            {appName} is asking for access to your Switchboard organization. Sign in with your dashboard
            account; you will see what it asks for before anything is shared.
          </p>
          {error && (
            <div id={errorId} className="alert alert-error" role="alert">
              {error}
            </div>
          )}
          <div className="field">
            <label htmlFor="authorize-email">Email</label>
            <input
              id="authorize-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="authorize-password">Password</label>
            <input
              id="authorize-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <button
            type="submit"
            className="button button-primary button-block"
            disabled={pending || state === null}
          >
            {pending && <Spinner size="sm" />}
            {pending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
    </main>
  )
}
