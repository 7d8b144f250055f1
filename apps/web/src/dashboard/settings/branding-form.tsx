import { type FormEvent, useState } from 'react'
import { isHexColor } from '../../color.ts'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { BrandingPreview } from './branding-preview.tsx'
import { SavedNotice } from './saved-notice.tsx'
import { type Organization, useUpdateOrganization } from './use-update-organization.ts'

interface BrandingFormProps {
  organization: Organization
  readOnly: boolean
}

const DEFAULT_COLOR = '#4f46e5'

function localLogoError(value: string): string | null {
  if (value === '') return null
  try {
    return new URL(value).protocol === 'https:' ? null : 'Use an https:// address for the logo.'
  } catch {
    return 'Enter a full address, like https://example.com/logo.png.'
  }
}

/** The logo and accent colour of the hosted connect page, with a live preview. */
export function BrandingForm({ organization, readOnly }: BrandingFormProps) {
  const [logoUrl, setLogoUrl] = useState(organization.branding.logoUrl ?? '')
  const [color, setColor] = useState(organization.branding.primaryColor ?? '')
  const update = useUpdateOrganization()

  const issues = fieldIssuesOf(update.error)
  const logoIssueRaw = issues.find((i) => i.path === 'branding.logoUrl')
  const colorIssueRaw = issues.find((i) => i.path === 'branding.primaryColor')
  const logoIssue = logoIssueRaw && describeIssue(logoIssueRaw, 'The logo address')
  const colorIssue = colorIssueRaw && describeIssue(colorIssueRaw, 'The colour')
  const trimmedLogo = logoUrl.trim()
  const trimmedColor = color.trim()
  const logoError = localLogoError(trimmedLogo) ?? logoIssue ?? null
  const colorError =
    trimmedColor !== '' && !isHexColor(trimmedColor)
      ? 'Use six hex digits after #, like #4f46e5.'
      : (colorIssue ?? null)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (localLogoError(trimmedLogo) || (trimmedColor !== '' && !isHexColor(trimmedColor))) return
    const branding: { logoUrl?: string; primaryColor?: string } = {}
    if (trimmedLogo) branding.logoUrl = trimmedLogo
    if (trimmedColor) branding.primaryColor = trimmedColor.toLowerCase()
    update.mutate({ branding })
  }

  return (
    <section className="card" aria-labelledby="branding-heading">
      <h2 id="branding-heading">Connect page branding</h2>
      <p className="muted">Your end users see this logo and colour when they connect an account.</p>
      <div className="branding-layout">
        <form className="form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="branding-logo">Logo URL</label>
            <input
              id="branding-logo"
              type="url"
              inputMode="url"
              placeholder="https://example.com/logo.png"
              value={logoUrl}
              readOnly={readOnly}
              onChange={(e) => {
                setLogoUrl(e.target.value)
                update.reset()
              }}
              aria-invalid={logoError ? true : undefined}
              aria-describedby="branding-logo-help"
            />
            <p id="branding-logo-help" className={logoError ? 'field-error' : 'field-help'}>
              {logoError ?? 'A square image works best (at least 96 × 96 pixels). Leave empty for no logo.'}
            </p>
          </div>
          <div className="field">
            <label htmlFor="branding-color">Primary colour</label>
            <div className="color-row">
              <input
                type="color"
                aria-label="Pick the primary colour"
                value={isHexColor(trimmedColor) ? trimmedColor.toLowerCase() : DEFAULT_COLOR}
                disabled={readOnly}
                onChange={(e) => {
                  setColor(e.target.value)
                  update.reset()
                }}
              />
              <input
                id="branding-color"
                placeholder={DEFAULT_COLOR}
                value={color}
                readOnly={readOnly}
                maxLength={7}
                onChange={(e) => {
                  setColor(e.target.value)
                  update.reset()
                }}
                aria-invalid={colorError ? true : undefined}
                aria-describedby="branding-color-help"
              />
            </div>
            <p id="branding-color-help" className={colorError ? 'field-error' : 'field-help'}>
              {colorError ?? 'Used for buttons and links. Leave empty for the default.'}
            </p>
          </div>
          {update.isError && !logoIssue && !colorIssue && (
            <div className="alert alert-error" role="alert">
              The branding was not saved. {messageOf(update.error)}
            </div>
          )}
          {!readOnly && (
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={update.isPending}>
                {update.isPending ? 'Saving…' : 'Save branding'}
              </button>
              <SavedNotice visible={update.isSuccess} />
            </div>
          )}
        </form>
        <BrandingPreview
          organizationName={organization.name}
          logoUrl={logoError ? undefined : trimmedLogo || undefined}
          primaryColor={isHexColor(trimmedColor) ? trimmedColor : undefined}
        />
      </div>
    </section>
  )
}
