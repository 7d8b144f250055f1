import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * Speed code stays in apps/server/src/perf/ (issue #25): outside it, no source under apps/,
 * packages/ or scripts/ (node_modules and build output left out) pins `process.nextTick`,
 * writes into a node_modules path, reassigns a global `console` method, or wraps a database
 * driver in a Proxy. Tests may wrap a database handle to inject faults; that is not speed
 * code, so the Proxy rule reads sources that are not tests.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
const perfDir = path.join(root, 'apps/server/src/perf')
const SKIP = new Set(['node_modules', 'dist', '.turbo', 'coverage', 'test-results'])

function sources(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sources(full))
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry.name)) out.push(full)
  }
  return out
}

const RULES: { name: string; pattern: RegExp; tests: boolean }[] = [
  { name: 'process.nextTick reassigned', pattern: /process\.nextTick\s*=[^=]/, tests: true },
  { name: 'global console method reassigned', pattern: /\bconsole\.\w+\s*=[^=]/, tests: true },
  {
    name: 'write into a node_modules path',
    pattern:
      /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|copyFileSync|copyFile|renameSync|rename|cpSync|symlinkSync)\s*\([^)\n]*node_modules/,
    tests: true,
  },
  {
    name: 'Proxy around a database driver',
    pattern: /new Proxy\(\s*[\w.]*(db|driver|kysely|pool|sqlite|connection|executor)\b/i,
    tests: false,
  },
]

/** The offences of one rule in one file's text. */
export function offences(text: string, rule: (typeof RULES)[number]): string[] {
  return text.split('\n').filter((line) => rule.pattern.test(line))
}

describe('speed code is contained in apps/server/src/perf/', () => {
  const files = ['apps', 'packages', 'scripts']
    .flatMap((d) => sources(path.join(root, d)))
    .filter((f) => !f.startsWith(perfDir + path.sep))

  it('reads the workspace sources', () => {
    // Enough files that a wrong root would show: the core alone has dozens.
    expect(files.length).toBeGreaterThan(100)
    expect(files.some((f) => f.endsWith(path.join('packages/db/src/change-counter.ts')))).toBe(true)
  })

  for (const rule of RULES) {
    it(`finds no ${rule.name} outside perf/`, () => {
      const found: string[] = []
      for (const file of files) {
        if (!rule.tests && /\.test\.tsx?$/.test(file)) continue
        for (const line of offences(readFileSync(file, 'utf8'), rule)) {
          found.push(`${path.relative(root, file)}: ${line.trim()}`)
        }
      }
      expect(found).toEqual([])
    })
  }

  it('each rule catches what it is written for', () => {
    const samples: Record<string, string> = {
      'process.nextTick reassigned': 'process.nextTick = (fn) => queueMicrotask(fn)',
      'global console method reassigned': 'console.log = () => {}',
      'write into a node_modules path':
        "writeFileSync(path.join(dir, 'node_modules/oidc-provider/lib/als.js'), s)",
      'Proxy around a database driver': 'const db = new Proxy(kysely, handler)',
    }
    for (const rule of RULES) expect(offences(samples[rule.name] as string, rule)).toHaveLength(1)
    // And not the comparisons and reads that look alike.
    for (const rule of RULES) {
      expect(
        offences("if (process.nextTick === tick) console.log('x'); readFileSync('node_modules/x')", rule),
      ).toEqual([])
    }
  })
})

describe('every kept optimisation has its flag in `pnpm bench proxy --flags`', () => {
  it('names each perf/ module in the bench and gives it a test', () => {
    const bench = readFileSync(path.join(root, 'apps/server/bench/proxy.ts'), 'utf8')
    const modules = readdirSync(perfDir).filter((f) => f.endsWith('.ts') && !f.includes('.test.'))
    expect(modules.sort()).toEqual(['read-cache.ts', 'tick-shape.ts'])
    // Each module's comment names its bench figure and its off switch; the bench turns it off.
    for (const [module, flag] of [
      ['tick-shape.ts', 'SWITCHBOARD_TICK_SHAPE'],
      ['read-cache.ts', 'SWITCHBOARD_READ_CACHE_MS'],
    ] as const) {
      const text = readFileSync(path.join(perfDir, module), 'utf8')
      expect(text).toContain('Bench figure')
      expect(text).toContain(flag)
      expect(bench).toContain(flag)
      const tests = readdirSync(perfDir).filter(
        (f) => f.startsWith(module.replace('.ts', '.')) && f.includes('.test.'),
      )
      expect(tests.length).toBeGreaterThan(0)
    }
  })
})
