import type { inferOutput } from '@trpc/tanstack-react-query'
import { Link } from 'react-router'
import { StatusBadge } from '../../components/status-badge.tsx'
import { formatDateTime } from '../../format.ts'
import type { trpc } from '../../trpc.ts'
import { connectionStatus, scopeLabels } from './connection-status.ts'

export type Connection = inferOutput<typeof trpc.connections.list>['connections'][number]

export function ConnectionsTable({ connections }: { connections: Connection[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Connection</th>
            <th scope="col">Integration</th>
            <th scope="col" className="col-optional">
              Scope
            </th>
            <th scope="col">Status</th>
            <th scope="col" className="col-optional">
              Last used
            </th>
            <th scope="col" className="col-optional">
              Created
            </th>
          </tr>
        </thead>
        <tbody>
          {connections.map((c) => {
            const status = connectionStatus(c.status)
            return (
              <tr key={c.id}>
                <th scope="row" className="cell-name">
                  <Link to={`/app/connections/${c.id}`} className="cell-title cell-link">
                    {c.displayName}
                  </Link>
                  <code className="cell-sub">{c.externalId}</code>
                  {c.endUserExternalId !== null && (
                    <span className="cell-sub">
                      End user <code>{c.endUserExternalId}</code>
                    </span>
                  )}
                </th>
                <td>{c.integrationName}</td>
                <td className="col-optional">{scopeLabels[c.scope]}</td>
                <td>
                  <StatusBadge tone={status.tone} label={status.label} detail={c.statusReason} />
                  {c.expiring && (
                    <>
                      {' '}
                      <StatusBadge
                        tone="warning"
                        label="Expiring"
                        detail={expiringDetail(c.refreshTokenExpiresAt)}
                      />
                    </>
                  )}
                </td>
                <td className="col-optional" title={c.lastUsedAt ?? undefined}>
                  {c.lastUsedAt ? formatDateTime(c.lastUsedAt) : 'Never'}
                </td>
                <td className="col-optional" title={c.createdAt}>
                  {formatDateTime(c.createdAt)}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/** Why a connection is marked expiring: when its refresh token (so the connection) ends. */
export function expiringDetail(refreshTokenExpiresAt: string | null): string {
  return refreshTokenExpiresAt
    ? `The refresh token ends ${formatDateTime(refreshTokenExpiresAt)}; the end user must reconnect before then`
    : 'The connection ends soon; the end user must reconnect'
}
