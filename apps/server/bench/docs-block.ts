import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/**
 * Rewrites the `<!-- name:start -->` … `<!-- name:end -->` block of docs/performance.md with a
 * benchmark's heading and table; the prose around it is not machine-written.
 */
export function writeDocsBlock(name: string, heading: string, lines: string[]): void {
  const file = path.join(root, 'docs/performance.md')
  const block = [`<!-- ${name}:start -->`, heading, '', ...lines, `<!-- ${name}:end -->`].join('\n')
  const doc = readFileSync(file, 'utf8')
  const marked = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`)
  if (!marked.test(doc)) throw new Error(`${file} has no <!-- ${name}:start --> … <!-- ${name}:end --> block`)
  writeFileSync(file, doc.replace(marked, block))
  // Keep the file as the linter formats it, so `pnpm lint` stays green after a --write.
  spawnSync(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', file], { stdio: 'ignore' })
  console.error(`Wrote ${file}`)
}
