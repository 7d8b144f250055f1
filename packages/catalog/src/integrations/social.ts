import type { IntegrationInput } from '../schema.ts'
import { bearerAccessToken } from './helpers.ts'

/** Social networks and consumer media. */
export const socialIntegrations: IntegrationInput[] = [
  {
    name: 'linkedin',
    displayName: 'LinkedIn',
    description: "LinkedIn API with Sign In with LinkedIn (OpenID Connect) scopes for the member's profile.",
    categories: ['marketing', 'communication'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://www.linkedin.com/oauth/v2/authorization',
      tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
      revocationUrl: 'https://www.linkedin.com/oauth/v2/revoke',
      scopes: ['openid', 'profile', 'email'],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'body',
    },
    api: { baseUrl: 'https://api.linkedin.com', auth: bearerAccessToken },
    docsUrl: 'https://learn.microsoft.com/linkedin/shared/authentication/authorization-code-flow',
  },
  {
    name: 'reddit',
    displayName: 'Reddit',
    description: 'Reddit API on oauth.reddit.com (send a descriptive User-Agent, as Reddit requires).',
    categories: ['marketing', 'communication'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://www.reddit.com/api/v1/authorize',
      tokenUrl: 'https://www.reddit.com/api/v1/access_token',
      revocationUrl: 'https://www.reddit.com/api/v1/revoke_token',
      scopes: ['identity', 'read'],
      scopeSeparator: ' ',
      pkce: false,
      clientAuth: 'basic',
      // duration=permanent is what makes Reddit issue a refresh token.
      authorizationParams: { duration: 'permanent' },
    },
    api: { baseUrl: 'https://oauth.reddit.com', auth: bearerAccessToken },
    docsUrl: 'https://github.com/reddit-archive/reddit/wiki/OAuth2',
  },
  {
    name: 'twitter',
    displayName: 'X (Twitter)',
    description: 'X API v2 with OAuth 2.0 user context (offline.access for a refresh token).',
    categories: ['marketing', 'communication'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://twitter.com/i/oauth2/authorize',
      tokenUrl: 'https://api.twitter.com/2/oauth2/token',
      revocationUrl: 'https://api.twitter.com/2/oauth2/revoke',
      scopes: ['tweet.read', 'users.read', 'offline.access'],
      scopeSeparator: ' ',
      pkce: true,
      clientAuth: 'basic',
    },
    api: {
      baseUrl: 'https://api.x.com',
      allowedOrigins: ['https://api.x.com', 'https://api.twitter.com'],
      auth: bearerAccessToken,
    },
    docsUrl: 'https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code',
  },
  {
    name: 'spotify',
    displayName: 'Spotify',
    description: "Spotify Web API: the user's profile, library and playback.",
    categories: ['other'],
    authType: 'OAUTH2',
    oauth2: {
      authorizationUrl: 'https://accounts.spotify.com/authorize',
      tokenUrl: 'https://accounts.spotify.com/api/token',
      scopes: ['user-read-email', 'user-read-private'],
      scopeSeparator: ' ',
      pkce: true,
      clientAuth: 'basic',
    },
    api: { baseUrl: 'https://api.spotify.com', auth: bearerAccessToken },
    docsUrl: 'https://developer.spotify.com/documentation/web-api/concepts/authorization',
  },
]
