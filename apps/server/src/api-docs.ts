import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { errors, type RouteDoc, text } from '@switchboard/api'
import { AppError } from '@switchboard/core'
import { z } from 'zod'

/**
 * `GET /api/docs`: Swagger UI over `/api/openapi.json`, every file from our own origin (the
 * swagger-ui-dist package, no CDN), so it runs under the dashboard's policy (scripts from
 * 'self' only: the page has no inline script, its start-up is `/api/docs/init.js`).
 */
const distDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

const INIT_JS = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true })\n`
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Switchboard API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body>
</html>
`

const FileParam = z.object({ file: z.enum(['swagger-ui.css', 'swagger-ui-bundle.js', 'init.js']) })

export const apiDocsRouteDocs: RouteDoc[] = [
  {
    method: 'GET',
    path: '/api/docs',
    access: 'public',
    input: z.object({}),
    summary: 'The API viewer (HTML)',
    responses: { 200: text(['text/html'], 'Swagger UI over /api/openapi.json') },
  },
  {
    method: 'GET',
    path: '/api/docs/:file',
    access: 'public',
    input: FileParam,
    summary: "The viewer's own script and style files",
    responses: {
      200: text(['text/javascript', 'text/css'], 'A script or style sheet of the viewer'),
      ...errors(404),
    },
  },
]

type Route = (
  path: string,
  handler: (
    req: { params: unknown },
    reply: { type(t: string): unknown; header(k: string, v: string): unknown },
  ) => Promise<string | Buffer>,
) => unknown

export function registerApiDocs(get: Route): void {
  const cache = new Map<string, Buffer>()
  get('/api/docs', async (_req, reply) => {
    reply.type('text/html; charset=utf-8')
    return PAGE
  })
  get('/api/docs/:file', async (req, reply) => {
    const parsed = FileParam.safeParse(req.params)
    if (!parsed.success) throw new AppError('NOT_FOUND', 'No such viewer file')
    const { file } = parsed.data
    reply.type(file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8')
    reply.header('cache-control', 'public, max-age=3600')
    if (file === 'init.js') return INIT_JS
    let body = cache.get(file)
    if (!body) {
      body = await readFile(path.join(distDir, file))
      cache.set(file, body)
    }
    return body
  })
}
