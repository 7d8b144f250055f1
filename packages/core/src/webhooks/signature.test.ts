import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import {
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  WebhookVerificationError,
  webhookHeaders,
} from './signature.ts'

const body = JSON.stringify({
  type: 'connection.created',
  timestamp: '2026-01-01T00:00:00.000Z',
  data: { a: 'é' },
})

describe('Standard Webhooks signatures', () => {
  it('are byte-equal to the standardwebhooks package for random secrets, ids and bodies', () => {
    for (let i = 0; i < 50; i++) {
      const secret = generateWebhookSecret()
      const id = `evt_${i}_${Math.random().toString(36).slice(2)}`
      const seconds = 1_700_000_000 + i * 977
      const text = `${body}${'ü'.repeat(i)}`
      expect(signWebhook(secret, id, seconds, text)).toBe(
        new Webhook(secret).sign(id, new Date(seconds * 1000), text),
      )
    }
  })

  it('secrets are whsec_ and base64 of 32 random bytes', () => {
    const secret = generateWebhookSecret()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32)
    expect(generateWebhookSecret()).not.toBe(secret)
  })

  it("the package's verifier accepts our headers, also with two signatures during a rotation", () => {
    const [fresh, old] = [generateWebhookSecret(), generateWebhookSecret()]
    const now = Math.floor(Date.now() / 1000)
    const headers = webhookHeaders([fresh, old], 'evt_1', now, body)
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2)
    expect(new Webhook(fresh).verify(body, headers)).toEqual(JSON.parse(body))
    expect(new Webhook(old).verify(body, headers)).toEqual(JSON.parse(body))
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow()
  })

  it('verifyWebhook accepts what the package signs and refuses tampering, other secrets and stale times', () => {
    const secret = generateWebhookSecret()
    const now = Math.floor(Date.now() / 1000)
    const signature = new Webhook(secret).sign('evt_2', new Date(now * 1000), body)
    const headers = {
      'webhook-id': 'evt_2',
      'webhook-timestamp': String(now),
      'webhook-signature': signature,
    }
    expect(verifyWebhook(body, headers, secret)).toEqual(JSON.parse(body))
    expect(verifyWebhook(Buffer.from(body), new Headers(headers), secret)).toEqual(JSON.parse(body))
    const { 'webhook-id': _, ...rest } = headers
    expect(verifyWebhook(body, { ...rest, 'Webhook-Id': 'evt_2' }, secret)).toEqual(JSON.parse(body))
    expect(() => verifyWebhook(`${body} `, headers, secret)).toThrow(WebhookVerificationError)
    expect(() => verifyWebhook(body, headers, generateWebhookSecret())).toThrow(
      /No webhook-signature matches/,
    )
    expect(() => verifyWebhook(body, { ...headers, 'webhook-id': 'evt_3' }, secret)).toThrow(
      WebhookVerificationError,
    )
    expect(() => verifyWebhook(body, headers, secret, { nowMs: (now + 301) * 1000 })).toThrow(/too old/)
    expect(() => verifyWebhook(body, headers, secret, { nowMs: (now - 301) * 1000 })).toThrow(/future/)
    expect(() => verifyWebhook(body, { 'webhook-id': 'evt_2' }, secret)).toThrow(/Missing/)
  })
})
