import { draftTextFields, SelectField } from './integration-form-controls.tsx'
import type { IntegrationForm } from './use-integration-form.ts'

const scopeSeparators = [
  { value: ' ', label: 'Space' },
  { value: ',', label: 'Comma' },
  { value: '+', label: 'Plus sign' },
]

/** The provider's OAuth 2.0 endpoints, scopes and client options. */
export function OAuth2Section({ form }: { form: IntegrationForm }) {
  const text = draftTextFields(form)
  return (
    <section className="card" aria-labelledby="integration-oauth2-heading">
      <h2 id="integration-oauth2-heading" className="card-title">
        OAuth 2.0
      </h2>
      <p className="muted small">
        From the provider’s developer documentation. Register{' '}
        <code>{`${location.origin}/oauth2/callback`}</code> as the redirect URI of your OAuth app there.
      </p>
      <div className="form">
        {text('oauth2.authorizationUrl', 'authorizationUrl', 'Authorization URL', {
          type: 'url',
          placeholder: 'https://acme.example/oauth/authorize',
        })}
        {text('oauth2.tokenUrl', 'tokenUrl', 'Token URL', {
          type: 'url',
          placeholder: 'https://acme.example/oauth/token',
        })}
        {text('oauth2.revocationUrl', 'revocationUrl', 'Revocation URL', {
          type: 'url',
          optional: true,
          help: 'Switchboard revokes tokens here when a connection is deleted.',
        })}
        {text('oauth2.introspectionUrl', 'introspectionUrl', 'Introspection URL', {
          type: 'url',
          optional: true,
          help: 'RFC 7662, only if the provider introspects refresh tokens for your client. When a refresh was interrupted, Switchboard asks here whether the refresh token is still active before sending it again.',
        })}
        {text('oauth2.scopes', 'scopes', 'Default scopes', {
          optional: true,
          placeholder: 'read write',
          help: 'Separated by spaces or commas; an organization’s OAuth app can ask for others.',
          spellCheck: false,
        })}
        <div className="field-row">
          <SelectField
            id="integration-oauth2-scopeSeparator"
            label="Scope separator in the authorize URL"
            value={form.draft.scopeSeparator}
            onChange={(scopeSeparator) => form.change('oauth2.scopeSeparator', { scopeSeparator })}
            options={scopeSeparators}
          />
          <SelectField
            id="integration-oauth2-clientAuth"
            label="Client authentication"
            value={form.draft.clientAuth}
            onChange={(clientAuth) => form.change('oauth2.clientAuth', { clientAuth })}
            options={[
              { value: 'basic', label: 'Basic auth header' },
              { value: 'body', label: 'Request body' },
            ]}
          />
          <SelectField
            id="integration-oauth2-grantType"
            label="Grant type"
            value={form.draft.grantType}
            onChange={(grantType) => form.change('oauth2.grantType', { grantType })}
            options={[
              { value: 'authorization_code', label: 'Authorization code' },
              { value: 'client_credentials', label: 'Client credentials' },
            ]}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={form.draft.pkce}
            onChange={(e) => form.change('oauth2.pkce', { pkce: e.target.checked })}
          />
          Use PKCE (S256); turn off only if the provider rejects it
        </label>
        {text('oauth2.authorizationParams', 'authorizationParams', 'Extra authorize parameters', {
          optional: true,
          multiline: true,
          placeholder: 'prompt=consent',
          help: 'One name=value a line, added to the authorize URL.',
          spellCheck: false,
        })}
        {text('oauth2.issuer', 'issuer', 'Issuer', {
          optional: true,
          help: 'When set, a callback without this iss value (RFC 9207) is refused.',
          spellCheck: false,
        })}
      </div>
    </section>
  )
}
