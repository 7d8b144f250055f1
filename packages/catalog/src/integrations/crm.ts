import type { IntegrationInput } from '../schema.ts'
import { bearerAccessToken, bearerApiKey } from './helpers.ts'

/** CRM and customer-support tools. */
export const crmIntegrations: IntegrationInput[] = [
  {
    name: 'hubspot',
    displayName: 'HubSpot',
    description: 'HubSpot CRM APIs: contacts, companies, deals (contacts read-only by default).',
    categories: ['crm', 'marketing'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
      tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
      scopes: ['oauth', 'crm.objects.contacts.read'],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'body',
    },
    api: { baseUrl: 'https://api.hubapi.com', auth: bearerAccessToken },
    docsUrl: 'https://developers.hubspot.com/docs/api/oauth-quickstart-guide',
  },
  {
    name: 'salesforce',
    displayName: 'Salesforce',
    description:
      "Salesforce production orgs via login.salesforce.com. REST calls go to the org's own instance_url " +
      '(returned with the token), not to the base URL here.',
    categories: ['crm'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://login.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://login.salesforce.com/services/oauth2/token',
      revocationUrl: 'https://login.salesforce.com/services/oauth2/revoke',
      scopes: ['api', 'refresh_token'],
      scopeSeparator: ' ',
      pkce: true,
      clientAuth: 'basic',
    },
    api: { baseUrl: 'https://login.salesforce.com', auth: bearerAccessToken },
    docsUrl: 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm',
  },
  {
    name: 'pipedrive',
    displayName: 'Pipedrive',
    description: 'Pipedrive API v1 with a personal API token (sent as the api_token query parameter).',
    categories: ['crm'],
    authType: 'SECRET_TEXT',
    api: {
      baseUrl: 'https://api.pipedrive.com/v1',
      auth: { in: 'query', name: 'api_token', value: '{apiKey}' },
    },
    fields: [{ key: 'apiKey', label: 'API token', secret: true }],
    verify: { method: 'GET', path: '/users/me', expectStatus: 200 },
    docsUrl: 'https://pipedrive.readme.io/docs/how-to-find-the-api-token',
  },
  {
    name: 'attio',
    displayName: 'Attio',
    description: 'Attio REST API v2 with a workspace access token.',
    categories: ['crm'],
    authType: 'SECRET_TEXT',
    api: { baseUrl: 'https://api.attio.com/v2', auth: bearerApiKey },
    fields: [{ key: 'apiKey', label: 'Access token', secret: true }],
    verify: { method: 'GET', path: '/self', expectStatus: 200 },
    docsUrl: 'https://docs.attio.com/rest-api/overview',
  },
  {
    name: 'close',
    displayName: 'Close',
    description: 'Close CRM API v1 with an API key (HTTP Basic, key as the username).',
    categories: ['crm'],
    authType: 'SECRET_TEXT',
    api: {
      baseUrl: 'https://api.close.com/api/v1',
      auth: { in: 'basic', username: '{apiKey}', password: '' },
    },
    fields: [{ key: 'apiKey', label: 'API key', secret: true, pattern: '^api_', placeholder: 'api_…' }],
    verify: { method: 'GET', path: '/me/', expectStatus: 200 },
    docsUrl: 'https://developer.close.com/topics/authentication/',
  },
  {
    name: 'intercom',
    displayName: 'Intercom',
    description:
      "Intercom REST API (scopes come from the app's settings; EU and AU workspaces use regional hosts).",
    categories: ['support', 'communication'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://app.intercom.com/oauth',
      tokenUrl: 'https://api.intercom.io/auth/eagle/token',
      scopes: [],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'body',
    },
    api: {
      baseUrl: 'https://api.intercom.io',
      allowedOrigins: ['https://api.intercom.io', 'https://api.eu.intercom.io', 'https://api.au.intercom.io'],
      auth: bearerAccessToken,
    },
    docsUrl:
      'https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/setting-up-oauth',
  },
  {
    name: 'front',
    displayName: 'Front',
    description: 'Front Core API: conversations, inboxes and contacts.',
    categories: ['support', 'email'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://app.frontapp.com/oauth/authorize',
      tokenUrl: 'https://app.frontapp.com/oauth/token',
      scopes: [],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'basic',
    },
    api: { baseUrl: 'https://api2.frontapp.com', auth: bearerAccessToken },
    docsUrl: 'https://dev.frontapp.com/docs/oauth',
  },
]
