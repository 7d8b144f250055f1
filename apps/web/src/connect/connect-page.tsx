import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'
import { Spinner } from '../components/spinner.tsx'
import { appCodeOf, httpStatusOf } from '../errors.ts'
import { shouldRetry } from '../query-client.ts'
import { type ConnectSession, type DescribeOutput, describeKey, describeQueryOptions } from './connect-api.ts'
import { ConnectHeader } from './connect-header.tsx'
import { ConnectLayout } from './connect-layout.tsx'
import { ConnectMessage } from './connect-message.tsx'
import { ConnectOutcome } from './connect-outcome.tsx'
import { CredentialsForm } from './credentials-form.tsx'
import type { Translate } from './i18n.ts'
import { OAuthAuthorize } from './oauth-authorize.tsx'
import { recallToken } from './remembered-token.ts'
import { ReturnedResult } from './returned-result.tsx'
import { useConnectLanguage } from './use-connect-language.ts'
import { openerTarget, useNotifyOpener } from './use-notify-opener.ts'

/** How often to look again while the server finishes an OAuth exchange. */
const CONNECTING_POLL_MS = 1500

type EndedReason = 'INVALID_TOKEN' | 'SESSION_NOT_ACTIVE'

/**
 * The hosted connect page, /connect?token=cst_…[&lang=de]. Public: the token is the credential.
 * Shows who asks for what, runs OAuth2 or the credentials form, and the outcome. After OAuth
 * the server sends the browser back as /connect?result=done|error&sessionId=….
 */
export function ConnectPage() {
  const [params] = useSearchParams()
  const { t } = useConnectLanguage(params.get('lang'))
  const token = params.get('token')?.trim() || recallToken(params.get('sessionId'))
  const result = params.get('result')

  if (token?.startsWith('cst_')) return <ConnectSessionView token={token} t={t} />
  if (result === 'done' || result === 'error') {
    return (
      <ConnectLayout t={t}>
        <ReturnedResult result={result} t={t} />
      </ConnectLayout>
    )
  }
  return (
    <ConnectLayout t={t}>
      <ConnectMessage tone="error" title={t('missingTitle')}>
        <p>{t('missingBody')}</p>
      </ConnectMessage>
    </ConnectLayout>
  )
}

function ConnectSessionView({ token, t }: { token: string; t: Translate }) {
  const queryClient = useQueryClient()
  const [ended, setEnded] = useState<EndedReason | null>(null)
  const [submittedHere, setSubmittedHere] = useState(false)
  const describe = useQuery({
    ...describeQueryOptions(token),
    retry: shouldRetry,
    staleTime: 5_000,
    refetchInterval: (query) =>
      query.state.data?.session.status === 'CONNECTING' ? CONNECTING_POLL_MS : false,
  })
  const session = describe.data?.session
  useNotifyOpener(session)

  useEffect(() => {
    if (session)
      document.title = `${t('pageTitle', { integration: session.integration.displayName })} · ${session.organization.name}`
  }, [session, t])

  // A finished session stays on screen even if a later refetch says the token is no longer usable.
  const errorCode = appCodeOf(describe.error)
  const finished = session?.status === 'COMPLETED' || session?.status === 'FAILED'
  const endedReason: EndedReason | null = finished
    ? null
    : (ended ?? (errorCode === 'INVALID_TOKEN' || errorCode === 'SESSION_NOT_ACTIVE' ? errorCode : null))

  if (endedReason) {
    const expired = endedReason === 'INVALID_TOKEN'
    return (
      <ConnectLayout t={t} primaryColor={session?.organization.branding.primaryColor}>
        <ConnectMessage tone="error" title={expired ? t('expiredTitle') : t('usedTitle')}>
          <p>{expired ? t('expiredBody') : t('usedBody')}</p>
        </ConnectMessage>
      </ConnectLayout>
    )
  }

  if (!session) {
    if (describe.isError) {
      return (
        <ConnectLayout t={t}>
          <ConnectMessage tone="error" title={t('loadFailedTitle')}>
            <p>{httpStatusOf(describe.error) === undefined ? t('networkError') : t('serverError')}</p>
            <button type="button" className="button button-primary" onClick={() => void describe.refetch()}>
              {t('retry')}
            </button>
          </ConnectMessage>
        </ConnectLayout>
      )
    }
    return (
      <ConnectLayout t={t}>
        <div className="connect-loading" role="status">
          <Spinner />
          <span>{t('loading')}</span>
        </div>
      </ConnectLayout>
    )
  }

  function completed(connectionId: string) {
    setSubmittedHere(true)
    queryClient.setQueryData(describeKey(token), (current: DescribeOutput | undefined) =>
      current
        ? { session: { ...current.session, status: 'COMPLETED' as const, connectionId, error: null } }
        : current,
    )
    void queryClient.invalidateQueries({ queryKey: describeKey(token) })
  }

  const closing = openerTarget(session) !== null
  const redirectTo = submittedHere && !closing ? successRedirect(session) : null
  return (
    <ConnectLayout t={t} primaryColor={session.organization.branding.primaryColor}>
      <ConnectHeader session={session} t={t} withTitle={session.status === 'PENDING'} />
      <SessionBody
        session={session}
        token={token}
        t={t}
        closing={closing}
        redirectTo={redirectTo}
        onCompleted={completed}
        onSessionEnded={setEnded}
      />
    </ConnectLayout>
  )
}

/** The app's success page with the same parameters the server adds after OAuth. */
function successRedirect(session: ConnectSession): string | null {
  if (!session.successRedirectUri || !session.connectionId) return null
  try {
    const url = new URL(session.successRedirectUri)
    url.searchParams.set('status', 'COMPLETED')
    url.searchParams.set('sessionId', session.id)
    url.searchParams.set('connectionId', session.connectionId)
    return url.toString()
  } catch {
    return null
  }
}

interface SessionBodyProps {
  session: ConnectSession
  token: string
  t: Translate
  closing: boolean
  redirectTo: string | null
  onCompleted: (connectionId: string) => void
  onSessionEnded: (reason: EndedReason) => void
}

function SessionBody({
  session,
  token,
  t,
  closing,
  redirectTo,
  onCompleted,
  onSessionEnded,
}: SessionBodyProps) {
  switch (session.status) {
    case 'PENDING':
      return session.integration.authType === 'OAUTH2' ? (
        <OAuthAuthorize
          token={token}
          sessionId={session.id}
          integrationName={session.integration.displayName}
          popup={closing}
          t={t}
        />
      ) : (
        <CredentialsForm
          token={token}
          session={session}
          t={t}
          onCompleted={(result) => onCompleted(result.connectionId)}
          onSessionEnded={onSessionEnded}
        />
      )
    case 'CONNECTING':
      return (
        <ConnectMessage tone="info" title={t('connectingTitle')}>
          <p className="muted">{t('connectingBody')}</p>
          <Spinner />
        </ConnectMessage>
      )
    default:
      return <ConnectOutcome session={session} t={t} closing={closing} redirectTo={redirectTo} />
  }
}
