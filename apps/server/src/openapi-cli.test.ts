import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx')

describe('pnpm openapi (the real process)', () => {
  it('exits 0 without an EPIPE crash when its reader stops early (`pnpm openapi | head`)', async () => {
    const child = spawn(tsx, ['src/openapi-cli.ts'], { cwd: serverDir, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    // Like `head -c`: read the first chunk, then close the pipe while the document is still
    // being written (it is far bigger than a pipe's buffer).
    const first = await new Promise<string>((resolve) => {
      child.stdout.once('data', (chunk: Buffer) => {
        child.stdout.destroy()
        resolve(chunk.toString('utf8'))
      })
    })
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
    expect(first.startsWith('{')).toBe(true)
    expect(stderr).not.toMatch(/EPIPE|Unhandled/)
    expect(code).toBe(0)
  }, 60_000)
})
