import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { useState } from 'react'
import { ConfirmDialog } from '../../components/confirm-dialog.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { Logo } from '../../components/logo.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { MissingScopeNotice } from '../missing-scope-notice.tsx'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { CreateClientDialog } from './create-client-dialog.tsx'
import { scopeLabel } from './oauth-scopes.ts'

type OAuthClient = inferOutput<typeof trpc.oauthClients.list>[number]
type OAuthGrant = inferOutput<typeof trpc.oauthGrants.list>[number]

const description = (
  <>
    Third-party apps that act for your customers through Switchboard’s OAuth 2.0 authorization server. They
    send people to <code>/oauth/auth</code>, get a code and exchange it for tokens limited to the scopes you
    allow here.
  </>
)

/**
 * /app/oauth-clients: registered apps (read with `settings:read`, registered and deleted with
 * `settings:write`) and the apps people authorized (each revokes their own).
 */
export function OAuthClientsPage() {
  useDocumentTitle('OAuth clients')
  const { can } = useSession()
  const canWrite = can('settings:write')
  const [creating, setCreating] = useState(false)
  return (
    <div className="page">
      <PageHeader
        title="OAuth clients"
        description={description}
        actions={
          canWrite && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              Register an app
            </button>
          )
        }
      />
      <div className="stack">
        {can('settings:read') ? (
          <ClientsSection canWrite={canWrite} onCreate={() => setCreating(true)} />
        ) : (
          <MissingScopeNotice what="OAuth clients" scope="settings:read" />
        )}
        {can('settings:read') && <GrantsSection />}
      </div>
      {canWrite && <CreateClientDialog open={creating} onClose={() => setCreating(false)} />}
    </div>
  )
}

/** The registered apps; `canWrite` (`settings:write`) adds Register and Delete. */
function ClientsSection({ canWrite, onCreate }: { canWrite: boolean; onCreate: () => void }) {
  const clients = useQuery(trpc.oauthClients.list.queryOptions())
  const [deleting, setDeleting] = useState<OAuthClient | null>(null)
  return (
    <section aria-labelledby="oauth-clients-heading" className="stack">
      <h2 id="oauth-clients-heading" className="visually-hidden">
        Registered apps
      </h2>
      {clients.isPending && <LoadingState label="Loading OAuth clients…" />}
      {clients.isError && (
        <ErrorState
          title="OAuth clients could not be loaded"
          error={clients.error}
          onRetry={() => void clients.refetch()}
        />
      )}
      {clients.isSuccess && clients.data.length === 0 && (
        <EmptyState
          title="No apps registered yet"
          action={
            canWrite && (
              <button type="button" className="button button-primary" onClick={onCreate}>
                Register an app
              </button>
            )
          }
        >
          {canWrite
            ? 'Register an app to get a client ID (and a secret for server-side apps). See docs/oauth-server.md for the flow.'
            : 'An owner or admin registers the apps that act for your customers. See docs/oauth-server.md for the flow.'}
        </EmptyState>
      )}
      {clients.isSuccess && clients.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">Type</th>
                <th scope="col" className="col-optional">
                  Redirect URIs
                </th>
                <th scope="col" className="col-optional">
                  Scopes
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {clients.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="cell-name">
                    <span className="app-name">
                      <Logo src={c.logoUrl ?? undefined} name={c.name} size={28} />
                      <span>
                        <span className="cell-title">{c.name}</span>
                        <code className="cell-sub">{c.clientId}</code>
                      </span>
                    </span>
                  </th>
                  <td>{c.confidential ? 'Confidential' : 'Public (PKCE)'}</td>
                  <td className="col-optional">
                    {c.redirectUris.map((u) => (
                      <code key={u} className="cell-sub">
                        {u}
                      </code>
                    ))}
                  </td>
                  <td className="col-optional small">{c.scopes.join(', ')}</td>
                  <td>
                    {canWrite && (
                      <button
                        type="button"
                        className="button button-small button-danger-ghost"
                        aria-label={`Delete ${c.name}`}
                        onClick={() => setDeleting(c)}
                      >
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <DeleteClientDialog client={deleting} onClose={() => setDeleting(null)} />
    </section>
  )
}

function DeleteClientDialog({ client, onClose }: { client: OAuthClient | null; onClose: () => void }) {
  const queryClient = useQueryClient()
  const remove = useMutation({
    ...trpc.oauthClients.delete.mutationOptions(),
    onSuccess: async () => {
      await queryClient.invalidateQueries(trpc.oauthClients.pathFilter())
      await queryClient.invalidateQueries(trpc.oauthGrants.pathFilter())
      onClose()
    },
  })
  return (
    <ConfirmDialog
      open={client !== null}
      title="Delete this app?"
      confirmLabel="Delete app"
      pendingLabel="Deleting…"
      failureLead="The app was not deleted."
      action={remove}
      onConfirm={() => client && remove.mutate({ id: client.id })}
      onClose={onClose}
    >
      <p>
        “{client?.name}” can no longer sign people in, and the tokens it holds stop working. This cannot be
        undone.
      </p>
    </ConfirmDialog>
  )
}

function GrantsSection() {
  const grants = useQuery(trpc.oauthGrants.list.queryOptions())
  const [revoking, setRevoking] = useState<OAuthGrant | null>(null)
  return (
    <section className="card" aria-labelledby="oauth-grants-heading">
      <h2 id="oauth-grants-heading" className="card-title">
        Authorized apps
      </h2>
      <p className="muted small">
        Apps people of your organization approved. Revoking one ends its access at once; its tokens stop
        working.
      </p>
      {grants.isPending && <LoadingState label="Loading authorized apps…" />}
      {grants.isError && (
        <ErrorState
          title="Authorized apps could not be loaded"
          error={grants.error}
          onRetry={() => void grants.refetch()}
        />
      )}
      {grants.isSuccess && grants.data.length === 0 && (
        <p className="muted">No app has been authorized yet.</p>
      )}
      {grants.isSuccess && grants.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">Approved by</th>
                <th scope="col" className="col-optional">
                  Scopes
                </th>
                <th scope="col" className="col-optional">
                  Since
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {grants.data.map((g) => (
                <tr key={g.id}>
                  <th scope="row" className="cell-name">
                    <span className="app-name">
                      <Logo src={g.logoUrl ?? undefined} name={g.clientName} size={28} />
                      <span className="cell-title">{g.clientName}</span>
                    </span>
                  </th>
                  <td>{g.userEmail}</td>
                  <td className="col-optional small">{g.scopes.map(scopeLabel).join(', ')}</td>
                  <td className="col-optional">{formatDateTime(g.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-small button-danger-ghost"
                      aria-label={`Revoke ${g.clientName}`}
                      onClick={() => setRevoking(g)}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RevokeGrantDialog grant={revoking} onClose={() => setRevoking(null)} />
    </section>
  )
}

function RevokeGrantDialog({ grant, onClose }: { grant: OAuthGrant | null; onClose: () => void }) {
  const queryClient = useQueryClient()
  const revoke = useMutation({
    ...trpc.oauthGrants.revoke.mutationOptions(),
    onSuccess: async () => {
      await queryClient.invalidateQueries(trpc.oauthGrants.pathFilter())
      onClose()
    },
  })
  return (
    <ConfirmDialog
      open={grant !== null}
      title="Revoke this app’s access?"
      confirmLabel="Revoke access"
      pendingLabel="Revoking…"
      failureLead="Access was not revoked."
      action={revoke}
      onConfirm={() => grant && revoke.mutate({ id: grant.id })}
      onClose={onClose}
    >
      <p>
        “{grant?.clientName}” loses the access {grant?.userEmail} gave it. It has to ask again to act for your
        organization.
      </p>
    </ConfirmDialog>
  )
}
