import { type FormEvent, type ReactNode, useId } from 'react'
import { Dialog } from './dialog.tsx'

interface SecretDialogProps {
  open: boolean
  /** Called on Cancel, Done, Escape: the caller resets its mutation there, so the secret is forgotten. */
  onClose: () => void
  /** The first step: what is made ("Create API key") and the button that makes it. */
  title: string
  submitLabel: string
  pendingLabel: string
  pending: boolean
  onSubmit: () => void
  /** The form's fields, or the question asked before a rotation. */
  children: ReactNode
  /** A refusal that no field explains, written for people; null when there is none. */
  error?: ReactNode
  /**
   * Set once the secret exists: the dialog then shows only this (typically a SecretShownOnce and
   * a line saying what it belongs to) and a Done button.
   */
  revealed: { title: string; body: ReactNode } | null
}

/**
 * The one shape of "make something whose secret is shown once": a form with Cancel and a primary
 * button, then the secret with Done. API keys, webhook endpoints (create and rotate), OAuth apps
 * and invites use it, so each only says its fields and its words.
 */
export function SecretDialog({
  open,
  onClose,
  title,
  submitLabel,
  pendingLabel,
  pending,
  onSubmit,
  children,
  error,
  revealed,
}: SecretDialogProps) {
  const formId = useId()
  if (revealed) {
    return (
      <Dialog
        open={open}
        title={revealed.title}
        onClose={onClose}
        footer={
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
        }
      >
        {revealed.body}
      </Dialog>
    )
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    if (!pending) onSubmit()
  }
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      dismissable={!pending}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={pending}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={pending}>
            {pending ? pendingLabel : submitLabel}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
        {children}
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
      </form>
    </Dialog>
  )
}
