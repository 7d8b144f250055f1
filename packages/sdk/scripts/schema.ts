import { buildOpenApi, restRoutes } from '@switchboard/api'
import openapiTS, { astToString } from 'openapi-typescript'

/**
 * The SDK's types come from the OpenAPI document the server serves at `/api/openapi.json`,
 * built by the same function from the same route table; the URLs in it are fixed here (they
 * do not reach the types), so the generated file is the same on every machine.
 */
export function openApiDocument(): Record<string, unknown> {
  return buildOpenApi(restRoutes, {
    publicUrl: 'http://localhost:3000',
    sessionCookie: 'sb_session',
    oauth: {
      authorizationUrl: 'http://localhost:3000/oauth/auth',
      tokenUrl: 'http://localhost:3000/oauth/token',
    },
  })
}

const HEADER = `// Generated from the Switchboard OpenAPI document by \`pnpm --filter @switchboard/sdk generate\`.
// Do not edit: \`pnpm test\` fails when this file differs from what the route table generates.
`

/** The text of src/schema.d.ts for a document. */
export async function generateSchema(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { emptyObjectsUnknown: true })
  return `${HEADER}\n${astToString(ast)}`
}
