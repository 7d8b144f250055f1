import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { useState } from 'react'
import { CopyButton } from '../../components/copy-button.tsx'
import { Dialog } from '../../components/dialog.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { ErrorState } from '../../components/error-state.tsx'
import { LoadingState } from '../../components/loading-state.tsx'
import { PageHeader } from '../../components/page-header.tsx'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { formatDateTime } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { useSession } from '../session-context.tsx'
import { useDocumentTitle } from '../use-document-title.ts'
import { useWorkspace } from '../workspace-context.tsx'
import { useDefaultWorkspaceIds, WorkspacesPicker } from '../workspaces-picker.tsx'

type Member = inferOutput<typeof trpc.members.list>[number]
type Role = Member['role']
const roles: ReadonlyArray<{ role: Role; label: string }> = [
  { role: 'owner', label: 'Owner' },
  { role: 'admin', label: 'Admin' },
  { role: 'member', label: 'Member' },
  { role: 'viewer', label: 'Viewer' },
]

/**
 * What a member or invite row says instead of its controls when its access is wider than the
 * caller's (the server's own rule, widerThanOwn: it refuses them with 403 WIDER_THAN_YOURS).
 */
function widerNote(wider: { by: 'role' | 'scopes' | 'workspaces' | 'owner' }): string {
  if (wider.by === 'owner') return 'Only an owner changes an owner'
  return wider.by === 'workspaces' ? 'Sees workspaces you do not' : 'Role wider than yours'
}

/** The roles the caller may hand on: none wider than their own access, owner only by an owner. */
function useGrantableRoles() {
  const { widerThanMine, handlesOwners } = useSession()
  return roles.filter(
    (r) => widerThanMine({ role: r.role }) === null && (r.role !== 'owner' || handlesOwners),
  )
}

/** The organization's people: members (role, remove) and invites (create → link to copy, revoke). */
export function MembersPage() {
  useDocumentTitle('Members')
  const canManage = useSession().can('members:write')
  return (
    <div className="page">
      <PageHeader
        title="Members"
        description="Who can sign in to this organization's dashboard, and with which role."
      />
      <div className="stack">
        <MembersSection canManage={canManage} />
        {canManage && <InvitesSection />}
      </div>
    </div>
  )
}

function MembersSection({ canManage }: { canManage: boolean }) {
  const { widerThanMine, handlesOwners } = useSession()
  const grantable = useGrantableRoles()
  const queryClient = useQueryClient()
  const members = useQuery(trpc.members.list.queryOptions())
  const invalidate = () => void queryClient.invalidateQueries(trpc.members.list.pathFilter())
  const update = useMutation({ ...trpc.members.update.mutationOptions(), onSettled: invalidate })
  const remove = useMutation({ ...trpc.members.remove.mutationOptions(), onSettled: invalidate })
  const failure = update.error ?? remove.error
  const [editing, setEditing] = useState<Member | null>(null)
  return (
    <section className="card" aria-labelledby="members-heading">
      {editing && (
        <MemberWorkspacesDialog
          member={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            invalidate()
          }}
        />
      )}
      <h2 id="members-heading" className="card-title">
        People
      </h2>
      {failure && (
        <div className="alert alert-error" role="alert">
          {messageOf(failure)}
        </div>
      )}
      {members.isPending && <LoadingState label="Loading members…" />}
      {members.isError && (
        <ErrorState
          title="Members could not be loaded"
          error={members.error}
          onRetry={() => void members.refetch()}
        />
      )}
      {members.isSuccess && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Workspaces</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => {
                const wider =
                  widerThanMine({ role: m.role, workspaceIds: m.workspaceIds }) ??
                  (m.role === 'owner' && !handlesOwners ? { by: 'owner' as const } : null)
                const manageable = canManage && wider === null
                return (
                  <tr key={m.userId}>
                    <th scope="row" className="cell-name">
                      {m.name ?? m.email}
                      {m.name && <span className="cell-sub">{m.email}</span>}
                    </th>
                    <td>
                      {manageable ? (
                        <select
                          aria-label={`Role of ${m.email}`}
                          value={m.role}
                          disabled={update.isPending}
                          onChange={(e) => {
                            remove.reset()
                            update.mutate({ userId: m.userId, role: e.target.value as Role })
                          }}
                        >
                          {grantable.map((r) => (
                            <option key={r.role} value={r.role}>
                              {r.label}
                            </option>
                          ))}
                        </select>
                      ) : (
                        (roles.find((r) => r.role === m.role)?.label ?? m.role)
                      )}
                    </td>
                    <td>
                      <WorkspaceNames ids={m.workspaceIds} />
                      {manageable && (
                        <button
                          type="button"
                          className="button button-small button-ghost"
                          aria-label={`Change the workspaces of ${m.email}`}
                          onClick={() => {
                            update.reset()
                            remove.reset()
                            setEditing(m)
                          }}
                        >
                          Change
                        </button>
                      )}
                    </td>
                    <td className="cell-actions">
                      {canManage && wider !== null && (
                        <span className="muted small" data-testid="member-wider">
                          {widerNote(wider)}
                        </span>
                      )}
                      {manageable && (
                        <button
                          type="button"
                          className="button button-small button-danger-ghost"
                          aria-label={`Remove ${m.email}`}
                          disabled={remove.isPending}
                          onClick={() => {
                            update.reset()
                            remove.mutate({ userId: m.userId })
                          }}
                        >
                          Remove
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function InvitesSection() {
  const { widerThanMine } = useSession()
  const grantable = useGrantableRoles()
  const defaultWorkspaceIds = useDefaultWorkspaceIds()
  const queryClient = useQueryClient()
  const invites = useQuery(trpc.invites.list.queryOptions())
  const invalidate = () => void queryClient.invalidateQueries(trpc.invites.list.pathFilter())
  const create = useMutation({ ...trpc.invites.create.mutationOptions(), onSuccess: invalidate })
  const revoke = useMutation({ ...trpc.invites.revoke.mutationOptions(), onSettled: invalidate })
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('member')
  const [workspaceIds, setWorkspaceIds] = useState<string[] | null>(defaultWorkspaceIds)
  const issues = fieldIssuesOf(create.error)
  const workspacesIssue = issues.find((i) => i.path.startsWith('workspaceIds'))
  const emailIssue = issues.find((i) => i.path === 'email')
  const open = (invites.data ?? []).filter((i) => i.acceptedAt === null && i.revokedAt === null)
  return (
    <section className="card" aria-labelledby="invites-heading">
      <h2 id="invites-heading" className="card-title">
        Invites
      </h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          create.mutate({ email: email.trim(), role, ...(workspaceIds !== null && { workspaceIds }) })
        }}
      >
        <div className="form-inline">
          <div className="field">
            <label htmlFor="invite-email">Email</label>
            <input
              id="invite-email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              placeholder="colleague@example.com"
              aria-invalid={emailIssue ? true : undefined}
              aria-describedby="invite-email-help"
            />
          </div>
          <div className="field">
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {grantable.map((r) => (
                <option key={r.role} value={r.role}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Inviting…' : 'Invite'}
          </button>
        </div>
        <p id="invite-email-help" className={emailIssue ? 'field-error' : 'field-help'}>
          {emailIssue ? describeIssue(emailIssue, 'Email') : 'The link works once, for 7 days.'}
        </p>
        <WorkspacesPicker
          name="invite-workspaces"
          value={workspaceIds}
          onChange={setWorkspaceIds}
          invalid={workspacesIssue !== undefined}
          help={
            workspacesIssue
              ? describeIssue(workspacesIssue, 'Workspaces')
              : 'The other workspaces’ connections and end users answer 404 to them.'
          }
        />
      </form>
      {create.isError && !emailIssue && (
        <div className="alert alert-error" role="alert">
          The invite was not created. {messageOf(create.error)}
        </div>
      )}
      {create.isSuccess && (
        <div className="alert alert-success" role="status">
          <p data-testid="invite-emailed">
            {create.data.emailed
              ? `Emailed to ${create.data.invite.email}`
              : `Not emailed (SMTP is not configured or sending failed): copy the link and send it yourself to ${create.data.invite.email}`}
          </p>
          <div className="secret-box">
            <code data-testid="invite-url">{create.data.url}</code>
            <CopyButton value={create.data.url} label="Copy link" />
          </div>
        </div>
      )}
      {invites.isError && (
        <ErrorState
          title="Invites could not be loaded"
          error={invites.error}
          onRetry={() => void invites.refetch()}
        />
      )}
      {invites.isSuccess && open.length === 0 && (
        <EmptyState title="No open invites">Invite a colleague by email; they choose a password.</EmptyState>
      )}
      {open.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Invited</th>
                <th scope="col">Role</th>
                <th scope="col">Workspaces</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {open.map((i) => {
                const wider = widerThanMine({ role: i.role, workspaceIds: i.workspaceIds })
                return (
                  <tr key={i.id}>
                    <th scope="row" className="cell-name">
                      {i.email}
                    </th>
                    <td>{roles.find((r) => r.role === i.role)?.label}</td>
                    <td>
                      <WorkspaceNames ids={i.workspaceIds} />
                    </td>
                    <td>{formatDateTime(i.expiresAt)}</td>
                    <td className="cell-actions">
                      {wider === null ? (
                        <button
                          type="button"
                          className="button button-small button-danger-ghost"
                          aria-label={`Revoke the invite for ${i.email}`}
                          onClick={() => revoke.mutate({ id: i.id })}
                        >
                          Revoke
                        </button>
                      ) : (
                        <span className="muted small" data-testid="invite-wider">
                          {widerNote(wider)}
                        </span>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** "All", or the chosen workspaces by name (one this caller cannot see is counted, not named). */
function WorkspaceNames({ ids }: { ids: string[] | null }) {
  const { workspaces } = useWorkspace()
  if (ids === null) return <>All</>
  if (ids.length === 0) return <>None</>
  const names = workspaces.filter((w) => ids.includes(w.id)).map((w) => w.name)
  const others = ids.length - names.length
  return <>{[...names, ...(others > 0 ? [`${others} other`] : [])].join(', ')}</>
}

/** All workspaces or some, for one member: members.update({ userId, workspaceIds }). */
function MemberWorkspacesDialog({
  member,
  onClose,
  onSaved,
}: {
  member: Member
  onClose: () => void
  onSaved: () => void
}) {
  const [workspaceIds, setWorkspaceIds] = useState<string[] | null>(member.workspaceIds)
  const save = useMutation({ ...trpc.members.update.mutationOptions(), onSuccess: onSaved })
  const issue = fieldIssuesOf(save.error).find((i) => i.path.startsWith('workspaceIds'))
  return (
    <Dialog
      open
      title={`Workspaces of ${member.name ?? member.email}`}
      onClose={onClose}
      dismissable={!save.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={save.isPending}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={save.isPending}
            onClick={() => save.mutate({ userId: member.userId, workspaceIds })}
          >
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <WorkspacesPicker
        name="member-workspaces"
        value={workspaceIds}
        onChange={setWorkspaceIds}
        invalid={issue !== undefined}
        help={
          issue
            ? describeIssue(issue, 'Workspaces')
            : 'The other workspaces’ connections and end users answer 404 to this person.'
        }
      />
      {save.isError && !issue && (
        <div className="alert alert-error" role="alert">
          The workspaces were not changed. {messageOf(save.error)}
        </div>
      )}
    </Dialog>
  )
}
