import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { generateSchema, openApiDocument } from '../scripts/schema.ts'

/**
 * The drift check (`pnpm test` runs it; `pnpm --filter @switchboard/sdk check-types` is the
 * same as a script): the committed types are what the route table's document generates, and
 * code using a route's answer stops compiling when the route's output changes.
 */

const here = path.dirname(fileURLToPath(import.meta.url))
const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

describe('src/schema.d.ts', () => {
  it('is what the OpenAPI document generates (run `pnpm --filter @switchboard/sdk generate` if not)', async () => {
    const committed = await readFile(path.join(here, 'schema.d.ts'), 'utf8')
    expect(committed === (await generateSchema(openApiDocument()))).toBe(true)
  })

  /** Type-checks a file using the SDK's answer types against the schema generated from `doc`. */
  async function compile(doc: Record<string, unknown>): Promise<string[]> {
    const dir = await mkdtemp(path.join(tmpdir(), 'sdk-drift-'))
    dirs.push(dir)
    await writeFile(path.join(dir, 'schema.d.ts'), await generateSchema(doc))
    await writeFile(path.join(dir, 'types.ts'), await readFile(path.join(here, 'types.ts'), 'utf8'))
    const fixture = path.join(dir, 'uses-answer.ts')
    await writeFile(
      fixture,
      `import type { Answer } from './types.ts'
declare const answer: Answer<'/api/v1/workspaces/{id}', 'get'>
export const name: string = answer.workspace.name
`,
    )
    const program = ts.createProgram([fixture], {
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      types: [],
      skipLibCheck: true,
    })
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  }

  it('a route whose output changes breaks code using the old shape until regenerated', async () => {
    const doc = openApiDocument()
    expect(await compile(doc)).toEqual([])

    // The same route, its answer's `name` renamed `title`, as a changed `output:` would do.
    const changed = structuredClone(doc)
    const at = (v: unknown, key: string): Record<string, unknown> => {
      const next = (v as Record<string, unknown>)[key]
      if (typeof next !== 'object' || next === null) throw new Error(`no ${key} in the document`)
      return next as Record<string, unknown>
    }
    const route = at(at(changed, 'paths'), '/api/v1/workspaces/{id}')
    const json = at(at(at(at(at(route, 'get'), 'responses'), '200'), 'content'), 'application/json')
    const ws = at(at(at(json, 'schema'), 'properties'), 'workspace')
    const props = at(ws, 'properties')
    props.title = props.name
    delete props.name
    ws.required = (ws.required as string[]).map((k) => (k === 'name' ? 'title' : k))

    const errors = await compile(changed)
    expect(errors.join('\n')).toMatch(/Property 'name' does not exist/)
  })
})
