import type { OutgoingMail } from '@switchboard/core'
import nodemailer from 'nodemailer'

/**
 * Core's `sendMail` over SMTP (SWITCHBOARD_SMTP_URL, e.g. smtp://user:pass@mail.example.com:587
 * or smtps://… for implicit TLS). Bounded timeouts: an unreachable mail server makes the
 * request that emails wait seconds, not minutes, before it answers `emailed: false`.
 */
export function createSmtpMailer(url: string, from: string): (mail: OutgoingMail) => Promise<void> {
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  })
  return async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
  }
}
