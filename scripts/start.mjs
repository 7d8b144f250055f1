/**
 * `pnpm start`: builds the server and the SPA when their output is missing or older than a
 * source, then runs the compiled server in this very process (so Ctrl-C reaches it directly
 * and its exit code is this command's).
 *
 * Stale means: some file under the inputs below is newer than apps/server/dist/main.js (the
 * last thing `pnpm build` writes is the server bundle, after the SPA it copies).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const output = path.join(root, 'apps/server/dist/main.js')
const inputs = [
  'package.json',
  'pnpm-lock.yaml',
  'apps/server/package.json',
  'apps/server/src',
  'apps/server/scripts',
  'apps/web/package.json',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'apps/web/src',
  'apps/web/public',
  'packages/api/src',
  'packages/catalog/src',
  'packages/catalog/logos',
  'packages/core/src',
  'packages/db/src',
]

/** The newest modification time under `p` (tests excluded: they are not in the build). */
function newest(p) {
  let stat
  try {
    stat = statSync(p)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return /\.test\.ts$/.test(p) ? 0 : stat.mtimeMs
  let max = 0
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)))
  return max
}

function staleReason() {
  if (!existsSync(output) || !existsSync(path.join(root, 'apps/server/dist/web/index.html'))) {
    return 'no build yet'
  }
  const built = statSync(output).mtimeMs
  const changed = inputs.find((p) => newest(path.join(root, p)) > built)
  return changed ? `${changed} changed since the last build` : undefined
}

const reason = staleReason()
if (reason) {
  console.log(`Building Switchboard (${reason}) …`)
  const result = spawnSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
await import(pathToFileURL(output).href)
