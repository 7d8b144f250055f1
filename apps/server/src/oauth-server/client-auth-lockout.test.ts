import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type OAuthKit,
  postForm,
  REDIRECT_URI,
  type RegisteredClient,
  startOAuthKit,
} from './oauth-test-kit.ts'

// Checklist item 29 (brute force is rate-limited) without a lockout anyone can trigger: the
// throttle counts wrong client secrets per (client id, source address), against the real
// authorization server, with requests really sent from different loopback addresses.

const BOGUS_CODE = { grant_type: 'authorization_code', code: 'x'.repeat(43), redirect_uri: REDIRECT_URI }

/** invalid_client: authentication failed; invalid_grant: it passed (the code is bogus on purpose). */
async function outcome(res: Response): Promise<string> {
  return ((await res.json()) as { error: string }).error
}

describe('client authentication throttle', () => {
  describe('without a trusted proxy', () => {
    let kit: OAuthKit
    let victim: RegisteredClient
    const right = () => ({ id: victim.clientId, secret: victim.clientSecret ?? '' })
    const wrong = () => ({ id: victim.clientId, secret: 'sbs_guess' })

    beforeAll(async () => {
      kit = await startOAuthKit()
    })
    afterAll(() => kit.close())

    it('wrong secrets from one address lock out that address only: the right secret from another always works', async () => {
      victim = await kit.register({ name: 'Victim', scopes: ['connections:read'] })
      for (let i = 0; i < 10; i++) {
        const res = await postForm(kit.tokenUrl, BOGUS_CODE, wrong(), { from: '127.0.0.2' })
        expect(res.status).toBe(401)
      }
      // The attacker's address is locked out, even with the right secret.
      expect(await outcome(await postForm(kit.tokenUrl, BOGUS_CODE, right(), { from: '127.0.0.2' }))).toBe(
        'invalid_client',
      )
      // The real client, from its own address, authenticates (and gets tokens for a real code).
      expect(await outcome(await postForm(kit.tokenUrl, BOGUS_CODE, right(), { from: '127.0.0.3' }))).toBe(
        'invalid_grant',
      )
      expect(await outcome(await postForm(kit.tokenUrl, BOGUS_CODE, right()))).toBe('invalid_grant')
      // client_secret_post is counted the same way.
      const post = { ...BOGUS_CODE, client_id: victim.clientId, client_secret: victim.clientSecret ?? '' }
      expect(await outcome(await postForm(kit.tokenUrl, post, undefined, { from: '127.0.0.2' }))).toBe(
        'invalid_client',
      )
      expect(await outcome(await postForm(kit.tokenUrl, post, undefined, { from: '127.0.0.4' }))).toBe(
        'invalid_grant',
      )
      // The window ends: the attacker's address may try again.
      kit.h.clock.advance(61_000)
      expect(await outcome(await postForm(kit.tokenUrl, BOGUS_CODE, right(), { from: '127.0.0.2' }))).toBe(
        'invalid_grant',
      )
    })

    it('the revocation endpoint shares the count', async () => {
      const client = await kit.register({ name: 'Revoker', scopes: ['connections:read'] })
      const revoke = (secret: string, from: string) =>
        postForm(kit.revocationUrl, { token: 'x' }, { id: client.clientId, secret }, { from })
      for (let i = 0; i < 10; i++) expect((await revoke('sbs_guess', '127.0.0.5')).status).toBe(401)
      expect((await revoke(client.clientSecret ?? '', '127.0.0.5')).status).toBe(401)
      expect((await revoke(client.clientSecret ?? '', '127.0.0.6')).status).toBe(200)
    })

    it('a forged X-Forwarded-For does not change the address the throttle counts', async () => {
      const client = await kit.register({ name: 'Forged', scopes: ['connections:read'] })
      const creds = (secret: string) => ({ id: client.clientId, secret })
      for (let i = 0; i < 10; i++) {
        const res = await postForm(kit.tokenUrl, BOGUS_CODE, creds('sbs_guess'), {
          from: '127.0.0.7',
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        })
        expect(res.status).toBe(401)
      }
      const again = await postForm(kit.tokenUrl, BOGUS_CODE, creds(client.clientSecret ?? ''), {
        from: '127.0.0.7',
        headers: { 'x-forwarded-for': '198.51.100.200' },
      })
      expect(await outcome(again)).toBe('invalid_client')
    })
  })

  describe('behind a trusted proxy (SWITCHBOARD_TRUST_PROXY=127.0.0.1)', () => {
    let kit: OAuthKit

    beforeAll(async () => {
      kit = await startOAuthKit({ trustProxy: ['127.0.0.1'] })
    })
    afterAll(() => kit.close())

    it("the proxy's X-Forwarded-For is the address counted; other peers' is not believed", async () => {
      const client = await kit.register({ name: 'Proxied', scopes: ['connections:read'] })
      const creds = (secret: string) => ({ id: client.clientId, secret })
      const viaProxy = (secret: string, clientAddress: string) =>
        postForm(kit.tokenUrl, BOGUS_CODE, creds(secret), { headers: { 'x-forwarded-for': clientAddress } })
      for (let i = 0; i < 10; i++) expect((await viaProxy('sbs_guess', '198.51.100.1')).status).toBe(401)
      expect(await outcome(await viaProxy(client.clientSecret ?? '', '198.51.100.1'))).toBe('invalid_client')
      expect(await outcome(await viaProxy(client.clientSecret ?? '', '198.51.100.2'))).toBe('invalid_grant')

      // 127.0.0.8 is not the proxy: its X-Forwarded-For is ignored, so it is counted as itself.
      for (let i = 0; i < 10; i++) {
        const res = await postForm(kit.tokenUrl, BOGUS_CODE, creds('sbs_guess'), {
          from: '127.0.0.8',
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        })
        expect(res.status).toBe(401)
      }
      const fromPeer = await postForm(kit.tokenUrl, BOGUS_CODE, creds(client.clientSecret ?? ''), {
        from: '127.0.0.8',
        headers: { 'x-forwarded-for': '203.0.113.99' },
      })
      expect(await outcome(fromPeer)).toBe('invalid_client')
    })
  })
})
