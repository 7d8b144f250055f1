import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
// Relative on purpose: a devDependency on @switchboard/testing would make a package cycle
// (testing depends on core), which turbo's `^build` graph rejects.
import { createTestDeps, type TestDeps, testDialect } from '../../../testing/src/deps.ts'
import type { CoreDeps } from '../deps.ts'
import { AppError } from '../errors.ts'
import { bootstrapOrganization } from '../tenancy/bootstrap.ts'
import { createCipher, generateKey, parseKeyRing } from './cipher.ts'
import { randomToken, sha256 } from './random.ts'
import { rotateEncryptionKeys, secretColumns } from './rotate-keys.ts'
import { secretAt } from './secret-location.ts'

const dialect = testDialect()

interface Planted {
  organizationId: string
  workspaceId: string
  apiKey: string
  password: string
  /** Every plaintext secret written through the cipher, by where it lives. */
  secrets: Array<{
    table: 'oauthApps' | 'connections' | 'connectSessions' | 'connectSessions.tokens'
    id: string
    plaintext: string
  }>
}

/** An organization with an owner, an OAuth app, connections and a connect session, all holding secrets. */
async function plantSecrets(deps: CoreDeps, connectionCount = 2): Promise<Planted> {
  const password = `pw-${randomToken(12)}`
  const boot = await bootstrapOrganization(deps, {
    organizationName: 'Acme',
    plan: 'TEAM',
    email: `owner-${randomUUID()}@example.com`,
    password,
  })
  const now = deps.clock.now().toISOString()
  const secrets: Planted['secrets'] = []

  const oauthAppId = randomUUID()
  const clientSecret = `cs_${randomToken(24)}`
  await deps.db
    .insertInto('oauthApps')
    .values({
      id: oauthAppId,
      organizationId: boot.organizationId,
      integrationName: 'github',
      clientId: 'client-id-is-public',
      clientSecretCiphertext: deps.cipher.encrypt(clientSecret, secretAt.oauthAppSecret(oauthAppId)),
      scopes: '[]',
      createdAt: now,
    })
    .execute()
  secrets.push({ table: 'oauthApps', id: oauthAppId, plaintext: clientSecret })

  const rows = []
  for (let i = 0; i < connectionCount; i++) {
    const id = randomUUID()
    const credentials = JSON.stringify({
      accessToken: `gho_${randomToken(24)}`,
      refreshToken: `ghr_${randomToken(24)}`,
      tokenType: 'bearer',
    })
    secrets.push({ table: 'connections', id, plaintext: credentials })
    rows.push({
      id,
      organizationId: boot.organizationId,
      workspaceId: boot.workspaceId,
      integrationName: 'github',
      oauthAppId,
      type: 'OAUTH2' as const,
      externalId: `user-${i}`,
      displayName: `Connection ${i}`,
      scope: 'WORKSPACE' as const,
      endUserId: null,
      ownerUserId: null,
      status: 'ACTIVE' as const,
      statusReason: null,
      credentialsCiphertext: deps.cipher.encrypt(credentials, secretAt.connectionCredentials(id)),
      credentialsVersion: 1,
      tokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      lastAuthorizedAt: now,
      lastRefreshedAt: null,
      lastUsedAt: null,
      grantedScopes: '[]',
      apiBaseUri: null,
      metadata: '{}',
      refreshLeaseUntil: null,
      refreshLeaseOwner: null,
      refreshFailures: 0,
      nextRefreshAt: null,
      createdAt: now,
      updatedAt: now,
    })
  }
  for (let i = 0; i < rows.length; i += 100) {
    await deps.db
      .insertInto('connections')
      .values(rows.slice(i, i + 100))
      .execute()
  }

  const sessionId = randomUUID()
  const verifier = `pkce_${randomToken(32)}`
  // Tokens an exchange obtained, held until the connection is stored.
  const sessionTokens = JSON.stringify({
    accessToken: `gho_${randomToken(24)}`,
    refreshToken: `ghr_${randomToken(24)}`,
  })
  await deps.db
    .insertInto('connectSessions')
    .values({
      id: sessionId,
      organizationId: boot.organizationId,
      workspaceId: boot.workspaceId,
      tokenHash: sha256(`cst_${randomToken(32)}`),
      integrationName: 'github',
      connectionName: 'github',
      externalId: 'user-0',
      endUserId: null,
      ownerUserId: null,
      scope: 'WORKSPACE',
      oauthAppId,
      successRedirectUri: null,
      errorRedirectUri: null,
      reconnectConnectionId: null,
      status: 'CONNECTING',
      error: null,
      connectionId: null,
      stateHash: sha256(randomToken(16)),
      stateExpiresAt: now,
      pkceVerifierCiphertext: deps.cipher.encrypt(verifier, secretAt.pkceVerifier(sessionId)),
      tokensCiphertext: deps.cipher.encrypt(sessionTokens, secretAt.sessionTokens(sessionId)),
      connectionMetadata: null,
      expiresAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .execute()
  secrets.push({ table: 'connectSessions', id: sessionId, plaintext: verifier })
  secrets.push({ table: 'connectSessions.tokens', id: sessionId, plaintext: sessionTokens })

  return {
    organizationId: boot.organizationId,
    workspaceId: boot.workspaceId,
    apiKey: boot.apiKey,
    password,
    secrets,
  }
}

/** Every stored ciphertext, with the location it must decrypt at. */
async function storedCiphertexts(deps: CoreDeps) {
  const out: Array<{
    table: string
    id: string
    value: string
    at: ReturnType<typeof secretAt.oauthAppSecret>
  }> = []
  for (const app of await deps.db
    .selectFrom('oauthApps')
    .select(['id', 'clientSecretCiphertext'])
    .execute()) {
    out.push({
      table: 'oauthApps',
      id: app.id,
      value: app.clientSecretCiphertext,
      at: secretAt.oauthAppSecret(app.id),
    })
  }
  for (const c of await deps.db.selectFrom('connections').select(['id', 'credentialsCiphertext']).execute()) {
    out.push({
      table: 'connections',
      id: c.id,
      value: c.credentialsCiphertext,
      at: secretAt.connectionCredentials(c.id),
    })
  }
  for (const s of await deps.db
    .selectFrom('connectSessions')
    .select(['id', 'pkceVerifierCiphertext', 'tokensCiphertext'])
    .execute()) {
    if (s.pkceVerifierCiphertext !== null) {
      out.push({
        table: 'connectSessions',
        id: s.id,
        value: s.pkceVerifierCiphertext,
        at: secretAt.pkceVerifier(s.id),
      })
    }
    if (s.tokensCiphertext !== null) {
      out.push({
        table: 'connectSessions.tokens',
        id: s.id,
        value: s.tokensCiphertext,
        at: secretAt.sessionTokens(s.id),
      })
    }
  }
  return out
}

/** Any 12-character window of `secret` inside `haystack` (so a partial leak is caught too). */
function leakedWindow(haystack: Buffer, secret: string): string | undefined {
  const width = Math.min(12, secret.length)
  for (let i = 0; i + width <= secret.length; i++) {
    const piece = secret.slice(i, i + width)
    if (haystack.includes(Buffer.from(piece, 'utf8'))) return piece
  }
  return undefined
}

/** Distinctive random parts of a secret: the JSON keys of a credentials blob are not secret. */
function secretValues(plaintext: string): string[] {
  try {
    const parsed = JSON.parse(plaintext) as Record<string, string>
    return Object.values(parsed).filter((v) => v.length >= 16)
  } catch {
    return [plaintext]
  }
}

describe(`secrets at rest (${dialect})`, () => {
  const open: TestDeps[] = []
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close()
  })
  async function fresh(keys?: string): Promise<TestDeps> {
    const t = await createTestDeps({ dialect, ...(keys !== undefined && { keys }) })
    open.push(t)
    return t
  }

  it('stores no API key, password or secret in plaintext in any column', async () => {
    const { deps } = await fresh()
    const planted = await plantSecrets(deps)

    // Every row of every table, as text: what a database dump would show.
    const dump: string[] = []
    for (const table of [
      'organizations',
      'workspaces',
      'users',
      'dashboardSessions',
      'apiKeys',
      'oauthApps',
      'connections',
      'connectSessions',
    ] as const) {
      dump.push(JSON.stringify(await deps.db.selectFrom(table).selectAll().execute()))
    }
    const text = Buffer.from(dump.join('\n'))

    // The dump is not empty, and it holds the hashes and ciphertexts that stand in for the secrets.
    expect(text.includes(Buffer.from(sha256(planted.apiKey)))).toBe(true)
    expect(text.includes(Buffer.from('v1.k1.'))).toBe(true)

    expect(leakedWindow(text, planted.apiKey.slice('sk_'.length + 4))).toBeUndefined()
    expect(leakedWindow(text, planted.password)).toBeUndefined()
    for (const secret of planted.secrets) {
      for (const value of secretValues(secret.plaintext)) expect(leakedWindow(text, value)).toBeUndefined()
    }
  })

  // Byte search is about the SQLite file; the PostgreSQL run checks every column above instead.
  const itOnSqlite = dialect === 'sqlite' ? it : () => {}
  itOnSqlite('leaves no secret in the bytes of the SQLite file or its WAL', async () => {
    const { deps, database } = await fresh()
    const planted = await plantSecrets(deps)
    const file = database.sqliteFile
    expect(file).toBeDefined()

    const files = [file as string, `${file}-wal`].filter((f) => existsSync(f))
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)))
    // The search sees real data: the organization's id and the API key hash are in there.
    expect(bytes.includes(Buffer.from(planted.organizationId))).toBe(true)
    expect(bytes.includes(Buffer.from(sha256(planted.apiKey)))).toBe(true)

    // The API key minus what the "prefix" column shows (sk_ + 4 characters) for recognition.
    expect(leakedWindow(bytes, planted.apiKey.slice('sk_'.length + 4))).toBeUndefined()
    expect(bytes.includes(Buffer.from(planted.apiKey))).toBe(false)
    expect(leakedWindow(bytes, planted.password)).toBeUndefined()
    for (const secret of planted.secrets) {
      for (const value of secretValues(secret.plaintext)) {
        expect(leakedWindow(bytes, value), `${secret.table} ${secret.id}`).toBeUndefined()
      }
    }
  })

  it('every stored secret decrypts where it lives and nowhere else', async () => {
    const { deps } = await fresh()
    const planted = await plantSecrets(deps)
    const stored = await storedCiphertexts(deps)
    expect(stored).toHaveLength(planted.secrets.length)
    for (const s of stored) {
      const plaintext = planted.secrets.find((p) => p.id === s.id && p.table === s.table)?.plaintext
      expect(deps.cipher.decrypt(s.value, s.at)).toBe(plaintext)
    }
  })

  it('a ciphertext copied to another row or column fails to decrypt there', async () => {
    const { deps } = await fresh()
    await plantSecrets(deps)
    const [a, b] = await deps.db
      .selectFrom('connections')
      .select(['id', 'credentialsCiphertext'])
      .orderBy('id')
      .execute()
    if (!a || !b) throw new Error('expected two connections')

    // Another row: b's credentials now hold a's ciphertext (an attacker with write access
    // to the table swapping tokens between tenants' connections).
    await deps.db
      .updateTable('connections')
      .set({ credentialsCiphertext: a.credentialsCiphertext })
      .where('id', '=', b.id)
      .execute()
    const moved = await deps.db
      .selectFrom('connections')
      .select('credentialsCiphertext')
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow()
    expect(() =>
      deps.cipher.decrypt(moved.credentialsCiphertext, secretAt.connectionCredentials(b.id)),
    ).toThrow(AppError)
    // It still opens where it was written.
    expect(() =>
      deps.cipher.decrypt(a.credentialsCiphertext, secretAt.connectionCredentials(a.id)),
    ).not.toThrow()

    // Another column, and another table with the same row id.
    const app = await deps.db
      .selectFrom('oauthApps')
      .select(['id', 'clientSecretCiphertext'])
      .executeTakeFirstOrThrow()
    await deps.db
      .updateTable('connectSessions')
      .set({ pkceVerifierCiphertext: app.clientSecretCiphertext })
      .execute()
    const session = await deps.db
      .selectFrom('connectSessions')
      .select(['id', 'pkceVerifierCiphertext'])
      .executeTakeFirstOrThrow()
    expect(() =>
      deps.cipher.decrypt(session.pkceVerifierCiphertext as string, secretAt.pkceVerifier(session.id)),
    ).toThrow(/integrity/)
    expect(() =>
      deps.cipher.decrypt(app.clientSecretCiphertext, {
        ...secretAt.oauthAppSecret(app.id),
        column: 'client_id',
      }),
    ).toThrow(/integrity/)
    expect(() =>
      deps.cipher.decrypt(app.clientSecretCiphertext, secretAt.connectionCredentials(app.id)),
    ).toThrow(/integrity/)
  })

  it('the rotation walks every secret column of the schema', () => {
    // A new *Ciphertext column must be added to secretColumns, or rotation would skip it.
    expect(secretColumns.map((c) => `${c.table}.${c.column}`).sort()).toEqual([
      'connectSessions.pkceVerifierCiphertext',
      'connectSessions.tokensCiphertext',
      'connections.credentialsCiphertext',
      'idempotencyKeys.responseCiphertext',
      'oauthApps.clientSecretCiphertext',
      'oauthServerSecrets.valueCiphertext',
      'ssoLoginAttempts.secretsCiphertext',
      'webhookEndpoints.previousSecretCiphertext',
      'webhookEndpoints.secretCiphertext',
    ])
    for (const c of secretColumns) {
      const columns = Object.values(secretAt)
        .map((f) => f('x'))
        .filter((l) => l.table === c.dbTable)
        .map((l) => l.column)
      expect(columns).toContain(c.dbColumn)
    }
  })

  it('every *_ciphertext column of the migrated schema is one the rotation walks', async () => {
    const { deps } = await fresh()
    // PostgreSQL lists every schema of the server; only this test's own counts.
    const current =
      deps.dialect === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(deps.db)).rows[0]?.schema
        : undefined
    const tables = (await deps.db.withoutPlugins().introspection.getTables()).filter(
      (t) => current === undefined || t.schema === current,
    )
    const inSchema = tables
      .flatMap((t) =>
        t.columns.filter((c) => c.name.endsWith('_ciphertext')).map((c) => `${t.name}.${c.name}`),
      )
      .sort()
    expect(inSchema.length).toBeGreaterThanOrEqual(3)
    expect(secretColumns.map((c) => `${c.dbTable}.${c.dbColumn}`).sort()).toEqual(inSchema)
  })

  it('key rotation re-encrypts every secret under the new key and keeps each readable', async () => {
    const k1 = `k1:${generateKey()}`
    const k2 = `k2:${generateKey()}`
    const t = await fresh(k1)
    // More connections than one page of the rotation (200), to walk past the first page.
    const planted = await plantSecrets(t.deps, 450)
    const before = await storedCiphertexts(t.deps)
    expect(before.every((s) => s.value.startsWith('v1.k1.'))).toBe(true)

    // Restarted with the new key first, the old one still in the ring.
    const rotated: CoreDeps = { ...t.deps, cipher: createCipher(parseKeyRing(`${k2},${k1}`)) }
    const progress: string[] = []
    const report = await rotateEncryptionKeys(rotated, (p) => progress.push(p.column))
    expect(report.reEncrypted).toBe(planted.secrets.length)
    expect(report.skipped).toBe(0)
    expect(report.perColumn).toEqual({
      'connections.credentials_ciphertext': 450,
      'oauth_apps.client_secret_ciphertext': 1,
      'connect_sessions.pkce_verifier_ciphertext': 1,
      'connect_sessions.tokens_ciphertext': 1,
      // The authorization server's keys exist once it has served a request (not in this test).
      'oauth_server_secrets.value_ciphertext': 0,
      // No webhook endpoint is planted in this test.
      'webhook_endpoints.secret_ciphertext': 0,
      'webhook_endpoints.previous_secret_ciphertext': 0,
      // Answers to POSTs with an Idempotency-Key (none in this test).
      'idempotency_keys.response_ciphertext': 0,
      // SSO sign-ins under way (none in this test).
      'sso_login_attempts.secrets_ciphertext': 0,
    })
    expect(progress).toContain('connections.credentials_ciphertext')

    const after = await storedCiphertexts(t.deps)
    expect(after).toHaveLength(planted.secrets.length)
    expect(after.filter((s) => s.value.startsWith('v1.k1.'))).toEqual([])
    expect(after.every((s) => s.value.startsWith('v1.k2.'))).toBe(true)

    // Every secret reads back, even with the old key gone from the ring.
    const k2Only = createCipher(parseKeyRing(k2))
    for (const s of after) {
      expect(k2Only.decrypt(s.value, s.at)).toBe(
        planted.secrets.find((p) => p.id === s.id && p.table === s.table)?.plaintext,
      )
    }
    // And the old key alone can no longer read any of them.
    const k1Only = createCipher(parseKeyRing(k1))
    for (const s of after.slice(0, 5)) expect(() => k1Only.decrypt(s.value, s.at)).toThrow(/"k2"/)

    // A second run finds nothing to do.
    const again = await rotateEncryptionKeys(rotated)
    expect(again.reEncrypted).toBe(0)
    expect(again.skipped).toBe(0)
  })

  it('rotation refuses to continue when a secret uses a key the ring lacks', async () => {
    const t = await fresh(`k1:${generateKey()}`)
    await plantSecrets(t.deps)
    const wrongRing: CoreDeps = { ...t.deps, cipher: createCipher(parseKeyRing(`k3:${generateKey()}`)) }
    await expect(rotateEncryptionKeys(wrongRing)).rejects.toThrow(/"k1", which is not in the key ring/)
    // Nothing was half-rewritten: every secret is still under k1.
    const stored = await storedCiphertexts(t.deps)
    expect(stored.every((s) => s.value.startsWith('v1.k1.'))).toBe(true)
  })
})
