/**
 * The consent API of Switchboard's authorization server (apps/server/src/oauth-server/plugin.ts):
 * GET /api/v1/oauth-interactions/:uid describes the pending authorization; POST with
 * `decision=allow|deny` (a real form post, answered 303) finishes it.
 */

export interface InteractionView {
  uid: string
  /** True when this browser has no dashboard session: show the login page first. */
  loginRequired: boolean
  client: { clientId: string; name: string; logoUrl: string | null; developer: string }
  /** Requested scopes the app may have, in plain words. */
  scopes: Array<{ scope: string; description: string }>
  /** The organization the app will act on (the signed-in user's), or null before login. */
  organization: { id: string; name: string } | null
  user: { id: string; email: string } | null
  loginUrl: string
  consentUrl: string
}

export type InteractionResult =
  | { kind: 'ok'; interaction: InteractionView }
  | { kind: 'gone'; message: string }
  | { kind: 'error'; message: string }

export function uidFromLocation(): string {
  return new URLSearchParams(window.location.search).get('uid') ?? ''
}

export function interactionPath(uid: string): string {
  return `/api/v1/oauth-interactions/${encodeURIComponent(uid)}`
}

export async function loadInteraction(uid: string): Promise<InteractionResult> {
  if (!uid)
    return { kind: 'gone', message: 'This page needs an authorization request. Go back to the application.' }
  try {
    const res = await fetch(interactionPath(uid), {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
    const body = (await res.json().catch(() => null)) as {
      interaction?: InteractionView
      error?: { message?: string }
    } | null
    if (res.ok && body?.interaction) return { kind: 'ok', interaction: body.interaction }
    const message = body?.error?.message ?? 'This authorization request cannot be shown.'
    return res.status === 404 ? { kind: 'gone', message } : { kind: 'error', message }
  } catch {
    return { kind: 'error', message: 'Could not reach Switchboard. Check your connection and try again.' }
  }
}

/**
 * Posts the decision with fetch and returns where to send the browser. Not a native form post:
 * with our `Referrer-Policy: no-referrer`, Chromium sends `Origin: null` on form posts, which
 * the server rightly refuses as cross-origin; fetch (mode cors) sends the page's real origin.
 */
export async function submitDecision(
  uid: string,
  decision: 'allow' | 'deny',
): Promise<{ ok: true; redirectTo: string } | { ok: false; message: string }> {
  try {
    const res = await fetch(interactionPath(uid), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ decision }),
    })
    const body = (await res.json().catch(() => null)) as {
      redirectTo?: string
      error?: { message?: string }
    } | null
    if (res.ok && body?.redirectTo) return { ok: true, redirectTo: body.redirectTo }
    return {
      ok: false,
      message:
        body?.error?.message ??
        'Your decision could not be recorded. Go back to the application and try again.',
    }
  } catch {
    return { ok: false, message: 'Could not reach Switchboard. Check your connection and try again.' }
  }
}
