import { useEffect, useRef } from 'react'
import type { ConnectSession } from './connect-api.ts'

/** How long the popup shows the outcome before closing itself. */
const CLOSE_DELAY_MS = 1200

export interface ConnectResultMessage {
  type: 'switchboard:connect'
  status: 'COMPLETED' | 'FAILED'
  sessionId: string
  connectionId: string | null
  error: string | null
}

/** True when the opener is a page of this same Switchboard (the dashboard's "New connection"). */
function isSameOrigin(opener: Window): boolean {
  try {
    return opener.location.origin === window.location.origin
  } catch {
    return false // reading a cross-origin window's location throws
  }
}

/**
 * The window that opened this page and the origin we may post to: the session's openerOrigin
 * (the customer's app), or our own origin when the dashboard opened the popup.
 */
export function openerTarget(session: ConnectSession | undefined): { opener: Window; origin: string } | null {
  const opener = typeof window === 'undefined' ? null : (window.opener as Window | null)
  if (!opener || opener.closed || !session) return null
  if (isSameOrigin(opener)) return { opener, origin: window.location.origin }
  return session.openerOrigin ? { opener, origin: session.openerOrigin } : null
}

/**
 * In a popup, tells the opener how the session ended, then closes. The message goes only to
 * the session's openerOrigin (never '*'): other pages must not learn the connection id.
 */
export function useNotifyOpener(session: ConnectSession | undefined): void {
  const notified = useRef<string | null>(null)
  const status = session?.status
  useEffect(() => {
    if (!session || (status !== 'COMPLETED' && status !== 'FAILED')) return
    const target = openerTarget(session)
    if (!target || notified.current === session.id) return
    notified.current = session.id
    const message: ConnectResultMessage = {
      type: 'switchboard:connect',
      status,
      sessionId: session.id,
      connectionId: session.connectionId,
      error: session.error,
    }
    try {
      target.opener.postMessage(message, target.origin)
    } catch {
      // A malformed origin: nothing was sent; the app can still poll the session.
      return
    }
    // Not cancelled on unmount: once the opener knows, the popup has done its job.
    setTimeout(() => window.close(), CLOSE_DELAY_MS)
  }, [session, status])
}
