import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const here = path.dirname(fileURLToPath(import.meta.url))
const serverRoot = path.resolve(here, '../..')

let compiled: Promise<string> | undefined
/**
 * serve.ts compiled once per test process, as scripts/build.mjs compiles main.ts (workspace
 * packages bundled, npm packages external, loaded from apps/server/node_modules): a server
 * started from it is up in a fraction of the time tsx takes to transpile the sources on every
 * start, which matters to tests that restart servers many times (the kill -9 drills). The
 * catalog's logos are copied beside it, where the bundled catalog looks for them.
 */
export function compiledServeScript(): Promise<string> {
  compiled ??= (async () => {
    // One folder for every run (ignored by git, under node_modules); a file per test worker.
    const dir = path.join(serverRoot, 'node_modules/.cache/switchboard-serve')
    const bin = path.join(dir, 'bin')
    mkdirSync(bin, { recursive: true })
    // Bundles of earlier runs (a worker ended without its exit handler) are cleared.
    for (const old of readdirSync(bin)) {
      const at = path.join(bin, old)
      if (Date.now() - statSync(at).mtimeMs > 3600_000) rmSync(at, { force: true })
    }
    const file = path.join(bin, `serve-${process.pid}-${randomBytes(4).toString('hex')}.mjs`)
    await build({
      entryPoints: [path.join(here, 'serve.ts')],
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      plugins: [
        {
          name: 'npm-external',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith('@switchboard/') ? undefined : { external: true },
            )
          },
        },
      ],
    })
    cpSync(path.resolve(serverRoot, '../../packages/catalog/logos'), path.join(dir, 'logos'), {
      recursive: true,
    })
    process.once('exit', () => rmSync(file, { force: true }))
    return file
  })()
  return compiled
}

export interface ChildServer {
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

/**
 * Runs testing/serve.ts in its own Node process with the given environment; `compiled`: from
 * its compiled bundle (compiledServeScript) instead of through tsx; `nodeArgs`: Node options
 * before the script.
 */
export async function startChildServer(
  env: Record<string, string>,
  options: { compiled?: boolean; nodeArgs?: string[] } = {},
): Promise<ChildServer> {
  const args = [
    // e.g. --cpu-prof (Node refuses it in NODE_OPTIONS).
    ...(options.nodeArgs ?? []),
    ...(options.compiled ? [await compiledServeScript()] : ['--import', 'tsx', path.join(here, 'serve.ts')]),
  ]
  const child = spawn(process.execPath, args, {
    cwd: serverRoot,
    env: { ...process.env, LOG_LEVEL: 'error', SWITCHBOARD_REFRESH_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child server did not start: ${stderr}`)), 60_000)
    child.once('exit', (code) => reject(new Error(`child server exited (${code}): ${stderr}`)))
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (!line) return
      clearTimeout(timer)
      const { url } = JSON.parse(line) as { url: string }
      resolve({
        url,
        process: child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}
