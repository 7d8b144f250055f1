export const authTypeLabels = {
  OAUTH2: 'OAuth 2.0',
  SECRET_TEXT: 'API key',
  BASIC: 'Username and password',
  CUSTOM: 'Custom fields',
} as const
