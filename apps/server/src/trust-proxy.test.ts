import { describe, expect, it } from 'vitest'
import { readEnv } from './env.ts'
import { parseTrustProxy } from './trust-proxy.ts'

describe('SWITCHBOARD_TRUST_PROXY', () => {
  it('is off unless set: no client may say who it is', () => {
    expect(readEnv({}).trustProxy).toBe(false)
    expect(readEnv({ SWITCHBOARD_TRUST_PROXY: '' }).trustProxy).toBe(false)
    expect(parseTrustProxy('false')).toBe(false)
  })

  it('takes addresses, CIDR ranges and proxy-addr names', () => {
    expect(
      readEnv({ SWITCHBOARD_TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,fd00::/8 ,loopback' }).trustProxy,
    ).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'loopback'])
  })

  it.each([
    ['true', /any client/],
    ['1', /number of proxy hops/],
    ['10.0.0.0/33', /10\.0\.0\.0\/33/],
    ['proxy.internal', /proxy\.internal/],
    ['10.0.0.1,*', /\*/],
  ])('refuses %s at start-up, saying what to write instead', (value, message) => {
    expect(() => parseTrustProxy(value)).toThrow(message)
    expect(() => readEnv({ SWITCHBOARD_TRUST_PROXY: value })).toThrow(/SWITCHBOARD_TRUST_PROXY/)
  })
})
