import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ConfirmDialog } from '../../components/confirm-dialog.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { StatusBadge } from '../../components/status-badge.tsx'
import { messageOf } from '../../errors.ts'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { MissingScopeNotice } from '../missing-scope-notice.tsx'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { CreateWebhookDialog } from './create-webhook-dialog.tsx'
import { DeliveriesPanel } from './deliveries-panel.tsx'
import { RotateSecretDialog } from './rotate-secret-dialog.tsx'
import type { Webhook } from './webhook.ts'
import { WorkspaceFilter } from './workspace-filter.tsx'

const description = (
  <>
    Switchboard posts events (connections created, broken, recovered; admin actions) to these URLs, signed per
    Standard Webhooks: verify each <code>webhook-signature</code> with the endpoint&apos;s secret. Failed
    deliveries are retried for 3 days.
  </>
)

export function WebhooksPage() {
  useDocumentTitle('Webhooks')
  const { can } = useSession()
  if (!can('webhooks:read')) {
    return (
      <div className="page">
        <PageHeader title="Webhooks" description={description} />
        <MissingScopeNotice what="webhooks" scope="webhooks:read" />
      </div>
    )
  }
  return <WebhooksManager canWrite={can('webhooks:write')} />
}

/** The endpoints and their deliveries; every change only with `webhooks:write`. */
function WebhooksManager({ canWrite }: { canWrite: boolean }) {
  const queryClient = useQueryClient()
  const webhooks = useQuery(trpc.webhooks.list.queryOptions())
  const [creating, setCreating] = useState(false)
  const [rotating, setRotating] = useState<Webhook | null>(null)
  const [deleting, setDeleting] = useState<Webhook | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey() })
  }
  const update = useMutation({ ...trpc.webhooks.update.mutationOptions(), onSuccess: invalidate })
  const test = useMutation({ ...trpc.webhooks.test.mutationOptions(), onSuccess: invalidate })
  const remove = useMutation({
    ...trpc.webhooks.delete.mutationOptions(),
    onSuccess: () => {
      if (deleting?.id === selectedId) setSelectedId(null)
      setDeleting(null)
      invalidate()
    },
  })

  const createButton = canWrite && (
    <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
      Add endpoint
    </button>
  )
  const selected = webhooks.data?.find((w) => w.id === selectedId) ?? null

  return (
    <div className="page">
      <PageHeader title="Webhooks" description={description} actions={createButton} />
      {webhooks.isPending && <LoadingState label="Loading webhook endpoints…" />}
      {webhooks.isError && (
        <ErrorState
          title="Webhook endpoints could not be loaded"
          error={webhooks.error}
          onRetry={() => void webhooks.refetch()}
        />
      )}
      {webhooks.isSuccess && webhooks.data.length === 0 && (
        <EmptyState title="No webhook endpoints yet" action={createButton}>
          {canWrite
            ? 'Add an endpoint to learn when a user connects, when a connection breaks and when it recovers, without polling.'
            : 'An owner or admin adds the endpoints that learn when a user connects, when a connection breaks and when it recovers.'}
        </EmptyState>
      )}
      {(update.isError || test.isError) && (
        <div className="alert alert-error" role="alert">
          {messageOf(update.error ?? test.error)}
        </div>
      )}
      {test.isSuccess && (
        <div className="alert alert-success" role="status">
          Test event queued: see it under Deliveries.
        </div>
      )}
      {webhooks.isSuccess && webhooks.data.length > 0 && (
        <div className="table-wrap webhooks-table">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col" className="col-optional">
                  Events
                </th>
                <th scope="col" className="col-optional">
                  Workspaces
                </th>
                <th scope="col">Status</th>
                <th scope="col" className="col-optional">
                  Created
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {webhooks.data.map((w) => (
                <tr key={w.id} aria-selected={w.id === selectedId}>
                  <th scope="row" className="cell-name">
                    <code>{w.url}</code>
                    {w.description && <div className="muted">{w.description}</div>}
                  </th>
                  <td className="col-optional">
                    {w.events === null ? 'All (except connection.refreshed)' : w.events.join(', ')}
                  </td>
                  <td className="col-optional">
                    <WorkspaceFilter ids={w.workspaceIds} />
                  </td>
                  <td>
                    {w.enabled ? (
                      <StatusBadge tone="success" label="Enabled" />
                    ) : (
                      <StatusBadge tone="muted" label="Disabled" detail={w.disabledReason} />
                    )}
                    {w.previousSecretExpiresAt && (
                      <div className="muted">
                        Former secret signs until {formatDateTime(w.previousSecretExpiresAt)}
                      </div>
                    )}
                  </td>
                  <td className="col-optional" title={w.createdAt}>
                    {formatDateTime(w.createdAt)}
                  </td>
                  <td className="cell-actions">
                    <div className="webhook-actions">
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setSelectedId(w.id === selectedId ? null : w.id)}
                        aria-pressed={w.id === selectedId}
                        aria-label={`Deliveries to ${w.url}`}
                      >
                        Deliveries
                      </button>
                      {canWrite && (
                        <>
                          <button
                            type="button"
                            className="button button-small"
                            disabled={test.isPending}
                            onClick={() => {
                              setSelectedId(w.id)
                              test.mutate({ id: w.id })
                            }}
                            aria-label={`Send a test event to ${w.url}`}
                          >
                            Send test
                          </button>
                          <button
                            type="button"
                            className="button button-small"
                            disabled={update.isPending}
                            onClick={() => update.mutate({ id: w.id, enabled: !w.enabled })}
                            aria-label={`${w.enabled ? 'Disable' : 'Enable'} ${w.url}`}
                          >
                            {w.enabled ? 'Disable' : 'Enable'}
                          </button>
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => setRotating(w)}
                            aria-label={`Rotate the secret of ${w.url}`}
                          >
                            Rotate secret
                          </button>
                          <button
                            type="button"
                            className="button button-small button-danger-ghost"
                            onClick={() => setDeleting(w)}
                            aria-label={`Delete ${w.url}`}
                          >
                            Delete
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && (
        <div className="webhook-deliveries">
          <DeliveriesPanel key={selected.id} webhook={selected} canWrite={canWrite} />
        </div>
      )}
      {canWrite && <CreateWebhookDialog open={creating} onClose={() => setCreating(false)} />}
      {canWrite && <RotateSecretDialog webhook={rotating} onClose={() => setRotating(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this webhook endpoint?"
        confirmLabel="Delete endpoint"
        pendingLabel="Deleting…"
        failureLead="The endpoint was not deleted."
        action={remove}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        onClose={() => setDeleting(null)}
      >
        <p>
          <strong>{deleting?.url}</strong> gets no more events, and its delivery history is deleted. This
          cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  )
}
