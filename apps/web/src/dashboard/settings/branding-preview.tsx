import { accentStyle } from '../../color.ts'
import { Logo } from '../../components/logo.tsx'

interface BrandingPreviewProps {
  organizationName: string
  logoUrl: string | undefined
  primaryColor: string | undefined
}

/** A scaled-down connect page header as your end users will see it. */
export function BrandingPreview({ organizationName, logoUrl, primaryColor }: BrandingPreviewProps) {
  return (
    <figure className="branding-preview">
      <figcaption className="field-help">Preview</figcaption>
      <div className="preview-card themed" style={accentStyle(primaryColor)} data-testid="branding-preview">
        <Logo src={logoUrl} name={organizationName} size={44} />
        <p className="preview-org">{organizationName}</p>
        <p className="preview-text">wants to connect to your account</p>
        <span className="button button-primary button-block preview-button" aria-hidden="true">
          Authorize
        </span>
      </div>
    </figure>
  )
}
