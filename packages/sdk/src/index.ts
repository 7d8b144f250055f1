// Receivers check a delivery with the server's own verifier (Standard Webhooks, node:crypto:
// Node, Deno, Bun and edge runtimes with Node compatibility).
export {
  type VerifyWebhookOptions,
  verifyWebhook,
  WebhookVerificationError,
} from '@switchboard/core/webhooks/signature'
export {
  ConnectApi,
  ConnectionsApi,
  EndUsersApi,
  EventsApi,
  IntegrationsApi,
  type ProxyAnswer,
  ProxyApi,
  type ProxyFetchInit,
  Switchboard,
  WebhooksApi,
  WorkspacesApi,
} from './client.ts'
export { SwitchboardError } from './errors.ts'
export type { CallOptions, CreateOptions, RetryOptions, SwitchboardOptions } from './http.ts'
export type { Answer, Body, Paths, Query, Untyped } from './types.ts'
