import { useMutation, useQueryClient } from '@tanstack/react-query'
import { NavLink, useNavigate } from 'react-router'
import { messageOf } from '../errors.ts'
import { trpc } from '../trpc.ts'
import { useSession } from './session-context.tsx'

const roleLabels = { owner: 'Owner', admin: 'Admin', member: 'Member', viewer: 'Viewer' } as const

/** The signed-in user's email and role, the organization (a switcher when several), the way out. */
export function UserPanel() {
  const { user, organization, organizations } = useSession()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const logout = useMutation({
    ...trpc.auth.logout.mutationOptions(),
    onSuccess: () => {
      queryClient.clear()
      void navigate('/app/login', { replace: true })
    },
  })

  return (
    <section className="user-panel" aria-label="Signed in user">
      {organizations.length > 1 ? (
        <OrganizationSwitcher current={organization.id} organizations={organizations} />
      ) : (
        <div className="user-org">{organization.name}</div>
      )}
      <div className="user-email" title={user.email}>
        {user.email}
      </div>
      <div className="user-meta">
        <span className={`badge badge-role-${user.role}`}>{roleLabels[user.role]}</span>
        {user.isSuperuser && <span className="badge">Superuser</span>}
      </div>
      <NavLink to="/app/account" className="button button-small button-block">
        Account
      </NavLink>
      <button
        type="button"
        className="button button-small button-block"
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
      >
        {logout.isPending ? 'Signing out…' : 'Sign out'}
      </button>
      {logout.isError && (
        <p className="field-error" role="alert">
          Signing out failed. {messageOf(logout.error)}
        </p>
      )}
    </section>
  )
}

/**
 * Moves the session to another of the user's organizations (account.switchOrganization), then
 * refetches everything: every list, `auth.me` and the workspaces belong to the new organization.
 */
function OrganizationSwitcher({
  current,
  organizations,
}: {
  current: string
  organizations: ReadonlyArray<{ id: string; name: string; role: keyof typeof roleLabels }>
}) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const switching = useMutation({
    ...trpc.account.switchOrganization.mutationOptions(),
    onSuccess: async () => {
      // A detail page open now belongs to the old organization: start again at the overview.
      await navigate('/app')
      await queryClient.invalidateQueries()
    },
  })
  return (
    <>
      <label htmlFor="organization-select" className="user-org">
        Organization
      </label>
      <select
        id="organization-select"
        className="user-org-select"
        value={current}
        disabled={switching.isPending}
        onChange={(e) => switching.mutate({ organizationId: e.target.value })}
      >
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({roleLabels[o.role]})
          </option>
        ))}
      </select>
      {switching.isError && (
        <p className="field-error" role="alert">
          Switching failed. {messageOf(switching.error)}
        </p>
      )}
    </>
  )
}
