import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { appCodeOf, fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { trpc } from '../../trpc.ts'

const MIN_LENGTH = 8

/** What to do after a refused change, in words; the server's text for anything else. */
function failureMessage(error: unknown): string {
  const code = appCodeOf(error)
  if (code === 'WRONG_PASSWORD') {
    return 'The current password is not right. Type the password you signed in with and try again.'
  }
  if (code === 'RATE_LIMITED') {
    return `${messageOf(error)} The current password was typed wrong too often; this wait protects your account.`
  }
  return messageOf(error, { currentPassword: 'Current password', newPassword: 'New password' })
}

/** Current + new password; on success every other session of the user ends (this one stays). */
export function ChangePasswordForm() {
  const queryClient = useQueryClient()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [touched, setTouched] = useState(false)
  const change = useMutation({
    ...trpc.account.changePassword.mutationOptions(),
    onSuccess: () => {
      setCurrent('')
      setNext('')
      setTouched(false)
      void queryClient.invalidateQueries({ queryKey: trpc.account.sessions.queryKey() })
    },
  })
  const newIssue = fieldIssuesOf(change.error).find((i) => i.path === 'newPassword')
  const currentLocal = current === '' ? 'Enter your current password.' : null
  const nextLocal =
    next.length < MIN_LENGTH
      ? `The new password needs at least ${MIN_LENGTH} characters.`
      : next === current
        ? 'Choose a new password that differs from the current one.'
        : null
  const currentError =
    (touched && currentLocal) ||
    (appCodeOf(change.error) === 'WRONG_PASSWORD' ? failureMessage(change.error) : null)
  const nextError = (touched && nextLocal) || (newIssue ? describeIssue(newIssue, 'New password') : null)
  const formError = change.isError && appCodeOf(change.error) !== 'WRONG_PASSWORD' && !newIssue

  function submit(event: FormEvent) {
    event.preventDefault()
    setTouched(true)
    if (currentLocal || nextLocal) return
    change.mutate({ currentPassword: current, newPassword: next })
  }

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            maxLength={1000}
            onChange={(e) => {
              setCurrent(e.target.value)
              change.reset()
            }}
            aria-invalid={currentError ? true : undefined}
            aria-describedby="current-password-help"
          />
          <p id="current-password-help" className={currentError ? 'field-error' : 'field-help'}>
            {currentError ?? 'The password you signed in with.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={next}
            maxLength={1000}
            onChange={(e) => {
              setNext(e.target.value)
              change.reset()
            }}
            aria-invalid={nextError ? true : undefined}
            aria-describedby="new-password-help"
          />
          <p id="new-password-help" className={nextError ? 'field-error' : 'field-help'}>
            {nextError ??
              `At least ${MIN_LENGTH} characters. Your other sessions are signed out when it changes.`}
          </p>
        </div>
        {formError && (
          <div className="alert alert-error" role="alert" data-testid="password-error">
            The password was not changed. {failureMessage(change.error)}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={change.isPending}>
            {change.isPending ? 'Changing…' : 'Change password'}
          </button>
          <span className="saved-notice" role="status" data-testid="password-changed">
            {change.isSuccess
              ? change.data.revokedSessions === 0
                ? 'Password changed.'
                : `Password changed. ${change.data.revokedSessions} other ${change.data.revokedSessions === 1 ? 'session was' : 'sessions were'} signed out.`
              : ''}
          </span>
        </div>
      </form>
    </section>
  )
}
