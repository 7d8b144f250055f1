import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { type FormEvent, useEffect, useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { ConfirmDialog } from '../../components/confirm-dialog.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { Logo } from '../../components/logo.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { appCodeOf, fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { authTypeLabels } from './auth-types.ts'
import type { IntegrationNotice } from './custom-integration-pages.tsx'

type Integration = inferOutput<typeof trpc.integrations.get>
type OAuthApp = inferOutput<typeof trpc.oauthApps.list>[number]

const PLAN_REQUIRED = 'CUSTOM_OAUTH_APP_PLAN_REQUIRED'

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object') return undefined
  const inner = (value as Record<string, unknown>)[key]
  return inner && typeof inner === 'object' ? (inner as Record<string, unknown>) : undefined
}

function stringAt(value: Record<string, unknown> | undefined, key: string): string | undefined {
  const inner = value?.[key]
  return typeof inner === 'string' && inner !== '' ? inner : undefined
}

/** The endpoints and default scopes of an integration's definition, for people to read. */
function endpointsOf(integration: Integration) {
  const oauth2 = objectAt(integration.definition, 'oauth2')
  const api = objectAt(integration.definition, 'api')
  const rows: Array<[string, string]> = []
  const add = (label: string, value: string | undefined) => value && rows.push([label, value])
  add('API base URL', stringAt(api, 'baseUrl'))
  add('Authorization URL', stringAt(oauth2, 'authorizationUrl'))
  add('Token URL', stringAt(oauth2, 'tokenUrl'))
  add('Revocation URL', stringAt(oauth2, 'revocationUrl'))
  add('Introspection URL', stringAt(oauth2, 'introspectionUrl'))
  const scopes = oauth2?.scopes
  return {
    rows,
    scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [],
  }
}

/** /app/integrations/:name — how an integration authenticates, and the organization's OAuth app. */
export function IntegrationDetailPage() {
  const { name = '' } = useParams()
  const canWrite = useSession().can('integrations:write')
  const location = useLocation()
  const navigate = useNavigate()
  // Shown once: the history entry forgets it, so a reload or Back does not say it again.
  const [notice] = useState(() => (location.state as IntegrationNotice | null)?.notice)
  useEffect(() => {
    if (location.state) void navigate(location.pathname, { replace: true, state: null })
  }, [location.state, location.pathname, navigate])
  const [deleting, setDeleting] = useState(false)
  const integration = useQuery(trpc.integrations.get.queryOptions({ id: name }))
  useDocumentTitle(integration.data?.displayName ?? 'Integration')
  // The catalog's "Add your OAuth app" links here with #oauth-app: bring the section into view.
  const loaded = integration.isSuccess
  useEffect(() => {
    if (loaded && location.hash === '#oauth-app') document.getElementById('oauth-app')?.scrollIntoView()
  }, [loaded, location.hash])
  const back = (
    <Link to="/app/integrations" className="back-link">
      ← All integrations
    </Link>
  )
  if (integration.isPending)
    return (
      <div className="page">
        {back}
        <LoadingState label="Loading the integration…" />
      </div>
    )
  if (integration.isError)
    return (
      <div className="page">
        {back}
        <PageHeader title="Integration" />
        {httpStatusNotFound(integration.error) ? (
          <EmptyState title="This integration does not exist">
            Check the address, or pick one from the catalog.
          </EmptyState>
        ) : (
          <ErrorState
            title="The integration could not be loaded"
            error={integration.error}
            onRetry={() => void integration.refetch()}
          />
        )}
      </div>
    )

  const i = integration.data
  const { rows, scopes } = endpointsOf(i)
  return (
    <div className="page">
      {back}
      <header className="page-header">
        <div className="app-name">
          <Logo src={i.logoUrl ?? undefined} name={i.displayName} size={44} />
          <div>
            <h1>{i.displayName}</h1>
            {i.description && <p className="page-description">{i.description}</p>}
          </div>
        </div>
        <div className="page-actions">
          <Link to={`/app/connections?integration=${encodeURIComponent(i.name)}`} className="button">
            Connections
          </Link>
          {canWrite && i.custom && (
            <>
              <Link to={`/app/integrations/${encodeURIComponent(i.name)}/edit`} className="button">
                Edit
              </Link>
              <button type="button" className="button button-danger-ghost" onClick={() => setDeleting(true)}>
                Delete
              </button>
            </>
          )}
        </div>
      </header>
      {notice && (
        <div className="alert alert-success page-notice" role="status">
          {notice}
        </div>
      )}
      <div className="stack">
        <section className="card" aria-labelledby="integration-auth-heading">
          <h2 id="integration-auth-heading" className="card-title">
            Authentication
          </h2>
          <dl className="details">
            <div>
              <dt>Auth type</dt>
              <dd>{authTypeLabels[i.authType]}</dd>
            </div>
            <div>
              <dt>Name in the API</dt>
              <dd>
                <code>{i.name}</code>
              </dd>
            </div>
            <div>
              <dt>Source</dt>
              <dd>{i.custom ? 'Custom integration of your organization' : 'Switchboard catalog'}</dd>
            </div>
            {scopes.length > 0 && (
              <div>
                <dt>Default scopes</dt>
                <dd className="scope-list">
                  {scopes.map((s) => (
                    <code key={s}>{s}</code>
                  ))}
                </dd>
              </div>
            )}
            {rows.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>
                  <code>{value}</code>
                </dd>
              </div>
            ))}
          </dl>
        </section>
        {i.authType === 'OAUTH2' && <OAuthAppSection integration={i} />}
      </div>
      {i.custom && (
        <DeleteIntegrationDialog integration={deleting ? i : null} onClose={() => setDeleting(false)} />
      )}
    </div>
  )
}

function DeleteIntegrationDialog({
  integration,
  onClose,
}: {
  integration: Integration | null
  onClose: () => void
}) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const remove = useMutation({
    ...trpc.integrations.delete.mutationOptions(),
    onSuccess: async () => {
      queryClient.removeQueries(trpc.integrations.get.pathFilter())
      await queryClient.invalidateQueries(trpc.integrations.list.pathFilter())
      navigate('/app/integrations', { replace: true })
    },
  })
  const inUse = appCodeOf(remove.error) === 'CONFLICT'
  return (
    <ConfirmDialog
      open={integration !== null}
      title={`Delete “${integration?.displayName ?? ''}”?`}
      confirmLabel="Delete integration"
      pendingLabel="Deleting…"
      failureLead="The integration was not deleted."
      action={remove}
      onConfirm={() => integration && remove.mutate({ id: integration.id })}
      onClose={onClose}
    >
      <p>
        Your backend can no longer create connections to <code>{integration?.name}</code>, and the connect
        page stops offering it. This cannot be undone. Switchboard refuses while connections still use it.
      </p>
      {inUse && integration && (
        <p>
          <Link to={`/app/connections?integration=${encodeURIComponent(integration.name)}`}>
            See the connections that use {integration.displayName}
          </Link>
        </p>
      )}
    </ConfirmDialog>
  )
}

/** An OAuth app added or removed changes the integrations' readiness too. */
async function invalidateAppsAndReadiness(queryClient: QueryClient) {
  await Promise.all([
    queryClient.invalidateQueries(trpc.oauthApps.list.pathFilter()),
    queryClient.invalidateQueries(trpc.integrations.list.pathFilter()),
    queryClient.invalidateQueries(trpc.integrations.get.pathFilter()),
  ])
}

function httpStatusNotFound(error: unknown): boolean {
  const code = appCodeOf(error)
  return code === 'NOT_FOUND' || code === 'INTEGRATION_NOT_FOUND'
}

/** What a Free-plan organization gets for an OAuth integration, and what to do about it. */
function FreePlanNotice({
  integration,
  hasTenantApp,
  hasPlatformApp,
}: {
  integration: Integration
  hasTenantApp: boolean
  hasPlatformApp: boolean
}) {
  const x = integration.displayName
  const ask = 'ask whoever runs your Switchboard to move your organization to the Team plan or above'
  let text: string
  if (hasPlatformApp && hasTenantApp) {
    text = `Your organization is on the Free plan, so your own OAuth app below is not used: connections to ${x} use Switchboard’s shared app. To use your own app again, ${ask}.`
  } else if (hasPlatformApp) {
    text = `Your organization is on the Free plan, so connections to ${x} use Switchboard’s shared OAuth app, and people see its name on the consent screen. Your own app needs the Team plan or above: to use one, ${ask}, then add its client ID and secret here.`
  } else if (hasTenantApp) {
    text = `New connections to ${x} fail: your own OAuth app below needs the Team plan or above, and your organization is on the Free plan. To use it, ${ask}.`
  } else {
    text = `Connections to ${x} cannot start: Switchboard has no shared OAuth app for ${x}, and your own app needs the Team plan or above, which the Free plan does not include. To connect ${x}, ${ask}, then add your app’s client ID and secret here.`
  }
  return (
    <div className="alert alert-warning" data-testid="oauth-app-plan-notice">
      <p>{text}</p>
      <p>
        <Link to="/app/settings">See your plan in Settings.</Link>
      </p>
    </div>
  )
}

function OAuthAppSection({ integration }: { integration: Integration }) {
  const { can, organization } = useSession()
  // The organization's OAuth apps are added and removed with `integrations:write` (oauthApps.*).
  const canWrite = can('integrations:write')
  const apps = useQuery(trpc.oauthApps.list.queryOptions())
  const [removing, setRemoving] = useState<OAuthApp | null>(null)
  const mine = apps.data?.filter((a) => a.integrationName === integration.name) ?? []
  const tenant = mine.filter((a) => a.owner === 'TENANT')
  const platform = mine.filter((a) => a.owner === 'PLATFORM')
  const onFreePlan = organization.plan === 'FREE'
  return (
    <section className="card" id="oauth-app" aria-labelledby="integration-oauth-app-heading">
      <h2 id="integration-oauth-app-heading" className="card-title">
        Your OAuth app
      </h2>
      <p className="muted small">
        People authorize {integration.displayName} through this app: its name appears on their consent screen.
        Register it at {integration.displayName} with the redirect URI{' '}
        <code>{`${location.origin}/oauth2/callback`}</code>.
      </p>
      {apps.isPending && <LoadingState label="Loading OAuth apps…" />}
      {apps.isError && (
        <ErrorState
          title="OAuth apps could not be loaded"
          error={apps.error}
          onRetry={() => void apps.refetch()}
        />
      )}
      {apps.isSuccess && (
        <div className="stack">
          {onFreePlan && (
            <FreePlanNotice
              integration={integration}
              hasTenantApp={tenant.length > 0}
              hasPlatformApp={platform.length > 0}
            />
          )}
          {!onFreePlan && tenant.length === 0 && platform.length > 0 && (
            <p>Connections use Switchboard’s shared app until you add your own.</p>
          )}
          {!onFreePlan && tenant.length === 0 && platform.length === 0 && (
            <div className="alert alert-info">
              No app yet: add your client ID and secret, or connections to {integration.displayName} cannot
              start.
            </div>
          )}
          {tenant.map((a) => (
            <div key={a.id} className="secret-box">
              <span className="stack-tight">
                <span className="small muted">Client ID</span>
                <code data-testid="oauth-app-client-id">{a.clientId}</code>
                <span className="small muted">
                  Added {formatDateTime(a.createdAt)}
                  {a.scopes.length > 0 && ` · scopes ${a.scopes.join(' ')}`}
                </span>
              </span>
              {canWrite && (
                <button type="button" className="button button-danger-ghost" onClick={() => setRemoving(a)}>
                  Remove
                </button>
              )}
            </div>
          ))}
          {canWrite && tenant.length === 0 && !onFreePlan && <OAuthAppForm integration={integration} />}
          {!canWrite && tenant.length === 0 && !onFreePlan && (
            <p className="muted small">
              Adding the organization’s OAuth app needs the <code>integrations:write</code> scope, which
              owners and admins hold.
            </p>
          )}
        </div>
      )}
      <RemoveOAuthAppDialog app={removing} onClose={() => setRemoving(null)} />
    </section>
  )
}

function OAuthAppForm({ integration }: { integration: Integration }) {
  const queryClient = useQueryClient()
  const [clientId, setClientId] = useState('')
  const [clientSecret, setClientSecret] = useState('')
  const [scopes, setScopes] = useState('')
  const create = useMutation({
    ...trpc.oauthApps.create.mutationOptions(),
    onSuccess: async () => {
      setClientId('')
      setClientSecret('')
      setScopes('')
      await invalidateAppsAndReadiness(queryClient)
    },
  })
  // The plan may have changed since the page loaded: the server's answer is the last word.
  const planRequired = appCodeOf(create.error) === PLAN_REQUIRED

  function submit(event: FormEvent) {
    event.preventDefault()
    const list = scopes.split(/[\s,]+/).filter((s) => s !== '')
    create.mutate({
      integrationName: integration.name,
      clientId: clientId.trim(),
      clientSecret,
      ...(list.length > 0 ? { scopes: list } : {}),
    })
  }

  const issues = fieldIssuesOf(create.error)
  const labels: Record<string, string> = {
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    scopes: 'Scopes',
  }
  const issueFor = (path: string) => {
    const issue = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))
    return issue && describeIssue(issue, labels[path] ?? path)
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Add your OAuth app">
      {planRequired && (
        <div className="alert alert-warning" role="alert">
          {messageOf(create.error)} <Link to="/app/settings">See your plan in Settings.</Link>
        </div>
      )}
      <div className="field">
        <label htmlFor="oauth-app-client-id">Client ID</label>
        <input
          id="oauth-app-client-id"
          value={clientId}
          autoComplete="off"
          onChange={(e) => setClientId(e.target.value)}
          aria-invalid={issueFor('clientId') ? true : undefined}
          aria-describedby={issueFor('clientId') ? 'oauth-app-client-id-error' : undefined}
        />
        {issueFor('clientId') && (
          <p id="oauth-app-client-id-error" className="field-error">
            {issueFor('clientId')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="oauth-app-client-secret">Client secret</label>
        <input
          id="oauth-app-client-secret"
          type="password"
          value={clientSecret}
          autoComplete="off"
          onChange={(e) => setClientSecret(e.target.value)}
          aria-invalid={issueFor('clientSecret') ? true : undefined}
          aria-describedby="oauth-app-client-secret-help"
        />
        <p
          id="oauth-app-client-secret-help"
          className={issueFor('clientSecret') ? 'field-error' : 'field-help'}
        >
          {issueFor('clientSecret') ?? 'Stored encrypted and never shown again.'}
        </p>
      </div>
      <div className="field">
        <label htmlFor="oauth-app-scopes">
          Scopes <span className="field-optional">(optional)</span>
        </label>
        <input
          id="oauth-app-scopes"
          value={scopes}
          autoComplete="off"
          placeholder="Space-separated; empty uses the integration’s defaults"
          onChange={(e) => setScopes(e.target.value)}
        />
      </div>
      {create.isError && !planRequired && issues.length === 0 && (
        <div className="alert alert-error" role="alert">
          The app was not saved. {messageOf(create.error)}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Save OAuth app'}
        </button>
      </div>
    </form>
  )
}

function RemoveOAuthAppDialog({ app, onClose }: { app: OAuthApp | null; onClose: () => void }) {
  const queryClient = useQueryClient()
  const remove = useMutation({
    ...trpc.oauthApps.delete.mutationOptions(),
    onSuccess: async () => {
      await invalidateAppsAndReadiness(queryClient)
      onClose()
    },
  })
  return (
    <ConfirmDialog
      open={app !== null}
      title="Remove this OAuth app?"
      confirmLabel="Remove app"
      pendingLabel="Removing…"
      failureLead="The app was not removed."
      action={remove}
      onConfirm={() => app && remove.mutate({ id: app.id })}
      onClose={onClose}
    >
      <p>
        New connections can no longer use client ID <code>{app?.clientId}</code>. Existing connections that
        were authorized through it may fail to refresh.
      </p>
    </ConfirmDialog>
  )
}
