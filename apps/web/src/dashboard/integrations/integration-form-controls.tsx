import type { ReactNode } from 'react'
import type { Draft } from './custom-integration-draft.ts'
import type { IntegrationForm } from './use-integration-form.ts'

/** The custom-integration form's controls: a labelled input with its help or problem, a select. */

export interface TextFieldProps {
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

export function TextField({
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

export function SelectField<T extends string>({
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

export function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null
  return (
    <p id={id} className="field-error">
      {problem}
    </p>
  )
}

type DraftTextProps = {
  form: IntegrationForm
  /** The definition's path of the value ("oauth2.tokenUrl"): problems are found by it. */
  path: string
  draftKey: keyof Draft
  label: string
} & Omit<TextFieldProps, 'id' | 'label' | 'value' | 'onChange' | 'problem'>

/** A text field bound to one string of the draft, with the problem at its path. */
export function DraftText({ form, path, draftKey, label, ...options }: DraftTextProps) {
  return (
    <TextField
      id={`integration-${path.replaceAll('.', '-')}`}
      label={label}
      value={form.draft[draftKey] as string}
      onChange={(value) => form.change(path, { [draftKey]: value })}
      problem={form.problem(path)}
      {...options}
    />
  )
}

/** `text(path, draftKey, label, options)`: the sections' shorthand for a DraftText. */
export function draftTextFields(form: IntegrationForm) {
  return (
    path: string,
    draftKey: keyof Draft,
    label: string,
    options: Omit<TextFieldProps, 'id' | 'label' | 'value' | 'onChange' | 'problem'> = {},
  ) => <DraftText form={form} path={path} draftKey={draftKey} label={label} {...options} />
}
