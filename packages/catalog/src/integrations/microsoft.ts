import type { IntegrationInput } from '../schema.ts'
import { bearerAccessToken, type OAuth2Input } from './helpers.ts'

/**
 * Microsoft identity platform v2.0 endpoints with the multi-tenant `common` authority, so both work
 * or school (Entra ID) and personal Microsoft accounts can connect. `offline_access` is what makes
 * Entra ID return a refresh token. Entra ID has no RFC 7009 revocation endpoint.
 */
function entraOAuth(scopes: string[]): OAuth2Input {
  return {
    authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    scopes: ['offline_access', 'User.Read', ...scopes],
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'basic',
    // Entra ID refresh tokens last 90 days by default (a new one comes with each refresh).
    refreshTokenLifetimeDays: 90,
  }
}

const graph = { baseUrl: 'https://graph.microsoft.com', auth: bearerAccessToken }

export const microsoftIntegrations: IntegrationInput[] = [
  {
    name: 'microsoft-365',
    displayName: 'Microsoft 365',
    description: 'Microsoft Graph with a Microsoft Entra ID (work, school or personal) account.',
    categories: ['productivity'],
    authType: 'OAUTH2',
    oauth2: entraOAuth([]),
    api: graph,
    docsUrl: 'https://learn.microsoft.com/graph/api/overview',
  },
  {
    name: 'outlook',
    displayName: 'Outlook',
    description: 'Outlook mail and calendar through Microsoft Graph.',
    categories: ['email', 'calendar'],
    authType: 'OAUTH2',
    oauth2: entraOAuth(['Mail.Read', 'Calendars.Read']),
    api: graph,
    docsUrl: 'https://learn.microsoft.com/graph/outlook-mail-concept-overview',
  },
  {
    name: 'onedrive',
    displayName: 'OneDrive',
    description: 'OneDrive and SharePoint files through Microsoft Graph (read-only by default).',
    categories: ['storage'],
    authType: 'OAUTH2',
    oauth2: entraOAuth(['Files.Read']),
    api: graph,
    docsUrl: 'https://learn.microsoft.com/graph/onedrive-concept-overview',
  },
  {
    name: 'microsoft-teams',
    displayName: 'Microsoft Teams',
    description: 'Teams and channels through Microsoft Graph.',
    categories: ['communication'],
    authType: 'OAUTH2',
    oauth2: entraOAuth(['Team.ReadBasic.All', 'Channel.ReadBasic.All']),
    api: graph,
    docsUrl: 'https://learn.microsoft.com/graph/teams-concept-overview',
  },
]
