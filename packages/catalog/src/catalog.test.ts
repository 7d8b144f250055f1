import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import * as arctic from 'arctic'
import { describe, expect, it } from 'vitest'
import { catalog, findCatalogIntegration } from './catalog.ts'
import { fieldPatternProblem } from './field-pattern.ts'
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
import { catalogLogoDir, catalogLogoPath } from './logos.ts'
import {
  type ApiAuth,
  allowedOriginsFor,
  formFieldsFor,
  IntegrationDefinition,
  type IntegrationInput,
  type OAuth2Config,
} from './schema.ts'

const rawEntries: IntegrationInput[] = [
  ...googleIntegrations,
  ...microsoftIntegrations,
  ...communicationIntegrations,
  ...devToolIntegrations,
  ...productivityIntegrations,
  ...crmIntegrations,
  ...socialIntegrations,
  ...financeIntegrations,
  ...emailIntegrations,
  ...aiIntegrations,
]

const REQUIRED_NAMES = [
  'google-sheets',
  'google-drive',
  'google-calendar',
  'gmail',
  'slack',
  'github',
  'gitlab',
  'notion',
  'linear',
  'hubspot',
  'salesforce',
  'microsoft-365',
  'outlook',
  'dropbox',
  'box',
  'zoom',
  'atlassian',
  'discord',
  'airtable',
  'asana',
  'figma',
  'spotify',
  'twitch',
  'bitbucket',
  'intercom',
  'openai',
  'anthropic',
  'stripe',
  'sendgrid',
  'twilio',
  'mailchimp',
  'resend',
  'postmark',
  'pipedrive',
  'mistral',
  'groq',
  'cohere',
  'perplexity',
]

function entry(name: string): IntegrationDefinition {
  const def = findCatalogIntegration(name)
  if (!def) throw new Error(`no catalog entry "${name}"`)
  return def
}

function oauth2Of(name: string): OAuth2Config {
  const config = entry(name).oauth2
  if (!config) throw new Error(`catalog entry "${name}" has no oauth2 block`)
  return config
}

/** The `{placeholder}` names an api.auth block interpolates. */
function placeholders(auth: ApiAuth): string[] {
  const templates = auth.in === 'basic' ? [auth.username, auth.password] : [auth.value]
  return templates.flatMap((t) => [...t.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? ''))
}

/** origin + path of a URL, with the host lower-cased as URL parsing does (Intuit spells "API"). */
function endpoint(url: string | URL): string {
  const u = new URL(url)
  return `${u.origin}${u.pathname}`
}

describe('catalog data', () => {
  it('parses every source entry, and the exported catalog is exactly those entries parsed', () => {
    for (const input of rawEntries) {
      const result = IntegrationDefinition.safeParse(input)
      expect(result.error, `entry ${String(input.name)}`).toBeUndefined()
    }
    expect(catalog).toEqual(
      rawEntries.map((input) =>
        IntegrationDefinition.parse({ ...input, logoUrl: catalogLogoPath(String(input.name)) }),
      ),
    )
  })

  it('bundles one logo per entry, served from our own origin, and no logo of no entry', () => {
    // Entries name no logo of their own: a vendor's URL would be hot-linked by every dashboard.
    expect(rawEntries.filter((input) => input.logoUrl !== undefined).map((i) => i.name)).toEqual([])
    for (const def of catalog) expect(def.logoUrl).toBe(`/logos/${def.name}.svg`)
    const files = readdirSync(catalogLogoDir).sort()
    expect(files).toEqual(catalog.map((def) => `${def.name}.svg`).sort())
    for (const file of files) {
      const svg = readFileSync(path.join(catalogLogoDir, file), 'utf8')
      expect(svg, file).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
      // Nothing that loads or runs: no script, no link to anything outside the file.
      expect(svg, file).not.toMatch(/<script|href|url\(|on[a-z]+=/i)
    }
  })

  it('has at least 45 entries with unique names', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(45)
    const names = catalog.map((def) => def.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('includes every required integration', () => {
    const names = new Set(catalog.map((def) => def.name))
    expect(REQUIRED_NAMES.filter((name) => !names.has(name))).toEqual([])
  })

  it('uses https for every OAuth, API and docs URL', () => {
    for (const def of catalog) {
      const urls = [
        def.api.baseUrl,
        ...def.api.allowedOrigins,
        ...(def.docsUrl === undefined ? [] : [def.docsUrl]),
        ...(def.oauth2
          ? [
              def.oauth2.authorizationUrl,
              def.oauth2.tokenUrl,
              ...(def.oauth2.revocationUrl ? [def.oauth2.revocationUrl] : []),
            ]
          : []),
      ]
      for (const url of urls) expect(new URL(url).protocol, `${def.name}: ${url}`).toBe('https:')
    }
  })

  it('lists allowed origins only as bare origins that include the base URL origin', () => {
    for (const def of catalog) {
      if (def.api.allowedOrigins.length === 0) continue
      for (const origin of def.api.allowedOrigins) expect(new URL(origin).origin, def.name).toBe(origin)
      expect(allowedOriginsFor(def), def.name).toContain(new URL(def.api.baseUrl).origin)
      expect(new Set(def.api.allowedOrigins).size, def.name).toBe(def.api.allowedOrigins.length)
    }
  })

  it('gives OAUTH2 entries an oauth2 block and the others a credential form', () => {
    for (const def of catalog) {
      if (def.authType === 'OAUTH2') {
        expect(def.oauth2, def.name).toBeDefined()
        expect(def.fields, def.name).toEqual([])
      } else {
        expect(def.oauth2, def.name).toBeUndefined()
        expect(formFieldsFor(def).length, def.name).toBeGreaterThan(0)
      }
    }
  })

  it('injects only {accessToken} for OAUTH2 and only form field keys otherwise', () => {
    for (const def of catalog) {
      const used = placeholders(def.api.auth)
      expect(used.length, `${def.name} injects no credential`).toBeGreaterThan(0)
      const allowed = def.authType === 'OAUTH2' ? ['accessToken'] : formFieldsFor(def).map((f) => f.key)
      for (const name of used) expect(allowed, `${def.name}: {${name}}`).toContain(name)
    }
  })

  it('uses every required form field in the injected credentials', () => {
    for (const def of catalog) {
      if (def.authType === 'OAUTH2') continue
      const used = new Set(placeholders(def.api.auth))
      for (const field of formFieldsFor(def)) {
        if (!field.optional)
          expect(used.has(field.key), `${def.name}: field ${field.key} is never sent`).toBe(true)
      }
    }
  })

  it('keeps field patterns within what the linear-time engine accepts', () => {
    for (const def of catalog) {
      for (const field of def.fields) {
        if (field.pattern !== undefined) expect(fieldPatternProblem(field.pattern), def.name).toBeUndefined()
      }
    }
  })

  it('has verify requests only for typed-in credentials, as GETs on a path below the base URL', () => {
    for (const def of catalog) {
      if (!def.verify) continue
      expect(def.authType, def.name).not.toBe('OAUTH2')
      expect(def.verify.method, def.name).toBe('GET')
      expect(def.verify.path.startsWith('/'), def.name).toBe(true)
      expect(def.verify.path.includes('://'), def.name).toBe(false)
    }
  })

  it('never overrides protocol parameters through authorizationParams', () => {
    const reserved = [
      'response_type',
      'client_id',
      'redirect_uri',
      'state',
      'scope',
      'code_challenge',
      'code_challenge_method',
    ]
    for (const def of catalog) {
      if (!def.oauth2) continue
      for (const key of Object.keys(def.oauth2.authorizationParams))
        expect(reserved, def.name).not.toContain(key)
      expect(def.oauth2.scopeSeparator.length, def.name).toBeGreaterThan(0)
    }
  })

  it('asks for refresh tokens where the provider only issues one on request', () => {
    // Provider documentation: without these a connection would break when its first token expires.
    const params: [string, Record<string, string>][] = [
      ['google-sheets', { access_type: 'offline', prompt: 'consent' }],
      ['gmail', { access_type: 'offline', prompt: 'consent' }],
      ['dropbox', { token_access_type: 'offline' }],
      ['reddit', { duration: 'permanent' }],
    ]
    for (const [name, expected] of params)
      expect(oauth2Of(name).authorizationParams, name).toMatchObject(expected)
    const scopes: [string, string][] = [
      ['microsoft-365', 'offline_access'],
      ['outlook', 'offline_access'],
      ['atlassian', 'offline_access'],
      ['jira', 'offline_access'],
      ['twitter', 'offline.access'],
      ['typeform', 'offline'],
      ['xero', 'offline_access'],
      ['salesforce', 'refresh_token'],
    ]
    for (const [name, scope] of scopes) expect(oauth2Of(name).scopes, name).toContain(scope)
  })

  it('spells the same Google, Microsoft and Atlassian endpoints in every entry that shares them', () => {
    const byHost = new Map<string, string>()
    for (const def of catalog) {
      if (!def.oauth2) continue
      const key = new URL(def.oauth2.authorizationUrl).host
      const value = JSON.stringify([
        def.oauth2.tokenUrl,
        def.oauth2.revocationUrl ?? null,
        def.oauth2.clientAuth,
      ])
      const previous = byHost.get(key)
      if (previous !== undefined) expect(value, def.name).toBe(previous)
      byHost.set(key, value)
    }
  })
})

describe('findCatalogIntegration', () => {
  it('finds entries by name and nothing else', () => {
    expect(findCatalogIntegration('slack')?.displayName).toBe('Slack')
    expect(findCatalogIntegration('openai')?.authType).toBe('SECRET_TEXT')
    expect(findCatalogIntegration('Slack')).toBeUndefined()
    expect(findCatalogIntegration('no-such-integration')).toBeUndefined()
    expect(findCatalogIntegration('')).toBeUndefined()
  })

  it('returns the frozen catalog objects, so no caller can change them for everyone', () => {
    const slack = entry('slack')
    expect(catalog).toContain(slack)
    expect(Object.isFrozen(catalog)).toBe(true)
    expect(Object.isFrozen(slack)).toBe(true)
    expect(Object.isFrozen(oauth2Of('slack').scopes)).toBe(true)
    expect(() => {
      ;(slack as { displayName: string }).displayName = 'Changed'
    }).toThrow(TypeError)
  })
})

// ---------------------------------------------------------------------------------------------
// Arctic cross-check: for providers Arctic 3.7.0 ships, Arctic itself (not copied strings) says
// which authorize, token, refresh and revocation endpoints to use, whether to send PKCE and how
// the client authenticates. Each provider is driven through its public API with fetch stubbed.
// ---------------------------------------------------------------------------------------------

const CLIENT_ID = 'switchboard-client-id'
const CLIENT_SECRET = 'switchboard-client-secret'
const REDIRECT_URI = 'https://switchboard.example.com/oauth2/callback'
const STATE = 'state-123'
const CODE = 'code-456'
const VERIFIER = arctic.generateCodeVerifier()
const TWO_SCOPES = ['scope-one', 'scope-two']

/** Query parameters of a plain authorization-code request; anything else Arctic adds is provider-specific. */
const PROTOCOL_PARAMS = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'code_challenge',
  'code_challenge_method',
])

interface ArcticProvider {
  /** Arctic's authorization URL for TWO_SCOPES (providers whose method takes no scopes ignore them). */
  authorize(): URL
  exchange(): Promise<unknown>
  refresh?: () => Promise<unknown>
  revoke?: () => Promise<void>
}

/** Erases the provider class so differently shaped Arctic providers fit one table. */
function provider<P>(spec: {
  make: () => P
  authorize: (p: P, scopes: string[]) => URL
  exchange: (p: P) => Promise<unknown>
  refresh?: (p: P) => Promise<unknown>
  revoke?: (p: P) => Promise<void>
}): ArcticProvider {
  const { make, authorize, exchange, refresh, revoke } = spec
  return {
    authorize: () => authorize(make(), TWO_SCOPES),
    exchange: () => exchange(make()),
    ...(refresh ? { refresh: () => refresh(make()) } : {}),
    ...(revoke ? { revoke: () => revoke(make()) } : {}),
  }
}

const google = provider({
  make: () => new arctic.Google(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
  authorize: (p, scopes) => p.createAuthorizationURL(STATE, VERIFIER, scopes),
  exchange: (p) => p.validateAuthorizationCode(CODE, VERIFIER),
  refresh: (p) => p.refreshAccessToken('refresh-token'),
  revoke: (p) => p.revokeToken('token'),
})
const microsoft = provider({
  make: () => new arctic.MicrosoftEntraId('common', CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
  authorize: (p, scopes) => p.createAuthorizationURL(STATE, VERIFIER, scopes),
  exchange: (p) => p.validateAuthorizationCode(CODE, VERIFIER),
  refresh: (p) => p.refreshAccessToken('refresh-token', []),
})
const atlassian = provider({
  make: () => new arctic.Atlassian(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
  authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
  exchange: (p) => p.validateAuthorizationCode(CODE),
  refresh: (p) => p.refreshAccessToken('refresh-token'),
})

interface ArcticCase {
  ours: string
  arctic: ArcticProvider
  /** Deliberate departures from Arctic, each with its reason. The test asserts they still differ. */
  differs?: { scopeSeparator?: string; refreshUrl?: string }
}

const arcticCases: ArcticCase[] = [
  ...['google-sheets', 'google-drive', 'google-calendar', 'gmail', 'google-docs', 'youtube'].map((ours) => ({
    ours,
    arctic: google,
  })),
  ...['microsoft-365', 'outlook', 'onedrive', 'microsoft-teams'].map((ours) => ({ ours, arctic: microsoft })),
  ...['atlassian', 'jira', 'confluence'].map((ours) => ({ ours, arctic: atlassian })),
  {
    ours: 'github',
    arctic: provider({
      make: () => new arctic.GitHub(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
    }),
  },
  {
    ours: 'gitlab',
    arctic: provider({
      make: () => new arctic.GitLab('https://gitlab.com', CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
      revoke: (p) => p.revokeToken('token'),
    }),
  },
  {
    ours: 'bitbucket',
    arctic: provider({
      make: () => new arctic.Bitbucket(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p) => p.createAuthorizationURL(STATE),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
    }),
  },
  {
    ours: 'linear',
    arctic: provider({
      make: () => new arctic.Linear(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
    }),
    differs: {
      scopeSeparator: 'Linear documents `scope` as a comma-separated list; Arctic joins with spaces',
    },
  },
  {
    ours: 'figma',
    arctic: provider({
      make: () => new arctic.Figma(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
    }),
    differs: {
      refreshUrl:
        'Figma has a separate refresh endpoint (/v1/oauth/refresh); the schema has one tokenUrl for both grants',
    },
  },
  {
    ours: 'notion',
    arctic: provider({
      make: () => new arctic.Notion(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p) => p.createAuthorizationURL(STATE),
      exchange: (p) => p.validateAuthorizationCode(CODE),
    }),
  },
  {
    ours: 'dropbox',
    arctic: provider({
      make: () => new arctic.Dropbox(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
      revoke: (p) => p.revokeToken('token'),
    }),
  },
  {
    ours: 'box',
    arctic: provider({
      make: () => new arctic.Box(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
      revoke: (p) => p.revokeToken('token'),
    }),
  },
  {
    ours: 'zoom',
    arctic: provider({
      make: () => new arctic.Zoom(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, VERIFIER, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE, VERIFIER),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
      revoke: (p) => p.revokeToken('token'),
    }),
  },
  {
    ours: 'discord',
    arctic: provider({
      make: () => new arctic.Discord(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, VERIFIER, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE, VERIFIER),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
      revoke: (p) => p.revokeToken('token'),
    }),
  },
  {
    ours: 'spotify',
    arctic: provider({
      make: () => new arctic.Spotify(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, VERIFIER, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE, VERIFIER),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
    }),
  },
  {
    ours: 'twitch',
    arctic: provider({
      make: () => new arctic.Twitch(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
    }),
  },
  {
    ours: 'salesforce',
    arctic: provider({
      make: () => new arctic.Salesforce('login.salesforce.com', CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, VERIFIER, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE, VERIFIER),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
      revoke: (p) => p.revokeToken('token'),
    }),
  },
  {
    ours: 'linkedin',
    arctic: provider({
      make: () => new arctic.LinkedIn(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
    }),
  },
  {
    ours: 'reddit',
    arctic: provider({
      make: () => new arctic.Reddit(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
    }),
  },
  {
    ours: 'twitter',
    arctic: provider({
      make: () => new arctic.Twitter(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, VERIFIER, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE, VERIFIER),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
      revoke: (p) => p.revokeToken('token'),
    }),
  },
  {
    ours: 'quickbooks',
    arctic: provider({
      make: () => new arctic.Intuit(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI),
      authorize: (p, scopes) => p.createAuthorizationURL(STATE, scopes),
      exchange: (p) => p.validateAuthorizationCode(CODE),
      refresh: (p) => p.refreshAccessToken('refresh-token'),
      revoke: (p) => p.revokeToken('token'),
    }),
  },
]

/** OAuth2 entries for providers Arctic 3.7.0 does not ship; their endpoints come from the providers' docs. */
const NOT_IN_ARCTIC = [
  'hubspot',
  'airtable',
  'asana',
  'calendly',
  'todoist',
  'miro',
  'monday',
  'typeform',
  'intercom',
  'front',
  'xero',
]

interface Captured {
  url: string
  method: string
  headers: Headers
  body: URLSearchParams
}

/**
 * Runs `call` with globalThis.fetch replaced by a recorder that answers like a token endpoint,
 * restores fetch, and returns the single request Arctic made.
 */
async function captureRequest(call: () => Promise<unknown>): Promise<Captured> {
  const seen: Request[] = []
  const original = globalThis.fetch
  globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
    seen.push(new Request(...args))
    const token = { access_token: 'access', token_type: 'Bearer', expires_in: 3600, refresh_token: 'refresh' }
    return new Response(JSON.stringify(token), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  try {
    await call()
  } finally {
    globalThis.fetch = original
  }
  expect(seen).toHaveLength(1)
  const request = seen[0]!
  return {
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: new URLSearchParams(await request.text()),
  }
}

/** How a captured token-endpoint request authenticated the client. */
function clientAuthOf(request: Captured): 'basic' | 'body' | 'none' {
  const expectedBasic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`
  if (request.headers.get('authorization') === expectedBasic) return 'basic'
  if (request.body.get('client_secret') === CLIENT_SECRET) return 'body'
  return 'none'
}

describe('Arctic cross-check', () => {
  it('covers every OAUTH2 entry: Arctic-checked, documented as not in Arctic, or Slack', () => {
    const oauthNames = catalog.filter((def) => def.authType === 'OAUTH2').map((def) => def.name)
    const accounted = [...arcticCases.map((c) => c.ours), ...NOT_IN_ARCTIC, 'slack']
    expect([...oauthNames].sort()).toEqual([...accounted].sort())
  })

  describe.each(arcticCases)('$ours', ({ ours, arctic: theirs, differs }) => {
    it('has the authorization endpoint, PKCE and extra authorize parameters Arctic uses', () => {
      const config = oauth2Of(ours)
      const url = theirs.authorize()
      expect(endpoint(config.authorizationUrl)).toBe(endpoint(url))
      expect(config.pkce).toBe(url.searchParams.has('code_challenge'))
      if (config.pkce) expect(url.searchParams.get('code_challenge_method')).toBe('S256')
      for (const [key, value] of url.searchParams) {
        if (!PROTOCOL_PARAMS.has(key))
          expect(config.authorizationParams[key], `authorize param ${key}`).toBe(value)
      }
    })

    it('joins scopes the way Arctic does', () => {
      const config = oauth2Of(ours)
      const scope = theirs.authorize().searchParams.get('scope')
      if (scope === null) return // Arctic's method takes no scopes for this provider
      const joined = TWO_SCOPES.join(config.scopeSeparator)
      if (differs?.scopeSeparator) expect(joined, differs.scopeSeparator).not.toBe(scope)
      else expect(joined).toBe(scope)
    })

    it('has the token endpoint and client authentication Arctic uses', async () => {
      const config = oauth2Of(ours)
      const request = await captureRequest(() => theirs.exchange())
      expect(request.method).toBe('POST')
      expect(endpoint(config.tokenUrl)).toBe(endpoint(request.url))
      expect(request.body.get('grant_type')).toBe('authorization_code')
      expect(request.body.has('code_verifier')).toBe(config.pkce)
      expect(config.clientAuth).toBe(clientAuthOf(request))
    })

    const { refresh, revoke } = theirs
    if (refresh) {
      it('refreshes at the token endpoint, as Arctic does', async () => {
        const config = oauth2Of(ours)
        const request = await captureRequest(refresh)
        expect(request.body.get('grant_type')).toBe('refresh_token')
        expect(config.clientAuth).toBe(clientAuthOf(request))
        if (differs?.refreshUrl)
          expect(endpoint(config.tokenUrl), differs.refreshUrl).not.toBe(endpoint(request.url))
        else expect(endpoint(config.tokenUrl)).toBe(endpoint(request.url))
      })
    }

    if (revoke) {
      it('has the revocation endpoint Arctic uses', async () => {
        const config = oauth2Of(ours)
        const request = await captureRequest(revoke)
        expect(config.revocationUrl).toBeDefined()
        expect(endpoint(config.revocationUrl ?? '')).toBe(endpoint(request.url))
        expect(request.body.get('token')).toBe('token')
        expect(config.clientAuth).toBe(clientAuthOf(request))
      })
    }
  })

  describe('slack', () => {
    // Arctic's Slack provider is "Sign in with Slack" (OpenID Connect): it only yields identity.
    // Switchboard needs Web API tokens, which come from Slack's OAuth v2 flow on the same host.
    const slack = new arctic.Slack(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)

    it('uses OAuth v2 on the host Arctic uses, not the OIDC endpoints', () => {
      const config = oauth2Of('slack')
      const url = slack.createAuthorizationURL(STATE, ['openid'])
      expect(new URL(config.authorizationUrl).origin).toBe(url.origin)
      expect(url.pathname).toBe('/openid/connect/authorize')
      expect(endpoint(config.authorizationUrl)).toBe('https://slack.com/oauth/v2/authorize')
      expect(config.pkce).toBe(url.searchParams.has('code_challenge'))
      expect(config.scopeSeparator).toBe(',')
    })

    it('authenticates the client at the token endpoint as Arctic does', async () => {
      const config = oauth2Of('slack')
      const request = await captureRequest(() => slack.validateAuthorizationCode(CODE))
      expect(new URL(config.tokenUrl).origin).toBe(new URL(request.url).origin)
      expect(new URL(request.url).pathname).toBe('/api/openid.connect.token')
      expect(endpoint(config.tokenUrl)).toBe('https://slack.com/api/oauth.v2.access')
      expect(config.clientAuth).toBe(clientAuthOf(request))
    })
  })

  it('leaves globalThis.fetch as it found it', async () => {
    const before = globalThis.fetch
    await captureRequest(() => arcticCases[0]!.arctic.exchange())
    expect(globalThis.fetch).toBe(before)
  })
})
