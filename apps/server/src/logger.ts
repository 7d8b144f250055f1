import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'
import type { Bindings, ChildLoggerOptions, DestinationStream, Logger } from 'pino'
import { pino, destination as pinoDestination } from 'pino'

const REDACTED = '[redacted]'

/**
 * Query parameters (and tRPC input fields) whose values are credentials: connect tokens, OAuth
 * codes, state, and the names APIs commonly give keys and signatures (a proxied call's query
 * string is the caller's, for any API).
 */
const SECRET_NAME =
  /^(token|code|state|(access|refresh|id|auth|session|private|bearer)[-_]?token|client[-_]?(secret|assertion)|password|passwd|pwd|key|(api|access|secret|private)[-_]?key|secret|secret[-_]?text|code[-_]?verifier|credentials|signature|sig|jwt|auth)$/i

/** Our own credential formats (API keys, connect tokens, OAuth client secrets), redacted wherever they appear in a URL. */
const OWN_TOKEN = /\b(sk|cst|sbs)_[A-Za-z0-9_-]{8,}/g

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_NAME.test(k) ? REDACTED : redactJson(v)]),
    )
  }
  return typeof value === 'string' ? value.replace(OWN_TOKEN, REDACTED) : value
}

/** tRPC GET requests carry their input as JSON in `?input=`: redact the secret fields inside it. */
function redactTrpcInput(value: string): string {
  try {
    return JSON.stringify(redactJson(JSON.parse(value)))
  } catch {
    return REDACTED
  }
}

/** A URL with the values of secret query parameters (and our own token formats) replaced, for logs. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  const path = (q < 0 ? url : url.slice(0, q)).replace(OWN_TOKEN, REDACTED)
  if (q < 0) return path
  const params = new URLSearchParams()
  for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
    if (SECRET_NAME.test(name)) params.append(name, REDACTED)
    else if (name === 'input') params.append(name, redactTrpcInput(value))
    else params.append(name, value.replace(OWN_TOKEN, REDACTED))
  }
  return `${path}?${params.toString()}`
}

/** Field names whose values pino censors, at the top level and two levels down. */
const SECRET_FIELDS = [
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'clientSecret',
  'client_secret',
  'secret',
  'secretText',
  'apiKey',
  'key',
  'credentials',
  'authorization',
  'cookie',
]

/** Paths pino censors wherever they appear in a log object. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
]

/**
 * Where the server writes its log: stdout (fd 1, main.ts) or a file (`pnpm bench proxy`,
 * which measures the server as a deployment runs it, its log going to a file), with pino's
 * default for either: synchronous writes, so no line is lost when the process dies.
 */
export function logDestination(to: number | string = 1): DestinationStream {
  return pinoDestination({ dest: to, sync: true })
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination)
}

/** The one line per request: the request's id, method, URL, status and duration in ms. */
export interface RequestLine {
  reqId: string
  method: string
  url: string
  statusCode: number
  ms: number
}

/**
 * Writes the line per request through a child of `logger` without pino's redaction, which
 * walks a logged object once per wildcard path: with the paths above, about 24 µs a line,
 * where the line itself takes under 2 µs (docs/performance.md). The line's fields are all
 * Switchboard's and its URL goes through `redactUrl` here, so it needs none; nothing else
 * can be written this way. The caller checks the level (the request logger's).
 */
export function requestLineWriter(logger: Logger): (line: RequestLine) => void {
  const lines = logger.child({}, { level: 'trace', redact: { paths: [] } })
  return (line) => {
    line.url = redactUrl(line.url)
    lines.info(line, 'request')
  }
}

type LevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/**
 * A request's logger that becomes pino's child (its bindings, the request id, serialized) only
 * when something logs through it at a level that is on. Fastify asks for a child per request;
 * most requests log nothing but their one line, which the app writes through its own logger
 * with the request id, and the child cost about 1 % of a proxied request.
 */
class RequestLogger {
  private made: FastifyBaseLogger | undefined

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly own: Bindings,
  ) {}

  private get logger(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.own)
    return this.made
  }

  private write(level: LevelName, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return
    const logger = this.logger
    ;(logger[level] as (...a: unknown[]) => void).apply(logger, args)
  }

  get level(): string {
    return (this.made ?? this.parent).level
  }
  set level(level: string) {
    this.logger.level = level
  }
  isLevelEnabled(level: string): boolean {
    return ((this.made ?? this.parent) as Logger).isLevelEnabled(level)
  }
  fatal(...args: unknown[]): void {
    this.write('fatal', args)
  }
  error(...args: unknown[]): void {
    this.write('error', args)
  }
  warn(...args: unknown[]): void {
    this.write('warn', args)
  }
  info(...args: unknown[]): void {
    this.write('info', args)
  }
  debug(...args: unknown[]): void {
    this.write('debug', args)
  }
  trace(...args: unknown[]): void {
    this.write('trace', args)
  }
  silent(): void {}
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger.child(bindings, options)
  }
  /** What its lines carry besides their own fields, as pino's `bindings()` says. */
  bindings(): Bindings {
    return this.made
      ? (this.made as Logger).bindings()
      : { ...(this.parent as Logger).bindings(), ...this.own }
  }
  get msgPrefix(): string | undefined {
    return ((this.made ?? this.parent) as Logger).msgPrefix
  }
  flush(cb?: (err?: Error) => void): void {
    ;(this.parent as Logger).flush(cb)
  }
}

/**
 * Fastify's `childLoggerFactory`. Options (a route's own level or serializers) make a
 * different logger: such a route gets its child at once.
 */
export const requestLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  parent,
  bindings,
  options,
) => {
  for (const _ in options) return parent.child(bindings, options)
  return new RequestLogger(parent, bindings) as unknown as FastifyBaseLogger
}
