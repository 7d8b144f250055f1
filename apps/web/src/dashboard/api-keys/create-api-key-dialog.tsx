import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Dialog } from '../../components/dialog.tsx'
import { SecretShownOnce } from '../../components/secret-shown-once.tsx'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { trpc } from '../../trpc.ts'

interface CreateApiKeyDialogProps {
  open: boolean
  onClose: () => void
}

/** Names a new key, then shows its secret exactly once. */
export function CreateApiKeyDialog({ open, onClose }: CreateApiKeyDialogProps) {
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const create = useMutation({
    ...trpc.apiKeys.create.mutationOptions(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }),
  })

  function close() {
    // Forget the secret as soon as the dialog goes away.
    create.reset()
    setName('')
    onClose()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate({ name: name.trim() })
  }

  if (create.isSuccess) {
    const { key, apiKey } = create.data
    return (
      <Dialog
        open={open}
        title="Copy your new API key"
        onClose={close}
        footer={
          <button type="button" className="button" onClick={close}>
            Done
          </button>
        }
      >
        <p className="muted">
          Key <strong>{apiKey.name}</strong>
        </p>
        <SecretShownOnce
          secret={key}
          what="key"
          keep="store it in your backend's secret manager"
          ifLost="revoke it and create a new one"
          testId="new-api-key"
        />
      </Dialog>
    )
  }

  const nameIssue = fieldIssuesOf(create.error).find((i) => i.path === 'name')
  return (
    <Dialog
      open={open}
      title="Create API key"
      onClose={close}
      dismissable={!create.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={create.isPending}>
            Cancel
          </button>
          <button
            type="submit"
            form="create-api-key-form"
            className="button button-primary"
            disabled={create.isPending}
          >
            {create.isPending ? 'Creating…' : 'Create key'}
          </button>
        </>
      }
    >
      <form id="create-api-key-form" className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="api-key-name">Name</label>
          <input
            id="api-key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Production backend"
            maxLength={200}
            required
            aria-invalid={nameIssue ? true : undefined}
            aria-describedby="api-key-name-help"
            autoFocus
          />
          <p id="api-key-name-help" className={nameIssue ? 'field-error' : 'field-help'}>
            {nameIssue
              ? describeIssue(nameIssue, 'Name')
              : 'Say where the key is used, so you know what breaks if you revoke it.'}
          </p>
        </div>
        {create.isError && !nameIssue && (
          <div className="alert alert-error" role="alert">
            The key could not be created. {messageOf(create.error)}
          </div>
        )}
      </form>
    </Dialog>
  )
}
