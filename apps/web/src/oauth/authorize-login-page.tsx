import { useEffect, useState } from 'react'
import { BrandMark } from '../components/brand-mark.tsx'
import { LoginForm } from '../components/login-form.tsx'
import { type InteractionResult, loadInteraction, uidFromLocation } from './interaction-api.ts'

/**
 * /authorize/login?uid=… — signs the customer in to the dashboard (tRPC `auth.login`, which sets
 * the session cookie; the same LoginForm as the dashboard's) before a third-party app's consent
 * page, then returns to that page.
 */
export function AuthorizeLoginPage() {
  const uid = uidFromLocation()
  const consentUrl = `/authorize/consent?uid=${encodeURIComponent(uid)}`
  const [state, setState] = useState<InteractionResult | null>(null)

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
        <LoginForm
          idPrefix="authorize"
          title="Sign in to continue"
          intro={`${appName} is asking for access to your Switchboard organization. Sign in with your dashboard account; you will see what it asks for before anything is shared.`}
          onSignedIn={() => window.location.replace(consentUrl)}
          disabled={state === null}
        />
      )}
    </main>
  )
}
