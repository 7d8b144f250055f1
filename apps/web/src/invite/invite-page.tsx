import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { BrandMark } from '../components/brand-mark.tsx'
import { ErrorState } from '../components/error-state.tsx'
import { LoadingState } from '../components/loading-state.tsx'
import { fieldIssuesOf, messageOf } from '../errors.ts'
import { describeIssue } from '../field-messages.ts'
import { trpc } from '../trpc.ts'

const roleLabels = { owner: 'an owner', admin: 'an admin', member: 'a member', viewer: 'a viewer' } as const

/**
 * The page an invite link opens (public: the token is the credential). A new person chooses a
 * name and password; someone with an account joins with it (signed in, or by its password).
 */
export function InvitePage() {
  const { token = '' } = useParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const lookup = useQuery({ ...trpc.invites.lookup.queryOptions({ token }), retry: false })
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const accept = useMutation({
    ...trpc.invites.accept.mutationOptions(),
    onSuccess: () => {
      queryClient.removeQueries()
      void navigate('/app', { replace: true })
    },
  })
  const passwordIssue = fieldIssuesOf(accept.error).find((i) => i.path === 'password')
  return (
    <main className="centered-page login-page">
      <div className="login-brand">
        <BrandMark />
        <span>Switchboard</span>
      </div>
      {lookup.isPending && <LoadingState label="Opening the invite…" />}
      {lookup.isError && (
        <ErrorState
          title="This invite cannot be used"
          error={lookup.error}
          onRetry={() => void lookup.refetch()}
        />
      )}
      {lookup.isSuccess && (
        <form
          className="card form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            accept.mutate({
              token,
              ...(password !== '' && { password }),
              ...(name.trim() !== '' && { name: name.trim() }),
            })
          }}
        >
          <h1 className="card-title">Join {lookup.data.organizationName}</h1>
          <p className="muted">
            You are invited as {roleLabels[lookup.data.role]}, as <strong>{lookup.data.email}</strong>.
          </p>
          {!lookup.data.userExists && (
            <div className="field">
              <label htmlFor="invite-name">Your name</label>
              <input
                id="invite-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={200}
              />
            </div>
          )}
          <div className="field">
            <label htmlFor="invite-password">
              {lookup.data.userExists ? 'Your password (not needed when signed in)' : 'Choose a password'}
            </label>
            <input
              id="invite-password"
              type="password"
              autoComplete={lookup.data.userExists ? 'current-password' : 'new-password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={passwordIssue ? true : undefined}
              aria-describedby="invite-password-help"
            />
            <p id="invite-password-help" className={passwordIssue ? 'field-error' : 'field-help'}>
              {passwordIssue ? describeIssue(passwordIssue, 'Password') : 'At least 8 characters.'}
            </p>
          </div>
          {accept.isError && !passwordIssue && (
            <div className="alert alert-error" role="alert">
              {messageOf(accept.error)}
            </div>
          )}
          <button type="submit" className="button button-primary button-block" disabled={accept.isPending}>
            {accept.isPending ? 'Joining…' : `Join ${lookup.data.organizationName}`}
          </button>
        </form>
      )}
    </main>
  )
}
