import { placeholdersFor } from './custom-integration-draft.ts'
import { draftTextFields, SelectField } from './integration-form-controls.tsx'
import type { IntegrationForm } from './use-integration-form.ts'

/** Where the proxy sends requests, and how it adds the credentials. */
export function ApiSection({ form }: { form: IntegrationForm }) {
  const text = draftTextFields(form)
  const injectionPlaceholders = placeholdersFor(form.draft)
  return (
    <section className="card" aria-labelledby="integration-api-heading">
      <h2 id="integration-api-heading" className="card-title">
        API
      </h2>
      <p className="muted small">Where the proxy sends requests, and how it adds the credentials.</p>
      <div className="form">
        {text('api.baseUrl', 'baseUrl', 'API base URL', {
          type: 'url',
          placeholder: 'https://api.acme.example/v1',
          help: 'Proxied paths are appended to it.',
        })}
        {text('api.allowedOrigins', 'allowedOrigins', 'Other allowed origins', {
          optional: true,
          multiline: true,
          placeholder: 'https://uploads.acme.example',
          help: 'One origin a line. The proxy sends credentials only to the base URL’s origin and these.',
          spellCheck: false,
        })}
        <SelectField
          id="integration-api-auth-in"
          label="Send the credentials"
          value={form.draft.injectIn}
          onChange={(injectIn) => form.change('api.auth.in', { injectIn })}
          options={[
            { value: 'header', label: 'In a header' },
            { value: 'query', label: 'In a query parameter' },
            { value: 'basic', label: 'As HTTP Basic authentication' },
          ]}
        />
        <div className="field-row">
          {form.draft.injectIn === 'basic' ? (
            <>
              {text('api.auth.username', 'injectUsername', 'Username', { spellCheck: false })}
              {text('api.auth.password', 'injectPassword', 'Password', { spellCheck: false })}
            </>
          ) : (
            <>
              {text(
                'api.auth.name',
                'injectName',
                form.draft.injectIn === 'header' ? 'Header name' : 'Parameter name',
                {
                  placeholder: form.draft.injectIn === 'header' ? 'Authorization' : 'api_key',
                  spellCheck: false,
                },
              )}
              {text('api.auth.value', 'injectValue', 'Value', {
                placeholder: 'Bearer {accessToken}',
                spellCheck: false,
              })}
            </>
          )}
        </div>
        <p className="field-help">
          {injectionPlaceholders.length > 0 ? (
            <>
              Placeholders: {injectionPlaceholders.map((p, i) => [i > 0 && ', ', <code key={p}>{p}</code>])}{' '}
              are replaced by the connection’s credentials.
            </>
          ) : (
            'Add credential fields below; each field’s key becomes a {placeholder} here.'
          )}
        </p>
      </div>
    </section>
  )
}
