/**
 * @switchboard/connect: opens Switchboard's hosted connect page from a customer's web page and
 * resolves with how it ended. Browser only, no dependencies.
 *
 *   const { status, connectionId } = await openConnect({ connectUrl, mode: 'popup' })
 *
 * Popup mode listens for the hosted page's message (checked against Switchboard's origin and
 * the popup window) and polls the session meanwhile, so a lost message, a closed popup and a
 * blocked popup each end in a defined status. Redirect mode sends this window to the connect
 * page; back on the session's successRedirectUri/errorRedirectUri, `resumeConnect()` resolves.
 */

/**
 * How a connect attempt ended:
 * - `COMPLETED`: the account is connected; `connectionId` is set.
 * - `FAILED`: the person refused or the provider failed; `error` says why. The link may be retried.
 * - `CLOSED`: the popup was closed before the flow ended.
 * - `POPUP_BLOCKED`: the browser refused to open the popup (call openConnect from a click).
 * - `EXPIRED`: the connect token is unknown, expired or already used; ask the server for a new one.
 * - `TIMEOUT`: nothing ended within `timeoutMs`.
 */
export type ConnectStatus = 'COMPLETED' | 'FAILED' | 'CLOSED' | 'POPUP_BLOCKED' | 'EXPIRED' | 'TIMEOUT'

export interface ConnectResult {
  status: ConnectStatus
  connectionId: string | null
  sessionId: string | null
  error: string | null
}

export interface OpenConnectOptions {
  /** The `connectUrl` your server got from POST /api/v1/connect/token. */
  connectUrl: string
  mode: 'popup' | 'redirect'
  /** How often to poll the session (ms, default 1500). */
  pollIntervalMs?: number
  /** Give up after this long (ms, default 30 minutes: a connect token's lifetime). */
  timeoutMs?: number
  /** `window.open` features (popup mode). */
  popupFeatures?: string
}

/** The message the hosted page posts to its opener. */
interface HostedPageMessage {
  type: 'switchboard:connect'
  status: 'COMPLETED' | 'FAILED'
  sessionId: string
  connectionId: string | null
  error: string | null
}

const PENDING_KEY = 'switchboard.connect.pending'
const CLOSED_CHECK_MS = 300

function parseConnectUrl(connectUrl: string): { origin: string; token: string } {
  const url = new URL(connectUrl, window.location.href)
  const token = url.searchParams.get('token')
  if (!token)
    throw new TypeError('connectUrl has no token: pass the connectUrl from POST /api/v1/connect/token')
  return { origin: url.origin, token }
}

type Poll = { ended: false } | { ended: true; result: ConnectResult }

/** One look at the session through the public poll route. Network trouble counts as "not yet". */
async function pollOnce(origin: string, token: string): Promise<Poll> {
  let res: Response
  try {
    res = await fetch(`${origin}/api/v1/connect/session/poll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'omit',
    })
  } catch {
    return { ended: false }
  }
  const body = (await res.json().catch(() => null)) as {
    sessionId?: string
    status?: string
    connectionId?: string | null
    error?: string | { code?: string; message?: string } | null
  } | null
  if (res.status === 401 || res.status === 404 || res.status === 410) {
    const error = body && typeof body.error === 'object' && body.error ? (body.error.message ?? null) : null
    return { ended: true, result: { status: 'EXPIRED', connectionId: null, sessionId: null, error } }
  }
  if (!res.ok || !body) return { ended: false }
  if (body.status !== 'COMPLETED' && body.status !== 'FAILED') return { ended: false }
  return {
    ended: true,
    result: {
      status: body.status,
      connectionId: body.connectionId ?? null,
      sessionId: body.sessionId ?? null,
      error: typeof body.error === 'string' ? body.error : null,
    },
  }
}

function isHostedPageMessage(data: unknown): data is HostedPageMessage {
  if (typeof data !== 'object' || data === null) return false
  const m = data as Partial<HostedPageMessage>
  return m.type === 'switchboard:connect' && (m.status === 'COMPLETED' || m.status === 'FAILED')
}

/**
 * Opens the hosted connect page and resolves with how it ended (never rejects once started;
 * throws a TypeError at once for a connectUrl without a token). In redirect mode this window
 * leaves for the connect page and the promise never settles: call `resumeConnect()` on the
 * page the session's successRedirectUri/errorRedirectUri names.
 */
export function openConnect(options: OpenConnectOptions): Promise<ConnectResult> {
  const { origin, token } = parseConnectUrl(options.connectUrl)
  if (options.mode === 'redirect') {
    try {
      sessionStorage.setItem(PENDING_KEY, JSON.stringify({ origin, token }))
    } catch {
      // Storage disabled: resumeConnect() falls back to the result in the address.
    }
    window.location.assign(options.connectUrl)
    return new Promise<ConnectResult>(() => {})
  }
  const popup = window.open(
    options.connectUrl,
    'switchboard-connect',
    options.popupFeatures ?? 'popup,width=480,height=720',
  )
  if (!popup) {
    return Promise.resolve({ status: 'POPUP_BLOCKED', connectionId: null, sessionId: null, error: null })
  }
  const pollIntervalMs = options.pollIntervalMs ?? 1500
  return new Promise<ConnectResult>((resolve) => {
    let done = false
    const timers: ReturnType<typeof setTimeout>[] = []
    const finish = (result: ConnectResult) => {
      if (done) return
      done = true
      window.removeEventListener('message', onMessage)
      for (const t of timers) clearInterval(t)
      resolve(result)
    }
    // Only Switchboard's origin, and only the popup we opened, may speak: any other page
    // (another frame, another window) could post a made-up result.
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== popup || !isHostedPageMessage(event.data)) return
      const m = event.data
      finish({ status: m.status, connectionId: m.connectionId, sessionId: m.sessionId, error: m.error })
    }
    window.addEventListener('message', onMessage)
    let polling = false
    const poll = async (final: boolean) => {
      if (polling && !final) return
      polling = true
      const p = await pollOnce(origin, token)
      polling = false
      if (p.ended) finish(p.result)
      else if (final) finish({ status: 'CLOSED', connectionId: null, sessionId: null, error: null })
    }
    timers.push(setInterval(() => void poll(false), pollIntervalMs))
    // A closed popup: one last look, as it may have finished just before.
    timers.push(
      setInterval(() => {
        if (popup.closed && !done) {
          for (const t of timers) clearInterval(t)
          void poll(true)
        }
      }, CLOSED_CHECK_MS),
    )
    timers.push(
      setTimeout(
        () => finish({ status: 'TIMEOUT', connectionId: null, sessionId: null, error: null }),
        options.timeoutMs ?? 30 * 60_000,
      ),
    )
  })
}

/**
 * On the page the browser comes back to after `openConnect({ mode: 'redirect' })`: resolves
 * with how the session ended, confirmed with Switchboard (the address alone could be forged),
 * or `null` when this window started no connect flow.
 */
export async function resumeConnect(): Promise<ConnectResult | null> {
  let pending: { origin: string; token: string } | null = null
  try {
    const raw = sessionStorage.getItem(PENDING_KEY)
    pending = raw ? (JSON.parse(raw) as { origin: string; token: string }) : null
  } catch {
    pending = null
  }
  if (!pending) return null
  const p = await pollOnce(pending.origin, pending.token)
  if (p.ended) {
    try {
      sessionStorage.removeItem(PENDING_KEY)
    } catch {
      // nothing to forget
    }
    return p.result
  }
  // Still pending or connecting: came back without finishing (Back button, a closed tab).
  return { status: 'CLOSED', connectionId: null, sessionId: null, error: null }
}
