import type { Database } from '@switchboard/db'
import type { CoreDeps } from '../deps.ts'

/** Every column that holds a ciphertext, and the table's id column: the rotation walks these. */
export const secretColumns = [
  {
    table: 'connections',
    column: 'credentialsCiphertext',
    dbTable: 'connections',
    dbColumn: 'credentials_ciphertext',
  },
  {
    table: 'oauthApps',
    column: 'clientSecretCiphertext',
    dbTable: 'oauth_apps',
    dbColumn: 'client_secret_ciphertext',
  },
  {
    table: 'connectSessions',
    column: 'pkceVerifierCiphertext',
    dbTable: 'connect_sessions',
    dbColumn: 'pkce_verifier_ciphertext',
  },
  {
    table: 'connectSessions',
    column: 'tokensCiphertext',
    dbTable: 'connect_sessions',
    dbColumn: 'tokens_ciphertext',
  },
  {
    table: 'oauthServerSecrets',
    column: 'valueCiphertext',
    dbTable: 'oauth_server_secrets',
    dbColumn: 'value_ciphertext',
  },
  {
    table: 'webhookEndpoints',
    column: 'secretCiphertext',
    dbTable: 'webhook_endpoints',
    dbColumn: 'secret_ciphertext',
  },
  {
    table: 'webhookEndpoints',
    column: 'previousSecretCiphertext',
    dbTable: 'webhook_endpoints',
    dbColumn: 'previous_secret_ciphertext',
  },
  {
    table: 'idempotencyKeys',
    column: 'responseCiphertext',
    dbTable: 'idempotency_keys',
    dbColumn: 'response_ciphertext',
  },
  {
    table: 'ssoLoginAttempts',
    column: 'secretsCiphertext',
    dbTable: 'sso_login_attempts',
    dbColumn: 'secrets_ciphertext',
  },
] as const satisfies ReadonlyArray<{
  table: keyof Database
  column: string
  dbTable: string
  dbColumn: string
}>

export interface RotationReport {
  reEncrypted: number
  /** Rows another writer changed while we worked; they were written with the newest key anyway. */
  skipped: number
  perColumn: Record<string, number>
}

/**
 * Re-encrypts every secret not under the newest key. Safe while the server runs: each row is
 * updated with compare-and-swap on its old ciphertext, so a concurrent write (a refresh, say)
 * is never overwritten with stale data. Run it again until it reports 0.
 */
export async function rotateEncryptionKeys(
  deps: CoreDeps,
  onProgress?: (p: { column: string; done: number }) => void,
): Promise<RotationReport> {
  const report: RotationReport = { reEncrypted: 0, skipped: 0, perColumn: {} }
  const current = `v1.${deps.cipher.currentKeyId}.`
  for (const col of secretColumns) {
    let done = 0
    let after = ''
    for (;;) {
      // Untyped on purpose: the same loop serves every (table, column) of the list above.
      const rows = (await deps.db
        .selectFrom(col.table)
        .select(['id', `${col.column} as value`] as never)
        .where('id' as never, '>', after as never)
        .orderBy('id' as never)
        .limit(200)
        .execute()) as unknown as Array<{ id: string; value: string | null }>
      if (rows.length === 0) break
      for (const row of rows) {
        after = row.id
        if (row.value === null || row.value.startsWith(current)) continue
        const at = { table: col.dbTable, column: col.dbColumn, rowId: row.id }
        const fresh = deps.cipher.encrypt(deps.cipher.decrypt(row.value, at), at)
        const result = await deps.db
          .updateTable(col.table)
          .set({ [col.column]: fresh } as never)
          .where('id' as never, '=', row.id as never)
          .where(col.column as never, '=', row.value as never)
          .executeTakeFirst()
        if (result.numUpdatedRows > 0n) {
          report.reEncrypted++
          done++
        } else report.skipped++
      }
      onProgress?.({ column: `${col.dbTable}.${col.dbColumn}`, done })
    }
    report.perColumn[`${col.dbTable}.${col.dbColumn}`] = done
  }
  return report
}
