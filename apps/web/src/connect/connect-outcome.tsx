import { useEffect } from 'react'
import type { ConnectSession } from './connect-api.ts'
import { ConnectMessage } from './connect-message.tsx'
import type { Translate } from './i18n.ts'

interface ConnectOutcomeProps {
  session: ConnectSession
  t: Translate
  /** A popup that reported to its opener and is about to close. */
  closing: boolean
  /** Where the app wants people sent after a successful form submission (OAuth redirects server-side). */
  redirectTo: string | null
}

const REDIRECT_DELAY_MS = 1500

/** The end of the flow: connected, or not and what to do about it. */
export function ConnectOutcome({ session, t, closing, redirectTo }: ConnectOutcomeProps) {
  const vars = { org: session.organization.name, integration: session.integration.displayName }

  useEffect(() => {
    if (!redirectTo) return
    const timer = setTimeout(() => window.location.assign(redirectTo), REDIRECT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [redirectTo])

  if (session.status === 'COMPLETED') {
    return (
      <ConnectMessage tone="success" title={t('successTitle')}>
        <p>{t('successBody', vars)}</p>
        <p className="muted">
          {redirectTo ? t('returning') : closing ? t('successNextPopup') : t('successNext')}
        </p>
      </ConnectMessage>
    )
  }
  return (
    <ConnectMessage tone="error" title={t('failedTitle')}>
      <p>{t('failedBody', vars)}</p>
      {session.error && <p className="connect-error-detail">{t('failedReason', { error: session.error })}</p>}
      <p className="muted">{t('failedNext', vars)}</p>
    </ConnectMessage>
  )
}
