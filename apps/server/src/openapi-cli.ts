import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openApiDocument } from './openapi-document.ts'

/**
 * `pnpm openapi [--out FILE] [--public-url URL]`: the OpenAPI document `GET /api/openapi.json`
 * serves, written without starting a server (to stdout unless `--out`), for the SDK's type
 * generator and CI's drift check. The document is deterministic: the same route table gives
 * the same bytes.
 */
const { values } = parseArgs({
  options: {
    out: { type: 'string', short: 'o' },
    'public-url': { type: 'string', default: 'http://localhost:3000' },
  },
})
const json = `${JSON.stringify(openApiDocument(values['public-url'].replace(/\/$/, '')), null, 2)}\n`
if (values.out) writeFileSync(values.out, json)
else {
  // A reader that stops early (`pnpm openapi | head`) closes the pipe: that is its choice,
  // not a failure, so stop quietly instead of crashing on the unhandled EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
  process.stdout.write(json)
}
