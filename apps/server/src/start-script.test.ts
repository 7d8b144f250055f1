import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

/**
 * `pnpm start` (scripts/start.mjs) builds only when the output is missing or older than a
 * source, then runs the compiled server. The real script runs here, copied into a scratch
 * repository layout, with `pnpm` on PATH a recorder standing in for the minutes-long
 * `pnpm run build` (it writes the output a build writes): each case checks whether it built.
 */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

let root: string
const T0 = new Date('2026-01-01T00:00:00Z')
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)

function file(rel: string, content: string, mtime: Date) {
  const p = path.join(root, rel)
  mkdirSync(path.dirname(p), { recursive: true })
  writeFileSync(p, content)
  utimesSync(p, mtime, mtime)
}

/** A built tree: sources at T0, the output (SPA first, the server bundle last) at T0 + 60 s. */
function built() {
  file('apps/web/src/main.tsx', 'export {}\n', T0)
  file('apps/server/src/main.ts', 'export {}\n', T0)
  file('packages/core/src/index.ts', 'export {}\n', T0)
  file('pnpm-lock.yaml', 'lockfileVersion: 9\n', T0)
  file('apps/server/dist/web/index.html', '<!doctype html>\n', at(59))
  file('apps/server/dist/main.js', "console.log('compiled server ran')\n", at(60))
}

function start(env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [path.join(root, 'scripts/start.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${path.join(root, 'bin')}${path.delimiter}${process.env.PATH}`, ...env },
    timeout: 30_000,
  })
  const log = path.join(root, 'build.log')
  return {
    status: res.status,
    stdout: res.stdout,
    builds: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [],
  }
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'switchboard-start-'))
  mkdirSync(path.join(root, 'scripts'))
  copyFileSync(path.join(repo, 'scripts/start.mjs'), path.join(root, 'scripts/start.mjs'))
  mkdirSync(path.join(root, 'bin'))
  const pnpm = path.join(root, 'bin/pnpm')
  writeFileSync(
    pnpm,
    `#!/bin/sh
echo "$*" >> build.log
[ -n "$FAIL_BUILD" ] && exit 3
mkdir -p apps/server/dist/web
echo '<!doctype html>' > apps/server/dist/web/index.html
echo "console.log('compiled server ran')" > apps/server/dist/main.js
`,
  )
  chmodSync(pnpm, 0o755)
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('scripts/start.mjs: build when missing or stale, then run the compiled server', () => {
  it('builds when there is no build yet, then runs it', () => {
    file('apps/server/src/main.ts', 'export {}\n', T0)
    const run = start()
    expect(run.builds).toEqual(['run build'])
    expect(run.stdout).toContain('no build yet')
    expect(run.stdout).toContain('compiled server ran')
    expect(run.status).toBe(0)
  })

  it('runs an up-to-date build without building', () => {
    built()
    const run = start()
    expect(run.builds).toEqual([])
    expect(run.stdout.trim()).toBe('compiled server ran')
    expect(run.status).toBe(0)
  })

  it.each([
    ['apps/server/src/routes/new.ts', 'apps/server/src'],
    ['apps/web/src/pages/Page.tsx', 'apps/web/src'],
    ['packages/core/src/index.ts', 'packages/core/src'],
    ['packages/db/src/migrations/0099_x.ts', 'packages/db/src'],
    ['pnpm-lock.yaml', 'pnpm-lock.yaml'],
  ])('rebuilds when %s is newer than the build', (changed, input) => {
    built()
    file(changed, 'export const changed = 1\n', at(120))
    const run = start()
    expect(run.builds).toEqual(['run build'])
    expect(run.stdout).toContain(`(${input} changed since the last build)`)
    expect(run.stdout).toContain('compiled server ran')
  })

  it('does not rebuild for a newer test file, nor for a file older than the build', () => {
    built()
    file('apps/server/src/new.test.ts', 'export {}\n', at(120))
    file('packages/core/src/old.ts', 'export {}\n', at(30))
    expect(start().builds).toEqual([])
  })

  it('rebuilds when the SPA is missing from the output', () => {
    built()
    rmSync(path.join(root, 'apps/server/dist/web'), { recursive: true })
    expect(start().builds).toEqual(['run build'])
  })

  it("a failed build is the command's failure: its exit code, and the stale server is not run", () => {
    built()
    file('apps/server/src/main.ts', 'export const broken = 1\n', at(120))
    const run = start({ FAIL_BUILD: '1' })
    expect(run.builds).toEqual(['run build'])
    expect(run.status).toBe(3)
    expect(run.stdout).not.toContain('compiled server ran')
  })
})
