import { useEffect, useState } from 'react'
import { Spinner } from '../components/spinner.tsx'
import { authorizeUrl } from './connect-api.ts'
import type { Translate } from './i18n.ts'
import { rememberToken } from './remembered-token.ts'

interface OAuthAuthorizeProps {
  token: string
  sessionId: string
  integrationName: string
  /** In a popup that reports to its opener (even when the session has a success redirect URI). */
  popup: boolean
  t: Translate
}

/** OAuth2: hand this window over to the provider (the server redirects there and back). */
export function OAuthAuthorize({ token, sessionId, integrationName, popup, t }: OAuthAuthorizeProps) {
  const [redirecting, setRedirecting] = useState(false)

  // Coming back with the browser's Back button restores the page from cache: make the button usable again.
  useEffect(() => {
    const reset = (event: PageTransitionEvent) => {
      if (event.persisted) setRedirecting(false)
    }
    window.addEventListener('pageshow', reset)
    return () => window.removeEventListener('pageshow', reset)
  }, [])

  function authorize() {
    setRedirecting(true)
    rememberToken(sessionId, token)
    window.location.assign(authorizeUrl(token, popup))
  }

  const vars = { integration: integrationName }
  return (
    <div className="connect-body">
      <p className="muted connect-oauth-hint">{t('oauthHint', vars)}</p>
      <button
        type="button"
        className="button button-primary button-block button-large"
        onClick={authorize}
        disabled={redirecting}
      >
        {redirecting && <Spinner size="sm" />}
        {redirecting ? t('redirecting', vars) : t('authorize', vars)}
      </button>
      <span className="visually-hidden" role="status">
        {redirecting ? t('redirecting', vars) : ''}
      </span>
    </div>
  )
}
