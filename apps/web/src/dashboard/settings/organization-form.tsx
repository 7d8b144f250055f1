import { type FormEvent, useState } from 'react'
import { fieldIssuesOf, messageOf } from '../../errors.ts'
import { describeIssue } from '../../field-messages.ts'
import { formatDate } from '../../format.ts'
import { SavedNotice } from './saved-notice.tsx'
import { type Organization, useUpdateOrganization } from './use-update-organization.ts'

const planLabels: Record<Organization['plan'], string> = {
  FREE: 'Free',
  TEAM: 'Team',
  SCALE: 'Scale',
  ENTERPRISE: 'Enterprise',
}

interface OrganizationFormProps {
  organization: Organization
  readOnly: boolean
}

export function OrganizationForm({ organization, readOnly }: OrganizationFormProps) {
  const [name, setName] = useState(organization.name)
  const update = useUpdateOrganization()
  const nameIssue = fieldIssuesOf(update.error).find((i) => i.path === 'name')
  const trimmed = name.trim()
  const localError = trimmed === '' ? 'Enter a name for your organization.' : null
  const [touched, setTouched] = useState(false)
  const nameError = (touched && localError) || (nameIssue ? describeIssue(nameIssue, 'Name') : null)

  function submit(event: FormEvent) {
    event.preventDefault()
    setTouched(true)
    if (localError) return
    update.mutate({ name: trimmed })
  }

  return (
    <section className="card" aria-labelledby="org-heading">
      <h2 id="org-heading">Organization</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="org-name">Name</label>
          <input
            id="org-name"
            value={name}
            maxLength={200}
            readOnly={readOnly}
            onChange={(e) => {
              setName(e.target.value)
              update.reset()
            }}
            aria-invalid={nameError ? true : undefined}
            aria-describedby="org-name-help"
          />
          <p id="org-name-help" className={nameError ? 'field-error' : 'field-help'}>
            {nameError ?? 'Shown to your end users on the connect page.'}
          </p>
        </div>
        <dl className="details">
          <div>
            <dt>Plan</dt>
            <dd>
              <span className="badge" data-testid="org-plan">
                {planLabels[organization.plan]}
              </span>
            </dd>
          </div>
          <div>
            <dt>Organization ID</dt>
            <dd>
              <code>{organization.id}</code>
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDate(organization.createdAt)}</dd>
          </div>
        </dl>
        {update.isError && !nameIssue && (
          <div className="alert alert-error" role="alert">
            The name was not saved. {messageOf(update.error)}
          </div>
        )}
        {!readOnly && (
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={update.isPending || trimmed === organization.name}
            >
              {update.isPending ? 'Saving…' : 'Save name'}
            </button>
            <SavedNotice visible={update.isSuccess} />
          </div>
        )}
      </form>
    </section>
  )
}
