import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useState } from 'react'
import { Dialog } from '../../components/dialog.tsx'
import { Spinner } from '../../components/spinner.tsx'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { trpc } from '../../trpc.ts'
import type { Workspace } from '../workspace-context.tsx'
import { useConnectPopup } from './use-connect-popup.ts'

interface NewConnectionDialogProps {
  open: boolean
  workspace: Workspace
  onClose: () => void
}

type Scope = 'ORGANIZATION' | 'WORKSPACE'

/** How often the dashboard asks whether the person finished in the popup. */
const SESSION_POLL_MS = 1500

function suggestedExternalId(integrationName: string): string {
  return `${integrationName}-${Math.random().toString(36).slice(2, 8)}`
}

/**
 * Connects an account for the organization or a workspace through the hosted connect page,
 * in a popup (seed 001: Create Connection → pick the integration → Authorize).
 */
export function NewConnectionDialog({ open, workspace, onClose }: NewConnectionDialogProps) {
  const queryClient = useQueryClient()
  const integrations = useQuery({ ...trpc.integrations.list.queryOptions(), enabled: open })
  const [integrationName, setIntegrationName] = useState('')
  const [connectionName, setConnectionName] = useState('')
  const [externalId, setExternalId] = useState('')
  const [scope, setScope] = useState<Scope>('ORGANIZATION')
  const popup = useConnectPopup()

  const createToken = useMutation({
    ...trpc.connect.createToken.mutationOptions(),
    onSuccess: (result) => popup.open(result.connectUrl),
  })
  const sessionId = createToken.data?.sessionId
  const session = useQuery({
    ...trpc.connect.session.queryOptions({ id: sessionId ?? '' }),
    enabled: sessionId !== undefined,
    refetchInterval: (query) => {
      const status = query.state.data?.status
      return status === 'COMPLETED' || status === 'FAILED' ? false : SESSION_POLL_MS
    },
  })
  const status = session.data?.status

  useEffect(() => {
    if (status === 'COMPLETED') void queryClient.invalidateQueries(trpc.connections.list.pathFilter())
  }, [status, queryClient])

  function reset() {
    popup.close()
    createToken.reset()
    setIntegrationName('')
    setConnectionName('')
    setExternalId('')
    setScope('ORGANIZATION')
  }

  function close() {
    reset()
    onClose()
  }

  function chooseIntegration(name: string) {
    setIntegrationName(name)
    const integration = integrations.data?.find((i) => i.name === name)
    if (integration && connectionName.trim() === '') setConnectionName(integration.displayName)
    if (externalId.trim() === '' && name) setExternalId(suggestedExternalId(name))
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    createToken.mutate({
      integrationName,
      connectionName: connectionName.trim(),
      externalId: externalId.trim(),
      workspaceId: workspace.id,
      scope,
    })
  }

  const issues = fieldIssuesOf(createToken.error)
  const labels: Record<string, string> = {
    integrationName: 'Integration',
    connectionName: 'Connection name',
    externalId: 'External ID',
  }
  const issueFor = (path: string) => {
    const issue = issues.find((i) => i.path === path)
    return issue && describeIssue(issue, labels[path] ?? path)
  }

  if (createToken.isSuccess) {
    const { connectUrl } = createToken.data
    return (
      <Dialog
        open={open}
        title={status === 'COMPLETED' ? 'Connected' : 'Finish in the connect window'}
        onClose={close}
        footer={
          <button type="button" className="button" onClick={close}>
            {status === 'COMPLETED' ? 'Done' : 'Cancel'}
          </button>
        }
      >
        {status === 'COMPLETED' && (
          <div className="alert alert-success" role="status">
            “{connectionName}” is connected and listed under Connections.
          </div>
        )}
        {status === 'FAILED' && (
          <div className="alert alert-error" role="alert">
            The connection failed{session.data?.error ? `: ${session.data.error}` : '.'} Close this dialog and
            try again.
          </div>
        )}
        {status !== 'COMPLETED' && status !== 'FAILED' && (
          <>
            <p className="waiting" role="status">
              <Spinner size="sm" />
              {popup.blocked
                ? 'Your browser blocked the connect window.'
                : popup.closed
                  ? 'The connect window was closed before the connection was finished.'
                  : 'Waiting for you to finish in the connect window…'}
            </p>
            <p>
              <button type="button" className="button" onClick={() => popup.open(connectUrl)}>
                {popup.blocked || popup.closed ? 'Open the connect window' : 'Show the connect window again'}
              </button>
            </p>
            {session.isError && (
              <p className="field-error">
                Checking the session failed: {messageOf(session.error)} Still trying.
              </p>
            )}
          </>
        )}
      </Dialog>
    )
  }

  return (
    <Dialog
      open={open}
      title="New connection"
      onClose={close}
      dismissable={!createToken.isPending}
      footer={
        <>
          <button type="button" className="button" onClick={close} disabled={createToken.isPending}>
            Cancel
          </button>
          <button
            type="submit"
            form="new-connection-form"
            className="button button-primary"
            disabled={createToken.isPending || !integrationName}
          >
            {createToken.isPending ? 'Starting…' : 'Continue'}
          </button>
        </>
      }
    >
      <form id="new-connection-form" className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="new-connection-integration">Integration</label>
          <select
            id="new-connection-integration"
            value={integrationName}
            onChange={(e) => chooseIntegration(e.target.value)}
            disabled={!integrations.isSuccess}
            aria-describedby="new-connection-integration-help"
          >
            <option value="">
              {integrations.isPending ? 'Loading integrations…' : 'Choose an integration'}
            </option>
            {integrations.data?.map((i) => (
              <option key={i.id} value={i.name}>
                {i.displayName}
              </option>
            ))}
          </select>
          <p
            id="new-connection-integration-help"
            className={issueFor('integrationName') ? 'field-error' : 'field-help'}
          >
            {integrations.isError
              ? `Integrations could not be loaded. ${messageOf(integrations.error)}`
              : (issueFor('integrationName') ??
                'A window opens where you sign in to it or enter its credentials.')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="new-connection-name">Connection name</label>
          <input
            id="new-connection-name"
            value={connectionName}
            maxLength={255}
            onChange={(e) => setConnectionName(e.target.value)}
            aria-invalid={issueFor('connectionName') ? true : undefined}
            aria-describedby="new-connection-name-help"
          />
          <p
            id="new-connection-name-help"
            className={issueFor('connectionName') ? 'field-error' : 'field-help'}
          >
            {issueFor('connectionName') ?? 'How the connection is listed, e.g. “Marketing Slack”.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor="new-connection-external-id">External ID</label>
          <input
            id="new-connection-external-id"
            value={externalId}
            maxLength={255}
            spellCheck={false}
            onChange={(e) => setExternalId(e.target.value)}
            aria-invalid={issueFor('externalId') ? true : undefined}
            aria-describedby="new-connection-external-id-help"
          />
          <p
            id="new-connection-external-id-help"
            className={issueFor('externalId') ? 'field-error' : 'field-help'}
          >
            {issueFor('externalId') ?? 'Your backend finds the connection by this ID (connections/resolve).'}
          </p>
        </div>
        <fieldset className="field radio-group">
          <legend>Available to</legend>
          <label>
            <input
              type="radio"
              name="scope"
              value="ORGANIZATION"
              checked={scope === 'ORGANIZATION'}
              onChange={() => setScope('ORGANIZATION')}
            />
            Every workspace of the organization
          </label>
          <label>
            <input
              type="radio"
              name="scope"
              value="WORKSPACE"
              checked={scope === 'WORKSPACE'}
              onChange={() => setScope('WORKSPACE')}
            />
            Only the {workspace.name} workspace
          </label>
        </fieldset>
        {createToken.isError && issues.length === 0 && (
          <div className="alert alert-error" role="alert">
            The connection could not be started. {messageOf(createToken.error)}
          </div>
        )}
      </form>
    </Dialog>
  )
}
