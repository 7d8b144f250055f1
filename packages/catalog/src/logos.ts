import { fileURLToPath } from 'node:url'

/**
 * The folder of the built-in integrations' logos (scripts/build-logos.ts writes it). The server
 * serves it under LOGO_PATH_PREFIX, so the dashboard and the connect page load catalog logos
 * from Switchboard's own origin.
 */
export const catalogLogoDir: string = fileURLToPath(new URL('../logos/', import.meta.url))

export const LOGO_PATH_PREFIX = '/logos/'

/** Where a built-in integration's logo is served: a path on Switchboard's origin. */
export function catalogLogoPath(name: string): string {
  return `${LOGO_PATH_PREFIX}${name}.svg`
}
