import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { SecretDialog } from '../../components/secret-dialog.tsx'
import { SecretShownOnce } from '../../components/secret-shown-once.tsx'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { trpc } from '../../trpc.ts'
import { WorkspacesPicker } from '../workspaces-picker.tsx'

interface CreateWebhookDialogProps {
  open: boolean
  onClose: () => void
}

/** Registers an endpoint (URL, optional event types and workspaces), then shows its signing secret exactly once. */
export function CreateWebhookDialog({ open, onClose }: CreateWebhookDialogProps) {
  const queryClient = useQueryClient()
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState('')
  const [description, setDescription] = useState('')
  const [workspaceIds, setWorkspaceIds] = useState<string[] | null>(null)
  const create = useMutation({
    ...trpc.webhooks.create.mutationOptions(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() }),
  })

  function close() {
    // Forget the secret as soon as the dialog goes away.
    create.reset()
    setUrl('')
    setEvents('')
    setDescription('')
    setWorkspaceIds(null)
    onClose()
  }

  function submit() {
    const list = events
      .split(/[\s,]+/)
      .map((e) => e.trim())
      .filter(Boolean)
    create.mutate({
      url: url.trim(),
      ...(list.length > 0 && { events: list as never }),
      ...(description.trim() && { description: description.trim() }),
      // Left out, the server keeps the endpoint to the caller's own workspaces (all, for most).
      ...(workspaceIds !== null && { workspaceIds }),
    })
  }

  const issues = fieldIssuesOf(create.error)
  const urlIssue = issues.find((i) => i.path === 'url')
  const eventsIssue = issues.find((i) => i.path.startsWith('events'))
  const workspacesIssue = issues.find((i) => i.path.startsWith('workspaceIds'))
  return (
    <SecretDialog
      open={open}
      onClose={close}
      title="Add webhook endpoint"
      submitLabel="Add endpoint"
      pendingLabel="Adding…"
      pending={create.isPending}
      onSubmit={submit}
      error={
        create.isError &&
        !urlIssue &&
        !eventsIssue &&
        !workspacesIssue &&
        `The endpoint could not be added. ${messageOf(create.error)}`
      }
      revealed={
        create.isSuccess
          ? {
              title: 'Copy the signing secret',
              body: (
                <>
                  <p className="muted">
                    Endpoint <strong>{create.data.webhook.url}</strong>
                  </p>
                  <SecretShownOnce
                    secret={create.data.secret}
                    what="signing secret"
                    keep="give it to the receiver, which verifies each delivery's webhook-signature with it"
                    ifLost="rotate the secret"
                    testId="new-webhook-secret"
                  />
                </>
              ),
            }
          : null
      }
    >
      <div className="field">
        <label htmlFor="webhook-url">URL</label>
        <input
          id="webhook-url"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://example.com/hooks/switchboard"
          maxLength={2000}
          required
          aria-invalid={urlIssue ? true : undefined}
          aria-describedby="webhook-url-help"
        />
        <p id="webhook-url-help" className={urlIssue ? 'field-error' : 'field-help'}>
          {urlIssue
            ? describeIssue(urlIssue, 'URL')
            : 'HTTPS, reachable from Switchboard. Answer 2xx within 10 seconds.'}
        </p>
      </div>
      <div className="field">
        <label htmlFor="webhook-events">Event types (optional)</label>
        <input
          id="webhook-events"
          value={events}
          onChange={(e) => setEvents(e.target.value)}
          placeholder="connection.created, connection.unhealthy"
          aria-invalid={eventsIssue ? true : undefined}
          aria-describedby="webhook-events-help"
        />
        <p id="webhook-events-help" className={eventsIssue ? 'field-error' : 'field-help'}>
          {eventsIssue
            ? describeIssue(eventsIssue, 'Event types')
            : 'Comma-separated. Empty: every type except connection.refreshed.'}
        </p>
      </div>
      <WorkspacesPicker
        name="webhook-workspaces"
        value={workspaceIds}
        onChange={setWorkspaceIds}
        invalid={workspacesIssue !== undefined}
        help={
          workspacesIssue
            ? describeIssue(workspacesIssue, 'Workspaces')
            : 'Only these: their events only, none of the organization’s own (members, keys, settings).'
        }
      />
      <div className="field">
        <label htmlFor="webhook-description">Description (optional)</label>
        <input
          id="webhook-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="CRM sync"
          maxLength={500}
        />
      </div>
    </SecretDialog>
  )
}
