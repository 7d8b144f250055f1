import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * What `pnpm build` produces, run as it is deployed (needs the build: `pnpm test:e2e` builds
 * first). A clean copy of apps/server/dist (the server, the SPA, the logos and a package.json
 * of the runtime dependencies esbuild left external), with those dependencies alone installed
 * into it, serves the SPA and the API; `pnpm start` stops on Ctrl-C or SIGTERM with exit 0
 * and no ELIFECYCLE line.
 */

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../../..')
const dist = path.join(root, 'apps/server/dist')
const temps: string[] = []

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  temps.push(dir)
  return dir
}

interface Started {
  child: ChildProcess
  url: string
  output: () => string
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Spawns a server command and waits for its "Switchboard is running" log line. */
function startLogged(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; detached?: boolean },
) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      PORT: '0',
      SWITCHBOARD_REFRESH_INTERVAL_SECONDS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${out}`)), 60_000)
    void exit.then(({ code }) => reject(new Error(`exited ${code} before listening:\n${out}`)))
    const check = setInterval(() => {
      const line = out.split('\n').find((l) => l.includes('"Switchboard is running"'))
      if (!line) return
      clearInterval(check)
      clearTimeout(timer)
      const { listening } = JSON.parse(line) as { listening: string }
      resolve({ child, url: listening, output: () => out, exit })
    }, 50)
  })
}

describe('the deployable build', () => {
  it('a clean copy of dist/ with only its runtime dependencies serves /healthz, the SPA and the API', async () => {
    expect(existsSync(path.join(dist, 'main.js')), 'run `pnpm build` first (pnpm test:e2e does)').toBe(true)
    const app = tempDir('switchboard-clean-copy-')
    cpSync(dist, app, { recursive: true })
    // The runtime dependencies alone, from the package.json the build wrote (pnpm's store
    // makes this quick; a first run compiles better-sqlite3).
    const install = spawnSync(
      'pnpm',
      ['install', '--prod', '--prefer-offline', '--ignore-workspace', '--config.confirmModulesPurge=false'],
      { cwd: app, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    )
    expect(install.status, install.stdout + install.stderr).toBe(0)
    // Nothing but what package.json lists sits at the top of node_modules.
    const installed = readdirSync(path.join(app, 'node_modules'))
      .filter((n) => !n.startsWith('.'))
      .flatMap((n) =>
        n.startsWith('@') ? readdirSync(path.join(app, 'node_modules', n)).map((m) => `${n}/${m}`) : [n],
      )
      .sort()
    const { dependencies } = (await import(path.join(app, 'package.json'), { with: { type: 'json' } }))
      .default as {
      dependencies: Record<string, string>
    }
    expect(installed).toEqual(Object.keys(dependencies).sort())
    expect(installed).not.toContain('tsx')
    expect(installed).not.toContain('@switchboard/core')

    const data = tempDir('switchboard-clean-data-')
    const server = await startLogged(process.execPath, ['main.js'], {
      cwd: app,
      env: { SWITCHBOARD_DATA_DIR: data, NODE_PATH: '' },
    })
    try {
      const health = await fetch(`${server.url}/healthz`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' })

      const spa = await fetch(`${server.url}/`)
      expect(spa.status).toBe(200)
      const html = await spa.text()
      expect(html).toContain('<div id="root">')
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
      expect(script).toBeDefined()
      expect((await fetch(`${server.url}${script}`)).status).toBe(200)
      expect((await fetch(`${server.url}/app/connections`)).headers.get('content-type')).toContain(
        'text/html',
      )

      const doc = await fetch(`${server.url}/api/openapi.json`)
      expect(doc.status).toBe(200)
      expect(((await doc.json()) as { openapi: string }).openapi).toMatch(/^3\.1\./)
      // Read from node_modules by path at run time: present in the clean copy too.
      expect((await fetch(`${server.url}/api/docs/swagger-ui-bundle.js`)).status).toBe(200)
      expect((await fetch(`${server.url}/api/v1/no-such-route`)).status).toBe(404)

      // The copy's own CLI makes an organization in the running server's database; its key works.
      const bootstrap = spawnSync(
        process.execPath,
        ['cli.js', 'bootstrap', '--org', 'Dist', '--plan', 'TEAM', '--json'],
        { cwd: app, encoding: 'utf8', env: { ...process.env, SWITCHBOARD_DATA_DIR: data, NODE_PATH: '' } },
      )
      expect(bootstrap.status, bootstrap.stderr).toBe(0)
      const { apiKey } = JSON.parse(bootstrap.stdout.trim().split('\n').at(-1) ?? '{}') as { apiKey: string }
      expect(apiKey).toMatch(/^sk_/)
      const list = await fetch(`${server.url}/api/v1/connections`, {
        headers: { authorization: `Bearer ${apiKey}` },
      })
      expect(list.status).toBe(200)
      expect(await list.json()).toMatchObject({ connections: [] })
      const wrong = await fetch(`${server.url}/api/v1/connections`, {
        headers: { authorization: 'Bearer sk_wrong' },
      })
      expect(wrong.status).toBe(401)

      server.child.kill('SIGTERM')
      expect(await server.exit).toEqual({ code: 0, signal: null })
    } finally {
      server.child.kill('SIGKILL')
    }
  }, 300_000)

  for (const how of ['Ctrl-C (SIGINT to the process group)', 'SIGTERM to pnpm'] as const) {
    it(`pnpm start stops on ${how}: exit 0, no ELIFECYCLE`, async () => {
      const data = tempDir('switchboard-start-')
      const started = await startLogged('pnpm', ['start'], {
        cwd: root,
        env: { SWITCHBOARD_DATA_DIR: data },
        detached: true,
      })
      const pid = started.child.pid as number
      try {
        expect((await fetch(`${started.url}/healthz`)).status).toBe(200)
        if (how === 'SIGTERM to pnpm') process.kill(pid, 'SIGTERM')
        else process.kill(-pid, 'SIGINT')
        expect(await started.exit).toEqual({ code: 0, signal: null })
        expect(started.output()).not.toContain('ELIFECYCLE')
        expect(started.output()).toContain('shutting down')
        // The server went with it (no orphan still listening).
        await expect(fetch(`${started.url}/healthz`)).rejects.toThrow()
      } finally {
        try {
          process.kill(-pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }, 120_000)
  }
})
