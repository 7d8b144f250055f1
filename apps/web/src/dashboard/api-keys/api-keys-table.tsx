import { formatDateTime } from '../../format.ts'
import { useSession } from '../session-context.tsx'
import type { ApiKey } from './api-key.ts'

interface ApiKeysTableProps {
  keys: ApiKey[]
  /** Absent: the caller cannot revoke keys (no `api-keys:write`), so no Revoke buttons. */
  onRevoke?: ((key: ApiKey) => void) | undefined
}

export function ApiKeysTable({ keys, onRevoke }: ApiKeysTableProps) {
  // A key that does more than the caller can is not theirs to revoke (403 WIDER_THAN_YOURS).
  const { widerThanMine } = useSession()
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="col-optional">
              Key
            </th>
            <th scope="col" className="col-optional">
              Last used
            </th>
            <th scope="col">Access</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-revoked={key.revokedAt !== null}>
              <th scope="row" className="cell-name">
                {key.name}
                <span className="cell-sub" title={key.createdAt}>
                  created {formatDateTime(key.createdAt)}
                </span>
              </th>
              <td className="col-optional">
                <code>{key.prefix}</code>
              </td>
              <td className="col-optional" title={key.lastUsedAt ?? undefined}>
                {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}
              </td>
              <td>
                <Access apiKey={key} />
              </td>
              <td>
                {key.revokedAt ? (
                  <span className="badge badge-muted" title={`Revoked ${formatDateTime(key.revokedAt)}`}>
                    Revoked
                  </span>
                ) : (
                  <span className="badge badge-success">Active</span>
                )}
              </td>
              <td className="cell-actions">
                {key.revokedAt === null && onRevoke && widerThanMine(key) !== null && (
                  <span
                    className="cell-sub"
                    title="Only someone with at least this key's access can revoke it"
                  >
                    {widerThanMine(key)?.by === 'workspaces'
                      ? 'Sees workspaces you do not'
                      : 'Holds scopes you do not'}
                  </span>
                )}
                {key.revokedAt === null && onRevoke && widerThanMine(key) === null && (
                  <button
                    type="button"
                    className="button button-small button-danger-ghost"
                    onClick={() => onRevoke(key)}
                    aria-label={`Revoke ${key.name}`}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** What the key may do, at a glance: full access or its scopes, all workspaces or how many. */
function Access({ apiKey }: { apiKey: ApiKey }) {
  const scopes = apiKey.scopes === null ? 'Full access' : apiKey.scopes.join(', ')
  const count = apiKey.workspaceIds?.length ?? 0
  const workspaces =
    apiKey.workspaceIds === null ? 'all workspaces' : `${count} ${count === 1 ? 'workspace' : 'workspaces'}`
  return (
    <>
      <span data-testid="api-key-scopes">{scopes}</span>
      <span className="cell-sub">
        {workspaces} ·{' '}
        <span data-testid="api-key-expires" title={apiKey.expiresAt ?? undefined}>
          {apiKey.expiresAt ? `expires ${formatDateTime(apiKey.expiresAt)}` : 'no expiry'}
        </span>
      </span>
    </>
  )
}
