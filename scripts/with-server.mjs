#!/usr/bin/env node
// Runs a command against a fresh local Switchboard (CI's SDK steps): a new SQLite data dir,
// `pnpm cli bootstrap` for an organization and API key, the server on 127.0.0.1:<free port>,
// then the command with SWITCHBOARD_URL, SWITCHBOARD_API_KEY and SWITCHBOARD_WORKSPACE_ID set.
// Stops the server (SIGTERM) and removes the data dir afterwards; exits with the command's code.
//
//   node scripts/with-server.mjs -- python3 -m unittest discover -s sdks/python/tests
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const sep = process.argv.indexOf('--')
const command = sep === -1 ? process.argv.slice(2) : process.argv.slice(sep + 1)
if (command.length === 0) {
  console.error('usage: node scripts/with-server.mjs -- COMMAND [ARGS…]')
  process.exit(2)
}

const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-sdk-'))
const env = {
  LOG_LEVEL: 'warn',
  ...process.env,
  SWITCHBOARD_DATA_DIR: dataDir,
  // The examples' and tests' upstream APIs run on loopback.
  SWITCHBOARD_EGRESS_ALLOW: '127.0.0.1',
}

let server
function cleanup() {
  if (server && server.exitCode === null) server.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}

try {
  const boot = spawnSync(
    tsx,
    [
      path.join(root, 'apps/server/src/cli.ts'),
      'bootstrap',
      '--org',
      'Quickstart',
      '--plan',
      'TEAM',
      '--json',
    ],
    { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  )
  if (boot.status !== 0) throw new Error(`bootstrap failed (exit ${boot.status})`)
  const org = JSON.parse(boot.stdout.trim().split('\n').at(-1))

  server = spawn(tsx, [path.join(root, 'apps/server/src/testing/serve.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000)
    server.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)))
    createInterface({ input: server.stdout }).once('line', (line) => {
      clearTimeout(timer)
      resolve(JSON.parse(line).url)
    })
  })
  console.log(`  Switchboard at ${url} (data dir ${dataDir})`)

  const run = spawnSync(command[0], command.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...env,
      SWITCHBOARD_URL: url,
      SWITCHBOARD_API_KEY: org.apiKey,
      SWITCHBOARD_WORKSPACE_ID: org.workspaceId,
    },
  })
  cleanup()
  process.exit(run.status ?? 1)
} catch (error) {
  console.error(`with-server: ${error.message}`)
  cleanup()
  process.exit(1)
}
