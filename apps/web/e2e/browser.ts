import { type Browser, type BrowserContext, chromium } from 'playwright-core'

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

const STAND_IN_LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#a1a1aa"/></svg>'

/** Integration logos come from the web; the suite stays offline and serves a grey stand-in. */
export async function serveStandInLogos(context: BrowserContext, serverUrl: string): Promise<void> {
  await context.route(
    (url) => url.origin !== serverUrl,
    (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: STAND_IN_LOGO }),
  )
}
