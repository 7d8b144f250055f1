import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): a `whsec_` secret is base64 of
 * 32 random bytes; a signature is `v1,<base64 HMAC-SHA256("id.timestamp.body")>` keyed by the
 * decoded bytes; `webhook-signature` lists one or more, space-separated.
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_'

/** How far a `webhook-timestamp` may be from the receiver's clock (Standard Webhooks: 5 minutes). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60

export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret
  return Buffer.from(encoded, 'base64')
}

/** One `v1,…` signature of `body` as sent with `webhook-id` = id and `webhook-timestamp` = seconds. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64')
  return `v1,${mac}`
}

/** The three headers of one delivery; with several secrets (a rotation), one signature each. */
export function webhookHeaders(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((s) => signWebhook(s, id, timestampSeconds, body)).join(' '),
  }
}

/** Why a received webhook was refused; the message says which check failed. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError'
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const bag = headers as Record<string, string | string[] | undefined>
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name)
  const value = key === undefined ? undefined : bag[key]
  return Array.isArray(value) ? value[0] : value
}

export interface VerifyWebhookOptions {
  /** The receiver's clock, in ms (default Date.now()). */
  nowMs?: number
  toleranceSeconds?: number
}

/**
 * For receivers: checks a delivery's `webhook-signature` against the secret (any of the
 * listed `v1` signatures may match) and its `webhook-timestamp` against the clock, and
 * returns the parsed body `{type, timestamp, data}`. Pass the body exactly as received (the
 * raw text or bytes, not re-serialized JSON). Throws WebhookVerificationError otherwise.
 */
export function verifyWebhook<T = { type: string; timestamp: string; data: unknown }>(
  body: string | Uint8Array,
  headers: HeaderBag,
  secret: string,
  options: VerifyWebhookOptions = {},
): T {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
  const id = header(headers, 'webhook-id')
  const timestamp = header(headers, 'webhook-timestamp')
  const signatures = header(headers, 'webhook-signature')
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature header')
  }
  if (!/^\d{1,15}$/.test(timestamp)) throw new WebhookVerificationError('Invalid webhook-timestamp header')
  const seconds = Number(timestamp)
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000)
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS
  if (now - seconds > tolerance) throw new WebhookVerificationError('The webhook-timestamp is too old')
  if (seconds - now > tolerance) throw new WebhookVerificationError('The webhook-timestamp is in the future')
  const expected = Buffer.from(signWebhook(secret, id, seconds, text).slice(3), 'base64')
  const matches = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2)
    if (version !== 'v1' || !value) return false
    const given = Buffer.from(value, 'base64')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  if (!matches) throw new WebhookVerificationError('No webhook-signature matches the secret')
  try {
    return JSON.parse(text) as T
  } catch {
    throw new WebhookVerificationError('The body is not JSON')
  }
}
