import { useMutation, useQueryClient } from '@tanstack/react-query'
import { SecretDialog } from '../../components/secret-dialog.tsx'
import { SecretShownOnce } from '../../components/secret-shown-once.tsx'
import { messageOf } from '../../errors.ts'
import { trpc } from '../../trpc.ts'
import type { Webhook } from './webhook.ts'

/** Asks, rotates, then shows the new secret once; the former one keeps signing for 24 hours. */
export function RotateSecretDialog({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const queryClient = useQueryClient()
  const rotate = useMutation({
    ...trpc.webhooks.rotateSecret.mutationOptions(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() }),
  })
  function close() {
    rotate.reset()
    onClose()
  }
  return (
    <SecretDialog
      open={webhook !== null}
      onClose={close}
      title="Rotate the signing secret?"
      submitLabel="Rotate secret"
      pendingLabel="Rotating…"
      pending={rotate.isPending}
      onSubmit={() => webhook && rotate.mutate({ id: webhook.id })}
      error={rotate.isError && `The secret was not rotated. ${messageOf(rotate.error)}`}
      revealed={
        rotate.isSuccess
          ? {
              title: 'Copy the new signing secret',
              body: (
                <>
                  <p className="muted">
                    For 24 hours each delivery is signed with both the new and the former secret, so receivers
                    on either keep working while you deploy this one.
                  </p>
                  <SecretShownOnce
                    secret={rotate.data.secret}
                    what="signing secret"
                    keep="deploy it to your receiver within 24 hours"
                    ifLost="rotate again"
                    testId="rotated-webhook-secret"
                  />
                </>
              ),
            }
          : null
      }
    >
      <p>
        A new secret is made for <strong>{webhook?.url}</strong>. The current one keeps signing beside it for
        24 hours, then stops.
      </p>
    </SecretDialog>
  )
}
