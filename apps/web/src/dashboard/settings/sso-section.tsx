import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { trpc } from '../../trpc.ts'
import { SavedNotice } from './saved-notice.tsx'

type Settings = { available: boolean; domains: string[]; defaultRole: string; enforced: boolean }

/** Domains typed one per line or separated by commas or spaces. */
export function parseDomains(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
        .filter(Boolean),
    ),
  ]
}

/**
 * Settings → SSO: who joins on first SSO sign-in, and whether SSO is the only way in. Read with
 * `settings:read`; `readOnly` (no `settings:write`) shows it without the means to change it.
 */
export function SsoSection({ readOnly }: { readOnly: boolean }) {
  const settings = useQuery(trpc.organization.sso.queryOptions())
  return (
    <section className="card" aria-labelledby="sso-heading">
      <h2 id="sso-heading">Single sign-on (SSO)</h2>
      {settings.isPending && <LoadingState label="Loading SSO settings…" />}
      {settings.isError && (
        <ErrorState
          title="SSO settings could not be loaded"
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      )}
      {settings.isSuccess && <SsoForm settings={settings.data} readOnly={readOnly} />}
    </section>
  )
}

function SsoForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const queryClient = useQueryClient()
  const [domains, setDomains] = useState(settings.domains.join('\n'))
  const [defaultRole, setDefaultRole] = useState(settings.defaultRole)
  const [enforced, setEnforced] = useState(settings.enforced)
  const update = useMutation({
    ...trpc.organization.updateSso.mutationOptions(),
    onSuccess: (data) => queryClient.setQueryData(trpc.organization.sso.queryKey(), data),
  })
  const domainIssue = fieldIssuesOf(update.error).find((i) => i.path.startsWith('domains'))

  function submit(event: FormEvent) {
    event.preventDefault()
    update.mutate({
      domains: parseDomains(domains),
      defaultRole: defaultRole === 'admin' ? 'admin' : 'member',
      enforced,
    })
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      {settings.available ? (
        <p className="muted">
          People sign in with your identity provider through <strong>Sign in with SSO</strong>. Someone whose
          verified email is in one of these domains becomes a member on first sign-in; an existing user with
          the same email is linked.
        </p>
      ) : (
        <div className="alert alert-info" role="status">
          <p>
            SSO is not set up on this server. An operator sets <code>SWITCHBOARD_OIDC_ISSUER</code>,{' '}
            <code>SWITCHBOARD_OIDC_CLIENT_ID</code> and <code>SWITCHBOARD_OIDC_CLIENT_SECRET</code>; you can
            save the domains meanwhile.
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor="sso-domains">Email domains that join on first sign-in</label>
        <textarea
          id="sso-domains"
          rows={3}
          readOnly={readOnly}
          value={domains}
          placeholder={'acme.com\neu.acme.com'}
          onChange={(e) => {
            setDomains(e.target.value)
            update.reset()
          }}
          aria-invalid={domainIssue ? true : undefined}
          aria-describedby="sso-domains-help"
        />
        <p id="sso-domains-help" className={domainIssue ? 'field-error' : 'field-help'}>
          {domainIssue
            ? describeIssue(domainIssue, 'Email domain')
            : 'One per line, like acme.com. Leave empty to let only existing users sign in with SSO.'}
        </p>
      </div>
      <div className="field">
        <label htmlFor="sso-role">Role of a member created by SSO</label>
        <select
          id="sso-role"
          value={defaultRole}
          disabled={readOnly}
          onChange={(e) => setDefaultRole(e.target.value)}
        >
          <option value="member">Member</option>
          <option value="admin">Admin</option>
        </select>
      </div>
      <div className="field checkbox-field">
        <label>
          <input
            type="checkbox"
            checked={enforced}
            disabled={readOnly || (!settings.available && !enforced)}
            onChange={(e) => setEnforced(e.target.checked)}
          />{' '}
          Require SSO: refuse password sign-in for everyone in this organization
        </label>
      </div>
      {update.isError && !domainIssue && (
        <div className="alert alert-error" role="alert">
          The SSO settings were not saved. {messageOf(update.error)}
        </div>
      )}
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save SSO settings'}
          </button>
          <SavedNotice visible={update.isSuccess} />
        </div>
      )}
    </form>
  )
}
