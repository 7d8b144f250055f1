import { Category } from '../../catalog-schema.ts'
import { draftTextFields, TextField } from './integration-form-controls.tsx'
import type { IntegrationForm } from './use-integration-form.ts'

/** Display name, name in the API, description, logo, docs and categories. */
export function BasicsSection({ form }: { form: IntegrationForm }) {
  const text = draftTextFields(form)
  const { mode } = form
  return (
    <section className="card" aria-labelledby="integration-basics-heading">
      <h2 id="integration-basics-heading" className="card-title">
        Basics
      </h2>
      <div className="form">
        <TextField
          id="integration-displayName"
          label="Display name"
          value={form.draft.displayName}
          onChange={form.changeDisplayName}
          problem={form.problem('displayName')}
          help="Shown on the connect page and in this dashboard."
        />
        {text('name', 'name', 'Name in the API', {
          readOnly: mode === 'edit',
          help:
            mode === 'edit'
              ? 'The name cannot change: connections and OAuth apps refer to the integration by it.'
              : 'Your backend passes it as integrationName. Lowercase letters, digits and dashes.',
          onInput: () => form.nameTyped(),
          spellCheck: false,
        })}
        {text('description', 'description', 'Description', { optional: true, multiline: true })}
        <div className="field-row">
          {text('logoUrl', 'logoUrl', 'Logo URL', {
            optional: true,
            type: 'url',
            placeholder: 'https://acme.example/logo.svg',
            help: 'The connect page shows it. The dashboard loads no outside images: it shows an https logo as its initial, a data: URI as it is.',
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
                  checked={form.draft.categories.includes(c)}
                  onChange={(e) =>
                    form.change('categories', {
                      categories: e.target.checked
                        ? [...form.draft.categories, c]
                        : form.draft.categories.filter((x) => x !== c),
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
  )
}
