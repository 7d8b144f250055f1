import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'

/**
 * One Database interface for both dialects. Column names are camelCase here and snake_case
 * in the database (Kysely's CamelCasePlugin). Conventions that hold for every table:
 * ids are uuid text; times are ISO-8601 UTC text (`Date#toISOString()`, so they sort as
 * text); booleans are integers 0/1; JSON is text. Columns holding secrets end in
 * `Ciphertext` and are written only through the cipher (see packages/core/src/crypto).
 */
export interface Database {
  organizations: OrganizationTable
  workspaces: WorkspaceTable
  users: UserTable
  dashboardSessions: DashboardSessionTable
  apiKeys: ApiKeyTable
  customIntegrations: CustomIntegrationTable
  integrationSettings: IntegrationSettingTable
  oauthApps: OAuthAppTable
  endUsers: EndUserTable
  connectSessions: ConnectSessionTable
  connections: ConnectionTable
  events: EventTable
  oauthClients: OAuthClientTable
  oauthServerModels: OAuthServerModelTable
  oauthServerSecrets: OAuthServerSecretTable
  webhookEndpoints: WebhookEndpointTable
  webhookDeliveries: WebhookDeliveryTable
  webhookDeliveryAttempts: WebhookDeliveryAttemptTable
  idempotencyKeys: IdempotencyKeyTable
  jobLeases: JobLeaseTable
  proxyStats: ProxyStatsTable
  organizationSsoSettings: OrganizationSsoSettingsTable
  ssoDomains: SsoDomainTable
  ssoIdentities: SsoIdentityTable
  ssoLoginAttempts: SsoLoginAttemptTable
  memberships: MembershipTable
  invites: InviteTable
}

type CreatedAt = ColumnType<string, string, never>

export type Plan = 'FREE' | 'TEAM' | 'SCALE' | 'ENTERPRISE'
export type Role = 'owner' | 'admin' | 'member' | 'viewer'
export type ConnectionScope = 'ORGANIZATION' | 'WORKSPACE' | 'USER'
export type ConnectionType = 'OAUTH2' | 'SECRET_TEXT' | 'BASIC' | 'CUSTOM'
/** A deleted connection is gone (its history says REVOKED/DELETED); there is no revoked status. */
export type ConnectionStatus = 'ACTIVE' | 'REFRESH_FAILED' | 'UNHEALTHY'
export type ConnectSessionStatus = 'PENDING' | 'CONNECTING' | 'COMPLETED' | 'FAILED'

export interface OrganizationTable {
  id: string
  name: string
  plan: Plan
  /** JSON array of origins ("https://app.example.com") that redirect URIs must start with. */
  allowedRedirectOrigins: string
  /** JSON object: { logoUrl?, primaryColor? } for the hosted connect page. */
  branding: string
  createdAt: CreatedAt
  updatedAt: string
}

export interface WorkspaceTable {
  id: string
  organizationId: string
  name: string
  createdAt: CreatedAt
}

export interface UserTable {
  id: string
  organizationId: string
  email: string
  passwordHash: string
  role: Role
  isSuperuser: number
  createdAt: CreatedAt
}

export interface DashboardSessionTable {
  /** SHA-256 of the cookie value; the cookie itself is never stored. */
  id: string
  userId: string
  organizationId: string
  expiresAt: string
  createdAt: CreatedAt
  /** The id the account API shows and revokes by (migration 0010). */
  publicId: string
  /** The User-Agent at sign-in, truncated; null when none was sent. */
  userAgent: ColumnType<string | null, string | null | undefined, string | null>
  /** When the session last authenticated a request (at most once a minute); null until then. */
  lastSeenAt: ColumnType<string | null, string | null | undefined, string | null>
  /** How it signed in: 'password' or 'sso' (migration 0018); null: opened before 0018. */
  method: ColumnType<string | null, string | null | undefined, string | null>
}

export interface ApiKeyTable {
  id: string
  organizationId: string
  name: string
  /** SHA-256 of the key (base64url); the key is shown once and never stored. */
  keyHash: string
  /** The first characters, for people to recognise a key ("sk_3fa9…"). */
  prefix: string
  createdAt: CreatedAt
  lastUsedAt: string | null
  revokedAt: string | null
  /** JSON array of scopes (migration 0014); null: a full-access key. */
  scopes: ColumnType<string | null, string | null | undefined, string | null>
  /** JSON array of workspace ids the key may touch; null: all. */
  workspaceIds: ColumnType<string | null, string | null | undefined, string | null>
  /** When the key stops working; null: never. */
  expiresAt: ColumnType<string | null, string | null | undefined, string | null>
  /**
   * 1 when the key's maker could make or unmake an owner (an owner, a superuser, the CLI, an
   * owner-grade key), else 0: an admin's key touches no owner (migration 0018).
   */
  ownerGrade: ColumnType<number, number | undefined, number>
}

export interface CustomIntegrationTable {
  id: string
  organizationId: string
  name: string
  /** The validated IntegrationDefinition as JSON. Holds no secrets. */
  definition: string
  createdAt: CreatedAt
  updatedAt: string
}

export interface IntegrationSettingTable {
  organizationId: string
  integrationName: string
  sharingMode: 'PER_USER' | 'SHARED'
}

export interface OAuthAppTable {
  id: string
  /** null for a platform-managed app. */
  organizationId: string | null
  integrationName: string
  clientId: string
  clientSecretCiphertext: string
  /** JSON array; empty means the integration's defaults. */
  scopes: string
  createdAt: CreatedAt
}

export interface EndUserTable {
  id: string
  organizationId: string
  workspaceId: string
  externalId: string
  displayName: string | null
  email: string | null
  metadata: string
  createdAt: CreatedAt
}

export interface ConnectSessionTable {
  id: string
  organizationId: string
  workspaceId: string
  /** SHA-256 of the cst_ token. */
  tokenHash: string
  integrationName: string
  connectionName: string
  externalId: string
  endUserId: string | null
  /** Seed 002 flows act for a dashboard user. */
  ownerUserId: string | null
  scope: ConnectionScope
  oauthAppId: string | null
  successRedirectUri: string | null
  errorRedirectUri: string | null
  /** A connection to re-authorize in place. */
  reconnectConnectionId: string | null
  status: ConnectSessionStatus
  error: string | null
  connectionId: string | null
  /** SHA-256 of the OAuth `state`; single use (nulled when consumed). */
  stateHash: string | null
  stateExpiresAt: string | null
  pkceVerifierCiphertext: string | null
  /**
   * The tokens the OAuth exchange obtained (encrypted JSON), from the exchange until the
   * connection holds them; set only while they may still have to be revoked (a failure or a
   * crash between the two).
   */
  tokensCiphertext: ColumnType<string | null, string | null | undefined, string | null>
  /** JSON object the connect token gave for the new connection's metadata; null for none. */
  connectionMetadata: string | null
  expiresAt: string
  createdAt: CreatedAt
  updatedAt: string
}

export interface ConnectionTable {
  id: string
  organizationId: string
  workspaceId: string
  integrationName: string
  oauthAppId: string | null
  type: ConnectionType
  externalId: string
  displayName: string
  scope: ConnectionScope
  endUserId: string | null
  ownerUserId: string | null
  status: ConnectionStatus
  statusReason: string | null
  /** Encrypted JSON: { accessToken, refreshToken?, tokenType? } or the typed-in fields. */
  credentialsCiphertext: string
  /** Bumped on every credentials write; refresh commits with compare-and-swap on it. */
  credentialsVersion: number
  tokenExpiresAt: string | null
  refreshTokenExpiresAt: string | null
  lastAuthorizedAt: string | null
  lastRefreshedAt: string | null
  lastUsedAt: string | null
  /** JSON array of granted scopes. */
  grantedScopes: string
  apiBaseUri: string | null
  /** The caller's JSON object (seed 002's `data`); `{}` when none was given. Holds no secrets. */
  metadata: string
  /** Refresh lease: one refresher at a time, across processes. */
  refreshLeaseUntil: string | null
  refreshLeaseOwner: string | null
  refreshFailures: number
  nextRefreshAt: string | null
  /**
   * When the background refresher next picks the connection up (core refresh/refresh-margin.ts,
   * refreshDueAt: the token's renewal or a day idle, not before nextRefreshAt; null unless
   * OAUTH2 and ACTIVE or UNHEALTHY). Written with every change of those columns; the due query
   * is a range of its index. Migration 0021 backfilled it.
   */
  refreshDueAt: ColumnType<string | null, string | null | undefined, string | null>
  /** When the connection last turned (or proved) healthy: authorized, refreshed, recovered. */
  lastHealthyAt: ColumnType<string | null, string | null | undefined, string | null>
  /** When it last turned unhealthy (UNHEALTHY or REFRESH_FAILED). */
  lastUnhealthyAt: ColumnType<string | null, string | null | undefined, string | null>
  /** The refreshTokenExpiresAt that connection.expiring was emitted for (once per window). */
  expiringNotifiedAt: ColumnType<string | null, string | null | undefined, string | null>
  /** When the scheduled verification probe last ran (API-key connections; migration 0013). */
  lastVerifiedAt: ColumnType<string | null, string | null | undefined, string | null>
  createdAt: CreatedAt
  updatedAt: string
}

/**
 * A background job's lease (migration 0013): the instance that moves `leasedUntil` forward by
 * compare-and-swap runs the job's pass; the others skip it until the lease ends.
 */
/** Proxied calls per minute, workspace and server instance (0019). */
export interface ProxyStatsTable {
  /** The minute's start, ISO 8601. */
  minute: string
  organizationId: string
  workspaceId: string
  instanceId: string
  calls: number
  /** Answers 400-499 (the proxy's own refusals included). */
  clientErrors: number
  /** Answers 500 and up, and calls that got no answer (unreachable, timed out). */
  serverErrors: number
  /** JSON: `{ "<bucket>": count }`, see core stats/proxy-stats.ts. */
  latency: string
}

export interface JobLeaseTable {
  name: string
  owner: string | null
  leasedUntil: string
  lastRunAt: string | null
}

/** Who did what an event records. */
export type EventActorType = 'user' | 'api_key' | 'oauth_client' | 'end_user' | 'system'

/**
 * The one event log (migration 0007): append-only, each row written in the transaction of the
 * change it records (core's appendEvent). Subject ids carry no foreign keys: history outlives
 * what it is about. `integrationId` is the integration's name (its identifier in the API).
 */
export interface EventTable {
  /** `evt_` + random; the public id (webhook-id of its deliveries). */
  id: string
  /**
   * Strictly increasing per database, never reused (PostgreSQL identity, SQLite AUTOINCREMENT);
   * the cursor of the audit API. In commit order within an organization: PostgreSQL assigns it
   * again at commit under a per-organization lock (migration 0023); SQLite serializes writers.
   * PostgreSQL answers bigint as a string.
   */
  seq: ColumnType<string | number, never, never>
  organizationId: string
  workspaceId: string | null
  type: string
  occurredAt: string
  actorType: EventActorType
  actorId: string | null
  connectionId: string | null
  connectSessionId: string | null
  endUserId: string | null
  integrationId: string | null
  /** JSON object; never holds a secret. */
  data: string
}

export type Organization = Selectable<OrganizationTable>
export type Workspace = Selectable<WorkspaceTable>
export type User = Selectable<UserTable>
export type ApiKey = Selectable<ApiKeyTable>
export type OAuthApp = Selectable<OAuthAppTable>
export type EndUser = Selectable<EndUserTable>
export type ConnectSession = Selectable<ConnectSessionTable>
export type NewConnectSession = Insertable<ConnectSessionTable>
export type Connection = Selectable<ConnectionTable>
export type NewConnection = Insertable<ConnectionTable>
export type ConnectionUpdate = Updateable<ConnectionTable>
export type CustomIntegration = Selectable<CustomIntegrationTable>
export type EventRow = Selectable<EventTable>
export type NewEventRow = Insertable<EventTable>

/** A third-party app registered with Switchboard's own authorization server (seed 003). */
export interface OAuthClientTable {
  id: string
  /** The organization that registered (develops) the app; any organization may authorize it. */
  organizationId: string
  /** Public identifier (`sbc_…`). */
  clientId: string
  /** `sha256:` + SHA-256 of the secret (confidential clients); the secret is shown once. null for public clients. */
  clientSecretHash: string | null
  name: string
  logoUrl: string | null
  /** JSON array of exact redirect URIs. */
  redirectUris: string
  confidential: number
  /** JSON array of the scopes the app may request. */
  scopes: string
  createdAt: CreatedAt
}

/**
 * oidc-provider's models (Grant, AuthorizationCode, AccessToken, RefreshToken, Session,
 * Interaction…), one row each. For every model whose id is a credential the id is the SHA-256
 * of the value and the payload does not hold the value, so the table yields no usable token.
 */
export interface OAuthServerModelTable {
  model: string
  id: string
  /** JSON of the model's payload (without its `jti` where the id is hashed). */
  payload: string
  grantId: string | null
  uid: string | null
  userCode: string | null
  clientId: string | null
  accountId: string | null
  expiresAt: string | null
  consumedAt: string | null
  createdAt: CreatedAt
}

/** The authorization server's signing keys (JWKS) and cookie keys, encrypted with the key ring. */
export interface OAuthServerSecretTable {
  id: string
  valueCiphertext: string
  createdAt: CreatedAt
}

export type OAuthClient = Selectable<OAuthClientTable>
export type OAuthServerModel = Selectable<OAuthServerModelTable>

/** A URL an organization receives events at (issue 22). The secret is encrypted with the key ring. */
export interface WebhookEndpointTable {
  id: string
  organizationId: string
  url: string
  /** JSON array of event types, or null: every type except those off by default. */
  events: string | null
  /**
   * JSON array of the workspaces whose events it receives (migration 0022); null: every
   * workspace's and the organization's own events.
   */
  workspaceIds: ColumnType<string | null, string | null | undefined, string | null>
  description: string
  enabled: number
  disabledReason: string | null
  secretCiphertext: string
  /** After a rotation, the former secret keeps signing (a second signature) until it expires. */
  previousSecretCiphertext: string | null
  previousSecretExpiresAt: string | null
  createdAt: CreatedAt
  updatedAt: string
}

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERING' | 'DELIVERED' | 'FAILED'

/** One event for one endpoint: the outbox row the worker claims, sends and settles. */
export interface WebhookDeliveryTable {
  id: string
  organizationId: string
  endpointId: string
  /** The webhook-id header: the event's id, the same on every retry. */
  eventId: string
  eventType: string
  /** The exact JSON body sent: {type, timestamp, data}. */
  payload: string
  /** The event's connection: deliveries with the same key go out in `seq` order. */
  orderingKey: string | null
  seq: ColumnType<number, number | bigint, number | bigint>
  status: WebhookDeliveryStatus
  attempts: number
  nextAttemptAt: string
  leaseOwner: string | null
  leaseExpiresAt: string | null
  lastAttemptAt: string | null
  lastStatusCode: number | null
  lastLatencyMs: number | null
  lastError: string | null
  /** The receiver's answer, truncated to about 1 KiB. */
  lastResponse: string | null
  deliveredAt: string | null
  createdAt: CreatedAt
}

export interface WebhookDeliveryAttemptTable {
  id: string
  deliveryId: string
  attemptedAt: string
  statusCode: number | null
  latencyMs: number
  error: string | null
  response: string | null
}

export type WebhookEndpoint = Selectable<WebhookEndpointTable>
export type WebhookDelivery = Selectable<WebhookDeliveryTable>
export type WebhookDeliveryAttempt = Selectable<WebhookDeliveryAttemptTable>
/** A REST POST's Idempotency-Key and the answer it got (migration 0009; core/src/idempotency). */
export interface IdempotencyKeyTable {
  id: string
  organizationId: string
  idempotencyKey: string
  /** SHA-256 (hex) of method, path and body: the same key with another request is refused. */
  requestHash: string
  /** null while the first request with this key runs. */
  responseStatus: number | null
  /** The answer's body and headers as JSON, through the cipher. */
  responseCiphertext: string | null
  createdAt: CreatedAt
  completedAt: string | null
}

/** An organization's dashboard SSO settings (migration 0017; core/src/sso). */
export interface OrganizationSsoSettingsTable {
  organizationId: string
  /** The role of a member created on first SSO sign-in. */
  defaultRole: Role
  /** 1: password sign-in is refused for the organization's users (SSO_REQUIRED). */
  enforced: number
  updatedAt: string
}

/** An email domain whose verified addresses join `organizationId` on first SSO sign-in. */
export interface SsoDomainTable {
  /** Lower-case, e.g. `example.com`; one organization per domain. */
  domain: string
  organizationId: string
  createdAt: CreatedAt
}

/** The OpenID provider's account (issuer + `sub`) of a dashboard user. */
export interface SsoIdentityTable {
  issuer: string
  subject: string
  userId: string
  createdAt: CreatedAt
}

/** A started SSO sign-in, until its callback (single use, 10 minutes). */
export interface SsoLoginAttemptTable {
  id: string
  /** SHA-256 of the `state` sent to the provider. */
  stateHash: string
  /** SHA-256 of the browser-binding cookie set when the sign-in started. */
  bindingHash: string
  /** JSON `{ codeVerifier, nonce }` through the cipher. */
  secretsCiphertext: string
  /** Where the dashboard goes after sign-in: a path of ours. */
  returnTo: string
  expiresAt: string
  createdAt: CreatedAt
}

/** A user's place in an organization (migration 0015). */
export interface MembershipTable {
  userId: string
  organizationId: string
  role: Role
  /** JSON array of workspace ids; null: every workspace. */
  workspaceIds: string | null
  createdAt: CreatedAt
}
export type Membership = Selectable<MembershipTable>

/** An invitation to join an organization (migration 0016); the token is stored hashed. */
export interface InviteTable {
  id: string
  organizationId: string
  email: string
  role: Role
  workspaceIds: string | null
  tokenHash: string
  invitedBy: string | null
  expiresAt: string
  createdAt: CreatedAt
  acceptedAt: string | null
  revokedAt: string | null
}
export type Invite = Selectable<InviteTable>
