/**
 * Seed 002's example objects, verbatim (/work/shared/seeds): one copy for the tests that hold our
 * answers to them (seed-002.test.ts) and the OpenAPI document's schemas (seed-shapes.test.ts).
 */

export const SEED_002_CONNECTION = {
  id: 'conn-abc-123',
  integrationId: 'integration-abc-123',
  ownerId: 'alice',
  isShared: false,
  tokenExpiresAt: '2024-02-10T14:30:00Z',
  refreshTokenExpiresAt: '2024-03-10T14:30:00Z',
  lastAuthorizedAt: '2024-02-09T10:00:00Z',
  apiBaseUri: 'https://www.googleapis.com/drive/v3',
  data: {},
  createdAt: '2024-01-15T09:00:00Z',
  updatedAt: '2024-02-09T10:00:00Z',
}

export const SEED_002_LIST = {
  _links: {
    self: { href: '/api/integration-connections' },
  },
  _embedded: {
    'inf:integration-connection': [
      {
        id: 'conn-abc-123',
        integrationId: 'integration-abc-123',
        ownerId: 'alice',
        isShared: false,
        tokenExpiresAt: '2024-02-10T14:30:00Z',
        lastAuthorizedAt: '2024-02-09T10:00:00Z',
        _embedded: {
          'inf:integration': {
            id: 'integration-abc-123',
            name: 'Google Drive - Engineering',
            type: 'google-drive',
          },
        },
      },
    ],
  },
  start: 0,
  count: 1,
  total: 1,
}

export const SEED_002_REQUEST_BODY = {
  method: 'GET',
  url: '/files?pageSize=10',
  headers: { Accept: 'application/json' },
}
