import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { trpc } from '../../trpc.ts'
import { AdminOnlyNotice } from '../admin-only-notice.tsx'
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
  const { isAdmin } = useSession()
  if (!isAdmin) {
    return (
      <div className="page">
        <PageHeader title="API keys" description={description} />
        <AdminOnlyNotice what="API keys" />
      </div>
    )
  }
  return <ApiKeysManager />
}

function ApiKeysManager() {
  const keys = useQuery(trpc.apiKeys.list.queryOptions())
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<ApiKey | null>(null)

  const createButton = (
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
          Create a key to let your backend create connect sessions and use connections.
        </EmptyState>
      )}
      {keys.isSuccess && keys.data.length > 0 && <ApiKeysTable keys={keys.data} onRevoke={setRevoking} />}
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} />
      <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </div>
  )
}
