import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { checkEgressUrl, type EgressPolicy, isInternalAddress } from './egress-policy.ts'

/**
 * The egress policy (docs: proxy egress rules 1–4 and 9): https to public hosts only, no
 * userinfo or control characters, IP literals refused in every notation, and an explicit
 * allowlist (host or host:port) for tests and local development.
 */

const NONE: EgressPolicy = { allow: [] }

function refusal(url: string, policy: EgressPolicy = NONE): AppError {
  try {
    checkEgressUrl(policy, url)
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('EGRESS_DENIED')
    return e as AppError
  }
  throw new Error(`expected ${JSON.stringify(url)} to be refused`)
}

function accepted(url: string, policy: EgressPolicy = NONE): URL {
  const u = checkEgressUrl(policy, url)
  expect(u).toBeInstanceOf(URL)
  return u
}

/** The outcome, never throwing: 'ok', or the AppError code; anything else is a bug. */
function outcome(url: string, policy: EgressPolicy = NONE): 'ok' | 'EGRESS_DENIED' {
  try {
    checkEgressUrl(policy, url)
    return 'ok'
  } catch (e) {
    if (e instanceof AppError && e.code === 'EGRESS_DENIED') return 'EGRESS_DENIED'
    throw e
  }
}

// ---------------------------------------------------------------------------------------------
// An independent oracle: IANA's IPv4 special-purpose ranges (and the few more ipaddr.js knows).
const SPECIAL_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", incl. 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.31.196.0', 24],
  ['192.52.193.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['192.175.48.0', 24],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. 255.255.255.255
]
/** The ranges a server-side request must never reach: loopback, private, link-local, CGNAT, "this". */
const PRIVATE_V4: Array<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
]

const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0)
const toDotted = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')
const inRange = (ip: string, [base, bits]: [string, number]) =>
  Math.floor(toInt(ip) / 2 ** (32 - bits)) === Math.floor(toInt(base) / 2 ** (32 - bits))
const isSpecialV4 = (ip: string) => SPECIAL_V4.some((r) => inRange(ip, r))

/** Any address inside one of the given ranges, as a 32-bit integer. */
const addressIn = (ranges: Array<[string, number]>) =>
  fc
    .constantFrom(...ranges)
    .chain(([base, bits]) =>
      fc.integer({ min: 0, max: 2 ** (32 - bits) - 1 }).map((offset) => toInt(base) + offset),
    )

describe('checkEgressUrl: fixed cases', () => {
  it.each([
    'https://user:pass@api.example.com/',
    'https://user@api.example.com/',
    'https://:secret@api.example.com/',
    'https://api.example.com@127.0.0.1/',
  ])('refuses userinfo: %s', (url) => {
    expect(refusal(url).message).toMatch(/credentials/)
  })

  it.each([
    ' https://api.example.com/',
    'https://api.example.com/ ',
    'https://api.example.com/\n',
    'https://api.exa\tmple.com/',
    'https://api.example.com/\r\nHost: evil',
    'https://api.example.com/\u0000',
    'https://api.example.com/\u007f',
    '\u001fhttps://api.example.com/',
  ])('refuses whitespace and control characters: %j', (url) => {
    expect(refusal(url).message).toMatch(/whitespace or control/)
  })

  it.each([
    'ftp://api.example.com/',
    'file:///etc/passwd',
    'gopher://api.example.com:70/',
    'ws://api.example.com/',
    'wss://api.example.com/',
    'data:text/plain,hi',
    'javascript:alert(1)',
    'dict://127.0.0.1:11211/',
  ])('refuses schemes other than http(s): %s', (url) => {
    expect(refusal(url).message).toMatch(/https/)
  })

  it.each(['api.example.com', '/relative/path', '//api.example.com/', 'https://', 'https://[::1/', ''])(
    'refuses what is not an absolute URL: %j',
    (url) => {
      refusal(url)
    },
  )

  it('refuses plain http without an allowlist entry, even to public hosts', () => {
    expect(refusal('http://api.example.com/').message).toMatch(/https/)
    expect(refusal('http://api.example.com/', { allow: ['other.example.com'] }).message).toMatch(/https/)
  })

  const literals = [
    '0x7f000001',
    '2130706433',
    '017700000001',
    '0177.0.0.1',
    '127.1',
    '127.0.0.1',
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    '[::1]',
    '[::]',
    '0.0.0.0',
    '0',
    '169.254.169.254',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '[fd00::1]',
    '[fe80::1]',
    '[64:ff9b::7f00:1]',
    '[64:ff9b::a9fe:a9fe]',
    '[2002:7f00:1::]',
    '[2001::1]',
    '[::127.0.0.1]',
    '[::ffff:0:7f00:1]',
    '255.255.255.255',
    '224.0.0.1',
  ]

  it.each(literals)('refuses the internal IP literal %s over http (no allowlist)', (host) => {
    refusal(`http://${host}/`)
  })

  it.each(literals)('refuses the internal IP literal %s over https, as an internal address', (host) => {
    expect(refusal(`https://${host}/`).message).toMatch(/internal/)
    expect(refusal(`https://${host}:8443/path?x=1`).message).toMatch(/internal/)
  })

  it.each([
    'localhost',
    'LOCALHOST',
    'localhost.',
    'api.localhost',
    'api.localhost.',
    'printer.local',
    'metadata.google.internal',
    'metadata.google.internal.',
  ])('refuses the internal name %s', (host) => {
    expect(refusal(`https://${host}/`).message).toMatch(/internal/)
    expect(refusal(`https://${host}:3000/`).message).toMatch(/internal/)
  })

  it.each([
    'https://api.example.com',
    'https://api.example.com/v1/things?x=1#frag',
    'https://API.Example.COM:8443/',
    'https://8.8.8.8/',
    'https://[2606:4700:4700::1111]/',
    'https://localhost.example.com/',
    'https://internal.example.com/',
    'https://example.com./',
  ])('allows the public https URL %s and returns it parsed', (url) => {
    const u = accepted(url)
    expect(u.href).toBe(new URL(url).href)
  })

  it('the allowlist opens a host (any port) to http and to loopback', () => {
    const policy = { allow: ['127.0.0.1'] }
    expect(accepted('http://127.0.0.1:4000/token', policy).port).toBe('4000')
    accepted('https://127.0.0.1/', policy)
    accepted('http://127.0.0.1/', policy)
    // The same address written differently is the same host once parsed.
    accepted('http://0x7f000001:4000/', policy)
    // Nothing else.
    refusal('http://127.0.0.2:4000/', policy)
    refusal('https://127.0.0.2/', policy)
    refusal('http://localhost:4000/', policy)
    refusal('https://[::1]/', policy)
    refusal('http://user:pw@127.0.0.1:4000/', policy)
    refusal('http://127.0.0.1:4000/\n', policy)
  })

  it('the allowlist by host:port opens that port only', () => {
    const policy = { allow: ['127.0.0.1:8080', 'api.example.com:443', '[::1]:9000'] }
    accepted('http://127.0.0.1:8080/', policy)
    refusal('http://127.0.0.1:8081/', policy)
    refusal('http://127.0.0.1/', policy)
    refusal('https://127.0.0.1/', policy)
    accepted('https://api.example.com/', policy)
    accepted('https://api.example.com:443/', policy)
    refusal('http://api.example.com/', policy) // port 80
    accepted('http://[::1]:9000/', policy)
    refusal('http://[::1]:9001/', policy)
  })

  it('allowlist entries are exact hosts: no prefix, suffix or subdomain matching; case-insensitive', () => {
    const policy = { allow: ['example.test', ' Upper.Test '] }
    accepted('http://example.test/', policy)
    accepted('http://EXAMPLE.test:81/', policy)
    accepted('http://upper.test/', policy)
    refusal('http://api.example.test/', policy)
    refusal('http://evil-example.test/', policy)
    refusal('http://example.test.evil.test/', policy)
    refusal('http://example.tes/', policy)
  })

  it('isInternalAddress: IPv4 and IPv6 literals, bracketed or not; names are not addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '::1',
      '[::1]',
      '::ffff:192.168.0.1',
      'fd12::1',
      '64:ff9b::a00:1',
    ])
      expect(isInternalAddress(a), a).toBe(true)
    for (const a of [
      '8.8.8.8',
      '1.1.1.1',
      '2606:4700:4700::1111',
      '[2a00:1450::1]',
      'example.com',
      'localhost',
    ])
      expect(isInternalAddress(a), a).toBe(false)
  })
})

describe('checkEgressUrl: properties', () => {
  it('any address in a private, loopback, link-local, CGNAT or "this network" range is refused in every notation', () => {
    fc.assert(
      fc.property(addressIn(PRIVATE_V4), (n) => {
        const dotted = toDotted(n)
        for (const host of [
          dotted,
          String(n),
          `0x${n.toString(16)}`,
          `0${n.toString(8)}`,
          `[::ffff:${dotted}]`,
          `[64:ff9b::${dotted}]`,
        ]) {
          expect(outcome(`https://${host}/`), host).toBe('EGRESS_DENIED')
          expect(outcome(`http://${host}:8080/`), host).toBe('EGRESS_DENIED')
        }
      }),
      { numRuns: 500 },
    )
  })

  it('for any fc.ipV4(): refused exactly when it is in a special-purpose range', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(outcome(`https://${ip}/`)).toBe(isSpecialV4(ip) ? 'EGRESS_DENIED' : 'ok')
      }),
      { numRuns: 2000 },
    )
  })

  it('for any fc.ipV4Extended() notation: the same answer as for the address it denotes', () => {
    fc.assert(
      fc.property(fc.ipV4Extended(), (ip) => {
        let canonical: string
        try {
          canonical = new URL(`https://${ip}/`).hostname
        } catch {
          expect(outcome(`https://${ip}/`)).toBe('EGRESS_DENIED')
          return
        }
        expect(outcome(`https://${ip}/`)).toBe(outcome(`https://${canonical}/`))
        expect(outcome(`https://${ip}/`)).toBe(isSpecialV4(canonical) ? 'EGRESS_DENIED' : 'ok')
      }),
      { numRuns: 1000 },
    )
  })

  it('for any fc.ipV6(): a URL answer or EGRESS_DENIED, never another error; mapped private IPv4 refused', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        outcome(`https://[${ip}]/`)
      }),
      { numRuns: 1000 },
    )
    fc.assert(
      fc.property(addressIn(PRIVATE_V4), (n) => {
        expect(outcome(`https://[::ffff:${toDotted(n)}]/`)).toBe('EGRESS_DENIED')
      }),
    )
  })

  it('for any public https fc.webUrl(): accepted, or refused only for a documented reason', () => {
    const internalName = (host: string) => {
      const h = host.replace(/\.+$/, '')
      return h === 'localhost' || /\.(localhost|local|internal)$/.test(h)
    }
    fc.assert(
      fc.property(
        fc.webUrl({
          validSchemes: ['https'],
          withFragments: true,
          withQueryParameters: true,
          authoritySettings: { withPort: true, withIPv4: true, withIPv4Extended: true, withUserInfo: false },
        }),
        (url) => {
          const u = new URL(url)
          const expected =
            u.username || u.password || internalName(u.hostname) || isSpecialV4IfIp(u.hostname)
              ? 'EGRESS_DENIED'
              : 'ok'
          expect(outcome(url), url).toBe(expected)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('for any https fc.webUrl() with userinfo: refused whenever a username or password is present', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['https'], authoritySettings: { withUserInfo: true } }),
        (url) => {
          const u = new URL(url)
          if (u.username || u.password) expect(outcome(url), url).toBe('EGRESS_DENIED')
          else outcome(url)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('for any string at all: a parsed http(s) URL or EGRESS_DENIED, never a crash', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.string().map((s) => `https://${s}`),
          fc.string().map((s) => `http://127.0.0.1${s}`),
        ),
        (raw) => {
          try {
            const u = checkEgressUrl({ allow: ['127.0.0.1'] }, raw)
            expect(['http:', 'https:']).toContain(u.protocol)
            expect(u.username + u.password).toBe('')
          } catch (e) {
            expect(e).toBeInstanceOf(AppError)
            expect((e as AppError).code).toBe('EGRESS_DENIED')
          }
        },
      ),
      { numRuns: 2000 },
    )
  })
})

function isSpecialV4IfIp(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) && isSpecialV4(hostname)
}
