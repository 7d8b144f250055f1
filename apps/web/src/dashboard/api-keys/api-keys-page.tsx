import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { trpc } from '../../trpc.ts'
import { MissingScopeNotice } from '../missing-scope-notice.tsx'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import type { ApiKey } from './api-key.ts'
import { ApiKeysTable } from './api-keys-table.tsx'
import { CreateApiKeyDialog } from './create-api-key-dialog.tsx'
import { RevokeApiKeyDialog } from './revoke-api-key-dialog.tsx'

const description = (
  <>
    Your backend uses these keys to call the Switchboard REST API, sent as{' '}
    <code>Authorization: Bearer sk_…</code>. A key does what its access allows (all of it, or chosen scopes
    and workspaces); keep keys on your servers only.
  </>
)

export function ApiKeysPage() {
  useDocumentTitle('API keys')
  const { can } = useSession()
  if (!can('api-keys:read')) {
    return (
      <div className="page">
        <PageHeader title="API keys" description={description} />
        <MissingScopeNotice what="API keys" scope="api-keys:read" />
      </div>
    )
  }
  return <ApiKeysManager canWrite={can('api-keys:write')} />
}

/** The keys; creating and revoking them only with `api-keys:write` (apiKeys.create, apiKeys.revoke). */
function ApiKeysManager({ canWrite }: { canWrite: boolean }) {
  const keys = useQuery(trpc.apiKeys.list.queryOptions())
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<ApiKey | null>(null)

  const createButton = canWrite && (
    <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
      Create API key
    </button>
  )

  return (
    <div className="page">
      <PageHeader title="API keys" description={description} actions={createButton} />
      {keys.isPending && <LoadingState label="Loading API keys…" />}
      {keys.isError && (
        <ErrorState
          title="API keys could not be loaded"
          error={keys.error}
          onRetry={() => void keys.refetch()}
        />
      )}
      {keys.isSuccess && keys.data.length === 0 && (
        <EmptyState title="No API keys yet" action={createButton}>
          {canWrite
            ? 'Create a key to let your backend create connect sessions and use connections.'
            : 'An owner or admin creates the keys your backend uses.'}
        </EmptyState>
      )}
      {keys.isSuccess && keys.data.length > 0 && (
        <ApiKeysTable keys={keys.data} onRevoke={canWrite ? setRevoking : undefined} />
      )}
      {canWrite && <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} />}
      {canWrite && <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />}
    </div>
  )
}
