import { accentStyle } from '../../color.ts'
import { canLoadLogo, Logo } from '../../components/logo.tsx'
import { translator } from '../../connect/i18n.ts'

interface BrandingPreviewProps {
  organizationName: string
  logoUrl: string | undefined
  primaryColor: string | undefined
}

/** The integration the preview pretends to connect. */
const EXAMPLE_INTEGRATION = 'GitHub'
const t = translator('en')

/**
 * A scaled-down connect page header as your end users will see it, in the connect page's own
 * words (connect/i18n.ts), for an example integration.
 */
export function BrandingPreview({ organizationName, logoUrl, primaryColor }: BrandingPreviewProps) {
  const vars = { org: organizationName, integration: EXAMPLE_INTEGRATION }
  // The dashboard loads no image from another origin (its CSP): the connect page itself does.
  const logoHost = logoUrl && !canLoadLogo(logoUrl, false) ? hostOf(logoUrl) : null
  return (
    <figure className="branding-preview">
      <figcaption className="field-help">Preview, with {EXAMPLE_INTEGRATION} as the integration</figcaption>
      <div className="preview-card themed" style={accentStyle(primaryColor)} data-testid="branding-preview">
        <Logo src={logoUrl} name={organizationName} size={44} />
        <p className="preview-title">{t('pageTitle', vars)}</p>
        <p className="preview-text">{t('intro', vars)}</p>
        <span className="button button-primary button-block preview-button" aria-hidden="true">
          {t('authorize', vars)}
        </span>
      </div>
      {logoHost && (
        <p className="field-help" data-testid="branding-preview-logo-note">
          Your logo shows on the connect page, loaded from {logoHost}. The dashboard loads images only from
          Switchboard, so it shows your initial here.
        </p>
      )}
    </figure>
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
