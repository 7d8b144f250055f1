import { z } from 'zod'

// Declared outputs: a field that is not listed here cannot reach a caller by accident.

export const WorkspaceOut = z.object({ id: z.string(), name: z.string(), createdAt: z.string() })

export const ApiKeyOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** null: a full-access key. */
  scopes: z.array(z.string()).nullable(),
  /** null: every workspace. */
  workspaceIds: z.array(z.string()).nullable(),
  expiresAt: z.string().nullable(),
})

export const OrganizationOut = z.object({
  id: z.string(),
  name: z.string(),
  plan: z.enum(['FREE', 'TEAM', 'SCALE', 'ENTERPRISE']),
  allowedRedirectOrigins: z.array(z.string()),
  branding: z.object({ logoUrl: z.string().optional(), primaryColor: z.string().optional() }),
  createdAt: z.string(),
})

export const UserOut = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['owner', 'admin', 'member', 'viewer']),
  isSuperuser: z.boolean(),
  organizationId: z.string(),
})

export const ConnectionOut = z.object({
  id: z.string(),
  workspaceId: z.string(),
  integrationName: z.string(),
  type: z.enum(['OAUTH2', 'SECRET_TEXT', 'BASIC', 'CUSTOM']),
  externalId: z.string(),
  displayName: z.string(),
  scope: z.enum(['ORGANIZATION', 'WORKSPACE', 'USER']),
  endUserId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  oauthAppId: z.string().nullable(),
  status: z.enum(['ACTIVE', 'REFRESH_FAILED', 'UNHEALTHY']),
  statusReason: z.string().nullable(),
  statusDetail: z.object({ code: z.string(), message: z.string() }).nullable(),
  resolution: z.enum(['END_USER_RECONNECT', 'PROVIDER', 'ADMIN_CONFIG', 'NONE']),
  expiring: z.boolean(),
  lastHealthyAt: z.string().nullable(),
  lastUnhealthyAt: z.string().nullable(),
  grantedScopes: z.array(z.string()),
  tokenExpiresAt: z.string().nullable(),
  refreshTokenExpiresAt: z.string().nullable(),
  lastAuthorizedAt: z.string().nullable(),
  lastRefreshedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  apiBaseUri: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
})

export const ConnectionEventOut = z.object({
  id: z.string(),
  kind: z.string(),
  detail: z.string().nullable(),
  createdAt: z.string(),
})

export const EndUserOut = z.object({
  id: z.string(),
  workspaceId: z.string(),
  externalId: z.string(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
})

export const ConnectSessionOut = z.object({
  id: z.string(),
  integrationName: z.string(),
  connectionName: z.string(),
  externalId: z.string(),
  status: z.enum(['PENDING', 'CONNECTING', 'COMPLETED', 'FAILED']),
  connectionId: z.string().nullable(),
  error: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
})

export const ConnectTokenOut = z.object({
  token: z.string(),
  connectUrl: z.string(),
  expiresAt: z.string(),
  sessionId: z.string(),
})

const FormFieldOut = z.object({
  key: z.string(),
  label: z.string(),
  secret: z.boolean(),
  optional: z.boolean(),
  pattern: z.string().optional(),
  placeholder: z.string().optional(),
  help: z.string().optional(),
})

export const ConnectPageOut = z.object({
  session: z.object({
    id: z.string(),
    status: z.enum(['PENDING', 'CONNECTING', 'COMPLETED', 'FAILED']),
    error: z.string().nullable(),
    connectionId: z.string().nullable(),
    connectionName: z.string(),
    expiresAt: z.string(),
    integration: z.object({
      name: z.string(),
      displayName: z.string(),
      logoUrl: z.string().optional(),
      authType: z.enum(['OAUTH2', 'SECRET_TEXT', 'BASIC', 'CUSTOM']),
      fields: z.array(FormFieldOut),
    }),
    organization: z.object({
      name: z.string(),
      branding: z.object({ logoUrl: z.string().optional(), primaryColor: z.string().optional() }),
    }),
    openerOrigin: z.string().nullable(),
    successRedirectUri: z.string().nullable(),
    errorRedirectUri: z.string().nullable(),
  }),
})

export const OAuthAppOut = z.object({
  id: z.string(),
  integrationName: z.string(),
  clientId: z.string(),
  scopes: z.array(z.string()),
  owner: z.enum(['TENANT', 'PLATFORM']),
  createdAt: z.string(),
})

export const IntegrationOut = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  logoUrl: z.string().nullable(),
  description: z.string().nullable(),
  categories: z.array(z.string()),
  authType: z.enum(['OAUTH2', 'SECRET_TEXT', 'BASIC', 'CUSTOM']),
  custom: z.boolean(),
  /** Whether a new connection can start now (core's IntegrationReadiness). */
  readiness: z.object({
    ready: z.boolean(),
    oauthApp: z.enum(['TENANT', 'PLATFORM']).nullable(),
    blockedBy: z.enum(['NO_OAUTH_APP', 'CUSTOM_OAUTH_APP_PLAN_REQUIRED']).nullable(),
  }),
  // The definition holds no secrets (client secrets live in OAuth apps).
  definition: z.record(z.string(), z.unknown()),
})

export const OAuthClientOut = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  redirectUris: z.array(z.string()),
  confidential: z.boolean(),
  scopes: z.array(z.string()),
  tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'none']),
  createdAt: z.string(),
})

/** Only the answer to `create` carries the secret (confidential clients), once. */
export const CreatedOAuthClientOut = OAuthClientOut.extend({ clientSecret: z.string().nullable() })

export const OAuthGrantOut = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  logoUrl: z.string().nullable(),
  userId: z.string(),
  userEmail: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
})

/** The dashboard's overview (core getOverview). */
export const OverviewOut = z.object({
  connectionsByStatus: z.array(z.object({ status: z.string(), count: z.number() })),
  connectionsByIntegration: z.array(z.object({ integrationName: z.string(), count: z.number() })),
  needsAttention: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      integrationName: z.string(),
      status: z.string(),
      statusReason: z.string().nullable(),
      tokenExpiresAt: z.string().nullable(),
      refreshTokenExpiresAt: z.string().nullable(),
      expiring: z.boolean(),
      resolution: z.string(),
      nextStep: z.string(),
    }),
  ),
  /** Webhook endpoints that are disabled or whose deliveries fail. */
  webhookAttention: z.array(
    z.object({
      endpointId: z.string(),
      url: z.string(),
      enabled: z.boolean(),
      failedDeliveries: z.number(),
      retryingDeliveries: z.number(),
      lastStatusCode: z.number().nullable(),
      lastAttemptAt: z.string().nullable(),
      nextStep: z.string(),
    }),
  ),
  /** Proxied calls, errors and p95 latency (ms, null without calls) per slot of the range. */
  traffic: z.object({
    range: z.enum(['24h', '7d']),
    slotMinutes: z.number(),
    points: z.array(
      z.object({
        start: z.string(),
        calls: z.number(),
        clientErrors: z.number(),
        serverErrors: z.number(),
        p95Ms: z.number().nullable(),
      }),
    ),
    totals: z.object({
      calls: z.number(),
      clientErrors: z.number(),
      serverErrors: z.number(),
      p95Ms: z.number().nullable(),
    }),
  }),
  days: z.array(
    z.object({
      date: z.string(),
      completed: z.number(),
      failed: z.number(),
      pending: z.number(),
      refreshFailures: z.number(),
    }),
  ),
  /** Which first steps are done (the dashboard shows them while there is no connection). */
  gettingStarted: z.object({
    integrationChosen: z.boolean(),
    connectTokenCreated: z.boolean(),
    connectionCreated: z.boolean(),
  }),
})

export const EventOut = z.object({
  id: z.string(),
  seq: z.number(),
  workspaceId: z.string().nullable(),
  type: z.string(),
  occurredAt: z.string(),
  actor: z.object({
    type: z.enum(['user', 'api_key', 'oauth_client', 'end_user', 'system']),
    id: z.string().nullable(),
  }),
  connectionId: z.string().nullable(),
  connectSessionId: z.string().nullable(),
  endUserId: z.string().nullable(),
  integrationId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
})

export const EventPageOut = z.object({ events: z.array(EventOut), nextCursor: z.string().nullable() })

/** A dashboard session of the signed-in user (account.sessions, GET /api/v1/account/sessions). */
export const SessionOut = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
})

/** A new API key: the secret `key` is in this answer only. */
export const CreatedApiKeyOut = z.object({ apiKey: ApiKeyOut, key: z.string() })

/** A connection in a list, with its end user's externalId (seed 001's list). */
export const ListedConnectionOut = ConnectionOut.extend({ endUserExternalId: z.string().nullable() })

/**
 * Seed 000's poll answer, as the seed shows it, plus the session's id (for the browser connect
 * helper; optional here only so the seed's own example, which predates it, still validates).
 */
export const PollOut = z.object({
  sessionId: z.string().optional(),
  status: z.enum(['PENDING', 'CONNECTING', 'COMPLETED', 'FAILED']),
  connectionId: z.string().nullable(),
  integrationName: z.string(),
  externalId: z.string(),
  error: z.string().nullable(),
})

/** The hosted page's credential form, once the connection exists. */
export const SubmitOut = z.object({ status: z.literal('COMPLETED'), connectionId: z.string() })

/** Seed 002's connection (`GET /api/integrations/:id/connection`), exactly as the seed shows it. */
export const Seed002ConnectionOut = z.object({
  id: z.string(),
  integrationId: z.string(),
  ownerId: z.string().nullable(),
  isShared: z.boolean(),
  tokenExpiresAt: z.string().nullable(),
  refreshTokenExpiresAt: z.string().nullable(),
  lastAuthorizedAt: z.string().nullable(),
  apiBaseUri: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
})

/** Seed 002's HAL+JSON list (`GET /api/integration-connections`). */
export const Seed002ConnectionListOut = z.object({
  _links: z.object({ self: z.object({ href: z.string() }) }),
  _embedded: z.object({
    'inf:integration-connection': z.array(
      z.object({
        id: z.string(),
        integrationId: z.string(),
        ownerId: z.string().nullable(),
        isShared: z.boolean(),
        tokenExpiresAt: z.string().nullable(),
        lastAuthorizedAt: z.string().nullable(),
        _embedded: z.object({
          'inf:integration': z.object({ id: z.string(), name: z.string(), type: z.string() }),
        }),
      }),
    ),
  }),
  start: z.number().int(),
  count: z.number().int(),
  total: z.number().int(),
})

/** A connection's current upstream access token (GET /api/v1/connections/:id/token). */
export const AccessTokenOut = z.object({
  accessToken: z.string(),
  tokenType: z.string(),
  expiresAt: z.string().nullable(),
})

export const SharingModeOut = z.object({
  integrationName: z.string(),
  sharingMode: z.enum(['PER_USER', 'SHARED']),
})

/** The consent page's view of an authorization request (GET /api/v1/oauth-interactions/:uid). */
export const OAuthInteractionOut = z.object({
  interaction: z.object({
    uid: z.string(),
    loginRequired: z.boolean(),
    client: z.object({
      clientId: z.string(),
      name: z.string(),
      logoUrl: z.string().nullable(),
      developer: z.string(),
    }),
    scopes: z.array(z.object({ scope: z.string(), description: z.string() })),
    organization: z.object({ id: z.string(), name: z.string() }).nullable(),
    user: z.object({ id: z.string(), email: z.string() }).nullable(),
    loginUrl: z.string(),
    consentUrl: z.string(),
  }),
})

export const WebhookOut = z.object({
  id: z.string(),
  url: z.string(),
  /** The event types it subscribes to; null: every type except those off by default. */
  events: z.array(z.string()).nullable(),
  /** The workspaces whose events it receives; null: every workspace's and the organization's own. */
  workspaceIds: z.array(z.string()).nullable(),
  description: z.string(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

/** The endpoint and its signing secret, shown this once. */
export const WebhookWithSecretOut = z.object({ webhook: WebhookOut, secret: z.string() })

export const WebhookDeliveryOut = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['PENDING', 'DELIVERING', 'DELIVERED', 'FAILED']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().nullable(),
  lastLatencyMs: z.number().nullable(),
  lastError: z.string().nullable(),
  lastResponse: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  payload: z.unknown(),
  attemptHistory: z.array(
    z.object({
      attemptedAt: z.string(),
      statusCode: z.number().nullable(),
      latencyMs: z.number(),
      error: z.string().nullable(),
      response: z.string().nullable(),
    }),
  ),
})

export const WebhookDeliveryPageOut = z.object({
  deliveries: z.array(WebhookDeliveryOut),
  nextCursor: z.string().nullable(),
})

const RoleOut = z.enum(['owner', 'admin', 'member', 'viewer'])

/** A member of the organization (members.list, GET /api/v1/members). */
export const MemberOut = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: RoleOut,
  /** null: every workspace. */
  workspaceIds: z.array(z.string()).nullable(),
  createdAt: z.string(),
})

/** An invite (invites.list, GET /api/v1/invites); its token is only ever in `url`, once. */
export const InviteOut = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleOut,
  workspaceIds: z.array(z.string()).nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})

export const CreatedInviteOut = z.object({ invite: InviteOut, url: z.string(), emailed: z.boolean() })

/** What the invite page shows before accepting (public). */
export const InviteLookupOut = z.object({
  organizationName: z.string(),
  email: z.string(),
  role: RoleOut,
  userExists: z.boolean(),
})

/** An organization the signed-in user belongs to (auth.me). */
export const MyOrganizationOut = z.object({ id: z.string(), name: z.string(), role: RoleOut })
