import { IntegrationDefinition, type IntegrationInput } from '@switchboard/catalog'
import fc from 'fast-check'
import ipaddr from 'ipaddr.js'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { resolveProxyUrl } from './proxy-url.ts'

/**
 * resolveProxyUrl (proxy egress rules 1, 2, 4a): a relative path joins the connection's API
 * base; an absolute URL must be on one of the integration's origins; the egress policy runs last.
 */

function def(baseUrl: string, allowedOrigins: string[] = []) {
  const input: IntegrationInput = {
    name: 'example',
    displayName: 'Example',
    authType: 'SECRET_TEXT',
    api: { baseUrl, allowedOrigins, auth: { in: 'header', name: 'X-Api-Key', value: '{apiKey}' } },
  }
  return IntegrationDefinition.parse(input)
}

const API = def('https://api.example.com/v1', ['https://api.example.com', 'https://upload.example.com'])

function refused(target: string, d = API, base: string | null = null, allow: string[] = []): string {
  try {
    resolveProxyUrl(d, base, target, allow)
  } catch (e) {
    expect(e, target).toBeInstanceOf(AppError)
    expect(['EGRESS_DENIED', 'VALIDATION_ERROR'], target).toContain((e as AppError).code)
    return (e as AppError).code
  }
  throw new Error(`expected ${JSON.stringify(target)} to be refused`)
}

describe('resolveProxyUrl: fixed cases', () => {
  it.each([
    ['/users', 'https://api.example.com/v1/users'],
    ['users', 'https://api.example.com/v1/users'],
    ['/users?page=2&q=a%20b', 'https://api.example.com/v1/users?page=2&q=a%20b'],
    ['/files/a%2Fb', 'https://api.example.com/v1/files/a%2Fb'],
    ['https://api.example.com/v2/other', 'https://api.example.com/v2/other'],
    ['HTTPS://API.EXAMPLE.COM/x', 'https://api.example.com/x'],
    ['https://api.example.com:443/x', 'https://api.example.com/x'],
    ['https://upload.example.com/put', 'https://upload.example.com/put'],
  ])('%s → %s', (target, expected) => {
    expect(resolveProxyUrl(API, null, target, []).href).toBe(expected)
  })

  it('a connection-specific apiBaseUri wins over the definition base', () => {
    expect(resolveProxyUrl(API, 'https://api.example.com/v9/', '/me', []).href).toBe(
      'https://api.example.com/v9/me',
    )
  })

  it.each([
    'https://api.example.com.evil.test/x',
    'https://evil.test/https://api.example.com/',
    'https://api.example.com@evil.test/',
    'https://user:pw@api.example.com/',
    'https://api.example.com:8443/',
    'http://api.example.com/',
    'https://sub.api.example.com/',
    '//evil.test/x',
    '///evil.test/x',
    '//api.example.com@evil.test/',
    'http:evil.test/x',
    'https:/evil.test/x',
    'ftp://api.example.com/',
    'file:///etc/passwd',
    'data:text/plain,hello',
    'javascript:alert(1)',
    'https://[::1]/',
    'https://127.0.0.1/',
    ' /users',
    '/users ',
    '/users\r\nHost: evil',
    '/us\u0000ers',
    '/users\u007f',
    '\t/users',
  ])('refuses %j', (target) => {
    refused(target)
  })

  it('a relative path can never leave the base origin, whatever the base path', () => {
    for (const target of [
      '/../../x',
      '..',
      '/..%2f..%2fadmin',
      '/%2e%2e/%2e%2e/x',
      '/..\\..\\x',
      '/@evil.test',
      '/:80',
    ]) {
      const url = resolveProxyUrl(API, null, target, [])
      expect(url.origin, target).toBe('https://api.example.com')
    }
  })

  it('an allowlisted loopback upstream may be plain http; another port on it may not', () => {
    const local = def('http://127.0.0.1:4000')
    expect(resolveProxyUrl(local, null, '/me', ['127.0.0.1:4000']).href).toBe('http://127.0.0.1:4000/me')
    refused('/me', local, null, [])
    refused('http://127.0.0.1:4001/', local, null, ['127.0.0.1:4000'])
    refused('http://0x7f000001:4001/', local, null, ['127.0.0.1:4000'])
  })
})

/** An oracle independent of the implementation: special-purpose ranges (RFC 6890 and friends). */
const BLOCKED_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/4',
  '240.0.0.0/4',
].map((c) => ipaddr.parseCIDR(c))

const BLOCKED_V6 = [
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
  '64:ff9b::/96',
  '2002::/16',
  '2001::/32',
].map((c) => ipaddr.parseCIDR(c))

function isBlocked(address: string): boolean {
  const a = ipaddr.parse(address)
  if (a.kind() === 'ipv4') return BLOCKED_V4.some(([net, bits]) => a.match(net, bits))
  const v6 = a as ipaddr.IPv6
  if (v6.isIPv4MappedAddress()) return isBlocked(v6.toIPv4Address().toString())
  return BLOCKED_V6.some(([net, bits]) => v6.match(net, bits))
}

describe('resolveProxyUrl: properties', () => {
  const fragments = fc.constantFrom(
    '/',
    '//',
    '\\',
    '.',
    '..',
    '@',
    ':',
    '%2f',
    '%2e',
    '%5c',
    '%40',
    '?',
    '#',
    'evil.test',
    '127.0.0.1',
    '[::1]',
    'http:',
    'https:',
    'a',
    'x=1&',
    '%00',
    'é',
  )

  it('whatever the relative input, the result stays on the integration origins or is refused', () => {
    fc.assert(
      fc.property(
        fc.array(fragments, { maxLength: 12 }).map((parts) => parts.join('')),
        (target) => {
          let url: URL
          try {
            url = resolveProxyUrl(API, null, target, [])
          } catch (e) {
            expect(e).toBeInstanceOf(AppError)
            return
          }
          expect(['https://api.example.com', 'https://upload.example.com']).toContain(url.origin)
          expect(url.username).toBe('')
          expect(url.password).toBe('')
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('an arbitrary web URL is accepted only on an allowed origin', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (target) => {
        let url: URL
        try {
          url = resolveProxyUrl(API, null, target, [])
        } catch (e) {
          expect(e).toBeInstanceOf(AppError)
          return
        }
        expect(['https://api.example.com', 'https://upload.example.com']).toContain(url.origin)
      }),
      { numRuns: 300 },
    )
  })

  it('an IPv4 origin a tenant configured is refused when the address is special-purpose', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const d = def('https://api.example.com', ['https://api.example.com', `https://${ip}`])
        let ok = true
        try {
          resolveProxyUrl(d, null, `https://${ip}/x`, [])
        } catch {
          ok = false
        }
        if (isBlocked(ip)) expect(ok, ip).toBe(false)
      }),
      { numRuns: 1000 },
    )
    for (const ip of ['127.0.0.1', '10.1.2.3', '169.254.169.254', '100.64.0.1', '0.0.0.0', '192.168.1.1']) {
      const d = def('https://api.example.com', ['https://api.example.com', `https://${ip}`])
      refused(`https://${ip}/x`, d)
    }
  })

  it('an IPv6 origin a tenant configured is refused when the address is special-purpose', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const origin = new URL(`https://[${ip}]`).origin
        const d = def('https://api.example.com', ['https://api.example.com', origin])
        let ok = true
        try {
          resolveProxyUrl(d, null, `${origin}/x`, [])
        } catch {
          ok = false
        }
        if (isBlocked(ip)) expect(ok, ip).toBe(false)
      }),
      { numRuns: 1000 },
    )
    for (const ip of [
      '::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'fe80::1',
      'fd00::1',
      '64:ff9b::a00:1',
      '2002:7f00:1::1',
      '::',
    ]) {
      const origin = new URL(`https://[${ip}]`).origin
      refused(`${origin}/x`, def('https://api.example.com', ['https://api.example.com', origin]))
    }
  })
})
