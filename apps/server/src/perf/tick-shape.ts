import { createHook } from 'node:async_hooks'

/**
 * PERF (apps/server/src/perf/): not plain code, kept here on purpose. Bench figure it buys:
 * `pnpm bench proxy --flags`, row "Switchboard GET …/request/* (SWITCHBOARD_TICK_SHAPE=off)"
 * against the default row — about 3.5 µs of CPU per proxied request, 3–4 % of the proxy's
 * CPU time (docs/performance.md). `SWITCHBOARD_TICK_SHAPE=off` turns it off.
 *
 * Keeps one of `process.nextTick`'s queue entries alive for the life of the process, so that
 * the hidden classes (maps) of those entries never die.
 *
 * Why: Node 20's nextTick builds each entry as an object literal with symbol keys. On V8 11.3
 * the inline cache of such a literal holds its map weakly, and goes from monomorphic straight
 * to megamorphic when it meets any other map, for good. A full garbage collection while no
 * entry is queued (an idle server: the memory reducer runs one soon after start-up) lets the
 * maps die; the next entry builds new ones, and from then on every nextTick (about ten per
 * proxied request) goes through the runtime. That cost Switchboard's proxy about 3.5 µs a
 * request, 3–4 % of its CPU time (docs/performance.md). An entry kept here holds its map, and
 * through it the whole chain of maps the literal goes through.
 *
 * The hook that catches the entry is on for one nextTick call. It has to run before the
 * first full collection with nothing queued: main.ts calls it first thing, and buildApp
 * again (a no-op then) for the tests and the benchmarks.
 */
let kept: object | undefined

/** Whether SWITCHBOARD_TICK_SHAPE leaves the pinning on (default) or turns it off. */
export function tickShapeEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.SWITCHBOARD_TICK_SHAPE
  if (flag === undefined || flag === '' || flag === 'on') return true
  if (flag === 'off') return false
  throw new Error(`SWITCHBOARD_TICK_SHAPE must be "on" or "off", not "${flag}"`)
}

export function keepTickShapeAlive(env: NodeJS.ProcessEnv = process.env): void {
  if (kept || !tickShapeEnabled(env)) return
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') kept = resource
    },
  }).enable()
  try {
    process.nextTick(() => {})
  } finally {
    hook.disable()
  }
}
