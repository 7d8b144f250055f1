import fc from 'fast-check'

/**
 * For ReDoS tests: a watch on JavaScript's (backtracking) RegExp, and fast-check generators of
 * the patterns and values a tenant and an end user might send. Not a test file itself.
 */

export class ReachedBacktrackingEngine extends Error {}

/**
 * Runs `run` with JavaScript's RegExp watched: building or running one from `tenant` throws on
 * the spot (so a pathological pattern never gets to run) and again once `run` is over (so code
 * that catches the first error, as a "pattern does not compile" fallback would, is caught too).
 */
export function withoutBacktracking<T>(tenant: string, run: () => T): T {
  const NativeRegExp = globalThis.RegExp
  const { exec } = NativeRegExp.prototype
  let escaped: string | undefined
  try {
    escaped = new NativeRegExp(tenant).source
  } catch {
    escaped = undefined
  }
  const isTenant = (source: unknown) => source === tenant || (escaped !== undefined && source === escaped)
  const violations: ReachedBacktrackingEngine[] = []
  const refuse = (how: string) => {
    const error = new ReachedBacktrackingEngine(
      `the tenant pattern ${JSON.stringify(tenant)} reached RegExp ${how}`,
    )
    violations.push(error)
    throw error
  }
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args, newTarget) {
      if (isTenant(args[0]) || (args[0] instanceof NativeRegExp && isTenant(args[0].source))) refuse('(new)')
      return Reflect.construct(target, args, newTarget)
    },
    apply(target, thisArg, args) {
      if (isTenant(args[0])) refuse('()')
      return Reflect.apply(target, thisArg, args)
    },
  })
  // Every match a RegExp does (test, match, replace, split, search) goes through exec.
  NativeRegExp.prototype.exec = function watchedExec(this: RegExp, input: string) {
    if (isTenant(this.source)) refuse('#exec')
    return exec.call(this, input)
  }
  let result: T
  try {
    result = run()
  } finally {
    globalThis.RegExp = NativeRegExp
    NativeRegExp.prototype.exec = exec
  }
  if (violations[0]) throw violations[0]
  return result
}

/** Patterns a tenant might write, the catastrophic ones first. */
export const catastrophicPatterns = [
  '^(a+)+$',
  '^(a|a)*$',
  '^(a|aa)+$',
  '(x+x+)+y',
  '^(\\w+\\s?)*$',
  '(.*a){20}',
  '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
  '(a)\\1',
  '(?=a)a',
  '(?<!a)b',
  '^sk-',
]
const atom = fc.constantFrom(
  'a',
  'b',
  '.',
  '\\d',
  '\\w',
  '\\s',
  '[a-z]',
  '[^b]',
  '\\1',
  '(?=a)',
  '\\p{L}',
  '(',
)
const quantifier = fc.constantFrom('', '*', '+', '?', '{2,5}', '{1000}', '*?')
const structured: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(atom, quantifier).map(([a, q]) => a + q),
    fc.tuple(tie('re'), tie('re')).map(([a, b]) => a + b),
    fc.tuple(tie('re'), tie('re')).map(([a, b]) => `(${a}|${b})`),
    fc.tuple(tie('re'), quantifier).map(([a, q]) => `(${a})${q}`),
  ),
})).re
export const tenantPatterns: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...catastrophicPatterns),
  structured,
  structured.map((re) => `^${re}$`),
  fc.string({ maxLength: 40 }),
)
export const tenantValues: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .tuple(
      fc.constantFrom('a', 'x', 'ab', 'a '),
      fc.integer({ min: 1, max: 5000 }),
      fc.constantFrom('', '!', 'y'),
    )
    .map(([unit, n, end]) => unit.repeat(n) + end),
)
