import type { IntegrationInput } from '../schema.ts'
import { bearerAccessToken, bearerApiKey, type OAuth2Input } from './helpers.ts'

/**
 * Atlassian Cloud OAuth 2.0 (3LO). `audience=api.atlassian.com` is mandatory and `prompt=consent`
 * is what Atlassian documents; `offline_access` returns a (rotating) refresh token. API calls go to
 * https://api.atlassian.com/ex/{jira|confluence}/{cloudId}/…, where the cloud id comes from
 * GET /oauth/token/accessible-resources.
 */
function atlassianOAuth(scopes: string[]): OAuth2Input {
  return {
    authorizationUrl: 'https://auth.atlassian.com/authorize',
    tokenUrl: 'https://auth.atlassian.com/oauth/token',
    scopes: [...scopes, 'offline_access'],
    scopeSeparator: ' ',
    pkce: false,
    clientAuth: 'body',
    authorizationParams: { audience: 'api.atlassian.com', prompt: 'consent' },
  }
}

const atlassianApi = { baseUrl: 'https://api.atlassian.com', auth: bearerAccessToken }

export const devToolIntegrations: IntegrationInput[] = [
  {
    name: 'github',
    displayName: 'GitHub',
    description: 'GitHub REST and GraphQL APIs through an OAuth app (scopes are ignored by GitHub Apps).',
    categories: ['developer-tools'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://github.com/login/oauth/authorize',
      tokenUrl: 'https://github.com/login/oauth/access_token',
      scopes: ['read:user'],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'basic',
    },
    api: {
      baseUrl: 'https://api.github.com',
      allowedOrigins: ['https://api.github.com', 'https://uploads.github.com'],
      auth: bearerAccessToken,
    },
    docsUrl: 'https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps',
  },
  {
    name: 'gitlab',
    displayName: 'GitLab',
    description: 'GitLab.com REST API v4 (self-managed instances need a custom integration).',
    categories: ['developer-tools'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://gitlab.com/oauth/authorize',
      tokenUrl: 'https://gitlab.com/oauth/token',
      revocationUrl: 'https://gitlab.com/oauth/revoke',
      scopes: ['read_api'],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'basic',
    },
    api: { baseUrl: 'https://gitlab.com/api/v4', auth: bearerAccessToken },
    docsUrl: 'https://docs.gitlab.com/api/oauth2/',
  },
  {
    name: 'bitbucket',
    displayName: 'Bitbucket',
    description: "Bitbucket Cloud REST API 2.0 (scopes come from the OAuth consumer's settings).",
    categories: ['developer-tools'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://bitbucket.org/site/oauth2/authorize',
      tokenUrl: 'https://bitbucket.org/site/oauth2/access_token',
      scopes: [],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'basic',
    },
    api: { baseUrl: 'https://api.bitbucket.org/2.0', auth: bearerAccessToken },
    docsUrl: 'https://developer.atlassian.com/cloud/bitbucket/oauth-2/',
  },
  {
    name: 'linear',
    displayName: 'Linear',
    description: 'Linear GraphQL API (POST /graphql) for issues, projects and teams.',
    categories: ['project-management', 'developer-tools'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://linear.app/oauth/authorize',
      tokenUrl: 'https://api.linear.app/oauth/token',
      scopes: ['read'],
      // Linear documents `scope` as a comma-separated list.
      scopeSeparator: ',',
      pkce: false,
      clientAuth: 'body',
    },
    api: { baseUrl: 'https://api.linear.app', auth: bearerAccessToken },
    docsUrl: 'https://linear.app/developers/oauth-2-0-authentication',
  },
  {
    name: 'figma',
    displayName: 'Figma',
    description: 'Figma REST API: files, comments and the current user.',
    categories: ['productivity'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://www.figma.com/oauth',
      tokenUrl: 'https://api.figma.com/v1/oauth/token',
      scopes: ['current_user:read', 'file_content:read'],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'basic',
    },
    api: { baseUrl: 'https://api.figma.com', auth: bearerAccessToken },
    docsUrl: 'https://developers.figma.com/docs/rest-api/oauth-apps/',
  },
  {
    name: 'atlassian',
    displayName: 'Atlassian',
    description:
      'Atlassian Cloud (Jira, Confluence) through api.atlassian.com; add product scopes as needed.',
    categories: ['project-management', 'developer-tools'],
    authType: 'OAUTH2',
    oauth2: atlassianOAuth(['read:me']),
    api: atlassianApi,
    docsUrl: 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/',
  },
  {
    name: 'jira',
    displayName: 'Jira',
    description: 'Jira Cloud REST API at /ex/jira/{cloudId}/rest/api/3 through api.atlassian.com.',
    categories: ['project-management', 'developer-tools'],
    authType: 'OAUTH2',
    oauth2: atlassianOAuth(['read:jira-work', 'read:jira-user']),
    api: atlassianApi,
    docsUrl: 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/',
  },
  {
    name: 'confluence',
    displayName: 'Confluence',
    description: 'Confluence Cloud REST API at /ex/confluence/{cloudId}/wiki through api.atlassian.com.',
    categories: ['productivity'],
    authType: 'OAUTH2',
    oauth2: atlassianOAuth(['read:confluence-content.all', 'read:confluence-space.summary']),
    api: atlassianApi,
    docsUrl: 'https://developer.atlassian.com/cloud/confluence/oauth-2-3lo-apps/',
  },
  {
    name: 'vercel',
    displayName: 'Vercel',
    description: 'Vercel REST API with an access token (add ?teamId=… for team resources).',
    categories: ['developer-tools'],
    authType: 'SECRET_TEXT',
    api: { baseUrl: 'https://api.vercel.com', auth: bearerApiKey },
    fields: [{ key: 'apiKey', label: 'Access token', secret: true }],
    verify: { method: 'GET', path: '/v2/user', expectStatus: 200 },
    docsUrl: 'https://vercel.com/docs/rest-api',
  },
  {
    name: 'cloudflare',
    displayName: 'Cloudflare',
    description: 'Cloudflare API v4 with a user API token (not the legacy global API key).',
    categories: ['developer-tools'],
    authType: 'SECRET_TEXT',
    api: { baseUrl: 'https://api.cloudflare.com/client/v4', auth: bearerApiKey },
    fields: [{ key: 'apiKey', label: 'API token', secret: true }],
    verify: { method: 'GET', path: '/user/tokens/verify', expectStatus: 200 },
    docsUrl: 'https://developers.cloudflare.com/api/',
  },
  {
    name: 'digitalocean',
    displayName: 'DigitalOcean',
    description: 'DigitalOcean API v2 with a personal access token.',
    categories: ['developer-tools'],
    authType: 'SECRET_TEXT',
    api: { baseUrl: 'https://api.digitalocean.com/v2', auth: bearerApiKey },
    fields: [{ key: 'apiKey', label: 'Personal access token', secret: true, placeholder: 'dop_v1_…' }],
    verify: { method: 'GET', path: '/account', expectStatus: 200 },
    docsUrl: 'https://docs.digitalocean.com/reference/api/',
  },
]
