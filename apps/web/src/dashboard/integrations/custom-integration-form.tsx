import { type FormEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import { Link } from 'react-router'
import { AuthType, Category, type IntegrationInput } from '../../catalog-schema.ts'
import { appCodeOf, fieldIssuesOf, messageOf } from '../../errors.ts'
import { authTypeLabels } from './auth-types.ts'
import {
  type Draft,
  defaultInjection,
  draftToInput,
  type FieldDraft,
  issueAt,
  newField,
  placeholdersFor,
  validateDraft,
} from './custom-integration-draft.ts'

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

const authTypeHelp: Record<AuthType, string> = {
  OAUTH2: 'People sign in at the provider and approve access; Switchboard keeps and refreshes the tokens.',
  SECRET_TEXT: 'People paste an API key or token.',
  BASIC: 'People type a username and password.',
  CUSTOM: 'People fill in fields you describe below (e.g. an account ID and a key).',
}

const scopeSeparators = [
  { value: ' ', label: 'Space' },
  { value: ',', label: 'Comma' },
  { value: '+', label: 'Plus sign' },
]

/** "Acme CRM" → "acme-crm": a suggestion for the name while nobody has typed one. */
function slugOf(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '')
}

/** The server's word for a field, with the dotted path it names replaced by plain words. */
function serverMessage(path: string, message: string): string {
  const text = message.replace(`The ${path} `, 'This URL ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`
}

/**
 * The first marked control gets focus, so keyboard and screen-reader users land on it; when
 * the problem belongs to no single control (the field list, the auth type), the control its
 * message describes.
 */
function focusFirstProblem(form: HTMLFormElement | null) {
  requestAnimationFrame(() => {
    const marked = form?.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (marked) return marked.focus()
    const described = form?.querySelector<HTMLElement>(
      'button[aria-describedby], fieldset[aria-describedby] input:checked',
    )
    described?.focus()
  })
}

/**
 * A custom integration's definition: the catalog's schema as a form, checked on every change
 * with the same zod schema the server uses. A field shows its problem once it has been edited,
 * and every problem shows after a submit.
 */
export function CustomIntegrationForm({
  mode,
  initial,
  takenNames,
  saving,
  saveError,
  onEdit,
  onSubmit,
  cancelTo,
}: CustomIntegrationFormProps) {
  const [draft, setDraft] = useState(initial)
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [nameEdited, setNameEdited] = useState(mode === 'edit')
  const formRef = useRef<HTMLFormElement>(null)
  const issues = useMemo(() => validateDraft(draft, takenNames), [draft, takenNames])

  const serverIssues = fieldIssuesOf(saveError)
  const saveCode = appCodeOf(saveError)
  const serverIssueAt = (path: string) => {
    const found = serverIssues.find((i) => i.path === path || i.path.startsWith(`${path}.`))
    if (found) return serverMessage(found.path, found.message)
    if (path === 'name' && saveCode === 'ALREADY_EXISTS') return messageOf(saveError)
    if (path === 'authType' && saveCode === 'CONFLICT') return messageOf(saveError)
    return undefined
  }
  const problem = (path: string): string | undefined => {
    const shown = submitted || [...touched].some((t) => t === path || t.startsWith(`${path}.`))
    return (shown ? issueAt(issues, path) : undefined) ?? serverIssueAt(path)
  }
  /** A problem of the field list itself, not of one of its fields (those show at the field). */
  const listProblem = (path: string): string | undefined => {
    if (submitted || touched.has(path)) {
      const own = issues.get(path)
      if (own) return own
    }
    const fromServer = serverIssues.find((i) => i.path === path)
    return fromServer ? serverMessage(fromServer.path, fromServer.message) : undefined
  }

  function change(path: string, changes: Partial<Draft>) {
    onEdit()
    setTouched((current) => new Set(current).add(path))
    setDraft((current) => ({ ...current, ...changes }))
  }

  function changeDisplayName(displayName: string) {
    change('displayName', nameEdited ? { displayName } : { displayName, name: slugOf(displayName) })
  }

  function changeAuthType(authType: AuthType) {
    // Keep a customized injection; swap the previous type's default for the new type's.
    const before = defaultInjection(draft.authType)
    const untouched = (Object.keys(before) as Array<keyof typeof before>).every((k) => draft[k] === before[k])
    change('authType', { authType, ...(untouched ? defaultInjection(authType) : {}) })
  }

  function changeField(id: number, path: string, changes: Partial<FieldDraft>) {
    change(path, { fields: draft.fields.map((f) => (f.id === id ? { ...f, ...changes } : f)) })
  }

  // The same when the server refuses fields the schema alone could not judge (e.g. egress rules).
  useEffect(() => {
    if (fieldIssuesOf(saveError).length > 0) focusFirstProblem(formRef.current)
  }, [saveError])

  function submit(event: FormEvent) {
    event.preventDefault()
    setSubmitted(true)
    if (issues.size > 0) {
      focusFirstProblem(formRef.current)
      return
    }
    onSubmit(draftToInput(draft))
  }

  const oauth2 = draft.authType === 'OAUTH2'
  const injectionPlaceholders = placeholdersFor(draft)
  const unmatchedSaveError =
    saveError && serverIssues.length === 0 && saveCode !== 'ALREADY_EXISTS' && saveCode !== 'CONFLICT'

  const text = (
    path: string,
    key: keyof Draft,
    label: string,
    options: Omit<TextFieldProps, 'id' | 'label' | 'value' | 'onChange' | 'problem'> = {},
  ) => (
    <TextField
      id={`integration-${path.replaceAll('.', '-')}`}
      label={label}
      value={draft[key] as string}
      onChange={(value) => change(path, { [key]: value })}
      problem={problem(path)}
      {...options}
    />
  )

  return (
    <form ref={formRef} className="stack" onSubmit={submit} noValidate aria-label="Custom integration">
      <section className="card" aria-labelledby="integration-basics-heading">
        <h2 id="integration-basics-heading" className="card-title">
          Basics
        </h2>
        <div className="form">
          <TextField
            id="integration-displayName"
            label="Display name"
            value={draft.displayName}
            onChange={changeDisplayName}
            problem={problem('displayName')}
            help="Shown on the connect page and in this dashboard."
          />
          {text('name', 'name', 'Name in the API', {
            readOnly: mode === 'edit',
            help:
              mode === 'edit'
                ? 'The name cannot change: connections and OAuth apps refer to the integration by it.'
                : 'Your backend passes it as integrationName. Lowercase letters, digits and dashes.',
            onInput: () => setNameEdited(true),
            spellCheck: false,
          })}
          {text('description', 'description', 'Description', { optional: true, multiline: true })}
          <div className="field-row">
            {text('logoUrl', 'logoUrl', 'Logo URL', {
              optional: true,
              type: 'url',
              placeholder: 'https://acme.example/logo.svg',
            })}
            {text('docsUrl', 'docsUrl', 'Documentation URL', {
              optional: true,
              type: 'url',
              placeholder: 'https://developer.acme.example',
            })}
          </div>
          <fieldset className="check-group">
            <legend>
              Categories <span className="field-optional">(optional)</span>
            </legend>
            <div className="check-grid">
              {Category.options.map((c) => (
                <label key={c} className="check">
                  <input
                    type="checkbox"
                    checked={draft.categories.includes(c)}
                    onChange={(e) =>
                      change('categories', {
                        categories: e.target.checked
                          ? [...draft.categories, c]
                          : draft.categories.filter((x) => x !== c),
                      })
                    }
                  />
                  {c}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      </section>

      <section className="card" aria-labelledby="integration-auth-type-heading">
        <h2 id="integration-auth-type-heading" className="card-title">
          How people connect
        </h2>
        <fieldset
          className="radio-group auth-type-group"
          aria-describedby={problem('authType') ? 'integration-authType-error' : undefined}
        >
          <legend>Auth type</legend>
          {AuthType.options.map((type) => (
            <label key={type} className="radio-card">
              <input
                type="radio"
                name="authType"
                value={type}
                checked={draft.authType === type}
                onChange={() => changeAuthType(type)}
              />
              <span>
                <span className="radio-card-title">{authTypeLabels[type]}</span>
                <span className="field-help">{authTypeHelp[type]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <FieldProblem id="integration-authType-error" problem={problem('authType')} />
      </section>

      {oauth2 && (
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
                value={draft.scopeSeparator}
                onChange={(scopeSeparator) => change('oauth2.scopeSeparator', { scopeSeparator })}
                options={scopeSeparators}
              />
              <SelectField
                id="integration-oauth2-clientAuth"
                label="Client authentication"
                value={draft.clientAuth}
                onChange={(clientAuth) => change('oauth2.clientAuth', { clientAuth })}
                options={[
                  { value: 'basic', label: 'Basic auth header' },
                  { value: 'body', label: 'Request body' },
                ]}
              />
              <SelectField
                id="integration-oauth2-grantType"
                label="Grant type"
                value={draft.grantType}
                onChange={(grantType) => change('oauth2.grantType', { grantType })}
                options={[
                  { value: 'authorization_code', label: 'Authorization code' },
                  { value: 'client_credentials', label: 'Client credentials' },
                ]}
              />
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={draft.pkce}
                onChange={(e) => change('oauth2.pkce', { pkce: e.target.checked })}
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
      )}

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
            value={draft.injectIn}
            onChange={(injectIn) => change('api.auth.in', { injectIn })}
            options={[
              { value: 'header', label: 'In a header' },
              { value: 'query', label: 'In a query parameter' },
              { value: 'basic', label: 'As HTTP Basic authentication' },
            ]}
          />
          <div className="field-row">
            {draft.injectIn === 'basic' ? (
              <>
                {text('api.auth.username', 'injectUsername', 'Username', { spellCheck: false })}
                {text('api.auth.password', 'injectPassword', 'Password', { spellCheck: false })}
              </>
            ) : (
              <>
                {text(
                  'api.auth.name',
                  'injectName',
                  draft.injectIn === 'header' ? 'Header name' : 'Parameter name',
                  {
                    placeholder: draft.injectIn === 'header' ? 'Authorization' : 'api_key',
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

      {!oauth2 && (
        <section className="card" aria-labelledby="integration-fields-heading">
          <h2 id="integration-fields-heading" className="card-title">
            Credential form
          </h2>
          <p className="muted small">
            {draft.authType === 'CUSTOM'
              ? 'The fields people fill in on the connect page.'
              : `Leave this empty to ask for ${draft.authType === 'BASIC' ? 'a username and password' : 'an API key'}, or describe the fields yourself.`}
          </p>
          <div className="form">
            {draft.fields.map((f, index) => (
              <FieldEditor
                key={f.id}
                field={f}
                index={index}
                problem={problem}
                onChange={(path, changes) => changeField(f.id, path, changes)}
                onRemove={() =>
                  change('fields', { fields: draft.fields.filter((other) => other.id !== f.id) })
                }
              />
            ))}
            <FieldProblem id="integration-fields-error" problem={listProblem('fields')} />
            <div className="form-actions">
              <button
                type="button"
                className="button"
                onClick={() => change('fields', { fields: [...draft.fields, newField()] })}
                aria-describedby={listProblem('fields') ? 'integration-fields-error' : undefined}
              >
                Add field
              </button>
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={draft.verify}
                onChange={(e) => change('verify', { verify: e.target.checked })}
              />
              Check the credentials with a request when people connect
            </label>
            {draft.verify && (
              <div className="field-row">
                <SelectField
                  id="integration-verify-method"
                  label="Method"
                  value={draft.verifyMethod}
                  onChange={(verifyMethod) => change('verify.method', { verifyMethod })}
                  options={['GET', 'POST', 'HEAD'].map((m) => ({ value: m, label: m }))}
                />
                {text('verify.path', 'verifyPath', 'Path', {
                  placeholder: '/me',
                  help: 'Appended to the API base URL.',
                  spellCheck: false,
                })}
                {text('verify.expectStatus', 'verifyStatus', 'Expected status', { inputMode: 'numeric' })}
              </div>
            )}
          </div>
        </section>
      )}

      {submitted && issues.size > 0 && (
        <div className="alert alert-error" role="alert">
          {issues.size === 1 ? 'One field needs' : `${issues.size} fields need`} attention before the
          integration can be saved. They are marked above.
        </div>
      )}
      {serverIssues.length > 0 && (
        <div className="alert alert-error" role="alert">
          The integration was not saved: the server did not accept the marked fields.
        </div>
      )}
      {saveCode === 'ALREADY_EXISTS' || saveCode === 'CONFLICT' || unmatchedSaveError ? (
        <div className="alert alert-error" role="alert">
          The integration was not saved. {messageOf(saveError)}
        </div>
      ) : null}
      <div className="form-actions">
        <Link to={cancelTo} className="button">
          Cancel
        </Link>
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : mode === 'create' ? 'Create integration' : 'Save changes'}
        </button>
      </div>
    </form>
  )
}

interface TextFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  problem: string | undefined
  help?: ReactNode
  optional?: boolean
  multiline?: boolean
  readOnly?: boolean
  type?: 'text' | 'url'
  placeholder?: string
  spellCheck?: boolean
  inputMode?: 'numeric'
  onInput?: () => void
}

function TextField({
  id,
  label,
  value,
  onChange,
  problem,
  help,
  optional,
  multiline,
  readOnly,
  type = 'text',
  placeholder,
  spellCheck,
  inputMode,
  onInput,
}: TextFieldProps) {
  const describedBy = problem ? `${id}-error` : help ? `${id}-help` : undefined
  const common = {
    id,
    value,
    placeholder,
    readOnly,
    spellCheck,
    autoComplete: 'off',
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
  } as const
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && <span className="field-optional"> (optional)</span>}
      </label>
      {multiline ? (
        <textarea
          {...common}
          rows={3}
          onChange={(e) => {
            onInput?.()
            onChange(e.target.value)
          }}
        />
      ) : (
        <input
          {...common}
          type={type}
          inputMode={inputMode}
          onChange={(e) => {
            onInput?.()
            onChange(e.target.value)
          }}
        />
      )}
      {problem ? (
        <p id={`${id}-error`} className="field-error">
          {problem}
        </p>
      ) : (
        help && (
          <p id={`${id}-help`} className="field-help">
            {help}
          </p>
        )
      )}
    </div>
  )
}

function SelectField<T extends string>({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string
  label: string
  value: T
  onChange: (value: T) => void
  options: ReadonlyArray<{ value: string; label: string }>
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null
  return (
    <p id={id} className="field-error">
      {problem}
    </p>
  )
}

function FieldEditor({
  field,
  index,
  problem,
  onChange,
  onRemove,
}: {
  field: FieldDraft
  index: number
  problem: (path: string) => string | undefined
  onChange: (path: string, changes: Partial<FieldDraft>) => void
  onRemove: () => void
}) {
  const at = (key: string) => `fields.${index}.${key}`
  const id = (key: string) => `integration-fields-${field.id}-${key}`
  const n = index + 1
  return (
    <fieldset className="field-editor">
      <legend>Field {n}</legend>
      <div className="field-row">
        <TextField
          id={id('key')}
          label={`Field ${n} key`}
          value={field.key}
          onChange={(key) => onChange(at('key'), { key })}
          problem={problem(at('key'))}
          placeholder="apiKey"
          help="Used as {key} in the credential template."
          spellCheck={false}
        />
        <TextField
          id={id('label')}
          label={`Field ${n} label`}
          value={field.label}
          onChange={(label) => onChange(at('label'), { label })}
          problem={problem(at('label'))}
          placeholder="API key"
        />
      </div>
      <div className="field-row">
        <TextField
          id={id('placeholder')}
          label={`Field ${n} placeholder`}
          value={field.placeholder}
          onChange={(placeholder) => onChange(at('placeholder'), { placeholder })}
          problem={problem(at('placeholder'))}
          optional
        />
        <TextField
          id={id('pattern')}
          label={`Field ${n} pattern`}
          value={field.pattern}
          onChange={(pattern) => onChange(at('pattern'), { pattern })}
          problem={problem(at('pattern'))}
          optional
          placeholder="^sk-"
          help="A regular expression (RE2 syntax: no backreferences or lookaround) the value must match."
          spellCheck={false}
        />
      </div>
      <TextField
        id={id('help')}
        label={`Field ${n} help text`}
        value={field.help}
        onChange={(help) => onChange(at('help'), { help })}
        problem={problem(at('help'))}
        optional
      />
      <div className="form-actions">
        <label className="check">
          <input
            type="checkbox"
            checked={field.secret}
            onChange={(e) => onChange(at('secret'), { secret: e.target.checked })}
          />
          Secret (hidden while typed)
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={field.optional}
            onChange={(e) => onChange(at('optional'), { optional: e.target.checked })}
          />
          Optional
        </label>
        <button type="button" className="button button-danger-ghost" onClick={onRemove}>
          Remove field {n}
        </button>
      </div>
    </fieldset>
  )
}
