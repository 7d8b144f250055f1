import { type Clock, type CoreDeps, clockMs } from '../deps.ts'
import { AppError } from '../errors.ts'
import { sourceAddressKey } from '../util/source-address.ts'

/**
 * The limits of dashboard sign-in (docs/deploy.md, "Sign-in limits"). Failed attempts are
 * counted per account (the email as typed, lower-cased, whether or not such a user exists)
 * and per source address (an IPv6 address by its /64). Past a key's free failures, each
 * further failure makes that key wait 1 s, then 2 s, 4 s… up to its cap; an attempt while a
 * key waits is answered 429 RATE_LIMITED at once, is not counted, and hashes no password. A
 * key's count is forgotten after an hour without failures; a successful sign-in clears its
 * account's count (not its address's: an attacker cannot reset their address with an
 * account of their own).
 *
 * Password checks (scrypt, ~16 MiB and tens of ms of CPU each) run at most
 * `concurrentPasswordChecks` at a time, with at most `waitingPasswordChecks` waiting; past
 * that a sign-in is answered 429 with `Retry-After: 1` at once rather than queued.
 *
 * All of it is in memory, per server process: with N instances behind a load balancer an
 * attacker gets up to N times the allowance.
 */
export const LOGIN_LIMITS = {
  account: { freeFailures: 5, maxDelaySeconds: 300 },
  address: { freeFailures: 20, maxDelaySeconds: 900 },
  forgetAfterSeconds: 3600,
  /** Keys remembered at most, per kind; past it the least recently failed are forgotten. */
  maxKeys: 100_000,
  concurrentPasswordChecks: 2,
  waitingPasswordChecks: 16,
} as const

interface Entry {
  count: number
  lastMs: number
  /** Bumped by every counted attempt, so an undo knows whether it was the last one. */
  seq: number
}

interface Counted {
  entry: Entry
  seq: number
  previousLastMs: number
}

/** Failures per key with a doubling delay past a free allowance. */
class FailureCounter {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly freeFailures: number,
    private readonly maxDelayMs: number,
  ) {}

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key)
    if (entry && now - entry.lastMs >= LOGIN_LIMITS.forgetAfterSeconds * 1000) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }

  private delayMs(count: number): number {
    if (count <= this.freeFailures) return 0
    return Math.min(this.maxDelayMs, 1000 * 2 ** Math.min(30, count - this.freeFailures - 1))
  }

  /** How long this key must still wait, in ms (0: it may try). */
  waitMs(key: string, now: number): number {
    const entry = this.live(key, now)
    if (!entry) return 0
    return Math.max(0, entry.lastMs + this.delayMs(entry.count) - now)
  }

  /** Counts an attempt as failed up front (so concurrent ones see it); see `undo`. */
  count(key: string, now: number): Counted {
    let entry = this.live(key, now)
    if (entry) this.entries.delete(key)
    else entry = { count: 0, lastMs: now, seq: 0 }
    // Re-inserted: the map stays ordered by the last failure, oldest first.
    this.entries.set(key, entry)
    const counted = { entry, seq: ++entry.seq, previousLastMs: entry.lastMs }
    entry.count++
    entry.lastMs = now
    if (this.entries.size > LOGIN_LIMITS.maxKeys) this.prune()
    return counted
  }

  /** The attempt turned out not to fail (or was never made). */
  undo({ entry, seq, previousLastMs }: Counted): void {
    entry.count = Math.max(0, entry.count - 1)
    if (entry.seq === seq) entry.lastMs = previousLastMs
  }

  clear(key: string): void {
    this.entries.delete(key)
  }

  /** Forgets the least recently failed keys (the map's first) until under the cap. */
  private prune(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= LOGIN_LIMITS.maxKeys) break
      this.entries.delete(key)
    }
  }
}

/**
 * At most `capacity` holders at once and `queueLimit` waiting; `enter` answers undefined at
 * once when both are full.
 */
export class ConcurrencyGate {
  private running = 0
  private readonly waiting: Array<() => void> = []

  constructor(
    readonly capacity: number,
    readonly queueLimit: number,
  ) {}

  /** Resolves with the function that gives the place back; undefined when there is none. */
  enter(): Promise<() => void> | undefined {
    if (this.running < this.capacity) {
      this.running++
      return Promise.resolve(this.releaser())
    }
    if (this.waiting.length >= this.queueLimit) return undefined
    return new Promise((resolve) => {
      this.waiting.push(() => resolve(this.releaser()))
    })
  }

  private releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.waiting.shift()
      // The place passes straight to the next in line.
      if (next) next()
      else this.running--
    }
  }
}

interface LoginGuard {
  clock: Clock
  accounts: FailureCounter
  addresses: FailureCounter
  gate: ConcurrencyGate
}

const guards = new WeakMap<object, LoginGuard>()

function guardFor(deps: CoreDeps): LoginGuard {
  let guard = guards.get(deps.config)
  if (!guard) {
    guard = {
      clock: deps.clock,
      accounts: new FailureCounter(
        LOGIN_LIMITS.account.freeFailures,
        LOGIN_LIMITS.account.maxDelaySeconds * 1000,
      ),
      addresses: new FailureCounter(
        LOGIN_LIMITS.address.freeFailures,
        LOGIN_LIMITS.address.maxDelaySeconds * 1000,
      ),
      gate: new ConcurrencyGate(LOGIN_LIMITS.concurrentPasswordChecks, LOGIN_LIMITS.waitingPasswordChecks),
    }
    guards.set(deps.config, guard)
  }
  return guard
}

/** The password-check gate of this server (exported for tests that fill it). */
export function passwordCheckGate(deps: CoreDeps): ConcurrencyGate {
  return guardFor(deps).gate
}

function rateLimited(message: string, waitMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000))
  return new AppError(
    'RATE_LIMITED',
    `${message}; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`,
    { retryAfterSeconds },
  )
}

/**
 * Admits one sign-in attempt for `email` from `sourceAddress`, or throws 429 RATE_LIMITED
 * (details.retryAfterSeconds) when either must wait or no password check can be had; then
 * runs `check` (the password hash) inside the concurrency gate and records its outcome.
 */
export async function throttledLogin<T>(
  deps: CoreDeps,
  email: string,
  sourceAddress: string,
  check: () => Promise<{ ok: boolean; value: T }>,
): Promise<{ ok: boolean; value: T }> {
  const guard = guardFor(deps)
  const now = clockMs(guard.clock)
  const account = email.trim().toLowerCase()
  const address = sourceAddressKey(sourceAddress)
  const wait = Math.max(guard.accounts.waitMs(account, now), guard.addresses.waitMs(address, now))
  // One message whichever key waits, and whether or not the account exists.
  if (wait > 0) throw rateLimited('Too many failed sign-in attempts', wait)
  const entered = guard.gate.enter()
  if (!entered) throw rateLimited('Too many sign-ins are being checked right now', 1000)
  const countedAccount = guard.accounts.count(account, now)
  const countedAddress = guard.addresses.count(address, now)
  const release = await entered
  let result: { ok: boolean; value: T } | undefined
  try {
    result = await check()
    return result
  } finally {
    release()
    if (result?.ok) {
      guard.accounts.clear(account)
      guard.addresses.undo(countedAddress)
    } else if (!result) {
      // The check itself failed (a database error, not a wrong password): nothing to count.
      guard.accounts.undo(countedAccount)
      guard.addresses.undo(countedAddress)
    }
  }
}
