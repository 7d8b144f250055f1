import { type Scope, useSession } from './session-context.tsx'

const roleLabels = { owner: 'Owner', admin: 'Admin', member: 'Member', viewer: 'Viewer' } as const

/**
 * What someone sees instead of a page (or a part of one) their role's scopes do not reach: the
 * server refuses it to them too (403 INSUFFICIENT_SCOPE naming the same scope).
 */
export function MissingScopeNotice({ what, scope }: { what: string; scope: Scope }) {
  const { organization, user } = useSession()
  const verb = scope.endsWith(':read') ? 'see' : 'manage'
  return (
    <div className="state state-empty" data-testid="missing-scope">
      <p className="state-title">
        You cannot {verb} {what}
      </p>
      <p className="state-body">
        Your role in {organization.name} is {roleLabels[user.role]}, which does not include the{' '}
        <code>{scope}</code> scope. Ask an owner or admin of your organization to do this for you, or to
        change your role.
      </p>
    </div>
  )
}
