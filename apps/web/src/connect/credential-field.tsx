import { useState } from 'react'
import type { ConnectField } from './connect-api.ts'
import type { Translate } from './i18n.ts'

interface CredentialFieldProps {
  field: ConnectField
  value: string
  onChange: (value: string) => void
  /** Already translated; shown under the input. */
  error: string | undefined
  t: Translate
}

/** One input of the credentials form: label, optional marker, help, error, and show/hide for secrets. */
export function CredentialField({ field, value, onChange, error, t }: CredentialFieldProps) {
  const [revealed, setRevealed] = useState(false)
  const id = `field-${field.key}`
  const describedBy = [field.help ? `${id}-help` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')

  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.optional && <span className="field-optional"> ({t('optional')})</span>}
      </label>
      <div className={field.secret ? 'secret-input' : undefined}>
        <input
          id={id}
          name={field.key}
          type={field.secret && !revealed ? 'password' : 'text'}
          value={value}
          placeholder={field.placeholder}
          onChange={(e) => onChange(e.target.value)}
          autoComplete={field.secret ? 'new-password' : 'off'}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required={!field.optional}
          aria-required={!field.optional}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        {field.secret && (
          <button
            type="button"
            className="button button-ghost reveal-button"
            onClick={() => setRevealed((r) => !r)}
            aria-pressed={revealed}
            aria-label={t(revealed ? 'hideField' : 'showField', { field: field.label })}
            aria-controls={id}
          >
            {revealed ? t('hide') : t('show')}
          </button>
        )}
      </div>
      {field.help && (
        <p id={`${id}-help`} className="field-help">
          {field.help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
