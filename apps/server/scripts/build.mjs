/**
 * `pnpm --filter @switchboard/server build`: the compiled server in apps/server/dist.
 *
 *   dist/main.js   the server (`node dist/main.js`)
 *   dist/cli.js    the admin CLI (`node dist/cli.js bootstrap …`)
 *   dist/logos/    the catalog's logos (packages/catalog/logos)
 *   dist/web/      the built SPA (apps/web/dist, built first by turbo)
 *   dist/package.json  the runtime dependencies (what esbuild left external), pinned:
 *                  a copy of dist/ plus `pnpm install --prod` in it runs (Dockerfile)
 *
 * The workspace packages (TypeScript sources imported with `.ts` extensions) are bundled;
 * every npm package stays external and is loaded from node_modules, so native modules
 * (better-sqlite3) and packages read by path (oidc-provider's internals) work as they are.
 * An external package must be a dependency of @switchboard/server itself, or a clean install
 * of its production dependencies (the Docker image, `pnpm deploy --prod`) could not find it:
 * the build fails naming it.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const declared = new Set(Object.keys(pkg.dependencies ?? {}))

/** The package a bare specifier names: `fastify`, `@fastify/static`, `oidc-provider/lib/x.js` → `oidc-provider`. */
function packageOf(specifier) {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
}

/**
 * Packages the server reads by path or loads with createRequire() (swagger-ui-dist's files;
 * undici, required on the first outbound call), which esbuild cannot see.
 */
const READ_BY_PATH = ['swagger-ui-dist', 'undici']

const missing = new Set()
const externals = new Set()
const npmExternal = {
  name: 'npm-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true }
      const name = packageOf(args.path)
      if (name.startsWith('@switchboard/')) return undefined
      externals.add(name)
      if (!declared.has(name)) missing.add(`${name} (imported by ${path.relative(root, args.importer)})`)
      return { external: true }
    })
  },
}

rmSync(dist, { recursive: true, force: true })
const started = Date.now()
await build({
  entryPoints: { main: path.join(root, 'src/main.ts'), cli: path.join(root, 'src/cli.ts') },
  outdir: dist,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [npmExternal],
})
if (missing.size > 0) {
  rmSync(dist, { recursive: true, force: true })
  console.error(
    `The server imports packages it does not depend on; add them to apps/server/package.json:\n  ${[...missing].join('\n  ')}`,
  )
  process.exit(1)
}

cpSync(path.join(root, '../../packages/catalog/logos'), path.join(dist, 'logos'), { recursive: true })
const web = path.join(root, '../web/dist')
if (existsSync(path.join(web, 'index.html'))) {
  cpSync(web, path.join(dist, 'web'), { recursive: true })
} else {
  console.warn(
    'apps/web/dist is missing: the compiled server will serve no dashboard (pnpm build builds both)',
  )
}
// Packages the server reads files of by path at run time (not imports esbuild can see).
for (const name of READ_BY_PATH) {
  if (!declared.has(name)) missing.add(`${name} (read by path at run time)`)
  externals.add(name)
}
if (missing.size > 0) {
  console.error(`Not dependencies of @switchboard/server:\n  ${[...missing].join('\n  ')}`)
  process.exit(1)
}
// What the bundle loads from node_modules, for whoever packages it: the list, and a
// package.json pinning the installed versions, so that `pnpm install --prod` (or npm) in a copy
// of dist/ installs exactly the runtime dependencies (the Docker image, the clean-copy test).
const sorted = [...externals].sort()
writeFileSync(path.join(dist, 'externals.json'), `${JSON.stringify(sorted, null, 2)}\n`)
const pinned = Object.fromEntries(
  sorted.map((name) => [
    name,
    JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version,
  ]),
)
const runtimePackage = {
  name: 'switchboard-server',
  version: pkg.version,
  private: true,
  type: 'module',
  engines: { node: '>=20.19' },
  scripts: { start: 'exec node main.js' },
  dependencies: pinned,
  pnpm: { onlyBuiltDependencies: ['better-sqlite3'] },
}
writeFileSync(path.join(dist, 'package.json'), `${JSON.stringify(runtimePackage, null, 2)}\n`)
console.log(`apps/server/dist built in ${Date.now() - started} ms`)
