import { buildOpenApi, type RouteDoc, restRoutes } from '@switchboard/api'
import { z } from 'zod'
import { apiDocsRouteDocs } from './api-docs.ts'
import { SESSION_COOKIE } from './cookies.ts'
import { oauthInteractionRouteDocs } from './oauth-server/plugin.ts'
import { OAUTH_MOUNT, OAUTH_ROUTES } from './oauth-server/provider.ts'

/** `GET /api/openapi.json` itself, so the document lists every route under /api. */
export const openApiRouteDoc: RouteDoc = {
  method: 'GET',
  path: '/api/openapi.json',
  access: 'public',
  input: z.object({}),
  summary: 'This document: OpenAPI 3.1, generated from the route table',
  // The document's own schema is the OpenAPI 3.1 one (its test validates it against that).
  responses: { 200: z.record(z.string(), z.unknown()) },
}

/**
 * Every route the document describes: the REST route table and the routes the host
 * registers itself (the consent API, this document, its viewer).
 */
export const documentedRoutes: readonly RouteDoc[] = [
  ...restRoutes,
  ...oauthInteractionRouteDocs,
  openApiRouteDoc,
  ...apiDocsRouteDocs,
]

/**
 * The OpenAPI 3.1 document of a server reachable at `publicUrl`: what `GET /api/openapi.json`
 * serves, and what `pnpm openapi` writes for the SDK generators.
 */
export function openApiDocument(publicUrl: string): Record<string, unknown> {
  const issuer = `${publicUrl}${OAUTH_MOUNT}`
  return buildOpenApi(documentedRoutes, {
    publicUrl,
    sessionCookie: SESSION_COOKIE,
    oauth: {
      authorizationUrl: `${issuer}${OAUTH_ROUTES.authorization}`,
      tokenUrl: `${issuer}${OAUTH_ROUTES.token}`,
    },
  })
}
