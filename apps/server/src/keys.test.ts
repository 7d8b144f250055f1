import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { generateKey } from '@switchboard/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readEnv } from './env.ts'
import { KEY_FILE, loadKeyRing } from './keys.ts'

describe('encryption key ring', () => {
  let dataDir: string
  const warnings: unknown[] = []
  const log = { warn: (obj: unknown) => void warnings.push(obj) }

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-keys-'))
    warnings.length = 0
  })
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

  const env = (vars: Record<string, string> = {}) => readEnv({ SWITCHBOARD_DATA_DIR: dataDir, ...vars })

  it('uses SWITCHBOARD_ENCRYPTION_KEYS when set, newest first, and writes no file', () => {
    const ring = loadKeyRing(
      env({ SWITCHBOARD_ENCRYPTION_KEYS: `new:${generateKey()},old:${generateKey()}` }),
      log,
    )
    expect(ring.map((k) => k.id)).toEqual(['new', 'old'])
    expect(readdirSync(dataDir)).toEqual([])
    expect(warnings).toEqual([])
  })

  it('refuses to start on PostgreSQL without SWITCHBOARD_ENCRYPTION_KEYS', () => {
    expect(() => loadKeyRing(env({ DATABASE_URL: 'postgres://db.internal/switchboard' }), log)).toThrow(
      /SWITCHBOARD_ENCRYPTION_KEYS is required with DATABASE_URL/,
    )
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('generates a key into the data dir once (mode 0600, with a warning) and reuses it', () => {
    const first = loadKeyRing(env(), log)
    expect(first).toHaveLength(1)
    expect(first[0]?.id).toBe('local')
    const file = path.join(dataDir, KEY_FILE)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(warnings).toHaveLength(1)
    // Nothing left behind but the key file.
    expect(readdirSync(dataDir)).toEqual([KEY_FILE])

    const second = loadKeyRing(env(), log)
    expect(second[0]?.key.equals(first[0]?.key as Buffer)).toBe(true)
    expect(warnings).toHaveLength(1)
  })

  it('tightens the permissions of an existing key file', () => {
    const file = path.join(dataDir, KEY_FILE)
    writeFileSync(file, `local:${generateKey()}\n`, { mode: 0o644 })
    loadKeyRing(env(), log)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('rejects a damaged key file instead of generating a new key over it', () => {
    const file = path.join(dataDir, KEY_FILE)
    writeFileSync(file, 'local:too-short\n', { mode: 0o600 })
    expect(() => loadKeyRing(env(), log)).toThrow(/32 bytes/)
    expect(readFileSync(file, 'utf8')).toBe('local:too-short\n')
  })
})
