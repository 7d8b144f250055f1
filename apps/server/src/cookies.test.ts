import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { clearCookie, readCookie, setCookie } from './cookies.ts'

describe('cookies', () => {
  it('reads one cookie from the header, and nothing without one', () => {
    expect(readCookie({}, 'sb_session')).toBeUndefined()
    expect(readCookie({ cookie: '' }, 'sb_session')).toBeUndefined()
    expect(readCookie({ cookie: 'a=1; sb_session=tok%20en; b=2' }, 'sb_session')).toBe('tok en')
    expect(readCookie({ cookie: 'a=1' }, 'sb_session')).toBeUndefined()
  })

  it('does not throw on a malformed header', () => {
    expect(readCookie({ cookie: ';;=;sb_session' }, 'sb_session')).toBeUndefined()
    expect(readCookie({ cookie: 'sb_session=%E0%A4%A' }, 'sb_session')).toBe('%E0%A4%A')
  })

  it('sets and clears a cookie as separate Set-Cookie headers', async () => {
    const app = Fastify()
    app.get('/', (_req, reply) => {
      setCookie(reply, 'sb_session', 'abc', { secure: true, expires: new Date('2030-01-02T03:04:05Z') })
      clearCookie(reply, 'old', false)
      return reply.send('ok')
    })
    const res = await app.inject({ url: '/' })
    expect(res.headers['set-cookie']).toEqual([
      'sb_session=abc; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; Secure; SameSite=Lax',
      'old=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    ])
    await app.close()
  })
})
