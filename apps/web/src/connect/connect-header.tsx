import { Logo } from '../components/logo.tsx'
import type { ConnectSession } from './connect-api.ts'
import type { Translate } from './i18n.ts'

interface ConnectHeaderProps {
  session: ConnectSession
  t: Translate
  /** False when a status message below carries the page's h1. */
  withTitle?: boolean
}

/** Who asks (the organization) and for what (the integration). */
export function ConnectHeader({ session, t, withTitle = true }: ConnectHeaderProps) {
  const { organization, integration } = session
  const vars = { org: organization.name, integration: integration.displayName }
  return (
    <header className="connect-header">
      <div className="connect-logos">
        <Logo
          src={organization.branding.logoUrl}
          name={organization.name}
          size={48}
          alt={organization.name}
        />
        <span className="connect-link" aria-hidden="true">
          <span />
          <span />
          <span />
        </span>
        <Logo
          src={integration.logoUrl}
          name={integration.displayName}
          size={48}
          alt={integration.displayName}
        />
      </div>
      {withTitle && (
        <>
          <h1>{t('pageTitle', vars)}</h1>
          <p className="connect-intro">{t('intro', vars)}</p>
        </>
      )}
    </header>
  )
}
