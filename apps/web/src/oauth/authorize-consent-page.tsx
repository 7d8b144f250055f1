import { useEffect, useState } from 'react'
import { BrandMark } from '../components/brand-mark.tsx'
import { Spinner } from '../components/spinner.tsx'
import { trpcClient } from '../trpc.ts'
import {
  type InteractionResult,
  interactionPath,
  loadInteraction,
  uidFromLocation,
} from './interaction-api.ts'

/**
 * /authorize/consent?uid=… — a third-party app asks to act on the signed-in user's
 * organization (seed 003). Shows the app, the scopes in plain words and the organization, and
 * posts the decision as a real form: the server answers 303 to the authorization server, which
 * sends the browser back to the app.
 */
export function AuthorizeConsentPage() {
  const uid = uidFromLocation()
  const [state, setState] = useState<InteractionResult | null>(null)
  const [submitting, setSubmitting] = useState<'allow' | 'deny' | null>(null)

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
            <form
              method="post"
              action={interactionPath(uid)}
              className="form-actions"
              onSubmit={(e) => {
                const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
                setSubmitting(submitter?.value === 'deny' ? 'deny' : 'allow')
              }}
            >
              <button
                type="submit"
                name="decision"
                value="deny"
                className="button"
                disabled={submitting !== null}
              >
                {submitting === 'deny' && <Spinner size="sm" />}
                Deny
              </button>
              <button
                type="submit"
                name="decision"
                value="allow"
                className="button button-primary"
                disabled={submitting !== null}
              >
                {submitting === 'allow' && <Spinner size="sm" />}
                Allow
              </button>
            </form>
          </>
        )}
      </section>
    </main>
  )
}
