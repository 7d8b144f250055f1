import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Field } from '../../components/field.tsx'
import { SecretDialog } from '../../components/secret-dialog.tsx'
import { SecretShownOnce } from '../../components/secret-shown-once.tsx'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { trpc } from '../../trpc.ts'
import { useDefaultWorkspaceIds, WorkspacesPicker } from '../workspaces-picker.tsx'
import { type ApiKeyScope, apiKeyScopeOptions, expiresAtFor, expiryChoices } from './api-key-scopes.ts'

interface CreateApiKeyDialogProps {
  open: boolean
  onClose: () => void
}

/**
 * Names a new key and what it may do (full access, or chosen scopes; all workspaces or some; an
 * expiry), then shows its secret exactly once.
 */
export function CreateApiKeyDialog({ open, onClose }: CreateApiKeyDialogProps) {
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [limited, setLimited] = useState(false)
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['proxy'])
  const defaultWorkspaceIds = useDefaultWorkspaceIds()
  const [workspaceIds, setWorkspaceIds] = useState<string[] | null>(defaultWorkspaceIds)
  const [expiryDays, setExpiryDays] = useState<number | null>(null)
  const create = useMutation({
    ...trpc.apiKeys.create.mutationOptions(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }),
  })

  function close() {
    // Forget the secret as soon as the dialog goes away.
    create.reset()
    setName('')
    setLimited(false)
    setScopes(['proxy'])
    setWorkspaceIds(defaultWorkspaceIds)
    setExpiryDays(null)
    onClose()
  }

  function submit() {
    const expiresAt = expiresAtFor(expiryDays)
    create.mutate({
      name: name.trim(),
      ...(limited && { scopes }),
      ...(workspaceIds !== null && { workspaceIds }),
      ...(expiresAt && { expiresAt }),
    })
  }
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item)

  const issues = fieldIssuesOf(create.error)
  const nameIssue = issues.find((i) => i.path === 'name')
  const scopesIssue = issues.find((i) => i.path.startsWith('scopes'))
  const workspacesIssue = issues.find((i) => i.path.startsWith('workspaceIds'))
  return (
    <SecretDialog
      open={open}
      onClose={close}
      title="Create API key"
      submitLabel="Create key"
      pendingLabel="Creating…"
      pending={create.isPending}
      onSubmit={submit}
      error={
        create.isError && issues.length === 0 && `The key could not be created. ${messageOf(create.error)}`
      }
      revealed={
        create.isSuccess
          ? {
              title: 'Copy your new API key',
              body: (
                <>
                  <p className="muted">
                    Key <strong>{create.data.apiKey.name}</strong>
                  </p>
                  <SecretShownOnce
                    secret={create.data.key}
                    what="key"
                    keep="store it in your backend's secret manager"
                    ifLost="revoke it and create a new one"
                    testId="new-api-key"
                  />
                </>
              ),
            }
          : null
      }
    >
      <Field
        id="api-key-name"
        label="Name"
        hint="Say where the key is used, so you know what breaks if you revoke it."
        error={nameIssue && describeIssue(nameIssue, 'Name')}
      >
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Production backend"
            maxLength={200}
            required
          />
        )}
      </Field>
      <fieldset className="field radio-group" aria-describedby="api-key-scopes-help">
        <legend>Access</legend>
        <label>
          <input type="radio" name="api-key-access" checked={!limited} onChange={() => setLimited(false)} />
          Full access: everything the API allows
        </label>
        <label>
          <input type="radio" name="api-key-access" checked={limited} onChange={() => setLimited(true)} />
          Only what I choose
        </label>
        {limited &&
          apiKeyScopeOptions.map((o) => (
            <label key={o.scope} className="radio-group-nested">
              <input
                type="checkbox"
                checked={scopes.includes(o.scope)}
                onChange={(e) => setScopes((s) => toggle(s, o.scope, e.target.checked))}
              />
              {o.label} <code className="small muted">{o.scope}</code>
            </label>
          ))}
        <p id="api-key-scopes-help" className={scopesIssue ? 'field-error' : 'field-help'}>
          {scopesIssue
            ? describeIssue(scopesIssue, 'Scopes')
            : 'A call outside the key’s scopes is refused with 403 INSUFFICIENT_SCOPE.'}
        </p>
      </fieldset>
      <WorkspacesPicker
        name="api-key-workspaces"
        value={workspaceIds}
        onChange={setWorkspaceIds}
        invalid={workspacesIssue !== undefined}
        help={
          workspacesIssue
            ? describeIssue(workspacesIssue, 'Workspaces')
            : 'Other workspaces’ resources answer 404 to this key.'
        }
      />
      <div className="field">
        <label htmlFor="api-key-expiry">Expires</label>
        <select
          id="api-key-expiry"
          value={expiryDays ?? ''}
          onChange={(e) => setExpiryDays(e.target.value === '' ? null : Number(e.target.value))}
        >
          {expiryChoices.map((c) => (
            <option key={c.label} value={c.days ?? ''}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    </SecretDialog>
  )
}
