import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { SecretDialog } from '../../components/secret-dialog.tsx'
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

  const nameIssue = fieldIssuesOf(create.error).find((i) => i.path === 'name')
  return (
    <SecretDialog
      open={open}
      onClose={close}
      title="Create API key"
      submitLabel="Create key"
      pendingLabel="Creating…"
      pending={create.isPending}
      onSubmit={() => create.mutate({ name: name.trim() })}
      error={create.isError && !nameIssue && `The key could not be created. ${messageOf(create.error)}`}
      revealed={
        create.isSuccess
          ? {
              title: 'Copy your new API key',
              body: (
                <>
                  <p className="muted">
                    Key <strong>{create.data.apiKey.name}</strong>
                  </p>
                  <SecretShownOnce
                    secret={create.data.key}
                    what="key"
                    keep="store it in your backend's secret manager"
                    ifLost="revoke it and create a new one"
                    testId="new-api-key"
                  />
                </>
              ),
            }
          : null
      }
    >
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
        />
        <p id="api-key-name-help" className={nameIssue ? 'field-error' : 'field-help'}>
          {nameIssue
            ? describeIssue(nameIssue, 'Name')
            : 'Say where the key is used, so you know what breaks if you revoke it.'}
        </p>
      </div>
    </SecretDialog>
  )
}
