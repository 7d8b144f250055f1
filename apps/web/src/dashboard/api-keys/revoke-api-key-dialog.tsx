import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Dialog } from '../../components/dialog.tsx'
import { messageOf } from '../../errors.ts'
import { trpc } from '../../trpc.ts'
import type { ApiKey } from './api-keys-page.tsx'

interface RevokeApiKeyDialogProps {
  apiKey: ApiKey | null
  onClose: () => void
}

/** Asks before revoking: requests with the key fail straight away and it cannot be restored. */
export function RevokeApiKeyDialog({ apiKey, onClose }: RevokeApiKeyDialogProps) {
  const queryClient = useQueryClient()
  const revoke = useMutation({
    ...trpc.apiKeys.revoke.mutationOptions(),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() })
      close()
    },
  })

  function close() {
    revoke.reset()
    onClose()
  }

  return (
    <Dialog
      open={apiKey !== null}
      title={`Revoke “${apiKey?.name ?? ''}”?`}
      onClose={close}
      dismissable={!revoke.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={revoke.isPending}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={revoke.isPending || !apiKey}
            onClick={() => apiKey && revoke.mutate({ id: apiKey.id })}
          >
            {revoke.isPending ? 'Revoking…' : 'Revoke key'}
          </button>
        </>
      }
    >
      <p>
        Requests that use <code>{apiKey?.prefix}</code> will be rejected immediately. This cannot be undone;
        to keep a service running, create its replacement key first.
      </p>
      {revoke.isError && (
        <div className="alert alert-error" role="alert">
          The key was not revoked. {messageOf(revoke.error)}
        </div>
      )}
    </Dialog>
  )
}
