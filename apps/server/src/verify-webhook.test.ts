import * as core from '@switchboard/core'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import * as server from './app.ts'
import { verifyWebhook, WebhookVerificationError } from './webhooks.ts'

// The server package's receiver helper (issue 22): the same function as core's (the SDK
// re-exports that one), and it accepts exactly what the `standardwebhooks` package signs.

describe('verifyWebhook exported by @switchboard/server', () => {
  const secret = core.generateWebhookSecret()
  const body = JSON.stringify({
    type: 'connection.created',
    timestamp: '2026-01-01T00:00:00.000Z',
    data: { a: 1 },
  })
  const id = 'evt_abc'
  const now = new Date()
  const signature = new Webhook(secret).sign(id, now, body)
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signature,
  }

  it('is core’s own function, from the main entry and from ./webhooks', () => {
    expect(server.verifyWebhook).toBe(core.verifyWebhook)
    expect(verifyWebhook).toBe(core.verifyWebhook)
    expect(server.WebhookVerificationError).toBe(core.WebhookVerificationError)
  })

  it('accepts a delivery standardwebhooks signed (plain headers, Headers, bytes), beside another signature', () => {
    expect(verifyWebhook(body, headers, secret)).toEqual(JSON.parse(body))
    expect(verifyWebhook(Buffer.from(body), new Headers(headers), secret).type).toBe('connection.created')
    const rotated = {
      ...headers,
      'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ${signature}`,
    }
    expect(verifyWebhook(body, rotated, secret).type).toBe('connection.created')
  })

  it('refuses another secret, a changed body, a stale timestamp and missing headers', () => {
    expect(() => verifyWebhook(body, headers, core.generateWebhookSecret())).toThrow(WebhookVerificationError)
    expect(() => verifyWebhook(body.replace('1', '2'), headers, secret)).toThrow(/matches/)
    expect(() => verifyWebhook(body, headers, secret, { nowMs: now.getTime() + 10 * 60_000 })).toThrow(
      /too old/,
    )
    expect(() => verifyWebhook(body, { 'webhook-id': id }, secret)).toThrow(/Missing/)
  })
})
