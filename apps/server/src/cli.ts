import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import {
  AppError,
  addPlatformOAuthApp,
  apiKeyScopes,
  bootstrapOrganization,
  insertApiKey,
  PlanSchema,
  resetUserPassword,
  rotateEncryptionKeys,
} from '@switchboard/core'
import { migrateToLatest, openDatabase } from '@switchboard/db'
import { createCoreDeps } from './deps.ts'
import { readEnv } from './env.ts'
import { createLogger } from './logger.ts'

const USAGE = `Usage: pnpm cli <command> [options]

Commands:
  bootstrap --org NAME [--plan FREE|TEAM|SCALE|ENTERPRISE] [--workspace NAME]
            [--email E --password P] [--json]
      Create an organization with a workspace and an API key (and its owner user).
  api-key create --org ORGANIZATION_ID [--name NAME] [--scopes a,b] [--workspace ID[,ID]] [--json]
      Create another API key for an organization: full access unless --scopes names what it
      may do (docs/access.md), every workspace unless --workspace narrows it.
  keys rotate
      Re-encrypt every stored secret with the newest key of SWITCHBOARD_ENCRYPTION_KEYS.
  oauth-app add --platform --integration NAME --client-id ID --client-secret SECRET [--scopes "a b"]
      Register a platform-managed OAuth app, available to every organization.
  user reset-password --email E [--password P | --password-stdin] [--json]
      Set a dashboard user's password (generated and printed unless given) and end all of
      that user's sessions.
  migrate
      Apply pending database migrations.

Works whether or not the server is running; reads the same environment as the server.`

/** A mistake in the command line: the message is printed with the usage. */
export class UsageError extends Error {}

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<void> {
  const [command, sub] = argv
  if (command === undefined || command === '--help' || command === '-h') {
    out(USAGE)
    return
  }
  const { values } = parseArgs({
    args: argv.slice(
      command === 'api-key' || command === 'keys' || command === 'oauth-app' || command === 'user' ? 2 : 1,
    ),
    options: {
      org: { type: 'string' },
      plan: { type: 'string', default: 'FREE' },
      workspace: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
      platform: { type: 'boolean', default: false },
      integration: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      scopes: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (!command || values.help) {
    out(USAGE)
    return
  }
  const env = readEnv()
  // CLI output is for people and scripts: logs go to stderr.
  const logger = createLogger(env.logLevel === 'info' ? 'warn' : env.logLevel, process.stderr)

  if (command === 'migrate') {
    const database = openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir })
    try {
      const applied = await migrateToLatest(database.db)
      out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
    } finally {
      await database.close()
    }
    return
  }

  const { core, database } = await createCoreDeps(env, logger)
  try {
    if (command === 'bootstrap') {
      if (!values.org) throw new UsageError('bootstrap needs --org NAME')
      const plan = PlanSchema.safeParse(values.plan.toUpperCase())
      if (!plan.success) throw new UsageError('--plan must be FREE, TEAM, SCALE or ENTERPRISE')
      if ((values.email === undefined) !== (values.password === undefined)) {
        throw new UsageError('--email and --password go together')
      }
      const result = await bootstrapOrganization(core, {
        organizationName: values.org,
        plan: plan.data,
        ...(values.workspace !== undefined && { workspaceName: values.workspace }),
        ...(values.email !== undefined && { email: values.email }),
        ...(values.password !== undefined && { password: values.password }),
      })
      if (values.json) out(JSON.stringify(result))
      else {
        out(`Organization ${result.organizationId}`)
        out(`Workspace    ${result.workspaceId}`)
        if (result.userId) out(`Owner user   ${result.userId} (${values.email})`)
        out(`API key      ${result.apiKey}`)
        out('The API key is shown once; store it now.')
      }
      return
    }
    if (command === 'api-key' && sub === 'create') {
      if (!values.org) throw new UsageError('api-key create needs --org ORGANIZATION_ID')
      const org = await core.db
        .selectFrom('organizations')
        .select('id')
        .where('id', '=', values.org)
        .executeTakeFirst()
      if (!org) throw new UsageError(`No organization ${values.org}`)
      const list = (v: string | undefined) =>
        v === undefined ? undefined : v.split(/[\s,]+/).filter((s) => s !== '')
      const scopes = list(values.scopes)
      const unknown = scopes?.find((s) => !(apiKeyScopes as readonly string[]).includes(s))
      if (unknown !== undefined || scopes?.length === 0) {
        throw new UsageError(`Unknown scope "${unknown ?? ''}"; one of: ${apiKeyScopes.join(', ')}`)
      }
      const workspaceIds = list(values.workspace)
      for (const w of workspaceIds ?? []) {
        const found = await core.db
          .selectFrom('workspaces')
          .select('id')
          .where('id', '=', w)
          .where('organizationId', '=', org.id)
          .executeTakeFirst()
        if (!found) throw new UsageError(`No workspace ${w} in organization ${org.id}`)
      }
      const { apiKey, key } = await insertApiKey(core, org.id, values.name ?? 'CLI key', {
        scopes,
        workspaceIds,
      })
      out(values.json ? JSON.stringify({ id: apiKey.id, apiKey: key }) : key)
      return
    }
    if (command === 'keys' && sub === 'rotate') {
      const report = await rotateEncryptionKeys(core, ({ column, done }) => {
        process.stderr.write(`  ${column}: ${done} re-encrypted\n`)
      })
      out(`Re-encrypted ${report.reEncrypted} secrets with key "${core.cipher.currentKeyId}".`)
      if (report.skipped > 0)
        out(`${report.skipped} changed while rotating; run again to confirm none are left.`)
      return
    }
    if (command === 'oauth-app' && sub === 'add') {
      if (!values.platform)
        throw new UsageError('Tenant apps are added through the API; pass --platform for a platform app')
      if (!values.integration || !values['client-id'] || !values['client-secret']) {
        throw new UsageError('oauth-app add needs --integration, --client-id and --client-secret')
      }
      const app = await addPlatformOAuthApp(core, {
        integrationName: values.integration,
        clientId: values['client-id'],
        clientSecret: values['client-secret'],
        ...(values.scopes !== undefined && { scopes: values.scopes.split(/[\s,]+/).filter(Boolean) }),
      })
      out(
        values.json
          ? JSON.stringify({ oauthApp: app })
          : `Platform OAuth app ${app.id} for ${app.integrationName}`,
      )
      return
    }
    if (command === 'user' && sub === 'reset-password') {
      if (!values.email) throw new UsageError('user reset-password needs --email E')
      if (values.password !== undefined && values['password-stdin']) {
        throw new UsageError('--password and --password-stdin do not go together')
      }
      const password = values['password-stdin'] ? await readFirstLine(process.stdin) : values.password
      const result = await resetUserPassword(core, {
        email: values.email,
        ...(password !== undefined && { password }),
      })
      if (values.json) {
        out(
          JSON.stringify({
            userId: result.userId,
            email: result.email,
            revokedSessions: result.revokedSessions,
            ...(result.generated && { password: result.password }),
          }),
        )
      } else {
        out(`Password of ${result.email} reset; ${result.revokedSessions} session(s) ended.`)
        if (result.generated) {
          out(`New password ${result.password}`)
          out('The password is shown once; hand it over safely.')
        }
      }
      return
    }
    throw new UsageError(`Unknown command: ${[command, sub].filter(Boolean).join(' ')}`)
  } finally {
    await database.close()
  }
}

/** The first line of a stream (a password piped in), without its line ending. */
async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  for await (const chunk of stream) {
    text += String(chunk)
    if (text.includes('\n')) break
  }
  return text.split(/\r?\n/, 1)[0] ?? ''
}

// Compared as paths, not strings: import.meta.url is percent-encoded (a checkout under
// "/home/Jane Doe/" would otherwise never run) and argv[1] may be a relative or linked path.
function isMainModule(): boolean {
  try {
    return process.argv[1] !== undefined && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])
  } catch {
    return false
  }
}
const isMain = isMainModule()
if (isMain) {
  runCli(process.argv.slice(2)).catch((err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`)
    else if (err instanceof AppError) console.error(`${err.code}: ${err.message}`)
    else console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
