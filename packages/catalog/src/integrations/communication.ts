import type { IntegrationInput } from '../schema.ts'
import { bearerAccessToken } from './helpers.ts'

export const communicationIntegrations: IntegrationInput[] = [
  {
    name: 'slack',
    displayName: 'Slack',
    description:
      'Slack Web API with a bot token (OAuth v2). User-token scopes go in the `user_scope` authorize parameter.',
    categories: ['communication'],
    authType: 'OAUTH2',
    oauth2: {
      // OAuth v2 ("Add to Slack"), which issues bot/user tokens for the Web API. Arctic's Slack
      // provider is "Sign in with Slack" (OpenID Connect), a different flow that only yields identity.
      authorizationUrl: 'https://slack.com/oauth/v2/authorize',
      tokenUrl: 'https://slack.com/api/oauth.v2.access',
      // auth.revoke revokes the token it is given in the `token` form parameter.
      revocationUrl: 'https://slack.com/api/auth.revoke',
      scopes: ['channels:read', 'chat:write'],
      scopeSeparator: ',',
      pkce: false,
      clientAuth: 'basic',
    },
    api: { baseUrl: 'https://slack.com/api', auth: bearerAccessToken },
    docsUrl: 'https://api.slack.com/authentication/oauth-v2',
  },
  {
    name: 'discord',
    displayName: 'Discord',
    description: "Discord REST API on the user's behalf (identity and guild list by default).",
    categories: ['communication'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://discord.com/oauth2/authorize',
      tokenUrl: 'https://discord.com/api/oauth2/token',
      revocationUrl: 'https://discord.com/api/oauth2/token/revoke',
      scopes: ['identify', 'guilds'],
      scopeSeparator: ' ',
      pkce: true,
      clientAuth: 'basic',
    },
    api: { baseUrl: 'https://discord.com/api', auth: bearerAccessToken },
    docsUrl: 'https://discord.com/developers/docs/topics/oauth2',
  },
  {
    name: 'zoom',
    displayName: 'Zoom',
    description:
      "Zoom API v2: meetings, webinars and recordings (scopes come from the app's Marketplace settings).",
    categories: ['video', 'communication'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://zoom.us/oauth/authorize',
      tokenUrl: 'https://zoom.us/oauth/token',
      revocationUrl: 'https://zoom.us/oauth/revoke',
      scopes: [],
      scopeSeparator: ' ',
      pkce: true,
      clientAuth: 'basic',
    },
    api: { baseUrl: 'https://api.zoom.us/v2', auth: bearerAccessToken },
    docsUrl: 'https://developers.zoom.us/docs/integrations/oauth/',
  },
  {
    name: 'twitch',
    displayName: 'Twitch',
    description: "Twitch Helix API; every request also needs a `Client-Id` header with the app's client id.",
    categories: ['video', 'communication'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://id.twitch.tv/oauth2/authorize',
      tokenUrl: 'https://id.twitch.tv/oauth2/token',
      revocationUrl: 'https://id.twitch.tv/oauth2/revoke',
      scopes: ['user:read:email'],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'body',
    },
    api: { baseUrl: 'https://api.twitch.tv/helix', auth: bearerAccessToken },
    docsUrl: 'https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/',
  },
]
