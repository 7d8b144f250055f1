import type { ReactNode } from 'react'
import { messageOf } from '../errors.ts'
import { Dialog } from './dialog.tsx'

/** The part of a react-query mutation the dialog shows: whether it runs, how it failed, and a reset. */
export interface ConfirmAction {
  isPending: boolean
  error: unknown
  reset: () => void
}

interface ConfirmDialogProps {
  open: boolean
  /** A question: "Delete this connection?" */
  title: string
  /** What happens, in words: what stops working, and whether it can be undone. */
  children: ReactNode
  /** The confirm button: "Delete connection", "Revoke key". */
  confirmLabel: string
  /** The confirm button while the action runs: "Deleting…". */
  pendingLabel: string
  /** Said before the server's message when the action fails: "The key was not revoked." */
  failureLead: string
  /** The mutation behind the confirm button; closing the dialog resets it, so a new attempt starts clean. */
  action: ConfirmAction
  onConfirm: () => void
  onClose: () => void
}

/**
 * Asks before a destructive action (delete, revoke, remove). The action's error is shown inside
 * the dialog, which stays open; while it runs, neither Escape nor Cancel closes it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel,
  failureLead,
  action,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  function close() {
    action.reset()
    onClose()
  }
  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      dismissable={!action.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={action.isPending}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={action.isPending}
            onClick={onConfirm}
          >
            {action.isPending ? pendingLabel : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {action.error ? (
        <div className="alert alert-error" role="alert">
          {failureLead} {messageOf(action.error)}
        </div>
      ) : null}
    </Dialog>
  )
}
