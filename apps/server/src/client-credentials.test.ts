import {
  createCustomIntegration,
  createOAuthApp,
  decryptCredentials,
  deleteOAuthApp,
} from '@switchboard/core'
import { tokenFingerprint } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from './testing/harness.ts'

/**
 * A machine-to-machine integration (OAuth2 client_credentials) against oidc-provider: the
 * hosted connect flow mints a token without a user at the provider, the proxy uses it, and an
 * expired token is re-minted (there is no refresh token to use).
 */
describe('client-credentials integrations', () => {
  let h: Harness
  const machine = { clientId: 'machine-client', clientSecret: 'machine-secret-0123456789abcdef' }

  beforeAll(async () => {
    h = await startHarness({
      provider: {
        additionalClients: [
          { ...machine, grantTypes: ['client_credentials'], metadata: { scope: 'api:read' } },
        ],
      },
    })
    await createCustomIntegration(h.t.deps, h.principal, {
      name: 'acme-machine',
      displayName: 'Acme Machine API',
      authType: 'OAUTH2',
      oauth2: {
        authorizationUrl: h.provider.authorizationUrl,
        tokenUrl: h.provider.tokenUrl,
        revocationUrl: h.provider.revocationUrl,
        scopes: ['api:read'],
        scopeSeparator: ' ',
        clientAuth: 'basic',
        grantType: 'client_credentials',
      },
      api: {
        baseUrl: h.upstream.url,
        auth: { in: 'header', name: 'Authorization', value: 'Bearer {accessToken}' },
      },
    })
  })
  afterAll(async () => {
    expect(h.provider.serverErrors).toEqual([])
    await h.close()
  })

  async function connect(externalId: string) {
    const res = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-machine',
        connectionName: 'Acme Machine',
        externalId,
        workspaceId: h.org.workspaceId,
      },
    })
    if (res.status !== 201) throw new Error(await res.text())
    const { token } = (await res.json()) as { token: string }
    const authorize = await fetch(`${h.url}/api/v1/connect/authorize?token=${token}`, { redirect: 'manual' })
    const poll = await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
    return {
      authorize,
      session: (await poll.json()) as { status: string; connectionId: string | null; error: string | null },
    }
  }

  const grantsOf = (type: string) => h.provider.tokenLog.filter((r) => r.grantType === type).length

  it('fails the session with the provider’s reason when the OAuth app is wrong, and stores nothing', async () => {
    const wrong = await createOAuthApp(h.t.deps, h.principal, {
      integrationName: 'acme-machine',
      clientId: machine.clientId,
      clientSecret: 'not-the-secret',
    })
    const { authorize, session } = await connect('machine-bad')
    expect(authorize.status).toBe(302)
    expect(authorize.headers.get('location')).toContain('/connect?result=error')
    expect(session.status).toBe('FAILED')
    expect(session.error).toMatch(/invalid_client/)
    const rows = await h.t.deps.db
      .selectFrom('connections')
      .select('id')
      .where('integrationName', '=', 'acme-machine')
      .execute()
    expect(rows).toEqual([])
    // The next test registers the right app; this one must not be picked instead.
    await deleteOAuthApp(h.t.deps, h.principal, wrong.id)
  })

  it('connects without a user at the provider, proxies with the minted token, and re-mints it on expiry', async () => {
    await createOAuthApp(h.t.deps, h.principal, {
      integrationName: 'acme-machine',
      clientId: machine.clientId,
      clientSecret: machine.clientSecret,
    })
    const minted = grantsOf('client_credentials')
    const { authorize, session } = await connect('machine-1')
    expect(authorize.status).toBe(302)
    expect(authorize.headers.get('location')).toContain('/connect?result=done')
    expect(session).toMatchObject({ status: 'COMPLETED', connectionId: expect.any(String) })
    const connectionId = session.connectionId as string
    expect(grantsOf('client_credentials')).toBe(minted + 1)

    const row = await h.t.deps.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow()
    const creds = decryptCredentials(h.t.deps, row)
    expect(creds).toMatchObject({ kind: 'oauth2', refreshToken: null })
    const first = creds.kind === 'oauth2' ? creds.accessToken : ''
    expect(await h.provider.introspect(first)).toBe(true)

    const proxy = () => h.api('/api/v1/proxy', { method: 'POST', json: { connectionId, url: '/me' } })
    const ok = await proxy()
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { authorizedAs: string }).authorizedAs).toBe(
      `bearer:${tokenFingerprint(first)}`,
    )

    // The token expires: the next call mints a new one with the same grant, never a refresh.
    h.provider.expireAllAccessTokens()
    h.clock.advance(2 * 3600_000)
    const refreshes = grantsOf('refresh_token')
    const again = await proxy()
    expect(again.status).toBe(200)
    const { authorizedAs } = (await again.json()) as { authorizedAs: string }
    expect(authorizedAs).not.toBe(`bearer:${tokenFingerprint(first)}`)
    expect(grantsOf('client_credentials')).toBe(minted + 2)
    expect(grantsOf('refresh_token')).toBe(refreshes)
  })
})
