// Writes src/schema.d.ts from the route table's OpenAPI document; with --check, fails (exit 1)
// when the committed file differs from what the document generates (the SDK has drifted).
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { generateSchema, openApiDocument } from './schema.ts'

const target = fileURLToPath(new URL('../src/schema.d.ts', import.meta.url))
const fresh = await generateSchema(openApiDocument())

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '')
  if (committed !== fresh) {
    process.stderr.write(
      'packages/sdk/src/schema.d.ts is out of date with the route table: run `pnpm --filter @switchboard/sdk generate` and commit it\n',
    )
    process.exit(1)
  }
  process.stdout.write('packages/sdk/src/schema.d.ts matches the OpenAPI document\n')
} else {
  await writeFile(target, fresh)
  process.stdout.write(`wrote ${target}\n`)
}
