import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import type { Principal } from './principal.ts'
import { mayHandleOwners, requireWithinOwnAccess, roleScopes, widerThanOwn } from './scopes.ts'

// widerThanOwn is the one rule the server throws on (requireWithinOwnAccess, 403 WIDER_THAN_YOURS)
// and the dashboard hides member and invite controls by (members page): the two must agree.

const admin = { scopes: roleScopes('admin'), workspaceIds: null }
const narrowedAdmin = { scopes: roleScopes('admin'), workspaceIds: ['ws_a'] }
const member = { scopes: roleScopes('member'), workspaceIds: null }

describe('widerThanOwn', () => {
  it('an unnarrowed admin is wider than no member or invite', () => {
    for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
      expect(widerThanOwn(admin, { role, workspaceIds: null })).toBeNull()
      expect(widerThanOwn(admin, { role, workspaceIds: ['ws_b'] })).toBeNull()
    }
  })

  it('a narrowed admin: every workspace, or one it does not see, is wider; its own are not', () => {
    expect(widerThanOwn(narrowedAdmin, { role: 'member', workspaceIds: null })).toEqual({ by: 'workspaces' })
    expect(widerThanOwn(narrowedAdmin, { role: 'member', workspaceIds: ['ws_a', 'ws_b'] })).toEqual({
      by: 'workspaces',
    })
    expect(widerThanOwn(narrowedAdmin, { role: 'member', workspaceIds: ['ws_a'] })).toBeNull()
    expect(widerThanOwn(narrowedAdmin, { role: 'viewer', workspaceIds: [] })).toBeNull()
    // Only the role asked about (a role change): workspaces not compared.
    expect(widerThanOwn(narrowedAdmin, { role: 'admin' })).toBeNull()
  })

  it('a role holding scopes one lacks is wider, and names them (not `account`)', () => {
    const wider = widerThanOwn(member, { role: 'admin' })
    expect(wider?.by).toBe('role')
    expect(wider && 'missingScopes' in wider && wider.missingScopes).toContain('members:write')
    expect(wider && 'missingScopes' in wider && wider.missingScopes).not.toContain('account')
    expect(widerThanOwn(member, { role: 'viewer' })).toBeNull()
  })

  it('an API key: scopes it holds that one lacks (null: every key scope) or workspaces one does not see', () => {
    // A full-access key is wider than a member and than a narrowed admin (its workspaces).
    expect(widerThanOwn(member, { scopes: null, workspaceIds: null })?.by).toBe('scopes')
    expect(widerThanOwn(narrowedAdmin, { scopes: null, workspaceIds: null })).toEqual({ by: 'workspaces' })
    expect(widerThanOwn(narrowedAdmin, { scopes: null, workspaceIds: ['ws_a'] })).toBeNull()
    expect(widerThanOwn(admin, { scopes: null, workspaceIds: null })).toBeNull()
    const keysOnly = { scopes: ['api-keys:read', 'api-keys:write'] as const, workspaceIds: null }
    const wider = widerThanOwn(
      { ...keysOnly, scopes: [...keysOnly.scopes] },
      { scopes: ['proxy', 'api-keys:read'] },
    )
    expect(wider).toEqual({ by: 'scopes', missingScopes: ['proxy'] })
    expect(
      widerThanOwn({ ...keysOnly, scopes: [...keysOnly.scopes] }, { scopes: ['api-keys:read'] }),
    ).toBeNull()
  })

  it('is exactly what requireWithinOwnAccess refuses', () => {
    const principal: Principal = {
      kind: 'user',
      organizationId: 'org',
      userId: 'u',
      role: 'admin',
      isSuperuser: false,
      sessionId: 's',
      workspaceIds: ['ws_a'],
    }
    const targets = [
      { role: 'member' as const, workspaceIds: null },
      { role: 'member' as const, workspaceIds: ['ws_a'] },
      { role: 'viewer' as const, workspaceIds: ['ws_b'] },
      { role: 'owner' as const },
    ]
    for (const target of targets) {
      const wider = widerThanOwn(narrowedAdmin, target)
      let thrown: unknown = null
      try {
        requireWithinOwnAccess(principal, target, 'this member')
      } catch (e) {
        thrown = e
      }
      if (wider === null) expect(thrown).toBeNull()
      else expect(thrown instanceof AppError && thrown.code).toBe('WIDER_THAN_YOURS')
    }
  })
})

describe('mayHandleOwners', () => {
  it('owners, superusers and API keys make, unmake, remove and invite owners; admins do not', () => {
    expect(mayHandleOwners({ kind: 'user', role: 'owner', isSuperuser: false })).toBe(true)
    expect(mayHandleOwners({ kind: 'user', role: 'admin', isSuperuser: true })).toBe(true)
    expect(mayHandleOwners({ kind: 'apiKey' })).toBe(true)
    expect(mayHandleOwners({ kind: 'user', role: 'admin', isSuperuser: false })).toBe(false)
    expect(mayHandleOwners({ kind: 'user', role: 'member', isSuperuser: false })).toBe(false)
  })
})
