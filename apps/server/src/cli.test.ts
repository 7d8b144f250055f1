import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { authenticateSession, createWorkspace, generateKey, login } from '@switchboard/core'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from './app.ts'
import { runCli, UsageError } from './cli.ts'
import { createCoreDeps } from './deps.ts'
import { readEnv } from './env.ts'

const exec = promisify(execFile)
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The variables the CLI reads; each test sets its own and gets the originals back. */
const ENV_KEYS = ['SWITCHBOARD_DATA_DIR', 'DATABASE_URL', 'SWITCHBOARD_ENCRYPTION_KEYS', 'LOG_LEVEL'] as const

describe('admin CLI', () => {
  let dataDir: string
  const saved: Partial<Record<(typeof ENV_KEYS)[number], string | undefined>> = {}

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-'))
    for (const k of ENV_KEYS) saved[k] = process.env[k]
    // The embedded default, whatever the shell running the tests has exported.
    delete process.env.DATABASE_URL
    delete process.env.SWITCHBOARD_ENCRYPTION_KEYS
    process.env.LOG_LEVEL = 'silent'
    process.env.SWITCHBOARD_DATA_DIR = dataDir
  })
  afterEach(() => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  async function cli(...argv: string[]): Promise<string[]> {
    const lines: string[] = []
    await runCli(argv, (line) => lines.push(line))
    return lines
  }

  /** GET /api/v1/workspaces with `key`, against the same data dir, as the server would serve it. */
  async function workspacesWith(key: string) {
    const { core, database } = await createCoreDeps(readEnv(), pino({ level: 'silent' }))
    const app = await buildApp({ core, logger: pino({ level: 'silent' }) })
    try {
      const res = await app.inject({ url: '/api/v1/workspaces', headers: { authorization: `Bearer ${key}` } })
      return { status: res.statusCode, body: res.json() as { workspaces?: Array<{ id: string }> } }
    } finally {
      await app.close()
      await database.close()
    }
  }

  it('bootstrap --json prints exactly one JSON line with organizationId, workspaceId and apiKey', async () => {
    const lines = await cli('bootstrap', '--org', 'Acme', '--plan', 'TEAM', '--json')
    expect(lines).toHaveLength(1)
    const result = JSON.parse(lines[0] as string) as Record<string, string>
    expect(Object.keys(result).sort()).toEqual(['apiKey', 'organizationId', 'workspaceId'])
    expect(result.apiKey).toMatch(/^sk_[A-Za-z0-9_-]{43}$/)
    expect(result.organizationId).toMatch(/^[0-9a-f-]{36}$/)

    // The data dir holds the database and a generated key that only its owner can read.
    expect(statSync(path.join(dataDir, 'switchboard.db')).isFile()).toBe(true)
    expect(statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600)
    expect(readFileSync(path.join(dataDir, 'secret.key'), 'utf8')).toMatch(/^local:[A-Za-z0-9+/=]{44}\n$/)

    // With that key the API lists the workspace.
    const res = await workspacesWith(result.apiKey as string)
    expect(res.status).toBe(200)
    expect(res.body.workspaces?.map((w) => w.id)).toEqual([result.workspaceId])
  })

  it('bootstrap with --email and --password also creates the owner and prints userId', async () => {
    const lines = await cli(
      'bootstrap',
      '--org',
      'Acme',
      '--plan',
      'team',
      '--email',
      'Owner@Example.com',
      '--password',
      'a long enough password',
      '--json',
    )
    expect(lines).toHaveLength(1)
    const result = JSON.parse(lines[0] as string) as Record<string, string>
    expect(Object.keys(result).sort()).toEqual(['apiKey', 'organizationId', 'userId', 'workspaceId'])
    expect(result.userId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('bootstrap without --json prints the key once, for people', async () => {
    const lines = await cli('bootstrap', '--org', 'Acme')
    expect(lines.join('\n')).toMatch(/API key\s+sk_/)
    expect(lines.join('\n')).toMatch(/shown once/)
  })

  it.each([
    [['bootstrap', '--org', 'Acme', '--plan', 'GOLD'], /--plan must be FREE, TEAM, SCALE or ENTERPRISE/],
    [['bootstrap', '--plan', 'TEAM'], /needs --org/],
    [['bootstrap', '--org', 'Acme', '--email', 'a@b.test'], /--email and --password go together/],
    [['api-key', 'create'], /needs --org/],
    [['api-key', 'create', '--org', '00000000-0000-4000-8000-000000000000'], /No organization/],
    [['frobnicate'], /Unknown command: frobnicate/],
    [['keys', 'forget'], /Unknown command: keys forget/],
  ])('%j is a usage error', async (argv, message) => {
    const error = await cli(...argv).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(message)
  })

  it('a bad --plan creates nothing', async () => {
    await expect(cli('bootstrap', '--org', 'Acme', '--plan', 'GOLD')).rejects.toThrow(UsageError)
    const { core, database } = await createCoreDeps(readEnv(), pino({ level: 'silent' }))
    try {
      expect(await core.db.selectFrom('organizations').select('id').execute()).toEqual([])
    } finally {
      await database.close()
    }
  })

  it('rejects an option it does not know', async () => {
    await expect(cli('bootstrap', '--org', 'Acme', '--colour', 'red')).rejects.toThrow(
      /Unknown option '--colour'/,
    )
  })

  it('--help and no command print the usage', async () => {
    expect((await cli('--help')).join('\n')).toMatch(/Usage: pnpm cli <command>/)
    expect((await cli()).join('\n')).toMatch(/bootstrap --org NAME/)
  })

  it('api-key create prints a new key that works', async () => {
    const boot = JSON.parse((await cli('bootstrap', '--org', 'Acme', '--json'))[0] as string) as Record<
      string,
      string
    >
    const plain = await cli(
      'api-key',
      'create',
      '--org',
      boot.organizationId as string,
      '--name',
      'deploy bot',
    )
    expect(plain).toHaveLength(1)
    expect(plain[0]).toMatch(/^sk_[A-Za-z0-9_-]{43}$/)
    expect(plain[0]).not.toBe(boot.apiKey)
    const res = await workspacesWith(plain[0] as string)
    expect(res.status).toBe(200)
    expect(res.body.workspaces?.map((w) => w.id)).toEqual([boot.workspaceId])

    const json = JSON.parse(
      (await cli('api-key', 'create', '--org', boot.organizationId as string, '--json'))[0] as string,
    )
    expect(Object.keys(json).sort()).toEqual(['apiKey', 'id'])
    expect((await workspacesWith(json.apiKey)).status).toBe(200)
  })

  it('api-key create --scopes makes a key that holds those scopes only', async () => {
    const boot = JSON.parse((await cli('bootstrap', '--org', 'Acme', '--json'))[0] as string) as Record<
      string,
      string
    >
    const org = boot.organizationId as string
    const [key] = await cli('api-key', 'create', '--org', org, '--scopes', 'proxy,connections:read')
    const refused = await workspacesWith(key as string)
    expect(refused.status).toBe(403)
    expect(JSON.stringify(refused.body)).toContain('workspaces:read')
    const [reader] = await cli('api-key', 'create', '--org', org, '--scopes', 'workspaces:read')
    expect((await workspacesWith(reader as string)).status).toBe(200)
    await expect(cli('api-key', 'create', '--org', org, '--scopes', 'proxy,nope')).rejects.toThrow(
      /Unknown scope "nope"/,
    )
    await expect(cli('api-key', 'create', '--org', org, '--workspace', org)).rejects.toThrow(/No workspace/)
    const [narrow] = await cli(
      'api-key',
      'create',
      '--org',
      org,
      '--name',
      'narrow',
      '--workspace',
      boot.workspaceId as string,
    )
    // With a second workspace, the narrowed key sees only its own; the bootstrap key both.
    const { core: deps, database } = await createCoreDeps(readEnv(), pino({ level: 'silent' }))
    const second = await createWorkspace(
      deps,
      { kind: 'apiKey', organizationId: org, apiKeyId: 'cli-test' },
      { name: 'Second' },
    )
    await database.close()
    const seen = await workspacesWith(narrow as string)
    expect(seen.status).toBe(200)
    expect(seen.body.workspaces?.map((w) => w.id)).toEqual([boot.workspaceId])
    const all = await workspacesWith(boot.apiKey as string)
    expect(all.body.workspaces?.map((w) => w.id).sort()).toEqual([boot.workspaceId, second.id].sort())
  })

  it('keys rotate re-encrypts under the newest key, then finds nothing left to do', async () => {
    await cli('bootstrap', '--org', 'Acme', '--json')
    await cli(
      'oauth-app',
      'add',
      '--platform',
      '--integration',
      'github',
      '--client-id',
      'gh-client',
      '--client-secret',
      'gh-secret-value',
    )
    const generated = readFileSync(path.join(dataDir, 'secret.key'), 'utf8').trim()
    expect(generated.startsWith('local:')).toBe(true)

    // The new key first, the generated one after it: what docs/deploy.md tells operators to do.
    process.env.SWITCHBOARD_ENCRYPTION_KEYS = `k2:${generateKey()},${generated}`
    expect(await cli('keys', 'rotate')).toEqual(['Re-encrypted 1 secrets with key "k2".'])
    expect(await cli('keys', 'rotate')).toEqual(['Re-encrypted 0 secrets with key "k2".'])

    const { core, database } = await createCoreDeps(readEnv(), pino({ level: 'silent' }))
    try {
      const apps = await core.db.selectFrom('oauthApps').select(['clientSecretCiphertext']).execute()
      expect(apps.map((a) => core.cipher.keyIdOf(a.clientSecretCiphertext))).toEqual(['k2'])
    } finally {
      await database.close()
    }
  })

  it('user reset-password sets a generated (or given) password and ends the sessions', async () => {
    await cli(
      'bootstrap',
      '--org',
      'Acme',
      '--email',
      'ann@acme.test',
      '--password',
      'the old password',
      '--json',
    )
    const { core, database } = await createCoreDeps(readEnv(), pino({ level: 'silent' }))
    try {
      const { sessionToken } = await login(
        core,
        { email: 'ann@acme.test', password: 'the old password' },
        { sourceAddress: '1' },
      )
      const lines = await cli('user', 'reset-password', '--email', 'ann@acme.test', '--json')
      const out = JSON.parse(lines[0] as string) as { password: string; revokedSessions: number }
      expect(out.revokedSessions).toBe(1)
      await expect(authenticateSession(core, sessionToken)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
      await expect(
        login(core, { email: 'ann@acme.test', password: 'the old password' }, { sourceAddress: '1' }),
      ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
      await expect(
        login(core, { email: 'ann@acme.test', password: out.password }, { sourceAddress: '1' }),
      ).resolves.toBeDefined()
      const given = await cli(
        'user',
        'reset-password',
        '--email',
        'ann@acme.test',
        '--password',
        'chosen by ops',
      )
      expect(given.join('\n')).not.toContain('chosen by ops')
      await expect(
        login(core, { email: 'ann@acme.test', password: 'chosen by ops' }, { sourceAddress: '1' }),
      ).resolves.toBeDefined()
      await expect(cli('user', 'reset-password', '--email', 'nobody@acme.test')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
    } finally {
      await database.close()
    }
  })

  it('migrate applies the migrations once, then reports the database up to date', async () => {
    const first = await cli('migrate')
    expect(first).toHaveLength(1)
    expect(first[0]).toMatch(/^Applied: 0001_create_tenancy, 0002_create_connections/)
    expect(await cli('migrate')).toEqual(['Database is up to date.'])
    expect(await cli('migrate')).toEqual(['Database is up to date.'])
  })

  it('runs as a real process: two bootstraps at once on a fresh data dir both succeed', async () => {
    // The real binary, outside vitest, exactly as `pnpm cli` runs it. Two at once also
    // prove that generating the key and migrating are safe when processes race.
    const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx')
    const env = { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
    const run = () =>
      exec(tsx, ['src/cli.ts', 'bootstrap', '--org', 'Acme', '--plan', 'TEAM', '--json'], {
        cwd: serverDir,
        env,
        timeout: 90_000,
      })
    const results = await Promise.all([run(), run()])
    const keys: string[] = []
    for (const { stdout } of results) {
      const lines = stdout.trim().split('\n')
      expect(lines).toHaveLength(1)
      const parsed = JSON.parse(lines[0] as string) as Record<string, string>
      expect(Object.keys(parsed).sort()).toEqual(['apiKey', 'organizationId', 'workspaceId'])
      keys.push(parsed.apiKey as string)
    }
    // Exactly one of them generated the key (and said so on stderr).
    const warnings = results.filter((r) => r.stderr.includes('generated an encryption key'))
    expect(warnings).toHaveLength(1)
    // Both organizations are there, both keys work, and each sees only its own workspace.
    for (const key of keys) {
      const res = await workspacesWith(key)
      expect(res.status).toBe(200)
      expect(res.body.workspaces).toHaveLength(1)
    }

    // And a usage error exits non-zero with the usage on stderr.
    const bad = await exec(tsx, ['src/cli.ts', 'bootstrap', '--org', 'Acme', '--plan', 'GOLD'], {
      cwd: serverDir,
      env,
      timeout: 90_000,
    }).then(
      () => undefined,
      (e: { code?: number; stderr?: string }) => e,
    )
    expect(bad?.code).toBe(1)
    expect(bad?.stderr).toMatch(/--plan must be/)
    expect(bad?.stderr).toMatch(/Usage: pnpm cli/)
  }, 180_000)
})
