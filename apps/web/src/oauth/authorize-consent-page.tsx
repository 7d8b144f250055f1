import { useEffect, useRef, useState } from 'react'
import { BrandMark } from '../components/brand-mark.tsx'
import { Spinner } from '../components/spinner.tsx'
import { trpcClient } from '../trpc.ts'
import {
  type InteractionResult,
  loadInteraction,
  submitDecision,
  uidFromLocation,
} from './interaction-api.ts'

/**
 * /authorize/consent?uid=… — a third-party app asks to act on the signed-in user's
 * organization (seed 003). Shows the app, the scopes in plain words and the organization, and
 * posts the decision (see submitDecision); the browser then goes to the address the server
 * answers, and the authorization server sends it back to the app.
 */
export function AuthorizeConsentPage() {
  const uid = uidFromLocation()
  const [state, setState] = useState<InteractionResult | null>(null)
  const [submitting, setSubmitting] = useState<'allow' | 'deny' | null>(null)
  const [submitError, setSubmitError] = useState<string | null>(null)
  // Set synchronously, so a double click cannot post the decision twice.
  const submittedRef = useRef(false)

  async function decide(decision: 'allow' | 'deny') {
    if (submittedRef.current) return
    submittedRef.current = true
    setSubmitting(decision)
    setSubmitError(null)
    const result = await submitDecision(uid, decision)
    if (result.ok) {
      window.location.assign(result.redirectTo)
      return
    }
    submittedRef.current = false
    setSubmitting(null)
    setSubmitError(result.message)
  }

  useEffect(() => {
    document.title = 'Authorize an application · Switchboard'
    let live = true
    void loadInteraction(uid).then((result) => {
      if (!live) return
      if (result.kind === 'ok' && result.interaction.loginRequired) {
        window.location.replace(result.interaction.loginUrl)
        return
      }
      setState(result)
    })
    return () => {
      live = false
    }
  }, [uid])

  async function switchAccount() {
    await trpcClient.auth.logout.mutate().catch(() => undefined)
    window.location.assign(`/authorize/login?uid=${encodeURIComponent(uid)}`)
  }

  return (
    <main className="centered-page">
      <div className="login-brand">
        <BrandMark />
        <span>Switchboard</span>
      </div>
      <section className="card narrow-card stack" aria-live="polite">
        {state === null && (
          <p className="muted">
            <Spinner size="sm" /> Loading the request…
          </p>
        )}
        {state !== null && state.kind !== 'ok' && (
          <>
            <h1>Authorization unavailable</h1>
            <div className="alert alert-error" role="alert">
              {state.message}
            </div>
          </>
        )}
        {state?.kind === 'ok' && (
          <>
            <div className="login-brand">
              {state.interaction.client.logoUrl && (
                <img
                  src={state.interaction.client.logoUrl}
                  alt=""
                  width={40}
                  height={40}
                  referrerPolicy="no-referrer"
                />
              )}
              <h1>{state.interaction.client.name} wants to access your Switchboard organization</h1>
            </div>
            <p className="muted small">
              Registered by {state.interaction.client.developer}. Only allow applications you trust.
            </p>
            {state.interaction.organization && (
              <p>
                It will act on <strong>{state.interaction.organization.name}</strong>
                {state.interaction.user && <> as {state.interaction.user.email}</>}.{' '}
                <button type="button" className="button button-ghost button-small" onClick={switchAccount}>
                  Not you?
                </button>
              </p>
            )}
            <div>
              <h2>It will be able to:</h2>
              {state.interaction.scopes.length === 0 ? (
                <p className="muted">Nothing beyond knowing you approved it.</p>
              ) : (
                <ul>
                  {state.interaction.scopes.map((s) => (
                    <li key={s.scope}>
                      {s.description} <code className="muted small">{s.scope}</code>
                    </li>
                  ))}
                </ul>
              )}
              <p className="muted small">You can revoke this access at any time in Switchboard's settings.</p>
            </div>
            {submitError && (
              <div className="alert alert-error" role="alert">
                {submitError}
              </div>
            )}
            <div className="form-actions">
              <button
                type="button"
                className="button"
                disabled={submitting !== null}
                onClick={() => void decide('deny')}
              >
                {submitting === 'deny' && <Spinner size="sm" />}
                Deny
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={submitting !== null}
                onClick={() => void decide('allow')}
              >
                {submitting === 'allow' && <Spinner size="sm" />}
                Allow
              </button>
            </div>
          </>
        )}
      </section>
    </main>
  )
}
