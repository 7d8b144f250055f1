import type { ReactNode } from 'react'

/** What a <Field>'s control spreads onto itself: its id and the wiring to the hint or error. */
export interface FieldControlProps {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string
}

interface FieldProps {
  /** The control's id; the hint/error paragraph is `${id}-help`. */
  id: string
  label: ReactNode
  /** Shown under the control while there is no error. */
  hint: ReactNode
  /** Replaces the hint, styled as an error, and marks the control invalid. */
  error?: ReactNode | null | undefined
  /** The input, select or textarea, given the props that tie it to the label and the hint. */
  children: (control: FieldControlProps) => ReactNode
}

/**
 * One form field: label, control, and under it the hint or the error (never both), with the
 * control's aria-invalid and aria-describedby pointing at what is shown.
 *
 *   <Field id="api-key-name" label="Name" hint="Say where the key is used." error={nameError}>
 *     {(control) => <input {...control} value={name} onChange={…} />}
 *   </Field>
 */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const invalid = error !== undefined && error !== null && error !== false && error !== ''
  const helpId = `${id}-help`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': invalid ? true : undefined, 'aria-describedby': helpId })}
      <p id={helpId} className={invalid ? 'field-error' : 'field-help'}>
        {invalid ? error : hint}
      </p>
    </div>
  )
}
