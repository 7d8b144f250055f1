import { Link } from 'react-router'
import type { IntegrationInput } from '../../catalog-schema.ts'
import type { Draft } from './custom-integration-draft.ts'
import { ApiSection } from './integration-api-section.tsx'
import { AuthTypeSection } from './integration-auth-type-section.tsx'
import { BasicsSection } from './integration-basics-section.tsx'
import { CredentialsSection } from './integration-credentials-section.tsx'
import { OAuth2Section } from './integration-oauth2-section.tsx'
import { useIntegrationForm } from './use-integration-form.ts'

interface CustomIntegrationFormProps {
  mode: 'create' | 'edit'
  initial: Draft
  /** Names the new integration may not take (the catalog's and the organization's own). */
  takenNames: ReadonlySet<string>
  saving: boolean
  /** The last failed save, if any; cleared by the caller through `onEdit`. */
  saveError: unknown
  onEdit: () => void
  onSubmit: (input: IntegrationInput) => void
  cancelTo: string
}

/**
 * A custom integration's definition: the catalog's schema as a form, one section per part of
 * the definition. The state, the checks and the server's refusals live in useIntegrationForm;
 * each section reads and edits the draft through it.
 */
export function CustomIntegrationForm({ saving, cancelTo, ...options }: CustomIntegrationFormProps) {
  const form = useIntegrationForm(options)
  const oauth2 = form.draft.authType === 'OAUTH2'
  const count = form.shownIssueCount
  return (
    <form
      ref={form.formRef}
      className="stack"
      onSubmit={form.submit}
      noValidate
      aria-label="Custom integration"
    >
      <BasicsSection form={form} />
      <AuthTypeSection form={form} />
      {oauth2 && <OAuth2Section form={form} />}
      <ApiSection form={form} />
      {!oauth2 && <CredentialsSection form={form} />}

      {count > 0 && (
        <div className="alert alert-error" role="alert">
          {count === 1 ? 'One field needs' : `${count} fields need`} attention before the integration can be
          saved. They are marked above.
        </div>
      )}
      {form.serverRefusedFields && (
        <div className="alert alert-error" role="alert">
          The integration was not saved: the server did not accept the marked fields.
        </div>
      )}
      {form.saveMessage && (
        <div className="alert alert-error" role="alert">
          The integration was not saved. {form.saveMessage}
        </div>
      )}
      <div className="form-actions">
        <Link to={cancelTo} className="button">
          Cancel
        </Link>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : options.mode === 'create' ? 'Create integration' : 'Save changes'}
        </button>
      </div>
    </form>
  )
}
