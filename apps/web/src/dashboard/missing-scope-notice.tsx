import { useSession } from './session-context.tsx'

/** What members see instead of a page only owners and admins may use. */
export function AdminOnlyNotice({ what }: { what: string }) {
  const { organization } = useSession()
  return (
    <div className="state state-empty">
      <p className="state-title">Only owners and admins can manage {what}</p>
      <p className="state-body">
        Your role in {organization.name} is Member. Ask an owner or admin of your organization to do this for
        you, or to change your role.
      </p>
    </div>
  )
}
