import { createRequire } from 'node:module'

type Undici = typeof import('undici')

/**
 * undici, loaded on the first outbound call rather than at import: it is ~0.2 s of a cold start
 * that answering /healthz never needs (docs/performance.md, Startup). A synchronous require, so
 * the first call needs no `await import` and later calls only read the cached module. (undici is
 * CommonJS; the build keeps it external and lists it in dist/package.json.)
 */
let loaded: Undici | undefined

export function undici(): Undici {
  loaded ??= createRequire(import.meta.url)('undici') as Undici
  return loaded
}
