/**
 * `pnpm bench <name>`: each benchmark is a ratio or a count measured in one run.
 *   proxy          the three proxy routes at info against bare proxies (bench/proxy.ts)
 *   resolve        the hot reads at 1 k and 1 M connections (SQLite), 100 k (PostgreSQL)
 *   scale          1, 2, 3 server processes on one PostgreSQL (bench/scale.ts)
 *   refresh-storm  1,000 concurrent calls on an expired token: exactly 1 refresh (bench/refresh-storm.ts)
 *   flow           hosted OAuth connect flows per second, end to end (bench/flow.ts)
 *   webhooks       outbox deliveries/s, and the proxy with an endpoint subscribed vs none (bench/webhooks.ts)
 *   startup        server start-up (bench/startup.ts)
 *   core           the proxy's core function without HTTP (bench/core.ts)
 *   instructions   instructions per request under valgrind (bench/instructions.ts)
 */
const benches: Record<string, () => Promise<unknown>> = {
  proxy: () => import('./proxy.ts'),
  resolve: () => import('./resolve.ts'),
  scale: () => import('./scale.ts'),
  'refresh-storm': () => import('./refresh-storm.ts'),
  flow: () => import('./flow.ts'),
  webhooks: () => import('./webhooks.ts'),
  startup: () => import('./startup.ts'),
  core: () => import('./core.ts'),
  instructions: () => import('./instructions.ts'),
}
const which = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'proxy'
const bench = benches[which]
if (!bench) {
  console.error(`Unknown benchmark "${which}". Available: ${Object.keys(benches).join(', ')}`)
  process.exit(1)
}
await bench()

export {}
