import { AuthType } from '../../catalog-schema.ts'
import { authTypeLabels } from './auth-types.ts'
import { FieldProblem } from './integration-form-controls.tsx'
import type { IntegrationForm } from './use-integration-form.ts'

const authTypeHelp: Record<AuthType, string> = {
  OAUTH2: 'People sign in at the provider and approve access; Switchboard keeps and refreshes the tokens.',
  SECRET_TEXT: 'People paste an API key or token.',
  BASIC: 'People type a username and password.',
  CUSTOM: 'People fill in fields you describe below (e.g. an account ID and a key).',
}

/** How people connect: OAuth 2.0, an API key, a username and password, or custom fields. */
export function AuthTypeSection({ form }: { form: IntegrationForm }) {
  return (
    <section className="card" aria-labelledby="integration-auth-type-heading">
      <h2 id="integration-auth-type-heading" className="card-title">
        How people connect
      </h2>
      <fieldset
        className="radio-group auth-type-group"
        aria-describedby={form.problem('authType') ? 'integration-authType-error' : undefined}
      >
        <legend>Auth type</legend>
        {AuthType.options.map((type) => (
          <label key={type} className="radio-card">
            <input
              type="radio"
              name="authType"
              value={type}
              checked={form.draft.authType === type}
              onChange={() => form.changeAuthType(type)}
            />
            <span>
              <span className="radio-card-title">{authTypeLabels[type]}</span>
              <span className="field-help">{authTypeHelp[type]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FieldProblem id="integration-authType-error" problem={form.problem('authType')} />
    </section>
  )
}
