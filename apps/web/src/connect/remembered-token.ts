/*
 * After OAuth the server may send the browser back to /connect?result=done&sessionId=… without
 * the token. The page remembers the token for this tab (sessionStorage, same origin only) when
 * it starts the authorization, so it can describe the session again and show the real outcome.
 */

const PREFIX = 'switchboard.connect.'

export function rememberToken(sessionId: string, token: string): void {
  try {
    sessionStorage.setItem(PREFIX + sessionId, token)
  } catch {
    // Storage disabled: the page falls back to the result in the address.
  }
}

export function recallToken(sessionId: string | null): string | null {
  if (!sessionId) return null
  try {
    return sessionStorage.getItem(PREFIX + sessionId)
  } catch {
    return null
  }
}
