import { Readable } from 'node:stream'
import type { Dispatcher } from 'undici'
import type { ProxyDispatcher } from '../egress/guarded-fetch.ts'
import { undici } from '../egress/undici.ts'
import { AppError } from '../errors.ts'

/**
 * The proxy's upstream calls, on undici's dispatch API rather than `undici.request`: a small
 * answer of declared length is collected straight into a Buffer, with no Readable, no
 * AsyncResource and no promise per chunk in between; only a large or open-ended answer gets
 * a stream (with backpressure, and the size cap counted as it arrives). On a loopback
 * upstream this halves the CPU time of the call (see docs/performance.md).
 *
 * One UpstreamCalls serves one proxied call and all its attempts: it holds the call's deadline
 * and listens for the caller going away, and either one aborts whichever attempt is under way
 * (or, once the answer is being streamed back, its body).
 */

/** One attempt. */
export interface UpstreamRequest {
  url: URL
  method: Dispatcher.HttpMethod
  headers: Record<string, string>
  body: Buffer | Readable | undefined
  /** Longest wait for the answer's headers, and longest gap between two body chunks, in ms. */
  headersTimeout: number
  bodyTimeout: number
}

export interface UpstreamAnswer {
  statusCode: number
  /**
   * As undici's request() gives them (lower-cased names, repeated ones as arrays), minus
   * those the call's `dropHeader` names.
   */
  headers: Record<string, string | string[]>
  /** The whole body for a small answer of declared length (and HEAD, 204, 304); else a stream. */
  body: Buffer | Readable
}

/**
 * What tells a call its caller went away: emits 'abort' once, and says through `aborted`
 * whether it already did (a call starts listening only after 50 ms).
 */
export interface AbortEvents {
  readonly aborted: boolean
  once(event: 'abort', listener: () => void): unknown
  removeListener(event: 'abort', listener: () => void): unknown
}

export interface UpstreamCallOptions {
  /** The API's name, for error messages. */
  apiName: string
  /** The whole call's budget, retries and the answer's body included, in ms. */
  timeoutMs: number
  /** Answers that declare at most this many bytes are read whole. */
  bufferUpTo: number
  /** A streamed answer fails once it passes this many bytes. */
  maxBytes: number
  /** Answer headers (by lower-cased name) left out as they are read. */
  dropHeader?: (name: string) => boolean
}

/**
 * How long a call runs before it starts watching for its caller going away (between this and
 * twice this). Most answers come sooner, and a listener per call on the caller's connection is
 * a measurable share of a fast proxied call; a call cancelled in its first 50 ms costs the
 * upstream little anyway.
 */
const WATCH_CALLER_AFTER_MS = 50

/**
 * The calls that will start watching: those started in the current slot of 50 ms, and in the
 * one before. Every 50 ms one timer moves them on, and those of the slot before that still
 * run start watching. A timer per call (a Timeout object, a list to link it into and out of)
 * cost more than the rest of its bookkeeping together.
 */
const watchSoon = {
  current: [] as (UpstreamCalls | null)[],
  previous: [] as (UpstreamCalls | null)[],
  ticker: null as NodeJS.Timeout | null,
}

/** Keeps the slot timer running while calls wait in a slot. */
function startTicking(): void {
  if (watchSoon.ticker) return
  watchSoon.ticker = setInterval(tick, WATCH_CALLER_AFTER_MS)
  // A call under way keeps the process alive through its socket; this timer need not.
  watchSoon.ticker.unref()
}

function tick(): void {
  const due = watchSoon.previous
  watchSoon.previous = watchSoon.current
  watchSoon.current = []
  for (const call of due) call?.watch()
  if (watchSoon.previous.length === 0 && watchSoon.ticker) {
    clearInterval(watchSoon.ticker)
    watchSoon.ticker = null
  }
}

export class UpstreamCalls {
  private reason: AppError | null = null
  private current: AnswerHandler | null = null
  private timer: NodeJS.Timeout | null = null
  /** Until the call is over: what says the caller went away. */
  private signal: AbortSignal | AbortEvents | null
  private stopListening: (() => void) | null = null
  private readonly deadline: number
  /** The slot list this call waits in, and its place there, until it watches or is over. */
  private slot: (UpstreamCalls | null)[] | null = null
  private slotIndex = 0

  constructor(
    private readonly dispatcher: ProxyDispatcher,
    private readonly options: UpstreamCallOptions,
    /** Fires 'abort' when the caller goes away. */
    signal: AbortSignal | AbortEvents | undefined,
  ) {
    this.deadline = Date.now() + options.timeoutMs
    this.signal = signal ?? null
    if (signal?.aborted) this.abort(callerGone())
    // Watching starts within two slots; a call with less time than that watches from the start.
    if (signal && options.timeoutMs > 2 * WATCH_CALLER_AFTER_MS) {
      this.slot = watchSoon.current
      this.slotIndex = this.slot.push(this) - 1
      startTicking()
    } else if (signal) this.watch()
    else this.timer = setTimeout(() => this.abort(this.timedOut()), options.timeoutMs)
  }

  /** A call still under way (from the slot timer, or at once) watches its caller and its deadline. */
  watch(): void {
    this.slot = null
    const signal = this.signal
    if (!signal) return
    if (signal.aborted) this.abort(callerGone())
    else this.stopListening = onAbort(signal, () => this.abort(callerGone()))
    this.timer = setTimeout(() => this.abort(this.timedOut()), Math.max(0, this.deadline - Date.now()))
  }

  timedOut(): AppError {
    const { apiName, timeoutMs } = this.options
    return new AppError(
      'UPSTREAM_TIMEOUT',
      `${apiName} did not answer within ${Math.round(timeoutMs / 1000)} s`,
    )
  }

  /** Sends one attempt; settles with its headers, and the body too when it is small. */
  send(req: UpstreamRequest): Promise<UpstreamAnswer> {
    if (this.reason) return Promise.reject(this.reason)
    return new Promise((resolve, reject) => {
      const handler = new AnswerHandler(req.method, this.options, resolve, reject)
      this.current = handler
      const { url } = req
      this.dispatcher.dispatch(
        {
          origin: url.origin,
          path: url.pathname + url.search,
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
          headersTimeout: req.headersTimeout,
          bodyTimeout: req.bodyTimeout,
        },
        handler,
      )
    })
  }

  /**
   * The call is over on our side: stop the deadline and stop listening for the caller, at
   * once, or when the streamed body handed back to the caller closes.
   */
  finish(body: Buffer | Readable | undefined): void {
    if (body instanceof Readable && !body.destroyed) body.once('close', () => this.release())
    else this.release()
  }

  private release(): void {
    if (this.timer) clearTimeout(this.timer)
    this.stopListening?.()
    // A call over in its first 50–100 ms leaves its slot, so the list keeps nothing of it
    // alive until the next tick (a young object held that long ends up in the old generation).
    if (this.slot) {
      this.slot[this.slotIndex] = null
      this.slot = null
    }
    this.signal = null
    this.current = null
  }

  private abort(reason: AppError): void {
    if (this.reason) return
    this.reason = reason
    this.current?.abort(reason)
  }
}

/** Lets go of an answer that will not be passed on, keeping its connection when it is short. */
export function discard(body: Buffer | Readable): void {
  if (!(body instanceof Readable)) return
  let seen = 0
  body.on('error', () => {})
  body.on('data', (chunk: Buffer) => {
    seen += chunk.length
    if (seen > 128 * 1024) body.destroy()
  })
}

function callerGone(): AppError {
  return new AppError('UPSTREAM_ERROR', 'The call was cancelled: the caller went away')
}

function onAbort(signal: AbortSignal | AbortEvents, fn: () => void): () => void {
  if ('addEventListener' in signal) {
    signal.addEventListener('abort', fn, { once: true })
    return () => signal.removeEventListener('abort', fn)
  }
  const events = signal as AbortEvents
  events.once('abort', fn)
  return () => events.removeListener('abort', fn)
}

/** undici's, set on the first answer (undici is loaded on the first outbound call). */
let headerNameToString: ((value: Buffer) => string) | undefined

/**
 * The answer's raw headers as an object, as undici's parseHeaders makes it, leaving out what
 * `drop` names (and `__proto__`) in the same pass: one object per answer instead of a parsed
 * and a filtered one.
 */
function answerHeaders(
  raw: Buffer[],
  drop: ((name: string) => boolean) | undefined,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  headerNameToString ??= undici().util.headerNameToString
  for (let i = 0; i < raw.length; i += 2) {
    const name = headerNameToString(raw[i] as Buffer)
    // No header is called __proto__; written into the reply's header object, one would set
    // its prototype.
    if (name === '__proto__' || drop?.(name)) continue
    const value = (raw[i + 1] as Buffer).toString('latin1')
    const seen = Object.hasOwn(out, name) ? out[name] : undefined
    if (seen === undefined) out[name] = value
    else if (typeof seen === 'string') out[name] = [seen, value]
    else seen.push(value)
  }
  return out
}

export function declaredLength(value: string | string[] | undefined): number | null {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null
}

/**
 * undici's handler interface (the one its own request() implements): headers, chunks, end
 * or error. Either collects a small body or feeds a stream.
 */
class AnswerHandler implements Dispatcher.DispatchHandler {
  private abortRequest: ((reason: Error) => void) | null = null
  private reason: Error | null = null
  private ended = false
  private statusCode = 0
  private headers: Record<string, string | string[]> = {}
  private chunks: Buffer[] | null = null
  private stream: UpstreamBody | null = null
  private received = 0

  constructor(
    private readonly method: string,
    private readonly limits: UpstreamCallOptions,
    private readonly resolve: (answer: UpstreamAnswer) => void,
    private readonly reject: (e: Error) => void,
  ) {}

  onConnect(abort: (reason: Error) => void): void {
    if (this.reason) abort(this.reason)
    else this.abortRequest = abort
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (statusCode < 200) return true
    this.statusCode = statusCode
    const headers = answerHeaders(rawHeaders, this.limits.dropHeader)
    this.headers = headers
    const length = declaredLength(headers['content-length'])
    const bodyless = this.method === 'HEAD' || statusCode === 204 || statusCode === 304
    if (bodyless || (length !== null && length <= this.limits.bufferUpTo)) {
      this.chunks = []
      return true
    }
    this.stream = new UpstreamBody(resume, this)
    this.resolve({ statusCode, headers, body: this.stream })
    return true
  }

  onData(chunk: Buffer): boolean {
    if (this.chunks) {
      // undici holds a body of declared length to that length.
      this.chunks.push(chunk)
      return true
    }
    const stream = this.stream as UpstreamBody
    this.received += chunk.length
    if (this.received > this.limits.maxBytes) {
      this.abort(new Error(`upstream response exceeds ${this.limits.maxBytes} bytes`))
      return false
    }
    return stream.push(chunk)
  }

  onComplete(): void {
    this.ended = true
    if (this.stream) {
      this.stream.push(null)
      return
    }
    const chunks = this.chunks ?? []
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
    this.resolve({ statusCode: this.statusCode, headers: this.headers, body })
  }

  onError(err: Error): void {
    this.ended = true
    if (this.stream) this.stream.destroy(err)
    // A 204 or 304 has no body whatever length it declares (RFC 9110 lets a 304 repeat the
    // full representation's); undici counts the missing bytes as a mismatch. It is whole.
    else if (bodylessMismatch(this.statusCode, err)) {
      this.resolve({ statusCode: this.statusCode, headers: this.headers, body: Buffer.alloc(0) })
    } else if (this.statusCode === 0 || err instanceof AppError) this.reject(err)
    else this.reject(new BrokenAnswer(this.statusCode, err))
  }

  /** Cancels the attempt: before its headers, while its body arrives, or while it is read. */
  abort(reason: Error): void {
    if (this.ended) {
      // Fully received but not yet read by the caller: the deadline still applies.
      this.stream?.destroy(reason)
      return
    }
    this.reason ??= reason
    if (this.abortRequest) this.abortRequest(reason)
    // Not on a socket yet (queued, or connecting): settle now; undici lets go of it when it
    // gets there (onConnect aborts at once).
    else if (!this.stream) this.reject(reason)
  }
}

function bodylessMismatch(statusCode: number, err: Error): boolean {
  return (
    (statusCode === 204 || statusCode === 304) &&
    (err as { code?: string }).code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'
  )
}

/** A small answer whose body broke off before its end (its status is known). */
export class BrokenAnswer extends Error {
  constructor(
    readonly statusCode: number,
    cause: Error,
  ) {
    super(`the answer (${statusCode}) broke off`, { cause })
  }
}

/** A streamed answer's body: reading resumes the socket, destroying it aborts the request. */
class UpstreamBody extends Readable {
  constructor(
    private readonly resumeSocket: () => void,
    private readonly handler: AnswerHandler,
  ) {
    super()
    // Errors (the upstream breaking off, the deadline, the caller leaving) may come before
    // anyone reads this body; an 'error' with no listener would take the process down.
    this.on('error', () => {})
  }

  override _read(): void {
    this.resumeSocket()
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.handler.abort(err ?? new Error('the response body was closed'))
    callback(err)
  }
}
