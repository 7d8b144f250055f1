import { openApiDocument as serverDocument } from '@switchboard/server/openapi-document'
import openapiTS, { astToString } from 'openapi-typescript'

/**
 * The SDK's types come from the OpenAPI document the server serves at `/api/openapi.json`
 * (the same builder, `pnpm openapi` writes it to a file); its URLs are fixed here (they do not
 * reach the types), so the generated file is the same on every machine.
 */
export function openApiDocument(): Record<string, unknown> {
  return serverDocument('http://localhost:3000')
}

const HEADER = `// Generated from the Switchboard OpenAPI document by \`pnpm --filter @switchboard/sdk generate\`.
// Do not edit: \`pnpm test\` fails when this file differs from what the route table generates.
`

/** The text of src/schema.d.ts for a document. */
export async function generateSchema(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { emptyObjectsUnknown: true })
  return `${HEADER}\n${astToString(ast)}`
}
