import { CopyButton } from './copy-button.tsx'

interface SecretShownOnceProps {
  /** The secret itself: on screen only while this is mounted. */
  secret: string
  /** What it is, as in "the only time the {what} is shown": "key", "client secret". */
  what: string
  /** Where to keep it: "store it in your backend's secret manager". */
  keep: string
  /** What to do without it: "revoke it and create a new one". */
  ifLost: string
  testId: string
}

/**
 * A freshly created secret, shown this once with a Copy button, and the warning that it will not
 * be shown again. The dialog that shows it forgets it when it closes (the mutation is reset).
 */
export function SecretShownOnce({ secret, what, keep, ifLost, testId }: SecretShownOnceProps) {
  return (
    <>
      <div className="alert alert-warning" role="status">
        This is the only time the {what} is shown. Copy it now and {keep}. If you lose it, {ifLost}.
      </div>
      <div className="secret-box">
        <code data-testid={testId}>{secret}</code>
        <CopyButton value={secret} className="button button-primary" />
      </div>
    </>
  )
}
