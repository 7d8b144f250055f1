import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openDatabase } from '@switchboard/db'
import { sql } from 'kysely'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCoreDeps } from './deps.ts'
import { readEnv } from './env.ts'
import { KEY_FILE } from './keys.ts'

const modeOf = (file: string) => statSync(file).mode & 0o777

/**
 * What the embedded default writes to disk holds every credential's ciphertext and the key
 * that opens them: only the server's own user may read it, whatever the process's umask.
 */
describe('file modes of a fresh data dir (SQLite, generated key)', () => {
  let root: string
  let umask: number

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'switchboard-modes-'))
    // The most permissive umask: the modes must not depend on it.
    umask = process.umask(0)
  })
  afterEach(() => {
    process.umask(umask)
    rmSync(root, { recursive: true, force: true })
  })

  it('creates the data dir 0700 and the database, its WAL and SHM, and the key file 0600', async () => {
    const dataDir = path.join(root, 'nested', 'data')
    const { core, database } = await createCoreDeps(
      readEnv({ SWITCHBOARD_DATA_DIR: dataDir }),
      pino({ level: 'silent' }),
    )
    try {
      // A write, so the WAL holds something.
      await sql`create table mode_probe (x integer)`.execute(core.db)
      const file = database.sqliteFile ?? ''
      expect(path.dirname(file)).toBe(path.resolve(dataDir))
      expect(modeOf(dataDir).toString(8)).toBe('700')
      expect(modeOf(file).toString(8)).toBe('600')
      expect(modeOf(`${file}-wal`).toString(8)).toBe('600')
      expect(modeOf(`${file}-shm`).toString(8)).toBe('600')
      expect(modeOf(path.join(dataDir, KEY_FILE)).toString(8)).toBe('600')
    } finally {
      await database.close()
    }
  })

  it('sets 0600 on a database an older version left readable by others', async () => {
    const file = path.join(root, 'old.db')
    const first = openDatabase({ sqliteFile: file })
    await sql`create table mode_probe (x integer)`.execute(first.db)
    await first.close()
    chmodSync(file, 0o644)
    const again = openDatabase({ sqliteFile: file })
    try {
      await sql`insert into mode_probe values (1)`.execute(again.db)
      expect(modeOf(file).toString(8)).toBe('600')
      expect(modeOf(`${file}-wal`).toString(8)).toBe('600')
    } finally {
      await again.close()
    }
  })
})
