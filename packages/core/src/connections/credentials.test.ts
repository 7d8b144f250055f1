import type { ApiAuth } from '@switchboard/catalog'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { applyAuth, type StoredCredentials } from './credentials.ts'

function apply(auth: ApiAuth, creds: StoredCredentials) {
  const url = new URL('https://api.example.com/v1/items?page=2')
  const headers: Record<string, string> = { accept: 'application/json' }
  applyAuth(auth, creds, url, headers)
  return { url: url.toString(), headers }
}

describe('applyAuth', () => {
  const oauth = (accessToken: string): StoredCredentials =>
    Object.freeze({ kind: 'oauth2', accessToken, refreshToken: null, tokenType: 'Bearer' })

  it('puts a header (lower-cased), a query parameter or basic auth where the catalog says', () => {
    const fields: StoredCredentials = Object.freeze({
      kind: 'fields',
      values: Object.freeze({ apiKey: 'k-1', user: 'ada', password: 'p:w' }),
    })
    expect(apply({ in: 'header', name: 'X-Api-Key', value: 'Key {apiKey}' }, fields).headers).toEqual({
      accept: 'application/json',
      'x-api-key': 'Key k-1',
    })
    expect(apply({ in: 'query', name: 'api_key', value: '{apiKey}' }, fields).url).toBe(
      'https://api.example.com/v1/items?page=2&api_key=k-1',
    )
    expect(apply({ in: 'basic', username: '{user}', password: '{password}' }, fields).headers).toEqual({
      accept: 'application/json',
      authorization: `Basic ${Buffer.from('ada:p:w').toString('base64')}`,
    })
  })

  it('renders once per credentials: a refreshed token (new credentials) is used at once', () => {
    const auth: ApiAuth = { in: 'header', name: 'Authorization', value: 'Bearer {accessToken}' }
    const first = oauth('token-1')
    expect(apply(auth, first).headers.authorization).toBe('Bearer token-1')
    expect(apply(auth, first).headers.authorization).toBe('Bearer token-1')
    expect(apply(auth, oauth('token-2')).headers.authorization).toBe('Bearer token-2')
    // Another auth spec over the same credentials renders its own value.
    expect(apply({ in: 'header', name: 'X-Token', value: '{accessToken}' }, first).headers['x-token']).toBe(
      'token-1',
    )
  })

  it('credentials that are not frozen are rendered afresh every time', () => {
    const auth: ApiAuth = { in: 'header', name: 'Authorization', value: 'Bearer {accessToken}' }
    const creds = { kind: 'oauth2', accessToken: 'a', refreshToken: null, tokenType: 'Bearer' } as const
    const mutable: StoredCredentials = { ...creds }
    expect(apply(auth, mutable).headers.authorization).toBe('Bearer a')
    ;(mutable as { accessToken: string }).accessToken = 'b'
    expect(apply(auth, mutable).headers.authorization).toBe('Bearer b')
  })

  it('a template naming a value the connection lacks is INVALID_CREDENTIALS, never an empty string', () => {
    const err = (() => {
      try {
        apply({ in: 'header', name: 'X-Api-Key', value: '{apiKey}' }, oauth('t'))
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('INVALID_CREDENTIALS')
  })
})
