import { type Browser, chromium } from 'playwright-core'

/**
 * Debian's Chromium, headless. Never `playwright install`: the suite uses the system browser
 * (CHROMIUM_PATH overrides /usr/bin/chromium) and keeps it off the network.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  })
}
