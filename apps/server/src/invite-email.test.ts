import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readEnv } from './env.ts'
import { type Harness, startHarness } from './testing/harness.ts'

// Issue 24: with SWITCHBOARD_SMTP_URL set, an invite is emailed (`emailed: true`) through a real
// SMTP server on loopback; a mail server that refuses it loses nothing (`emailed: false`, a
// warning without the token).

interface Received {
  from: string
  to: string[]
  raw: string
}

describe('invite emails over SMTP', () => {
  let h: Harness
  let smtp: SMTPServer
  const received: Received[] = []
  let refuse = false

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          if (refuse) {
            callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }))
            return
          }
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const { port } = smtp.server.address() as AddressInfo
    h = await startHarness({ integration: false, smtpUrl: `smtp://127.0.0.1:${port}` })
  }, 60_000)
  afterAll(async () => {
    await h?.close()
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
  })

  it('emails the invite link and nothing else secret', async () => {
    const res = await h.api('/api/v1/invites', {
      method: 'POST',
      json: { email: 'New@Example.test', role: 'member' },
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { url: string; emailed: boolean; invite: { id: string } }
    expect(body.emailed).toBe(true)
    expect(received).toHaveLength(1)
    const mail = received[0] as Received
    expect(mail.to).toEqual(['new@example.test'])
    expect(mail.from).toBe('no-reply@switchboard.test')
    // Unfold quoted-printable soft breaks before looking for the link.
    const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
    expect(text).toContain(body.url)
    expect(text).toContain('Acme')
    // The only secret in it is the link's token: not the API key, not the token's hash.
    const token = body.url.split('/invite/')[1] as string
    expect(text.split(token)).toHaveLength(2)
    expect(text).not.toContain(h.org.apiKey)
    const row = await h.t.deps.db
      .selectFrom('invites')
      .select('tokenHash')
      .where('id', '=', body.invite.id)
      .executeTakeFirstOrThrow()
    expect(text).not.toContain(row.tokenHash)
  })

  it('a refused email keeps the invite: emailed false, a warning without the token', async () => {
    const warnings: Array<{ obj: object; msg?: string | undefined }> = []
    const log = h.t.deps.log
    h.t.deps.log = { ...log, warn: (obj, msg) => warnings.push({ obj, msg }) }
    refuse = true
    try {
      const res = await h.api('/api/v1/invites', {
        method: 'POST',
        json: { email: 'later@example.test', role: 'viewer' },
      })
      expect(res.status).toBe(201)
      const body = (await res.json()) as { url: string; emailed: boolean; invite: { id: string } }
      expect(body.emailed).toBe(false)
      const token = body.url.split('/invite/')[1] as string
      // The invite stands and its link works.
      const lookup = await fetch(`${h.url}/api/v1/invites/accept/${token}`)
      expect(lookup.status).toBe(200)
      const logged = warnings.filter((w) => JSON.stringify(w).includes(body.invite.id))
      expect(logged).toHaveLength(1)
      expect(JSON.stringify(logged)).toContain('Mailbox unavailable')
      expect(JSON.stringify(warnings)).not.toContain(token)
    } finally {
      refuse = false
      h.t.deps.log = log
    }
  })

  it('SWITCHBOARD_SMTP_URL must be smtp:// or smtps://; the sender defaults to the public host', () => {
    expect(() => readEnv({ SWITCHBOARD_SMTP_URL: 'http://mail.example.com' })).toThrow(/SWITCHBOARD_SMTP_URL/)
    expect(readEnv({}).smtp).toBeUndefined()
    expect(
      readEnv({
        SWITCHBOARD_SMTP_URL: 'smtp://mail.example.com:587',
        SWITCHBOARD_PUBLIC_URL: 'https://sb.acme.com',
      }).smtp,
    ).toEqual({ url: 'smtp://mail.example.com:587', from: 'Switchboard <no-reply@sb.acme.com>' })
  })
})
