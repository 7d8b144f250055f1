import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Spinner } from '../components/spinner.tsx'
import { appCodeOf, fieldIssuesOf, httpStatusOf } from '../errors.ts'
import { type ConnectSession, type SubmitOutput, submitCredentials } from './connect-api.ts'
import { CredentialField } from './credential-field.tsx'
import type { Translate } from './i18n.ts'
import { cleanCredentials, fieldKeyOfPath, validateCredentials } from './validate-credentials.ts'

interface CredentialsFormProps {
  token: string
  session: ConnectSession
  t: Translate
  onCompleted: (result: SubmitOutput) => void
  /** The token stopped working (expired or already used) while the form was open. */
  onSessionEnded: (code: 'INVALID_TOKEN' | 'SESSION_NOT_ACTIVE') => void
}

/** API key, basic and custom auth: a form built from the integration's fields. */
export function CredentialsForm({ token, session, t, onCompleted, onSessionEnded }: CredentialsFormProps) {
  const { fields, displayName } = session.integration
  const [values, setValues] = useState<Record<string, string>>({})
  const [showProblems, setShowProblems] = useState(false)
  const submit = useMutation({
    mutationFn: submitCredentials,
    onSuccess: onCompleted,
    onError: (error) => {
      const code = appCodeOf(error)
      if (code === 'INVALID_TOKEN' || code === 'SESSION_NOT_ACTIVE') onSessionEnded(code)
    },
  })

  const problems = validateCredentials(fields, values)
  const serverErrors: Record<string, string> = {}
  for (const issue of fieldIssuesOf(submit.error)) {
    const key = fieldKeyOfPath(issue.path, fields)
    if (key && !serverErrors[key]) serverErrors[key] = issue.message
  }

  function errorFor(key: string): string | undefined {
    const problem = showProblems ? problems[key] : undefined
    if (problem) {
      const text = t(problem.message)
      return problem.example ? `${text} ${t('patternExample', { example: problem.example })}` : text
    }
    return serverErrors[key]
  }

  function change(key: string, value: string) {
    setValues((current) => ({ ...current, [key]: value }))
    if (submit.isError) submit.reset()
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setShowProblems(true)
    const invalid = fields.find((f) => problems[f.key])
    if (invalid) {
      event.currentTarget.querySelector<HTMLInputElement>(`#field-${invalid.key}`)?.focus()
      return
    }
    submit.mutate({ token, credentials: cleanCredentials(fields, values) })
  }

  const topError = topErrorMessage(submit.error, Object.keys(serverErrors).length > 0, displayName, t)
  const hasClientProblems = showProblems && Object.keys(problems).length > 0

  return (
    <form className="connect-body form" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('formHint', { integration: displayName })}</p>
      {(topError || hasClientProblems) && (
        <div className="alert alert-error" role="alert">
          {topError ?? t('fixFields')}
        </div>
      )}
      {fields.map((field) => (
        <CredentialField
          key={field.key}
          field={field}
          value={values[field.key] ?? ''}
          onChange={(value) => change(field.key, value)}
          error={errorFor(field.key)}
          t={t}
        />
      ))}
      <button
        type="submit"
        className="button button-primary button-block button-large"
        disabled={submit.isPending}
      >
        {submit.isPending && <Spinner size="sm" />}
        {submit.isPending ? t('submitting') : t('submit')}
      </button>
      <span className="visually-hidden" role="status">
        {submit.isPending ? t('submitting') : ''}
      </span>
    </form>
  )
}

function topErrorMessage(
  error: unknown,
  hasFieldErrors: boolean,
  integration: string,
  t: Translate,
): string | undefined {
  if (!error) return undefined
  const code = appCodeOf(error)
  if (code === 'INVALID_CREDENTIALS') return t('invalidCredentials', { integration })
  if (code === 'VALIDATION_ERROR') return t('fixFields')
  if (code === 'INVALID_TOKEN' || code === 'SESSION_NOT_ACTIVE') return undefined
  if (hasFieldErrors) return t('fixFields')
  return httpStatusOf(error) === undefined ? t('networkError') : t('submitFailed')
}
