import { useMutation, useQueryClient } from '@tanstack/react-query'
import { NavLink, useNavigate } from 'react-router'
import { messageOf } from '../errors.ts'
import { trpc } from '../trpc.ts'
import { useSession } from './session-context.tsx'

const roleLabels = { owner: 'Owner', admin: 'Admin', member: 'Member', viewer: 'Viewer' } as const

/** The signed-in user's email and role, and the way out. */
export function UserPanel() {
  const { user, organization } = useSession()
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
      <div className="user-org">{organization.name}</div>
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
