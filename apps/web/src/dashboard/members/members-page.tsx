import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { inferOutput } from '@trpc/tanstack-react-query'
import { useState } from 'react'
import { CopyButton } from '../../components/copy-button.tsx'
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

type Member = inferOutput<typeof trpc.members.list>[number]
type Role = Member['role']
const roles: ReadonlyArray<{ role: Role; label: string }> = [
  { role: 'owner', label: 'Owner' },
  { role: 'admin', label: 'Admin' },
  { role: 'member', label: 'Member' },
  { role: 'viewer', label: 'Viewer' },
]

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
      <MembersSection canManage={canManage} />
      {canManage && <InvitesSection />}
    </div>
  )
}

function MembersSection({ canManage }: { canManage: boolean }) {
  const queryClient = useQueryClient()
  const members = useQuery(trpc.members.list.queryOptions())
  const invalidate = () => void queryClient.invalidateQueries(trpc.members.list.pathFilter())
  const update = useMutation({ ...trpc.members.update.mutationOptions(), onSettled: invalidate })
  const remove = useMutation({ ...trpc.members.remove.mutationOptions(), onSettled: invalidate })
  const failure = update.error ?? remove.error
  return (
    <section className="card" aria-labelledby="members-heading">
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
              {members.data.map((m) => (
                <tr key={m.userId}>
                  <th scope="row" className="cell-name">
                    {m.name ?? m.email}
                    {m.name && <span className="cell-sub">{m.email}</span>}
                  </th>
                  <td>
                    {canManage ? (
                      <select
                        aria-label={`Role of ${m.email}`}
                        value={m.role}
                        disabled={update.isPending}
                        onChange={(e) => {
                          remove.reset()
                          update.mutate({ userId: m.userId, role: e.target.value as Role })
                        }}
                      >
                        {roles.map((r) => (
                          <option key={r.role} value={r.role}>
                            {r.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      (roles.find((r) => r.role === m.role)?.label ?? m.role)
                    )}
                  </td>
                  <td>{m.workspaceIds === null ? 'All' : m.workspaceIds.length}</td>
                  <td className="cell-actions">
                    {canManage && (
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
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function InvitesSection() {
  const queryClient = useQueryClient()
  const invites = useQuery(trpc.invites.list.queryOptions())
  const invalidate = () => void queryClient.invalidateQueries(trpc.invites.list.pathFilter())
  const create = useMutation({ ...trpc.invites.create.mutationOptions(), onSuccess: invalidate })
  const revoke = useMutation({ ...trpc.invites.revoke.mutationOptions(), onSettled: invalidate })
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('member')
  const emailIssue = fieldIssuesOf(create.error).find((i) => i.path === 'email')
  const open = (invites.data ?? []).filter((i) => i.acceptedAt === null && i.revokedAt === null)
  return (
    <section className="card" aria-labelledby="invites-heading">
      <h2 id="invites-heading" className="card-title">
        Invites
      </h2>
      <form
        className="form form-inline"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          create.mutate({ email: email.trim(), role })
        }}
      >
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
            {roles.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Inviting…' : 'Invite'}
        </button>
      </form>
      <p id="invite-email-help" className={emailIssue ? 'field-error' : 'field-help'}>
        {emailIssue ? describeIssue(emailIssue, 'Email') : 'The link works once, for 7 days.'}
      </p>
      {create.isError && !emailIssue && (
        <div className="alert alert-error" role="alert">
          The invite was not created. {messageOf(create.error)}
        </div>
      )}
      {create.isSuccess && (
        <div className="alert alert-success" role="status">
          {create.data.emailed ? 'Emailed to' : 'Send this link to'} {create.data.invite.email}:
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
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {open.map((i) => (
                <tr key={i.id}>
                  <th scope="row" className="cell-name">
                    {i.email}
                  </th>
                  <td>{roles.find((r) => r.role === i.role)?.label}</td>
                  <td>{formatDateTime(i.expiresAt)}</td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button button-small button-danger-ghost"
                      aria-label={`Revoke the invite for ${i.email}`}
                      onClick={() => revoke.mutate({ id: i.id })}
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
    </section>
  )
}
