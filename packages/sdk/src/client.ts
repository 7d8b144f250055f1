import { errorEnvelope } from './errors.ts'
import {
  type CallOptions,
  type CreateOptions,
  errorFrom,
  type SwitchboardOptions,
  Transport,
} from './http.ts'
import type { Answer, Body, Query } from './types.ts'

/** The idempotency key of a create: the caller's, or a fresh one shared by the call's retries. */
function keyOf(options: CreateOptions | undefined): string | true {
  return options?.idempotencyKey ?? true
}

/** Seed 000: the hosted connect flow. */
export class ConnectApi {
  constructor(readonly t: Transport) {}

  /** `POST /api/v1/connect/token` → `{token, connectUrl, expiresAt, sessionId, …}`. */
  createToken(
    body: Body<'/api/v1/connect/token', 'post'>,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/connect/token', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/connect/token',
      body,
      idempotencyKey: keyOf(options),
      options,
    })
  }

  /** `GET /api/v1/connect/session/:sessionId` → `{session}`. */
  getSession(
    sessionId: string,
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/connect/session/{sessionId}', 'get'>> {
    return this.t.request({
      method: 'GET',
      path: '/api/v1/connect/session/{sessionId}',
      params: { sessionId },
      options,
    })
  }

  /** `POST /api/v1/connect/session/poll` with the `cst_` token (no API key needed). */
  poll(token: string, options?: CallOptions): Promise<Answer<'/api/v1/connect/session/poll', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/connect/session/poll',
      body: { token },
      anonymous: true,
      retryable: true,
      options,
    })
  }

  /**
   * `POST /api/v1/connect/submit`: what the hosted page sends for an API-key, basic or custom
   * integration (`{token, credentials}`); no API key needed, the token is the credential.
   */
  submit(
    body: Body<'/api/v1/connect/submit', 'post'>,
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/connect/submit', 'post'>> {
    return this.t.request({ method: 'POST', path: '/api/v1/connect/submit', body, anonymous: true, options })
  }
}

/** Seed 001: a customer's users. */
export class EndUsersApi {
  constructor(readonly t: Transport) {}

  /** `POST /api/v1/end-users` → `{endUser}` (an existing externalId answers the existing one). */
  create(
    body: Body<'/api/v1/end-users', 'post'>,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/end-users', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/end-users',
      body,
      idempotencyKey: keyOf(options),
      options,
    })
  }

  /** `GET /api/v1/end-users` → `{endUsers, nextCursor}`. */
  list(
    query: Query<'/api/v1/end-users', 'get'> = {},
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/end-users', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/end-users', query, options })
  }

  /** `GET /api/v1/end-users/:id` (id or externalId) → `{endUser}`. */
  get(id: string, options?: CallOptions): Promise<Answer<'/api/v1/end-users/{id}', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/end-users/{id}', params: { id }, options })
  }

  /** `PATCH /api/v1/end-users/:id` → `{endUser}`. */
  update(
    id: string,
    body: Body<'/api/v1/end-users/{id}', 'patch'>,
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/end-users/{id}', 'patch'>> {
    return this.t.request({ method: 'PATCH', path: '/api/v1/end-users/{id}', params: { id }, body, options })
  }

  /** `DELETE /api/v1/end-users/:id` (204). */
  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.t.request({ method: 'DELETE', path: '/api/v1/end-users/{id}', params: { id }, options })
  }

  /** `POST /api/v1/end-users/:id/connect-token` → `{token, connectUrl, …}`. */
  createConnectToken(
    id: string,
    body: Body<'/api/v1/end-users/{id}/connect-token', 'post'>,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/end-users/{id}/connect-token', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/end-users/{id}/connect-token',
      params: { id },
      body,
      idempotencyKey: keyOf(options),
      options,
    })
  }
}

/** Seed 001: stored credentials. */
export class ConnectionsApi {
  constructor(readonly t: Transport) {}

  /** `POST /api/v1/connections` (SECRET_TEXT, BASIC, CUSTOM, or OAUTH2 with tokens) → `{connection}`. */
  create(
    body: Body<'/api/v1/connections', 'post'>,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/connections', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/connections',
      body,
      idempotencyKey: keyOf(options),
      options,
    })
  }

  /** `GET /api/v1/connections` → `{connections, nextCursor}`. */
  list(
    query: Query<'/api/v1/connections', 'get'> = {},
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/connections', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/connections', query, options })
  }

  /** `GET /api/v1/connections/:id` → `{connection}`. */
  get(id: string, options?: CallOptions): Promise<Answer<'/api/v1/connections/{id}', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/connections/{id}', params: { id }, options })
  }

  /** `POST /api/v1/connections/resolve` (a read: retried like one) → `{connection}`. */
  resolve(
    body: Body<'/api/v1/connections/resolve', 'post'>,
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/connections/resolve', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/connections/resolve',
      body,
      retryable: true,
      options,
    })
  }

  /** `DELETE /api/v1/connections/:id` (204; revokes at the provider). */
  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.t.request({ method: 'DELETE', path: '/api/v1/connections/{id}', params: { id }, options })
  }

  /** `GET /api/v1/connections/:id/token`: the current access token (an API key only; it is logged as an event). */
  getToken(id: string, options?: CallOptions): Promise<Answer<'/api/v1/connections/{id}/token', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/connections/{id}/token', params: { id }, options })
  }
}

/** Catalog and custom integrations. */
export class IntegrationsApi {
  constructor(readonly t: Transport) {}

  /** `GET /api/v1/integrations` → `{integrations, nextCursor}`. */
  list(options?: CallOptions): Promise<Answer<'/api/v1/integrations', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/integrations', options })
  }

  /** `GET /api/v1/integrations/:id` (id or name) → `{integration}`. */
  get(id: string, options?: CallOptions): Promise<Answer<'/api/v1/integrations/{id}', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/integrations/{id}', params: { id }, options })
  }

  /** `POST /api/v1/integrations`: a custom integration, in the catalog's shape → `{integration}`. */
  create(
    definition: Body<'/api/v1/integrations', 'post'>,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/integrations', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/integrations',
      body: definition,
      idempotencyKey: keyOf(options),
      options,
    })
  }

  /**
   * `PUT /api/v1/integrations/:id`: replaces a custom integration's definition → `{integration}`.
   * The body is the definition itself, as for create (the route reads it whole).
   */
  update(
    id: string,
    definition: Body<'/api/v1/integrations', 'post'>,
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/integrations/{id}', 'put'>> {
    return this.t.request({
      method: 'PUT',
      path: '/api/v1/integrations/{id}',
      params: { id },
      body: definition,
      options,
    })
  }

  /** `DELETE /api/v1/integrations/:id` (204). */
  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.t.request({ method: 'DELETE', path: '/api/v1/integrations/{id}', params: { id }, options })
  }

  /** `PUT /api/v1/integrations/:id/sharing` `{sharingMode: 'PER_USER' | 'SHARED'}`. */
  setSharing(
    id: string,
    body: Body<'/api/v1/integrations/{id}/sharing', 'put'>,
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/integrations/{id}/sharing', 'put'>> {
    return this.t.request({
      method: 'PUT',
      path: '/api/v1/integrations/{id}/sharing',
      params: { id },
      body,
      options,
    })
  }
}

/** A proxied call's answer: the upstream's status, headers and body (JSON parsed, else text). */
export interface ProxyAnswer<T = unknown> {
  status: number
  headers: Headers
  data: T
}

export interface ProxyFetchInit extends Omit<RequestInit, 'headers'> {
  headers?: Record<string, string>
  /** `X-Workspace-Id`: the workspace acting (seed 002). */
  workspaceId?: string
  /** `X-End-User-Id`: the end user acting, by externalId (seed 002). */
  endUserId?: string
}

/** Calls through a connection: Switchboard adds the credentials, the caller never sees them. */
export class ProxyApi {
  constructor(readonly t: Transport) {}

  /**
   * `POST /api/v1/proxy` with the JSON envelope `{connectionId | integrationName +
   * workspaceId + (externalId | endUserId), method, url, headers?, data?}`. Resolves to the
   * upstream's answer whatever its status; throws SwitchboardError when Switchboard itself
   * refused (its error envelope, e.g. 404 CONNECTION_NOT_FOUND, 429 RATE_LIMITED).
   */
  async request<T = unknown>(
    body: Body<'/api/v1/proxy', 'post'>,
    options?: CallOptions,
  ): Promise<ProxyAnswer<T>> {
    const headers = this.t.headers(options?.headers)
    headers.set('content-type', 'application/json')
    const init: RequestInit = { method: 'POST', headers, body: JSON.stringify(body) }
    if (options?.signal) init.signal = options.signal
    const res = await this.t.send(this.t.url('/api/v1/proxy'), init, false)
    const text = await res.text()
    let data: unknown = text
    if (/[/+]json\b/i.test(res.headers.get('content-type') ?? '') && text !== '') {
      try {
        data = JSON.parse(text)
      } catch {
        data = text
      }
    }
    if (!res.ok && errorEnvelope(data) && isSwitchboardCode(data)) throw errorFrom(res, data)
    return { status: res.status, headers: res.headers, data: data as T }
  }

  /**
   * Streaming: `/api/integrations/:integration/request/<path>` with the caller's method,
   * headers and body (a stream is sent as it is read), answering the upstream's raw Response
   * (its body unread, so it streams too). Switchboard's own refusals come as JSON error
   * envelopes with its status; nothing is thrown for an HTTP status.
   */
  fetch(integration: string, path: string, init: ProxyFetchInit = {}): Promise<Response> {
    const { workspaceId, endUserId, headers: extra, ...rest } = init
    const headers = this.t.headers(extra)
    headers.delete('accept')
    if (extra?.accept) headers.set('accept', extra.accept)
    if (workspaceId) headers.set('x-workspace-id', workspaceId)
    if (endUserId) headers.set('x-end-user-id', endUserId)
    const url = `${this.t.url('/api/integrations/{id}/request/', { id: integration })}${path.replace(/^\/+/, '')}`
    const req: RequestInit = { ...rest, headers }
    // A streamed request body needs half-duplex (Node's fetch and the Fetch standard).
    if (rest.body && typeof (rest.body as ReadableStream).getReader === 'function') {
      ;(req as { duplex?: string }).duplex = 'half'
    }
    return this.t.send(url, req, !rest.method || rest.method === 'GET' || rest.method === 'HEAD')
  }
}

/** Our codes are UPPER_SNAKE (docs/api.md, "Errors"); an upstream's error bodies rarely are. */
function isSwitchboardCode(body: unknown): boolean {
  return /^[A-Z][A-Z0-9_]+$/.test(errorEnvelope(body)?.code ?? '')
}

/** The audit log (issue 22). */
export class EventsApi {
  constructor(readonly t: Transport) {}

  /** `GET /api/v1/events` → `{events, nextCursor}`. */
  list(
    query: Query<'/api/v1/events', 'get'> = {},
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/events', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/events', query, options })
  }
}

/**
 * Webhook endpoints and their deliveries (docs/webhooks.md). Check what they receive with
 * `verifyWebhook` (exported beside the client).
 */
export class WebhooksApi {
  constructor(readonly t: Transport) {}

  /** `GET /api/v1/webhooks` → `{webhooks, nextCursor}`. */
  list(options?: CallOptions): Promise<Answer<'/api/v1/webhooks', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/webhooks', options })
  }

  /** `POST /api/v1/webhooks` `{url, events?, description?}` → `{webhook, secret}` (the secret shown once). */
  create(
    body: Body<'/api/v1/webhooks', 'post'>,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/webhooks', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/webhooks',
      body,
      idempotencyKey: keyOf(options),
      options,
    })
  }

  /** `GET /api/v1/webhooks/:id` → `{webhook}`. */
  get(id: string, options?: CallOptions): Promise<Answer<'/api/v1/webhooks/{id}', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/webhooks/{id}', params: { id }, options })
  }

  /** `PATCH /api/v1/webhooks/:id` (url, events, description, enabled) → `{webhook}`. */
  update(
    id: string,
    body: Body<'/api/v1/webhooks/{id}', 'patch'>,
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/webhooks/{id}', 'patch'>> {
    return this.t.request({ method: 'PATCH', path: '/api/v1/webhooks/{id}', params: { id }, body, options })
  }

  /** `DELETE /api/v1/webhooks/:id` (204). */
  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.t.request({ method: 'DELETE', path: '/api/v1/webhooks/{id}', params: { id }, options })
  }

  /**
   * `POST /api/v1/webhooks/:id/rotate-secret` → `{webhook, secret}`: the new secret, once; the
   * former one keeps signing beside it for 24 h. Keyed, so a retry answers the same secret.
   */
  rotateSecret(
    id: string,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/webhooks/{id}/rotate-secret', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/webhooks/{id}/rotate-secret',
      params: { id },
      idempotencyKey: keyOf(options),
      options,
    })
  }

  /** `POST /api/v1/webhooks/:id/test` → `{delivery}` (202): a `webhook.test` event to this endpoint. */
  test(id: string, options?: CreateOptions): Promise<Answer<'/api/v1/webhooks/{id}/test', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/webhooks/{id}/test',
      params: { id },
      idempotencyKey: keyOf(options),
      options,
    })
  }

  /** `GET /api/v1/webhooks/:id/deliveries?status=&after=` → `{deliveries, nextCursor}`, newest first. */
  deliveries(
    id: string,
    query: Omit<Query<'/api/v1/webhooks/{id}/deliveries', 'get'>, 'id'> = {},
    options?: CallOptions,
  ): Promise<Answer<'/api/v1/webhooks/{id}/deliveries', 'get'>> {
    return this.t.request({
      method: 'GET',
      path: '/api/v1/webhooks/{id}/deliveries',
      params: { id },
      query,
      options,
    })
  }

  /** `POST /api/v1/webhooks/:id/deliveries/:deliveryId/retry` → `{delivery}` (202), sent again now. */
  retry(
    id: string,
    deliveryId: string,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
      params: { id, deliveryId },
      idempotencyKey: keyOf(options),
      options,
    })
  }

  /** `POST /api/v1/webhooks/:id/replay` `{since}` → `{replayed, more}` (202). */
  replay(
    id: string,
    body: Body<'/api/v1/webhooks/{id}/replay', 'post'>,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/webhooks/{id}/replay', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/webhooks/{id}/replay',
      params: { id },
      body,
      idempotencyKey: keyOf(options),
      options,
    })
  }
}

export class WorkspacesApi {
  constructor(readonly t: Transport) {}

  /** `GET /api/v1/workspaces` → `{workspaces, nextCursor}`. */
  list(options?: CallOptions): Promise<Answer<'/api/v1/workspaces', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/workspaces', options })
  }

  /** `GET /api/v1/workspaces/:id` → `{workspace}`. */
  get(id: string, options?: CallOptions): Promise<Answer<'/api/v1/workspaces/{id}', 'get'>> {
    return this.t.request({ method: 'GET', path: '/api/v1/workspaces/{id}', params: { id }, options })
  }

  /** `POST /api/v1/workspaces` `{name}` → `{workspace}`. */
  create(
    body: Body<'/api/v1/workspaces', 'post'>,
    options?: CreateOptions,
  ): Promise<Answer<'/api/v1/workspaces', 'post'>> {
    return this.t.request({
      method: 'POST',
      path: '/api/v1/workspaces',
      body,
      idempotencyKey: keyOf(options),
      options,
    })
  }
}

/**
 * The Switchboard REST API: `const client = new Switchboard({ baseUrl, apiKey })`. Each call
 * resolves to the REST answer's JSON (`{ endUser }`, `{ connectUrl, token, … }`,
 * `{ connection }`) or throws SwitchboardError.
 */
export class Switchboard {
  readonly connect: ConnectApi
  readonly endUsers: EndUsersApi
  readonly connections: ConnectionsApi
  readonly integrations: IntegrationsApi
  readonly proxy: ProxyApi
  readonly events: EventsApi
  readonly workspaces: WorkspacesApi
  readonly webhooks: WebhooksApi

  constructor(options: SwitchboardOptions) {
    const t = new Transport(options)
    this.connect = new ConnectApi(t)
    this.endUsers = new EndUsersApi(t)
    this.connections = new ConnectionsApi(t)
    this.integrations = new IntegrationsApi(t)
    this.proxy = new ProxyApi(t)
    this.events = new EventsApi(t)
    this.workspaces = new WorkspacesApi(t)
    this.webhooks = new WebhooksApi(t)
  }
}
