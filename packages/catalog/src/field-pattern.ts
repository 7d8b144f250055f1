import { RE2JS } from 're2js'

/**
 * The one place where a form field's `pattern` (tenant input: any organization writes its
 * own in a custom integration) is compiled and run, on the server and in the browser alike.
 *
 * JavaScript's RegExp backtracks: `^(a+)+$` on 30 characters runs for seconds, doubling per
 * character. Patterns here go to re2js, a port of RE2, whose matching time is linear: at most
 * proportional to the compiled program's size times the input's length. Both are bounded:
 *
 * - a pattern has at most `maxLength` characters and compiles to at most `maxProgramSize`
 *   instructions (re2js's `programSize`, RE2's measure of a pattern's cost); RE2's syntax
 *   (no backreferences, no lookaround) after re2js's translation of JavaScript escapes;
 * - matching is paid from a budget of `budget` units per form (one submission, one check in
 *   the browser), a value costing `programSize × (length + 1)`: a value the budget cannot
 *   pay for is refused as too long to check, before anything runs. `^sk-` (6 instructions)
 *   checks values up to the 10 000-character field cap; a 250-instruction pattern values
 *   up to about 4 000 characters.
 *
 * Nothing else in Switchboard may hand a field's pattern to JavaScript's RegExp
 * (field-pattern.test.ts keeps a reviewed list of every RegExp constructor call in the repository).
 */
export const FIELD_PATTERN_LIMITS = {
  maxLength: 500,
  maxProgramSize: 1000,
  budget: 1_000_000,
} as const

export interface FieldPattern {
  readonly source: string
  /** re2js's program size: the cost of each character matched. */
  readonly programSize: number
  /** Whether the pattern matches anywhere in `value` (as RegExp#test does). */
  test(value: string): boolean
}

export type CompiledFieldPattern = { ok: true; pattern: FieldPattern } | { ok: false; problem: string }

const compiled = new Map<string, CompiledFieldPattern>()

function compile(source: string): CompiledFieldPattern {
  if (source.length > FIELD_PATTERN_LIMITS.maxLength) {
    return { ok: false, problem: `is longer than ${FIELD_PATTERN_LIMITS.maxLength} characters` }
  }
  let re: RE2JS
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source))
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e)
    return {
      ok: false,
      problem: `is not a regular expression Switchboard can check (${detail}); use RE2 syntax: no backreferences or lookaround`,
    }
  }
  const programSize = re.programSize()
  if (programSize > FIELD_PATTERN_LIMITS.maxProgramSize) {
    return {
      ok: false,
      problem: `is too complex (it compiles to ${programSize} instructions, at most ${FIELD_PATTERN_LIMITS.maxProgramSize}); use fewer or smaller {n,m} repetitions`,
    }
  }
  return { ok: true, pattern: { source, programSize, test: (value) => re.test(value) } }
}

/** Compiles a field pattern with the linear-time engine, or says what is wrong with it. */
export function compileFieldPattern(source: string): CompiledFieldPattern {
  let result = compiled.get(source)
  if (!result) {
    result = compile(source)
    if (compiled.size >= 1000) compiled.clear()
    compiled.set(source, result)
  }
  return result
}

/** What is wrong with a pattern, or undefined when it may be stored. */
export function fieldPatternProblem(source: string): string | undefined {
  const result = compileFieldPattern(source)
  return result.ok ? undefined : result.problem
}

/**
 * The matching budget of one form (see FIELD_PATTERN_LIMITS): `check` answers 'match',
 * 'mismatch', or 'too-long' when what is left cannot pay for the value, before matching.
 */
export class FieldPatternBudget {
  private left: number = FIELD_PATTERN_LIMITS.budget

  get remaining(): number {
    return this.left
  }

  check(pattern: FieldPattern, value: string): 'match' | 'mismatch' | 'too-long' {
    const cost = pattern.programSize * (value.length + 1)
    if (cost > this.left) return 'too-long'
    this.left -= cost
    return pattern.test(value) ? 'match' : 'mismatch'
  }
}

/** The longest value a fresh budget can check against `pattern`. */
export function maxCheckedLength(pattern: FieldPattern): number {
  return Math.floor(FIELD_PATTERN_LIMITS.budget / pattern.programSize) - 1
}
