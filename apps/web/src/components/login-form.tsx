import { useMutation } from '@tanstack/react-query'
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react'
import { appCodeOf, messageOf, retryAfterSecondsOf } from '../errors.ts'
import { trpc } from '../trpc.ts'
import { Spinner } from './spinner.tsx'

interface LoginFormProps {
  /** Prefix of the inputs' ids ("login" → login-email, login-password). */
  idPrefix: string
  title: string
  intro: ReactNode
  /** Runs once the session cookie is set. */
  onSignedIn: () => void
  /** Holds the button back while the page gets ready (e.g. the consent page's request loads). */
  disabled?: boolean
  children?: ReactNode
}

/** What a failed sign-in says, without the wait (the countdown adds it). */
export function loginErrorMessage(error: unknown): string {
  const code = appCodeOf(error)
  if (code === 'UNAUTHORIZED') return 'Email or password is incorrect. Check both and try again.'
  if (code === 'VALIDATION_ERROR') return 'Enter your email and password.'
  return messageOf(error)
}

/** "Too many attempts — try again in 30 seconds". */
export function tooManyAttemptsMessage(secondsLeft: number): string {
  return `Too many attempts — try again in ${secondsLeft} ${secondsLeft === 1 ? 'second' : 'seconds'}.`
}

/** Seconds until `until` (ms since the epoch), ticking once a second; 0 once it has passed. */
function useSecondsUntil(until: number | null): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (until === null) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [until])
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000))
}

/**
 * The email and password form of the dashboard's sign-in page and of the authorization server's
 * (before a consent page). A throttled attempt (RATE_LIMITED with `retryAfterSeconds`) counts
 * down and keeps the button disabled until another attempt can be made.
 */
export function LoginForm({
  idPrefix,
  title,
  intro,
  onSignedIn,
  disabled = false,
  children,
}: LoginFormProps) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [lockedUntil, setLockedUntil] = useState<number | null>(null)
  const errorId = useId()
  const login = useMutation({
    ...trpc.auth.login.mutationOptions(),
    onSuccess: () => onSignedIn(),
    onError: (error) => {
      const seconds = retryAfterSecondsOf(error)
      setLockedUntil(seconds === undefined ? null : Date.now() + seconds * 1000)
    },
  })
  const secondsLeft = useSecondsUntil(lockedUntil)
  const locked = secondsLeft > 0

  function submit(event: FormEvent) {
    event.preventDefault()
    if (locked) return
    login.mutate({ email: email.trim(), password })
  }

  const rateLimited = lockedUntil !== null
  const message = !login.isError
    ? null
    : rateLimited
      ? locked
        ? tooManyAttemptsMessage(secondsLeft)
        : 'You can try again now.'
      : loginErrorMessage(login.error)
  const busy = login.isPending || login.isSuccess
  return (
    <form
      className="card narrow-card form"
      onSubmit={submit}
      aria-describedby={message ? errorId : undefined}
    >
      <h1>{title}</h1>
      <p className="muted">{intro}</p>
      {message && (
        <div
          id={errorId}
          className={rateLimited && !locked ? 'alert alert-info' : 'alert alert-error'}
          role={rateLimited ? 'status' : 'alert'}
          data-testid="login-error"
        >
          {message}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${idPrefix}-email`}>Email</label>
        <input
          id={`${idPrefix}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={(login.isError && !rateLimited) || undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-password`}>Password</label>
        <input
          id={`${idPrefix}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={(login.isError && !rateLimited) || undefined}
        />
      </div>
      <button
        type="submit"
        className="button button-primary button-block"
        disabled={busy || locked || disabled}
      >
        {busy && <Spinner size="sm" />}
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {children}
    </form>
  )
}
