import type { IntegrationInput } from '../schema.ts'
import { bearerAccessToken, type OAuth2Input } from './helpers.ts'

/**
 * Google's OAuth 2.0 endpoints (https://developers.google.com/identity/protocols/oauth2/web-server).
 * `access_type=offline` asks for a refresh token and `prompt=consent` makes Google issue a new one
 * on every re-authorization (otherwise only the first consent returns one).
 */
function googleOAuth(scopes: string[]): OAuth2Input {
  return {
    authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revocationUrl: 'https://oauth2.googleapis.com/revoke',
    scopes,
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'basic',
    authorizationParams: { access_type: 'offline', prompt: 'consent' },
  }
}

export const googleIntegrations: IntegrationInput[] = [
  {
    name: 'google-sheets',
    displayName: 'Google Sheets',
    description: 'Read and write spreadsheets with the Google Sheets API v4.',
    categories: ['productivity', 'database'],
    authType: 'OAUTH2',
    oauth2: googleOAuth(['https://www.googleapis.com/auth/spreadsheets']),
    api: { baseUrl: 'https://sheets.googleapis.com', auth: bearerAccessToken },
    docsUrl: 'https://developers.google.com/sheets/api/reference/rest',
  },
  {
    name: 'google-drive',
    displayName: 'Google Drive',
    description: 'List, download and export files with the Google Drive API v3 (read-only by default).',
    categories: ['storage', 'productivity'],
    authType: 'OAUTH2',
    oauth2: googleOAuth(['https://www.googleapis.com/auth/drive.readonly']),
    api: { baseUrl: 'https://www.googleapis.com', auth: bearerAccessToken },
    docsUrl: 'https://developers.google.com/drive/api/reference/rest/v3',
  },
  {
    name: 'google-calendar',
    displayName: 'Google Calendar',
    description: 'Read and manage calendar events with the Google Calendar API v3.',
    categories: ['calendar', 'productivity'],
    authType: 'OAUTH2',
    oauth2: googleOAuth(['https://www.googleapis.com/auth/calendar.events']),
    api: { baseUrl: 'https://www.googleapis.com', auth: bearerAccessToken },
    docsUrl: 'https://developers.google.com/calendar/api/v3/reference',
  },
  {
    name: 'gmail',
    displayName: 'Gmail',
    description: 'Read messages and threads with the Gmail API (read-only by default).',
    categories: ['email', 'communication'],
    authType: 'OAUTH2',
    oauth2: googleOAuth(['https://www.googleapis.com/auth/gmail.readonly']),
    api: { baseUrl: 'https://gmail.googleapis.com', auth: bearerAccessToken },
    docsUrl: 'https://developers.google.com/gmail/api/reference/rest',
  },
  {
    name: 'google-docs',
    displayName: 'Google Docs',
    description: 'Read documents with the Google Docs API v1 (read-only by default).',
    categories: ['productivity'],
    authType: 'OAUTH2',
    oauth2: googleOAuth(['https://www.googleapis.com/auth/documents.readonly']),
    api: { baseUrl: 'https://docs.googleapis.com', auth: bearerAccessToken },
    docsUrl: 'https://developers.google.com/docs/api/reference/rest',
  },
  {
    name: 'youtube',
    displayName: 'YouTube',
    description: 'Read channels, playlists and videos with the YouTube Data API v3 (read-only by default).',
    categories: ['video', 'marketing'],
    authType: 'OAUTH2',
    oauth2: googleOAuth(['https://www.googleapis.com/auth/youtube.readonly']),
    api: { baseUrl: 'https://www.googleapis.com', auth: bearerAccessToken },
    docsUrl: 'https://developers.google.com/youtube/v3/docs',
  },
]
