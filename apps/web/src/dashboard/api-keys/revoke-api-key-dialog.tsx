import { useMutation, useQueryClient } from '@tanstack/react-query'
import { ConfirmDialog } from '../../components/confirm-dialog.tsx'
import { trpc } from '../../trpc.ts'
import type { ApiKey } from './api-key.ts'

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
      revoke.reset()
      onClose()
    },
  })

  return (
    <ConfirmDialog
      open={apiKey !== null}
      title={`Revoke “${apiKey?.name ?? ''}”?`}
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      failureLead="The key was not revoked."
      action={revoke}
      onConfirm={() => apiKey && revoke.mutate({ id: apiKey.id })}
      onClose={onClose}
    >
      <p>
        Requests that use <code>{apiKey?.prefix}</code> will be rejected immediately. This cannot be undone;
        to keep a service running, create its replacement key first.
      </p>
    </ConfirmDialog>
  )
}
