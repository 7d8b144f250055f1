import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { type FormEvent, useState } from 'react'
import { ConfirmDialog } from '../../components/confirm-dialog.tsx'
import { CopyButton } from '../../components/copy-button.tsx'
import { Dialog } from '../../components/dialog.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { Logo } from '../../components/logo.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { SecretShownOnce } from '../../components/secret-shown-once.tsx'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { AdminOnlyNotice } from '../admin-only-notice.tsx'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { type OAuthClientScope, oauthClientScopes, scopeLabel } from './oauth-scopes.ts'

type OAuthClient = inferOutput<typeof trpc.oauthClients.list>[number]
type OAuthGrant = inferOutput<typeof trpc.oauthGrants.list>[number]

const description = (
  <>
    Third-party apps that act for your customers through Switchboard’s OAuth 2.0 authorization server. They
    send people to <code>/oauth/auth</code>, get a code and exchange it for tokens limited to the scopes you
    allow here.
  </>
)

/** /app/oauth-clients: registered apps (owners and admins) and the apps people authorized. */
export function OAuthClientsPage() {
  useDocumentTitle('OAuth clients')
  const { isAdmin } = useSession()
  const [creating, setCreating] = useState(false)
  return (
    <div className="page">
      <PageHeader
        title="OAuth clients"
        description={description}
        actions={
          isAdmin && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              Register an app
            </button>
          )
        }
      />
      <div className="stack">
        {isAdmin ? (
          <ClientsSection onCreate={() => setCreating(true)} />
        ) : (
          <AdminOnlyNotice what="OAuth clients" />
        )}
        <GrantsSection />
      </div>
      {isAdmin && <CreateClientDialog open={creating} onClose={() => setCreating(false)} />}
    </div>
  )
}

function ClientsSection({ onCreate }: { onCreate: () => void }) {
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
            <button type="button" className="button button-primary" onClick={onCreate}>
              Register an app
            </button>
          }
        >
          Register an app to get a client ID (and a secret for server-side apps). See docs/oauth-server.md for
          the flow.
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
                    <button
                      type="button"
                      className="button button-small button-danger-ghost"
                      aria-label={`Delete ${c.name}`}
                      onClick={() => setDeleting(c)}
                    >
                      Delete
                    </button>
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

function CreateClientDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [logoUrl, setLogoUrl] = useState('')
  const [redirectUris, setRedirectUris] = useState('')
  const [confidential, setConfidential] = useState(true)
  const [scopes, setScopes] = useState<OAuthClientScope[]>(['connections:read'])
  const create = useMutation({
    ...trpc.oauthClients.create.mutationOptions(),
    onSuccess: () => void queryClient.invalidateQueries(trpc.oauthClients.list.pathFilter()),
  })

  function close() {
    create.reset()
    setName('')
    setLogoUrl('')
    setRedirectUris('')
    setConfidential(true)
    setScopes(['connections:read'])
    onClose()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate({
      name: name.trim(),
      logoUrl: logoUrl.trim() === '' ? null : logoUrl.trim(),
      redirectUris: redirectUris
        .split('\n')
        .map((u) => u.trim())
        .filter((u) => u !== ''),
      confidential,
      scopes,
    })
  }

  function toggle(scope: OAuthClientScope, on: boolean) {
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)))
  }

  if (create.isSuccess) {
    const client = create.data
    return (
      <Dialog
        open={open}
        title={`${client.name} is registered`}
        onClose={close}
        footer={
          <button type="button" className="button" onClick={close}>
            Done
          </button>
        }
      >
        <p className="muted">Client ID</p>
        <div className="secret-box">
          <code data-testid="new-client-id">{client.clientId}</code>
          <CopyButton value={client.clientId} label="Copy client ID" />
        </div>
        {client.clientSecret ? (
          <>
            <p className="muted">Client secret</p>
            <SecretShownOnce
              secret={client.clientSecret}
              what="client secret"
              keep="store it on the app’s server"
              ifLost="delete the app and register it again"
              testId="new-client-secret"
            />
          </>
        ) : (
          <p>This public app has no secret; it must use PKCE (S256) on every authorization.</p>
        )}
      </Dialog>
    )
  }

  const issues = fieldIssuesOf(create.error)
  /** The first issue at `path` or inside it ("redirectUris.1" is "Redirect URI 2"), said for people. */
  const issueFor = (path: string, label: string, itemLabel = label) => {
    const issue = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))
    if (!issue) return undefined
    const index = issue.path.slice(path.length + 1).split('.')[0]
    return describeIssue(issue, index && /^\d+$/.test(index) ? `${itemLabel} ${Number(index) + 1}` : label)
  }
  const nameIssue = issueFor('name', 'Name')
  const logoIssue = issueFor('logoUrl', 'Logo URL')
  const redirectIssue = issueFor('redirectUris', 'Redirect URIs', 'Redirect URI')
  const scopesIssue = issueFor('scopes', 'Allowed scopes', 'Scope')
  return (
    <Dialog
      open={open}
      title="Register an app"
      onClose={close}
      dismissable={!create.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={create.isPending}>
            Cancel
          </button>
          <button
            type="submit"
            form="create-oauth-client-form"
            className="button button-primary"
            disabled={create.isPending}
          >
            {create.isPending ? 'Registering…' : 'Register app'}
          </button>
        </>
      }
    >
      <form id="create-oauth-client-form" className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="oauth-client-name">Name</label>
          <input
            id="oauth-client-name"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={nameIssue ? true : undefined}
            aria-describedby="oauth-client-name-help"
          />
          <p id="oauth-client-name-help" className={nameIssue ? 'field-error' : 'field-help'}>
            {nameIssue ?? 'People see it on the consent page.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="oauth-client-logo">
            Logo URL <span className="field-optional">(optional)</span>
          </label>
          <input
            id="oauth-client-logo"
            type="url"
            value={logoUrl}
            placeholder="https://example.com/logo.png"
            onChange={(e) => setLogoUrl(e.target.value)}
            aria-invalid={logoIssue ? true : undefined}
            aria-describedby="oauth-client-logo-help"
          />
          <p id="oauth-client-logo-help" className={logoIssue ? 'field-error' : 'field-help'}>
            {logoIssue ?? 'An https address.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="oauth-client-redirects">Redirect URIs</label>
          <textarea
            id="oauth-client-redirects"
            rows={3}
            value={redirectUris}
            placeholder="https://app.example.com/oauth/callback"
            onChange={(e) => setRedirectUris(e.target.value)}
            aria-invalid={redirectIssue ? true : undefined}
            aria-describedby="oauth-client-redirects-help"
          />
          <p id="oauth-client-redirects-help" className={redirectIssue ? 'field-error' : 'field-help'}>
            {redirectIssue ?? 'One per line, matched exactly. https, or http on localhost only.'}
          </p>
        </div>
        <fieldset className="field radio-group">
          <legend>Type</legend>
          <label>
            <input
              type="radio"
              name="confidential"
              checked={confidential}
              onChange={() => setConfidential(true)}
            />
            Confidential: a server that can keep a client secret
          </label>
          <label>
            <input
              type="radio"
              name="confidential"
              checked={!confidential}
              onChange={() => setConfidential(false)}
            />
            Public: a single-page, mobile or command-line app (PKCE, no secret)
          </label>
        </fieldset>
        <fieldset className="field radio-group" aria-describedby="oauth-client-scopes-help">
          <legend>Allowed scopes</legend>
          {oauthClientScopes.map((s) => (
            <label key={s.scope}>
              <input
                type="checkbox"
                checked={scopes.includes(s.scope)}
                onChange={(e) => toggle(s.scope, e.target.checked)}
              />
              {s.label} <code className="small muted">{s.scope}</code>
            </label>
          ))}
          <p id="oauth-client-scopes-help" className={scopesIssue ? 'field-error' : 'field-help'}>
            {scopesIssue ?? 'The app can ask for these; people approve them on the consent page.'}
          </p>
        </fieldset>
        {create.isError && issues.length === 0 && (
          <div className="alert alert-error" role="alert">
            The app could not be registered. {messageOf(create.error)}
          </div>
        )}
      </form>
    </Dialog>
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
