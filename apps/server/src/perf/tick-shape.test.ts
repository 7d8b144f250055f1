import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tickShapeEnabled } from './tick-shape.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const tickShape = pathToFileURL(path.join(here, 'tick-shape.ts')).href

/**
 * A Node process that queues some ticks, goes idle (nothing queued) through two full GCs,
 * queues more, and prints V8's view of nextTick's inline caches. `pin` keeps an entry first.
 */
async function nextTickFeedback(pin: boolean, flag?: string): Promise<string> {
  const script = `
    if (${pin}) (await import(${JSON.stringify(tickShape)})).keepTickShapeAlive()
    const ticks = (n) => new Promise((resolve) => {
      let left = n
      const step = () => (--left > 0 ? process.nextTick(step) : resolve())
      process.nextTick(step)
    })
    await ticks(100)
    await new Promise((r) => setTimeout(r, 10))
    globalThis.gc()
    globalThis.gc()
    await ticks(100)
    new Function('f', '%DebugPrint(f)')(process.nextTick)
  `
  // V8 prints straight to the file descriptor; a pipe from this process is non-blocking and
  // would drop what does not fit, so the child writes to a file.
  const dir = mkdtempSync(path.join(tmpdir(), 'tick-shape-'))
  const out = path.join(dir, 'stdout')
  let fd: number | undefined
  try {
    fd = openSync(out, 'w')
    const child = spawn(
      process.execPath,
      ['--allow-natives-syntax', '--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: here,
        stdio: ['ignore', fd, 'inherit'],
        timeout: 20_000,
        env: { ...process.env, SWITCHBOARD_TICK_SHAPE: flag ?? '' },
      },
    )
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
    // Only the lines that say how nextTick's literal caches stand.
    return readFileSync(out, 'utf8')
      .split('\n')
      .filter((line) => line.includes('DefineKeyedOwnPropertyInLiteral'))
      .join('\n')
  } finally {
    if (fd !== undefined) closeSync(fd)
    rmSync(dir, { recursive: true, force: true })
  }
}

const megamorphic = /DefineKeyedOwnPropertyInLiteral MEGAMORPHIC/

describe('keepTickShapeAlive', () => {
  it('keeps nextTick from going megamorphic after a full GC on an idle process', async () => {
    // Without it, the GC takes the entries' maps and the literal's cache goes megamorphic
    // (this shows the test sets up the case it guards; on a V8 without the behaviour it
    // fails, and the workaround can go).
    expect(await nextTickFeedback(false)).toMatch(megamorphic)
    const pinned = await nextTickFeedback(true)
    expect(pinned).toMatch(/DefineKeyedOwnPropertyInLiteral MONOMORPHIC/)
    expect(pinned).not.toMatch(megamorphic)
  }, 30_000)
})

describe('SWITCHBOARD_TICK_SHAPE', () => {
  it('is on by default, off with "off", and refuses anything else', () => {
    expect(tickShapeEnabled({})).toBe(true)
    expect(tickShapeEnabled({ SWITCHBOARD_TICK_SHAPE: 'on' })).toBe(true)
    expect(tickShapeEnabled({ SWITCHBOARD_TICK_SHAPE: 'off' })).toBe(false)
    expect(() => tickShapeEnabled({ SWITCHBOARD_TICK_SHAPE: 'no' })).toThrow(/must be "on" or "off"/)
  })

  it('off leaves nextTick to go megamorphic as without the pin', async () => {
    expect(await nextTickFeedback(true, 'off')).toMatch(megamorphic)
  }, 30_000)
})
