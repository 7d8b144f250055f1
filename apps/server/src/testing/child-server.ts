import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

export interface ChildServer {
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

/** Runs testing/serve.ts in its own Node process with the given environment. */
export function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'serve.ts')], {
    cwd: path.resolve(here, '../..'),
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
