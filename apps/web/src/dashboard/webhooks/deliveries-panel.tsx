import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { type BadgeTone, StatusBadge } from '../../components/status-badge.tsx'
import { messageOf } from '../../errors.ts'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import type { Delivery, Webhook } from './webhook.ts'

const tones: Record<Delivery['status'], BadgeTone> = {
  PENDING: 'info',
  DELIVERING: 'info',
  DELIVERED: 'success',
  FAILED: 'danger',
}
const labels: Record<Delivery['status'], string> = {
  PENDING: 'Pending',
  DELIVERING: 'Sending',
  DELIVERED: 'Delivered',
  FAILED: 'Failed',
}

/** ISO time of 24 hours ago, as a datetime-local value (local time, minutes). */
function dayAgoLocal(): string {
  const d = new Date(Date.now() - 24 * 3600_000 - new Date().getTimezoneOffset() * 60_000)
  return d.toISOString().slice(0, 16)
}

/** One endpoint's deliveries, newest first, each with its attempts; retry and replay (`webhooks:write`). */
export function DeliveriesPanel({ webhook, canWrite }: { webhook: Webhook; canWrite: boolean }) {
  const queryClient = useQueryClient()
  const input = { id: webhook.id }
  // Polls while something is on its way, so a test or retry shows its outcome.
  const deliveries = useQuery({
    ...trpc.webhooks.deliveries.queryOptions(input),
    refetchInterval: (q) =>
      q.state.data?.deliveries.some((d) => d.status === 'PENDING' || d.status === 'DELIVERING')
        ? 1500
        : false,
  })
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey(input) })
  const retry = useMutation({ ...trpc.webhooks.retryDelivery.mutationOptions(), onSuccess: refresh })
  const replay = useMutation({ ...trpc.webhooks.replay.mutationOptions(), onSuccess: refresh })
  const [since, setSince] = useState(dayAgoLocal)

  function submitReplay(event: FormEvent) {
    event.preventDefault()
    replay.mutate({ id: webhook.id, since: new Date(since).toISOString() })
  }

  return (
    <section className="card" aria-label={`Deliveries to ${webhook.url}`}>
      <h2 className="card-title">Deliveries to {webhook.url}</h2>
      {canWrite && (
        <form className="form form-inline" onSubmit={submitReplay}>
          <div className="field">
            <label htmlFor="replay-since">Replay events since</label>
            <input
              id="replay-since"
              type="datetime-local"
              value={since}
              onChange={(e) => setSince(e.target.value)}
              required
            />
          </div>
          <button type="submit" className="button" disabled={replay.isPending || !webhook.enabled}>
            {replay.isPending ? 'Replaying…' : 'Replay'}
          </button>
          {replay.isSuccess && (
            <span role="status" className="muted">
              {replay.data.replayed} event{replay.data.replayed === 1 ? '' : 's'} queued again
              {replay.data.more ? ' (more remain: replay again from a later time)' : ''}.
            </span>
          )}
        </form>
      )}
      {replay.isError && (
        <div className="alert alert-error" role="alert">
          Nothing was replayed. {messageOf(replay.error)}
        </div>
      )}
      {retry.isError && (
        <div className="alert alert-error" role="alert">
          The delivery was not retried. {messageOf(retry.error)}
        </div>
      )}
      {deliveries.isPending && <LoadingState label="Loading deliveries…" />}
      {deliveries.isError && (
        <ErrorState
          title="Deliveries could not be loaded"
          error={deliveries.error}
          onRetry={() => void deliveries.refetch()}
        />
      )}
      {deliveries.isSuccess && deliveries.data.deliveries.length === 0 && (
        <EmptyState title="No deliveries yet">
          Events this endpoint subscribes to appear here as they are sent.
          {canWrite && ' Send a test to try it.'}
        </EmptyState>
      )}
      {deliveries.isSuccess && deliveries.data.deliveries.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col" className="col-optional">
                  Last answer
                </th>
                <th scope="col" className="col-optional">
                  Next attempt
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.deliveries.map((d) => (
                <tr key={d.id} data-testid="webhook-delivery">
                  <th scope="row" className="cell-name">
                    <code>{d.eventType}</code>
                    <div className="muted" title={d.createdAt}>
                      {formatDateTime(d.createdAt)}
                    </div>
                  </th>
                  <td>
                    <StatusBadge tone={tones[d.status]} label={labels[d.status]} detail={d.lastError} />
                  </td>
                  <td>
                    {d.attemptHistory.length === 0 ? (
                      d.attempts
                    ) : (
                      <details>
                        <summary>{d.attempts}</summary>
                        <ol className="attempt-list">
                          {d.attemptHistory.map((a) => (
                            <li key={a.attemptedAt}>
                              {formatDateTime(a.attemptedAt)}: {a.statusCode ?? a.error ?? 'no answer'} in{' '}
                              {a.latencyMs} ms
                              {a.response ? <pre className="attempt-response">{a.response}</pre> : null}
                            </li>
                          ))}
                        </ol>
                      </details>
                    )}
                  </td>
                  <td className="col-optional">
                    {d.lastStatusCode ?? (d.lastError ? 'No answer' : '—')}
                    {d.lastLatencyMs !== null && <span className="muted"> · {d.lastLatencyMs} ms</span>}
                  </td>
                  <td className="col-optional">{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—'}</td>
                  <td className="cell-actions">
                    {canWrite &&
                      (d.status === 'DELIVERED' || d.status === 'FAILED' || d.status === 'PENDING') && (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={retry.isPending || !webhook.enabled}
                          onClick={() => retry.mutate({ id: webhook.id, deliveryId: d.id })}
                        >
                          Retry
                        </button>
                      )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
