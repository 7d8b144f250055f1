import { type FieldDraft, newField } from './custom-integration-draft.ts'
import { draftTextFields, FieldProblem, SelectField, TextField } from './integration-form-controls.tsx'
import type { IntegrationForm } from './use-integration-form.ts'

/** The connect page's credential form (not for OAuth 2.0), and the optional verify request. */
export function CredentialsSection({ form }: { form: IntegrationForm }) {
  const text = draftTextFields(form)
  return (
    <section className="card" aria-labelledby="integration-fields-heading">
      <h2 id="integration-fields-heading" className="card-title">
        Credential form
      </h2>
      <p className="muted small">
        {form.draft.authType === 'CUSTOM'
          ? 'The fields people fill in on the connect page.'
          : `Leave this empty to ask for ${form.draft.authType === 'BASIC' ? 'a username and password' : 'an API key'}, or describe the fields yourself.`}
      </p>
      <div className="form">
        {form.draft.fields.map((f, index) => (
          <FieldEditor
            key={f.id}
            field={f}
            index={index}
            problem={form.problem}
            onChange={(path, changes) => form.changeField(f.id, path, changes)}
            onRemove={() =>
              form.change('fields', { fields: form.draft.fields.filter((other) => other.id !== f.id) })
            }
          />
        ))}
        <FieldProblem id="integration-fields-error" problem={form.listProblem('fields')} />
        <div className="form-actions">
          <button
            type="button"
            className="button"
            onClick={() => form.change('fields', { fields: [...form.draft.fields, newField()] })}
            aria-describedby={form.listProblem('fields') ? 'integration-fields-error' : undefined}
          >
            Add field
          </button>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={form.draft.verify}
            onChange={(e) => form.change('verify', { verify: e.target.checked })}
          />
          Check the credentials with a request when people connect
        </label>
        {form.draft.verify && (
          <div className="field-row">
            <SelectField
              id="integration-verify-method"
              label="Method"
              value={form.draft.verifyMethod}
              onChange={(verifyMethod) => form.change('verify.method', { verifyMethod })}
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
  )
}

/** One field people fill in on the connect page. */
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
