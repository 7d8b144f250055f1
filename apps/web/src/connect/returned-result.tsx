import { ConnectMessage } from './connect-message.tsx'
import type { Translate } from './i18n.ts'

interface ReturnedResultProps {
  result: 'done' | 'error'
  t: Translate
}

/**
 * Back from the provider with only ?result= in the address and no token to look the session
 * up with (another tab, storage disabled): show what the server reported.
 */
export function ReturnedResult({ result, t }: ReturnedResultProps) {
  if (result === 'done') {
    return (
      <ConnectMessage tone="success" title={t('successTitle')}>
        <p>{t('connectedGeneric')}</p>
        <p className="muted">{t('successNext')}</p>
      </ConnectMessage>
    )
  }
  return (
    <ConnectMessage tone="error" title={t('failedTitle')}>
      <p>{t('failedGeneric')}</p>
      <p className="muted">{t('returnAndRetry')}</p>
    </ConnectMessage>
  )
}
