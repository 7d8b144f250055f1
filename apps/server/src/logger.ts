import { type DestinationStream, type Logger, pino } from 'pino'

/** Query parameters whose values are credentials (connect tokens, OAuth codes, state…). */
const SECRET_QUERY =
  /^(token|code|state|access_token|refresh_token|id_token|client_secret|password|key|api_key|apikey|secret|code_verifier)$/i

/** A URL with the values of secret query parameters replaced, for logs. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return url
  const params = new URLSearchParams(url.slice(q + 1))
  for (const name of [...params.keys()]) if (SECRET_QUERY.test(name)) params.set(name, '[redacted]')
  return `${url.slice(0, q)}?${params.toString()}`
}

/** Paths pino censors wherever they appear in a log object. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.secretText',
  '*.apiKey',
  '*.key',
  '*.credentials',
  '*.authorization',
]

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination)
}
