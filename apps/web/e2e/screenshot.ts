import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots')

/** Full-page PNG in apps/web/e2e/screenshots/ (git-ignored), for looking at the pages. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}
