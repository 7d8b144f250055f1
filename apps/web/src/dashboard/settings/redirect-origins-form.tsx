import { type FormEvent, useState } from 'react'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { SavedNotice } from './saved-notice.tsx'
import { type Organization, useUpdateOrganization } from './use-update-organization.ts'

interface RedirectOriginsFormProps {
  organization: Organization
  readOnly: boolean
}

interface Row {
  id: number
  value: string
}

let nextRowId = 1
const toRows = (origins: string[]): Row[] => origins.map((value) => ({ id: nextRowId++, value }))

/** "https://app.example.com/" → "https://app.example.com": the server wants bare origins. */
function normalize(value: string): string {
  return value.trim().replace(/\/+$/, '')
}

/**
 * The origins that successRedirectUri / errorRedirectUri of connect sessions may point at.
 * Anything else is refused when a session is created, so the connect flow is no open redirect.
 */
export function RedirectOriginsForm({ organization, readOnly }: RedirectOriginsFormProps) {
  const [rows, setRows] = useState<Row[]>(() => toRows(organization.allowedRedirectOrigins))
  const update = useUpdateOrganization()

  // Issues come back as `allowedRedirectOrigins.<index>` for the list we sent (empty rows left out).
  const sentRows = rows.filter((r) => normalize(r.value) !== '')
  const issues = fieldIssuesOf(update.error)
  const issueFor = (row: Row): string | undefined => {
    const index = sentRows.indexOf(row)
    const issue = issues.find((i) => i.path === `allowedRedirectOrigins.${index}`)
    return issue && describeIssue(issue, `Origin ${rows.indexOf(row) + 1}`)
  }
  const listIssueRaw = issues.find((i) => i.path === 'allowedRedirectOrigins')
  const listIssue = listIssueRaw && describeIssue(listIssueRaw, 'Origins')
  const unmatched = update.isError && issues.length === 0

  function edit(next: (current: Row[]) => Row[]) {
    update.reset()
    setRows(next)
  }

  function change(id: number, value: string) {
    edit((current) => current.map((r) => (r.id === id ? { ...r, value } : r)))
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    update.mutate(
      { allowedRedirectOrigins: sentRows.map((r) => normalize(r.value)) },
      { onSuccess: (saved) => setRows(toRows(saved.allowedRedirectOrigins)) },
    )
  }

  return (
    <section className="card" aria-labelledby="origins-heading">
      <h2 id="origins-heading">Allowed redirect origins</h2>
      <p className="muted">
        After the connect flow, Switchboard sends people back only to these origins (the{' '}
        <code>successRedirectUri</code> and <code>errorRedirectUri</code> of a connect session must start with
        one). Use <code>https://</code>; <code>http://</code> works for localhost only.
      </p>
      <form className="form" onSubmit={submit} noValidate>
        {rows.length === 0 && (
          <p className="muted small">No origins yet: connect sessions cannot redirect anywhere.</p>
        )}
        <ul className="origin-list">
          {rows.map((row, index) => {
            const issue = issueFor(row)
            const inputId = `origin-${row.id}`
            return (
              <li key={row.id}>
                <div className="origin-row">
                  <label htmlFor={inputId} className="visually-hidden">
                    Origin {index + 1}
                  </label>
                  <input
                    id={inputId}
                    type="url"
                    inputMode="url"
                    placeholder="https://app.example.com"
                    value={row.value}
                    readOnly={readOnly}
                    onChange={(e) => change(row.id, e.target.value)}
                    aria-invalid={issue ? true : undefined}
                    aria-describedby={issue ? `${inputId}-error` : undefined}
                  />
                  {!readOnly && (
                    <button
                      type="button"
                      className="button button-ghost"
                      onClick={() => edit((current) => current.filter((r) => r.id !== row.id))}
                      aria-label={`Remove origin ${index + 1}`}
                    >
                      Remove
                    </button>
                  )}
                </div>
                {issue && (
                  <p id={`${inputId}-error`} className="field-error">
                    {normalize(row.value)} {issue}.
                  </p>
                )}
              </li>
            )
          })}
        </ul>
        {listIssue && <p className="field-error">{listIssue}</p>}
        {issues.length > 0 && (
          <div className="alert alert-error" role="alert">
            Some origins are not valid. Fix the marked entries and save again.
          </div>
        )}
        {unmatched && (
          <div className="alert alert-error" role="alert">
            The origins were not saved. {messageOf(update.error)}
          </div>
        )}
        {!readOnly && (
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => edit((current) => [...current, ...toRows([''])])}
            >
              Add origin
            </button>
            <button type="submit" className="button button-primary" disabled={update.isPending}>
              {update.isPending ? 'Saving…' : 'Save origins'}
            </button>
            <SavedNotice visible={update.isSuccess} />
          </div>
        )}
      </form>
    </section>
  )
}
