import { readFileSync } from 'node:fs'
import { decryptCredentials } from '@switchboard/core'
import { completeAuthorization } from '@switchboard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CUSTOMER_ORIGIN, type Harness, startHarness } from './testing/harness.ts'

describe('hosted connect flow against oidc-provider (HTTP only)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  it('display=popup: the callback sends the popup back to the hosted page (which tells the opener), not to the success redirect URI', async () => {
    const created = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-idp',
        connectionName: 'Acme account',
        externalId: 'conn_popup_1',
        workspaceId: h.org.workspaceId,
        successRedirectUri: `${CUSTOMER_ORIGIN}/connected`,
      },
    })
    const { token, sessionId } = (await created.json()) as { token: string; sessionId: string }
    const authorize = await h.api(`/api/v1/connect/authorize?token=${token}&display=popup`, { key: null })
    expect(authorize.status).toBe(302)
    const { callbackUrl } = await completeAuthorization(authorize.headers.get('location') ?? '', {
      stopAt: `${h.url}/oauth2/callback`,
    })
    // The marker is part of the state: stripping it finds no session.
    const state = callbackUrl.searchParams.get('state') ?? ''
    expect(state.startsWith('p.')).toBe(true)
    const stripped = new URL(callbackUrl)
    stripped.searchParams.set('state', state.slice(2))
    const forged = await fetch(stripped, { redirect: 'manual' })
    expect(new URL(forged.headers.get('location') ?? '').searchParams.get('code')).toBe('INVALID_STATE')

    const callback = await fetch(callbackUrl, { redirect: 'manual' })
    expect(callback.status).toBe(302)
    expect(callback.headers.get('location')).toBe(`${h.url}/connect?result=done&sessionId=${sessionId}`)
    const polled = await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
    expect(await polled.json()).toMatchObject({
      sessionId,
      status: 'COMPLETED',
      connectionId: expect.any(String),
    })
  })

  it('the poll route answers pages of any origin (CORS, no credentials) for the browser connect helper', async () => {
    const preflight = await fetch(`${h.url}/api/v1/connect/session/poll`, {
      method: 'OPTIONS',
      headers: {
        origin: CUSTOMER_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type')
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull()
    const refused = await fetch(`${h.url}/api/v1/connect/session/poll`, {
      method: 'POST',
      headers: { origin: CUSTOMER_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'cst_unknown' }),
    })
    expect(refused.status).toBe(401)
    // Even the error is readable, so the helper can say the token expired.
    expect(refused.headers.get('access-control-allow-origin')).toBe('*')
    // Other routes stay same-origin only.
    const other = await fetch(`${h.url}/api/v1/connect/token`, {
      method: 'OPTIONS',
      headers: { origin: CUSTOMER_ORIGIN, 'access-control-request-method': 'POST' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('token → authorize → provider login/consent → callback → poll COMPLETED → connection ACTIVE', async () => {
    const created = await h.api('/api/v1/connect/token', {
      method: 'POST',
      json: {
        integrationName: 'acme-idp',
        connectionName: 'Acme account',
        externalId: 'conn_tenant_1',
        workspaceId: h.org.workspaceId,
        successRedirectUri: `${CUSTOMER_ORIGIN}/connected`,
      },
    })
    expect(created.status).toBe(201)
    const { token, connectUrl, expiresAt, sessionId } = (await created.json()) as {
      token: string
      connectUrl: string
      expiresAt: string
      sessionId: string
    }
    expect(token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/)
    expect(connectUrl).toBe(`${h.url}/connect?token=${token}`)
    expect(Date.parse(expiresAt) - h.clock.now().getTime()).toBe(4 * 3600 * 1000)

    const authorize = await h.api(`/api/v1/connect/authorize?token=${token}`, { key: null })
    expect(authorize.status).toBe(302)
    const providerUrl = new URL(authorize.headers.get('location') ?? '')
    expect(providerUrl.origin + providerUrl.pathname).toBe(h.provider.authorizationUrl)
    expect(providerUrl.searchParams.get('code_challenge_method')).toBe('S256')
    expect(providerUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(providerUrl.searchParams.get('redirect_uri')).toBe(`${h.url}/oauth2/callback`)
    expect(providerUrl.searchParams.get('state')?.length).toBeGreaterThanOrEqual(43)
    expect(providerUrl.toString()).not.toContain('code_verifier')

    const before = await (
      await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
    ).json()
    expect(before).toMatchObject({ status: 'PENDING', connectionId: null })

    const { callbackUrl } = await completeAuthorization(providerUrl.toString(), {
      stopAt: `${h.url}/oauth2/callback`,
    })
    expect(callbackUrl.searchParams.get('iss')).toBe(h.provider.issuer)
    const callback = await fetch(callbackUrl, { redirect: 'manual' })
    expect(callback.status).toBe(302)
    const landing = new URL(callback.headers.get('location') ?? '')
    expect(landing.origin + landing.pathname).toBe(`${CUSTOMER_ORIGIN}/connected`)
    expect(landing.searchParams.get('status')).toBe('COMPLETED')

    const poll = await h.api('/api/v1/connect/session/poll', { method: 'POST', json: { token }, key: null })
    expect(poll.status).toBe(200)
    const polled = (await poll.json()) as {
      status: string
      connectionId: string
      integrationName: string
      externalId: string
      error: null
    }
    expect(polled).toEqual({
      sessionId,
      status: 'COMPLETED',
      connectionId: expect.any(String),
      integrationName: 'acme-idp',
      externalId: 'conn_tenant_1',
      error: null,
    })
    expect(landing.searchParams.get('connectionId')).toBe(polled.connectionId)

    const session = (await (await h.api(`/api/v1/connect/session/${sessionId}`)).json()) as {
      session: Record<string, unknown>
    }
    expect(session.session).toMatchObject({
      id: sessionId,
      status: 'COMPLETED',
      connectionId: polled.connectionId,
    })

    const res = await h.api(`/api/v1/connections/${polled.connectionId}`)
    expect(res.status).toBe(200)
    const { connection } = (await res.json()) as { connection: Record<string, unknown> }
    expect(connection).toMatchObject({
      id: polled.connectionId,
      status: 'ACTIVE',
      type: 'OAUTH2',
      integrationName: 'acme-idp',
      externalId: 'conn_tenant_1',
      displayName: 'Acme account',
      scope: 'ORGANIZATION',
    })
    expect(connection.grantedScopes).toEqual(expect.arrayContaining(['openid', 'offline_access', 'api:read']))
    // Expiry comes from the injected clock at exchange time: the provider's default TTL is 3600 s.
    expect(Date.parse(connection.tokenExpiresAt as string) - h.clock.now().getTime()).toBe(3600 * 1000)
    expect(Object.keys(connection)).not.toEqual(expect.arrayContaining(['accessToken']))
    expect(
      Object.keys(connection).filter((k) => /^(accessToken|refreshToken|credentials\w*)$/.test(k)),
    ).toEqual([])

    // The provider's tokens are stored only encrypted.
    const row = await h.t.deps.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', polled.connectionId)
      .executeTakeFirstOrThrow()
    const creds = decryptCredentials(h.t.deps, row)
    if (creds.kind !== 'oauth2' || !creds.refreshToken)
      throw new Error('expected OAuth2 credentials with a refresh token')
    expect(await h.provider.introspect(creds.accessToken)).toBe(true)
    expect(JSON.stringify(connection)).not.toContain(creds.accessToken)
    expect(JSON.stringify(connection)).not.toContain(creds.refreshToken)
    const file = h.t.database.sqliteFile
    if (!file) throw new Error('expected a SQLite file')
    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`, { flag: 'a+' })])
    expect(bytes.includes(creds.accessToken)).toBe(false)
    expect(bytes.includes(creds.refreshToken)).toBe(false)
    expect(bytes.includes(token)).toBe(false)
  })
})
