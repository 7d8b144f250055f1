import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from './openapi-document.ts'

/**
 * The Python SDK's types.py is generated from this document (sdks/python/scripts/generate_types.py);
 * `pnpm test` fails as soon as a route change leaves it behind, before the Python step runs.
 */
const script = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../sdks/python/scripts/generate_types.py',
)

function check(doc: Record<string, unknown>) {
  return spawnSync('python3', [script, '-', '--check'], { input: JSON.stringify(doc), encoding: 'utf8' })
}

describe('sdks/python/switchboard/types.py', () => {
  it('is what the OpenAPI document generates (run python3 sdks/python/scripts/generate_types.py if not)', () => {
    const run = check(openApiDocument('http://localhost:3000'))
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it('the check fails when a route’s output changes', () => {
    const doc = structuredClone(openApiDocument('http://localhost:3000')) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
    }
    const answer = doc.paths['/api/v1/workspaces/{id}']?.get?.responses['200'] as {
      content: { 'application/json': { schema: { properties: Record<string, unknown> } } }
    }
    answer.content['application/json'].schema.properties.extra = { type: 'string' }
    const run = check(doc)
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/out of date/)
  })
})
