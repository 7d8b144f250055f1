import { messageOf } from '../errors.ts'

interface ErrorStateProps {
  title?: string
  error: unknown
  onRetry?: () => void
}

/** A failed load: what happened, in words, and a way to try again. */
export function ErrorState({ title = 'This could not be loaded', error, onRetry }: ErrorStateProps) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="state-body">{messageOf(error)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}
