import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Dialog } from '../../components/dialog.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { Field } from '../../components/field.tsx'
import { appCodeOf, detailsOf, fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { formatDate } from '../../format.ts'
import { trpc } from '../../trpc.ts'
import { useWorkspace, type Workspace } from '../workspace-context.tsx'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The connection count a WORKSPACE_NOT_EMPTY refusal carries; undefined for any other error. */
function connectionsLeft(error: unknown): number | undefined {
  if (appCodeOf(error) !== 'WORKSPACE_NOT_EMPTY') return undefined
  const details = detailsOf(error)
  const n =
    details && typeof details === 'object' ? (details as { connections?: unknown }).connections : undefined
  return typeof n === 'number' ? n : 0
}

function useRefreshWorkspaces() {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: trpc.workspaces.list.queryKey() })
}

function CreateWorkspaceForm() {
  const refresh = useRefreshWorkspaces()
  const { select } = useWorkspace()
  const [name, setName] = useState('')
  const [touched, setTouched] = useState(false)
  const create = useMutation({
    ...trpc.workspaces.create.mutationOptions(),
    onSuccess: async (workspace) => {
      setName('')
      setTouched(false)
      await refresh()
      select(workspace.id)
    },
  })
  const issue = fieldIssuesOf(create.error).find((i) => i.path === 'name')
  const localError = name.trim() === '' ? 'Enter a name for the new workspace.' : null
  const error = (touched && localError) || (issue ? describeIssue(issue, 'Name') : null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setTouched(true)
    if (localError) return
    create.mutate({ name: name.trim() })
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Create workspace">
      <Field
        id="new-workspace-name"
        label="New workspace"
        hint="Workspaces keep connections apart, e.g. production and staging."
        error={error}
      >
        {(control) => (
          <input
            {...control}
            value={name}
            maxLength={200}
            placeholder="Staging"
            onChange={(e) => {
              setName(e.target.value)
              create.reset()
            }}
          />
        )}
      </Field>
      {create.isError && !issue && (
        <div className="alert alert-error" role="alert">
          The workspace was not created. {messageOf(create.error)}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create workspace'}
        </button>
      </div>
    </form>
  )
}

function RenameWorkspaceDialog({ workspace, onClose }: { workspace: Workspace | null; onClose: () => void }) {
  const refresh = useRefreshWorkspaces()
  const [name, setName] = useState('')
  const rename = useMutation({
    ...trpc.workspaces.rename.mutationOptions(),
    onSuccess: async () => {
      await refresh()
      close()
    },
  })
  const [shownFor, setShownFor] = useState<string | null>(null)
  if (workspace && shownFor !== workspace.id) {
    setShownFor(workspace.id)
    setName(workspace.name)
  }
  function close() {
    rename.reset()
    setShownFor(null)
    onClose()
  }
  const issue = fieldIssuesOf(rename.error).find((i) => i.path === 'name')
  const localError = name.trim() === '' ? 'Enter a name for the workspace.' : null
  const error = localError ?? (issue ? describeIssue(issue, 'Name') : null)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!workspace || localError) return
    rename.mutate({ id: workspace.id, name: name.trim() })
  }

  return (
    <Dialog
      open={workspace !== null}
      title="Rename workspace"
      onClose={close}
      dismissable={!rename.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={rename.isPending}>
            Cancel
          </button>
          <button
            type="submit"
            form="rename-workspace-form"
            className="button button-primary"
            disabled={rename.isPending || localError !== null}
          >
            {rename.isPending ? 'Saving…' : 'Save name'}
          </button>
        </>
      }
    >
      <form id="rename-workspace-form" className="form" onSubmit={submit} noValidate>
        <Field
          id="rename-workspace-name"
          label="Name"
          hint="Only the name changes; connections, keys and links keep working."
          error={error}
        >
          {(control) => (
            <input
              {...control}
              value={name}
              maxLength={200}
              onChange={(e) => {
                setName(e.target.value)
                rename.reset()
              }}
              autoFocus
            />
          )}
        </Field>
        {rename.isError && !issue && (
          <div className="alert alert-error" role="alert">
            The name was not saved. {messageOf(rename.error)}
          </div>
        )}
      </form>
    </Dialog>
  )
}

/**
 * Deletes a workspace. The first attempt never revokes anything: a workspace with connections
 * is refused (WORKSPACE_NOT_EMPTY with their count), and only then is force offered, behind a
 * checkbox that says the connections are revoked at their providers.
 */
function DeleteWorkspaceDialog({ workspace, onClose }: { workspace: Workspace | null; onClose: () => void }) {
  const refresh = useRefreshWorkspaces()
  const [force, setForce] = useState(false)
  const [connections, setConnections] = useState<number | undefined>(undefined)
  const remove = useMutation({
    ...trpc.workspaces.delete.mutationOptions(),
    onSuccess: async () => {
      await refresh()
      close()
    },
    onError: (error) => {
      const left = connectionsLeft(error)
      if (left !== undefined) setConnections(left)
    },
  })
  function close() {
    remove.reset()
    setForce(false)
    setConnections(undefined)
    onClose()
  }
  const code = appCodeOf(remove.error)
  const needsForce = connections !== undefined

  return (
    <Dialog
      open={workspace !== null}
      title={`Delete ${workspace?.name ?? 'workspace'}?`}
      onClose={close}
      dismissable={!remove.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={remove.isPending}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending || code === 'LAST_WORKSPACE' || (needsForce && !force)}
            onClick={() => workspace && remove.mutate({ id: workspace.id, force: needsForce && force })}
          >
            {remove.isPending
              ? 'Deleting…'
              : needsForce
                ? `Revoke ${plural(connections ?? 0, 'connection', 'connections')} and delete`
                : 'Delete workspace'}
          </button>
        </>
      }
    >
      <p>The workspace and its end users, connect sessions and links are deleted. This cannot be undone.</p>
      {code === 'LAST_WORKSPACE' && (
        <div className="alert alert-error" role="alert">
          This is your organization’s only workspace, and an organization always keeps one. Create another
          workspace first, or rename this one instead.
        </div>
      )}
      {needsForce && (
        <div className="alert alert-warning" role="alert" data-testid="workspace-not-empty">
          <p>
            <strong>{workspace?.name}</strong> still has{' '}
            {plural(connections ?? 0, 'connection', 'connections')}. Delete them first, or delete them
            together with the workspace.
          </p>
          <label>
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Also delete{' '}
            {connections === 1 ? 'its connection' : `its ${connections} connections`}: each is revoked at its
            provider, so your end users must connect again. Their history stays in the event log.
          </label>
        </div>
      )}
      {remove.isError && code !== 'LAST_WORKSPACE' && code !== 'WORKSPACE_NOT_EMPTY' && (
        <div className="alert alert-error" role="alert">
          The workspace was not deleted. {messageOf(remove.error)}
        </div>
      )}
    </Dialog>
  )
}

/**
 * The organization's workspaces (those the caller sees): rename and delete unless `readOnly` (no
 * `workspaces:write`); create only with `canCreate` (also not for a membership narrowed to some).
 */
export function WorkspacesSection({ readOnly, canCreate }: { readOnly: boolean; canCreate: boolean }) {
  const { workspaces, current } = useWorkspace()
  const [renaming, setRenaming] = useState<Workspace | null>(null)
  const [deleting, setDeleting] = useState<Workspace | null>(null)

  return (
    <section className="card" id="workspaces" aria-labelledby="workspaces-heading">
      <h2 id="workspaces-heading">Workspaces</h2>
      <div className="stack">
        {workspaces.length === 0 ? (
          <EmptyState title="No workspaces yet">
            {canCreate ? 'Create one below to start connecting.' : 'Ask an owner or admin to create one.'}
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="workspaces-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="col-optional">
                    Created
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {workspaces.map((w) => (
                  <tr key={w.id}>
                    <th scope="row" className="cell-name">
                      {w.name} {w.id === current?.id && <span className="badge">Selected</span>}
                    </th>
                    <td className="col-optional">{formatDate(w.createdAt)}</td>
                    <td className="cell-actions">
                      {!readOnly && (
                        <>
                          <button
                            type="button"
                            className="button button-small button-ghost"
                            onClick={() => setRenaming(w)}
                            aria-label={`Rename ${w.name}`}
                          >
                            Rename
                          </button>
                          <button
                            type="button"
                            className="button button-small button-danger-ghost"
                            onClick={() => setDeleting(w)}
                            aria-label={`Delete ${w.name}`}
                          >
                            Delete
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canCreate && <CreateWorkspaceForm />}
      </div>
      <RenameWorkspaceDialog workspace={renaming} onClose={() => setRenaming(null)} />
      <DeleteWorkspaceDialog workspace={deleting} onClose={() => setDeleting(null)} />
    </section>
  )
}
