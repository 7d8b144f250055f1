import { z } from 'zod'
import { aiIntegrations } from './integrations/ai.ts'
import { communicationIntegrations } from './integrations/communication.ts'
import { crmIntegrations } from './integrations/crm.ts'
import { devToolIntegrations } from './integrations/dev-tools.ts'
import { emailIntegrations } from './integrations/email.ts'
import { financeIntegrations } from './integrations/finance.ts'
import { googleIntegrations } from './integrations/google.ts'
import { microsoftIntegrations } from './integrations/microsoft.ts'
import { productivityIntegrations } from './integrations/productivity.ts'
import { socialIntegrations } from './integrations/social.ts'
import { catalogLogoPath } from './logos.ts'
import { IntegrationDefinition, type IntegrationInput } from './schema.ts'

/**
 * The built-in integrations, as written in ./integrations/ (grouped by theme).
 *
 * Conventions the data follows:
 * - `api.baseUrl` is the provider's documented API root; proxied paths and `verify.path` are
 *   appended to it as-is (`https://api.openai.com/v1` + `/models`), not resolved as URL references.
 * - `api.allowedOrigins` is only set when more than the base URL's origin is needed, and then
 *   includes the base URL's origin.
 * - Entries name no logo: each gets its bundled one, logos/<name>.svg (scripts/build-logos.ts).
 * - OAuth2 endpoints, PKCE and client authentication match Arctic 3.7.0 for every provider Arctic
 *   ships (checked by catalog.test.ts), except where the test documents a deliberate difference.
 */
const sources: readonly (readonly IntegrationInput[])[] = [
  googleIntegrations,
  microsoftIntegrations,
  communicationIntegrations,
  devToolIntegrations,
  productivityIntegrations,
  crmIntegrations,
  socialIntegrations,
  financeIntegrations,
  emailIntegrations,
  aiIntegrations,
]

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/**
 * Parses every entry (filling defaults) and fails fast, naming the entry, on a bad one or a
 * duplicate name. Each entry's logo is the bundled one (logos/<name>.svg, served by our server).
 */
function build(inputs: readonly IntegrationInput[]): readonly IntegrationDefinition[] {
  const seen = new Set<string>()
  const parsed = inputs.map((input, index) => {
    const withLogo =
      typeof input.name === 'string' ? { ...input, logoUrl: catalogLogoPath(input.name) } : input
    const result = IntegrationDefinition.safeParse(withLogo)
    if (!result.success) {
      const label = typeof input.name === 'string' ? `"${input.name}"` : `#${index}`
      throw new Error(`catalog entry ${label} is invalid:\n${z.prettifyError(result.error)}`)
    }
    if (seen.has(result.data.name)) throw new Error(`catalog entry "${result.data.name}" is defined twice`)
    seen.add(result.data.name)
    return result.data
  })
  return deepFreeze(parsed)
}

/** Every built-in integration, validated and with defaults filled in. Frozen: copy before changing. */
export const catalog: readonly IntegrationDefinition[] = build(sources.flat())

const byName: ReadonlyMap<string, IntegrationDefinition> = new Map(catalog.map((def) => [def.name, def]))

/** The built-in integration with this name (slug), or undefined. */
export function findCatalogIntegration(name: string): IntegrationDefinition | undefined {
  return byName.get(name)
}
