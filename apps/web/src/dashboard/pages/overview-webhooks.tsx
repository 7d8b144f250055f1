import { Link } from 'react-router'
import { StatusBadge } from '../../components/status-badge.tsx'
import { formatDateTime } from '../../format.ts'

export interface WebhookAttentionRow {
  endpointId: string
  url: string
  enabled: boolean
  failedDeliveries: number
  retryingDeliveries: number
  lastStatusCode: number | null
  lastAttemptAt: string | null
  nextStep: string
}

/** The overview's "needs attention" rows for webhook endpoints that fail or were disabled. */
export function WebhookAttention({ rows }: { rows: WebhookAttentionRow[] }) {
  return (
    <>
      {rows.map((w) => (
        <li key={w.endpointId} className="attention-item" data-testid="attention-webhook">
          <div className="attention-head">
            <Link to="/app/webhooks" className="cell-title cell-link">
              Webhook {w.url}
            </Link>
            {w.enabled ? (
              <StatusBadge tone="warning" label="Deliveries failing" />
            ) : (
              <StatusBadge tone="danger" label="Disabled" />
            )}
            <span className="small muted">
              {[
                w.failedDeliveries > 0 && `${w.failedDeliveries} failed`,
                w.retryingDeliveries > 0 && `${w.retryingDeliveries} retrying`,
                w.lastStatusCode !== null && `last answer ${w.lastStatusCode}`,
                w.lastAttemptAt && `at ${formatDateTime(w.lastAttemptAt)}`,
              ]
                .filter(Boolean)
                .join(', ')}
            </span>
          </div>
          <p className="attention-next">{w.nextStep}</p>
        </li>
      ))}
    </>
  )
}
