/**
 * `pnpm --filter @switchboard/connect build`: dist/connect.js, one ES module for browsers
 * (`<script type="module">import { openConnect } from '/connect.js'</script>` or any bundler).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const here = path.dirname(fileURLToPath(import.meta.url))

/** The browser bundle's code. */
export async function bundleConnect(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, 'src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    write: false,
    logLevel: 'warning',
  })
  const [file] = result.outputFiles
  if (!file) throw new Error('esbuild wrote no output')
  return file.text
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(path.join(here, 'dist'), { recursive: true })
  writeFileSync(path.join(here, 'dist/connect.js'), await bundleConnect())
  console.log('packages/connect/dist/connect.js built')
}
