import type { ConsoleMessage, Page } from 'playwright-core'

export interface PageErrors {
  /** Console errors and uncaught exceptions since the last call, then forgets them. */
  take(): string[]
}

/**
 * Records console errors and uncaught exceptions of a page. `expected` lists messages a test
 * provokes on purpose (e.g. the browser's "Failed to load resource: … 401" on a wrong password).
 */
export function trackPageErrors(page: Page): PageErrors {
  let errors: string[] = []
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return
    const where = message.location().url
    errors.push(`console: ${message.text()}${where ? ` (${where})` : ''}`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return {
    take() {
      const taken = errors
      errors = []
      return taken
    },
  }
}

/** Drops the browser's own network error lines for responses the test expects to fail. */
export function withoutExpectedStatus(errors: string[], statuses: number[]): string[] {
  return errors.filter(
    (e) =>
      !statuses.some((s) =>
        e.includes(`Failed to load resource: the server responded with a status of ${s}`),
      ),
  )
}
