import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { CopyButton } from '../../components/copy-button.tsx'
import { Field } from '../../components/field.tsx'
import { SecretDialog } from '../../components/secret-dialog.tsx'
import { SecretShownOnce } from '../../components/secret-shown-once.tsx'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { trpc } from '../../trpc.ts'
import { type OAuthClientScope, oauthClientScopes } from './oauth-scopes.ts'

/** Registers an app (name, logo, redirect URIs, type, scopes), then shows its client secret once. */
export function CreateClientDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
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

  function submit() {
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

  const client = create.isSuccess ? create.data : null
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
    <SecretDialog
      open={open}
      onClose={close}
      title="Register an app"
      submitLabel="Register app"
      pendingLabel="Registering…"
      pending={create.isPending}
      onSubmit={submit}
      error={
        create.isError && issues.length === 0 && `The app could not be registered. ${messageOf(create.error)}`
      }
      revealed={
        client
          ? {
              title: `${client.name} is registered`,
              body: (
                <>
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
                </>
              ),
            }
          : null
      }
    >
      <Field id="oauth-client-name" label="Name" hint="People see it on the consent page." error={nameIssue}>
        {(control) => (
          <input {...control} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <Field
        id="oauth-client-logo"
        label={
          <>
            Logo URL <span className="field-optional">(optional)</span>
          </>
        }
        hint="An https address."
        error={logoIssue}
      >
        {(control) => (
          <input
            {...control}
            type="url"
            value={logoUrl}
            placeholder="https://example.com/logo.png"
            onChange={(e) => setLogoUrl(e.target.value)}
          />
        )}
      </Field>
      <Field
        id="oauth-client-redirects"
        label="Redirect URIs"
        hint="One per line, matched exactly. https, or http on localhost only."
        error={redirectIssue}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={redirectUris}
            placeholder="https://app.example.com/oauth/callback"
            onChange={(e) => setRedirectUris(e.target.value)}
          />
        )}
      </Field>
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
    </SecretDialog>
  )
}
