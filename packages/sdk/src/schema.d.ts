// Generated from the Switchboard OpenAPI document by `pnpm --filter @switchboard/sdk generate`.
// Do not edit: `pnpm test` fails when this file differs from what the route table generates.

export interface paths {
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1Workspaces"];
        put?: never;
        post: operations["postApiV1Workspaces"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1WorkspacesId"];
        put?: never;
        post?: never;
        delete: operations["deleteApiV1WorkspacesId"];
        options?: never;
        head?: never;
        patch: operations["patchApiV1WorkspacesId"];
        trace?: never;
    };
    "/api/v1/account/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1AccountSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteApiV1AccountSessionsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/sessions/revoke-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiV1AccountSessionsRevokeOthers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/account/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiV1AccountPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1Organization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["patchApiV1Organization"];
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1ApiKeys"];
        put?: never;
        post: operations["postApiV1ApiKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteApiV1ApiKeysId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1Members"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteApiV1MembersUserId"];
        options?: never;
        head?: never;
        patch: operations["patchApiV1MembersUserId"];
        trace?: never;
    };
    "/api/v1/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1Invites"];
        put?: never;
        post: operations["postApiV1Invites"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteApiV1InvitesId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/accept/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1InvitesAcceptToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invites/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiV1InvitesAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connect/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiV1ConnectToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connect/session/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1ConnectSessionSessionId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connect/session/poll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiV1ConnectSessionPoll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connect/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1ConnectAuthorize"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connect/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiV1ConnectSubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth2/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getOauth2Callback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/end-users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1EndUsers"];
        put?: never;
        post: operations["postApiV1EndUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/end-users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1EndUsersId"];
        put?: never;
        post?: never;
        delete: operations["deleteApiV1EndUsersId"];
        options?: never;
        head?: never;
        patch: operations["patchApiV1EndUsersId"];
        trace?: never;
    };
    "/api/v1/end-users/{id}/connect-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiV1EndUsersIdConnectToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1Connections"];
        put?: never;
        post: operations["postApiV1Connections"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiV1ConnectionsResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1ConnectionsId"];
        put?: never;
        post?: never;
        delete: operations["deleteApiV1ConnectionsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1ConnectionsIdEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1Integrations"];
        put?: never;
        post: operations["postApiV1Integrations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1IntegrationsId"];
        put: operations["putApiV1IntegrationsId"];
        post?: never;
        delete: operations["deleteApiV1IntegrationsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1OauthApps"];
        put?: never;
        post: operations["postApiV1OauthApps"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-apps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteApiV1OauthAppsId"];
        options?: never;
        head?: never;
        patch: operations["patchApiV1OauthAppsId"];
        trace?: never;
    };
    "/api/integrations/{id}/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiIntegrationsIdConnect"];
        put?: never;
        post: operations["postApiIntegrationsIdConnect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/{id}/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiIntegrationsIdConnection"];
        put?: never;
        post?: never;
        delete: operations["deleteApiIntegrationsIdConnection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integration-connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiIntegrationConnections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/{id}/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiIntegrationsIdRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/{id}/request/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiIntegrationsIdRequestPath"];
        put: operations["putApiIntegrationsIdRequestPath"];
        post: operations["postApiIntegrationsIdRequestPath"];
        delete: operations["deleteApiIntegrationsIdRequestPath"];
        options?: never;
        head?: never;
        patch: operations["patchApiIntegrationsIdRequestPath"];
        trace?: never;
    };
    "/api/v1/proxy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["postApiV1Proxy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/connections/{id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1ConnectionsIdToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations/{id}/sharing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["putApiV1IntegrationsIdSharing"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1OauthClients"];
        put?: never;
        post: operations["postApiV1OauthClients"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteApiV1OauthClientsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1OauthGrants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-grants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["deleteApiV1OauthGrantsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1Events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1Webhooks"];
        put?: never;
        /** Register a webhook endpoint; the answer holds its signing secret, shown this once. `workspaceIds` keeps it to those workspaces’ events (omitted: the caller’s own workspaces; null: every workspace’s and the organization’s) */
        post: operations["postApiV1Webhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getApiV1WebhooksId"];
        put?: never;
        post?: never;
        delete: operations["deleteApiV1WebhooksId"];
        options?: never;
        head?: never;
        /** Change the URL, the event types, the workspace filter, the description, or enable/disable the endpoint */
        patch: operations["patchApiV1WebhooksId"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret (shown once); the former one keeps signing beside it for 24 hours */
        post: operations["postApiV1WebhooksIdRotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a webhook.test event to this endpoint */
        post: operations["postApiV1WebhooksIdTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint’s deliveries, newest first, each with its attempts */
        get: operations["getApiV1WebhooksIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now, with a fresh retry schedule */
        post: operations["postApiV1WebhooksIdDeliveriesDeliveryIdRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send again every event since `since` that the endpoint subscribes to */
        post: operations["postApiV1WebhooksIdReplay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Starts dashboard SSO: 302 to the OpenID provider (the dashboard's "Sign in with SSO") */
        get: operations["getApiV1AuthSsoStart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The OpenID provider's redirect back: signs in and 302s to the dashboard */
        get: operations["getApiV1AuthSsoCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organization/sso": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization's SSO settings (owners and admins) */
        get: operations["getApiV1OrganizationSso"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes the SSO settings: allowed email domains, default role, enforce SSO */
        patch: operations["patchApiV1OrganizationSso"];
        trace?: never;
    };
    "/api/v1/oauth-interactions/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The consent page: the app, the scopes it asks for, whether to sign in first */
        get: operations["getApiV1OauthInteractionsUid"];
        put?: never;
        /** Allow or deny the app (allow needs the dashboard session); answers where to go next */
        post: operations["postApiV1OauthInteractionsUid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document: OpenAPI 3.1, generated from the route table */
        get: operations["getApiOpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API viewer (HTML) */
        get: operations["getApiDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/docs/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The viewer's own script and style files */
        get: operations["getApiDocsFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An error (VALIDATION_ERROR, MISSING_TOKEN, NO_OAUTH_APP, INVALID_REDIRECT_URI, INVALID_CREDENTIALS, SESSION_NOT_ACTIVE, INVALID_STATE, OAUTH_ERROR, EGRESS_DENIED, INVALID_FIELD_PATTERN, SSO_NOT_CONFIGURED, SSO_FAILED, INVITE_NOT_VALID) */
        Error400: {
            error: {
                /** @enum {string} */
                code: "VALIDATION_ERROR" | "MISSING_TOKEN" | "NO_OAUTH_APP" | "INVALID_REDIRECT_URI" | "INVALID_CREDENTIALS" | "SESSION_NOT_ACTIVE" | "INVALID_STATE" | "OAUTH_ERROR" | "EGRESS_DENIED" | "INVALID_FIELD_PATTERN" | "SSO_NOT_CONFIGURED" | "SSO_FAILED" | "INVITE_NOT_VALID";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (UNAUTHORIZED, INVALID_TOKEN) */
        Error401: {
            error: {
                /** @enum {string} */
                code: "UNAUTHORIZED" | "INVALID_TOKEN";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (FORBIDDEN, INSUFFICIENT_SCOPE, CROSS_SITE_REQUEST, WIDER_THAN_YOURS, WRONG_PASSWORD, CUSTOM_OAUTH_APP_PLAN_REQUIRED, SSO_REQUIRED, SSO_EMAIL_NOT_VERIFIED, SSO_DOMAIN_NOT_ALLOWED) */
        Error403: {
            error: {
                /** @enum {string} */
                code: "FORBIDDEN" | "INSUFFICIENT_SCOPE" | "CROSS_SITE_REQUEST" | "WIDER_THAN_YOURS" | "WRONG_PASSWORD" | "CUSTOM_OAUTH_APP_PLAN_REQUIRED" | "SSO_REQUIRED" | "SSO_EMAIL_NOT_VERIFIED" | "SSO_DOMAIN_NOT_ALLOWED";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (NOT_FOUND, INTEGRATION_NOT_FOUND, OAUTH_APP_NOT_FOUND, CONNECTION_NOT_FOUND, END_USER_NOT_FOUND) */
        Error404: {
            error: {
                /** @enum {string} */
                code: "NOT_FOUND" | "INTEGRATION_NOT_FOUND" | "OAUTH_APP_NOT_FOUND" | "CONNECTION_NOT_FOUND" | "END_USER_NOT_FOUND";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (CONFLICT, TENANT_OAUTH_APP_REQUIRED, ALREADY_EXISTS, SCOPE_MISMATCH, IDEMPOTENCY_KEY_IN_PROGRESS, WORKSPACE_NOT_EMPTY, LAST_WORKSPACE, LAST_OWNER) */
        Error409: {
            error: {
                /** @enum {string} */
                code: "CONFLICT" | "TENANT_OAUTH_APP_REQUIRED" | "ALREADY_EXISTS" | "SCOPE_MISMATCH" | "IDEMPOTENCY_KEY_IN_PROGRESS" | "WORKSPACE_NOT_EMPTY" | "LAST_WORKSPACE" | "LAST_OWNER";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (PAYLOAD_TOO_LARGE) */
        Error413: {
            error: {
                /** @enum {string} */
                code: "PAYLOAD_TOO_LARGE";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (UNSUPPORTED_MEDIA_TYPE) */
        Error415: {
            error: {
                /** @enum {string} */
                code: "UNSUPPORTED_MEDIA_TYPE";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (IDEMPOTENCY_KEY_REUSED) */
        Error422: {
            error: {
                /** @enum {string} */
                code: "IDEMPOTENCY_KEY_REUSED";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (RATE_LIMITED) */
        Error429: {
            error: {
                /** @enum {string} */
                code: "RATE_LIMITED";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (INTERNAL) */
        Error500: {
            error: {
                /** @enum {string} */
                code: "INTERNAL";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (UPSTREAM_ERROR, REFRESH_FAILED) */
        Error502: {
            error: {
                /** @enum {string} */
                code: "UPSTREAM_ERROR" | "REFRESH_FAILED";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (SHUTTING_DOWN, REFRESH_IN_PROGRESS) */
        Error503: {
            error: {
                /** @enum {string} */
                code: "SHUTTING_DOWN" | "REFRESH_IN_PROGRESS";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
        /** @description An error (UPSTREAM_TIMEOUT) */
        Error504: {
            error: {
                /** @enum {string} */
                code: "UPSTREAM_TIMEOUT";
                message: string;
                details?: unknown;
                legacyCode?: 2032 | 2034 | 2036 | 2038 | 2039 | 2040 | 2041;
                /** @description The request’s id, as in the `x-request-id` header: quote it to support */
                requestId?: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiV1Workspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        workspaces: {
                            id: string;
                            name: string;
                            createdAt: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1Workspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        workspace: {
                            id: string;
                            name: string;
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1WorkspacesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        workspace: {
                            id: string;
                            name: string;
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1WorkspacesId: {
        parameters: {
            query?: {
                force?: boolean | ("true" | "false");
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    patchApiV1WorkspacesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        workspace: {
                            id: string;
                            name: string;
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1AccountSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessions: {
                            id: string;
                            createdAt: string;
                            lastSeenAt: string | null;
                            expiresAt: string;
                            userAgent: string | null;
                            current: boolean;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1AccountSessionsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1AccountSessionsRevokeOthers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, unknown>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revoked: number;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1AccountPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revokedSessions: number;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error429"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1Organization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organization: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            plan: "FREE" | "TEAM" | "SCALE" | "ENTERPRISE";
                            allowedRedirectOrigins: string[];
                            branding: {
                                logoUrl?: string;
                                primaryColor?: string;
                            };
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    patchApiV1Organization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    allowedRedirectOrigins?: string[];
                    branding?: {
                        /** Format: uri */
                        logoUrl?: string;
                        primaryColor?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organization: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            plan: "FREE" | "TEAM" | "SCALE" | "ENTERPRISE";
                            allowedRedirectOrigins: string[];
                            branding: {
                                logoUrl?: string;
                                primaryColor?: string;
                            };
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1ApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiKeys: {
                            id: string;
                            name: string;
                            prefix: string;
                            createdAt: string;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                            scopes: string[] | null;
                            workspaceIds: string[] | null;
                            expiresAt: string | null;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1ApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default API key */
                    name?: string;
                    scopes?: ("connections:read" | "connections:write" | "connect:write" | "proxy" | "end-users:read" | "end-users:write" | "workspaces:read" | "connections:token" | "integrations:read" | "integrations:write" | "webhooks:read" | "webhooks:write" | "events:read" | "workspaces:write" | "members:read" | "members:write" | "api-keys:read" | "api-keys:write" | "settings:read" | "settings:write")[];
                    workspaceIds?: string[];
                    /** Format: date-time */
                    expiresAt?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiKey: {
                            id: string;
                            name: string;
                            prefix: string;
                            createdAt: string;
                            lastUsedAt: string | null;
                            revokedAt: string | null;
                            scopes: string[] | null;
                            workspaceIds: string[] | null;
                            expiresAt: string | null;
                        };
                        key: string;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1ApiKeysId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1Members: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        members: {
                            userId: string;
                            email: string;
                            name: string | null;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            workspaceIds: string[] | null;
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1MembersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    patchApiV1MembersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role?: "owner" | "admin" | "member" | "viewer";
                    workspaceIds?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        member: {
                            userId: string;
                            email: string;
                            name: string | null;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            workspaceIds: string[] | null;
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1Invites: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invites: {
                            id: string;
                            email: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            workspaceIds: string[] | null;
                            expiresAt: string;
                            createdAt: string;
                            acceptedAt: string | null;
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1Invites: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    /** @enum {string} */
                    role: "owner" | "admin" | "member" | "viewer";
                    workspaceIds?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invite: {
                            id: string;
                            email: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            workspaceIds: string[] | null;
                            expiresAt: string;
                            createdAt: string;
                            acceptedAt: string | null;
                            revokedAt: string | null;
                        };
                        url: string;
                        emailed: boolean;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1InvitesId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1InvitesAcceptToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organizationName: string;
                        email: string;
                        /** @enum {string} */
                        role: "owner" | "admin" | "member" | "viewer";
                        userExists: boolean;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1InvitesAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    password?: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        ok: true;
                        user: {
                            id: string;
                            email: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "member" | "viewer";
                            isSuperuser: boolean;
                            organizationId: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1ConnectToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    integrationName: string;
                    connectionName: string;
                    externalId: string;
                    /** Format: uuid */
                    workspaceId: string;
                    endUserId?: string;
                    /** @enum {string} */
                    scope?: "ORGANIZATION" | "WORKSPACE" | "USER";
                    /** Format: uuid */
                    oauthAppId?: string;
                    /** Format: uri */
                    successRedirectUri?: string;
                    /** Format: uri */
                    errorRedirectUri?: string;
                    /** Format: uuid */
                    connectionId?: string;
                    metadata?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        connectUrl: string;
                        expiresAt: string;
                        sessionId: string;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1ConnectSessionSessionId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        session: {
                            id: string;
                            integrationName: string;
                            connectionName: string;
                            externalId: string;
                            /** @enum {string} */
                            status: "PENDING" | "CONNECTING" | "COMPLETED" | "FAILED";
                            connectionId: string | null;
                            error: string | null;
                            expiresAt: string;
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1ConnectSessionPoll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sessionId?: string;
                        /** @enum {string} */
                        status: "PENDING" | "CONNECTING" | "COMPLETED" | "FAILED";
                        connectionId: string | null;
                        integrationName: string;
                        externalId: string;
                        error: string | null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1ConnectAuthorize: {
        parameters: {
            query?: {
                token?: string;
                display?: "popup";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the provider's consent page; on an error, back to the connect page with `result=error&code=…` */
            302: {
                headers: {
                    /** @description Where to go */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1ConnectSubmit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token?: string;
                    credentials: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "COMPLETED";
                        connectionId: string;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
        };
    };
    getOauth2Callback: {
        parameters: {
            query?: {
                code?: string;
                state?: string;
                error?: string;
                error_description?: string;
                iss?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the success or error redirect URI, or the hosted connect page with the result */
            302: {
                headers: {
                    /** @description Where to go */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1EndUsers: {
        parameters: {
            query?: {
                workspaceId?: string;
                externalId?: string;
                search?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endUsers: {
                            id: string;
                            workspaceId: string;
                            externalId: string;
                            displayName: string | null;
                            email: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1EndUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    workspaceId: string;
                    externalId: string;
                    displayName?: string;
                    /** Format: email */
                    email?: string;
                    metadata?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endUser: {
                            id: string;
                            workspaceId: string;
                            externalId: string;
                            displayName: string | null;
                            email: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endUser: {
                            id: string;
                            workspaceId: string;
                            externalId: string;
                            displayName: string | null;
                            email: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1EndUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endUser: {
                            id: string;
                            workspaceId: string;
                            externalId: string;
                            displayName: string | null;
                            email: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1EndUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    patchApiV1EndUsersId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string | null;
                    email?: string | null;
                    metadata?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endUser: {
                            id: string;
                            workspaceId: string;
                            externalId: string;
                            displayName: string | null;
                            email: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1EndUsersIdConnectToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    integrationName: string;
                    /** @enum {string} */
                    scope?: "ORGANIZATION" | "WORKSPACE" | "USER";
                    /** Format: uuid */
                    oauthAppId?: string;
                    /** Format: uri */
                    successRedirectUri?: string;
                    /** Format: uri */
                    errorRedirectUri?: string;
                    /** Format: uuid */
                    connectionId?: string;
                    metadata?: {
                        [key: string]: unknown;
                    };
                    connectionName?: string;
                    externalId?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                        connectUrl: string;
                        expiresAt: string;
                        sessionId: string;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1Connections: {
        parameters: {
            query?: {
                integrationName?: string;
                workspaceId?: string;
                endUserId?: string;
                status?: "ACTIVE" | "REFRESH_FAILED" | "UNHEALTHY";
                scope?: "ORGANIZATION" | "WORKSPACE" | "USER";
                search?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connections: {
                            id: string;
                            workspaceId: string;
                            integrationName: string;
                            /** @enum {string} */
                            type: "OAUTH2" | "SECRET_TEXT" | "BASIC" | "CUSTOM";
                            externalId: string;
                            displayName: string;
                            /** @enum {string} */
                            scope: "ORGANIZATION" | "WORKSPACE" | "USER";
                            endUserId: string | null;
                            ownerUserId: string | null;
                            oauthAppId: string | null;
                            /** @enum {string} */
                            status: "ACTIVE" | "REFRESH_FAILED" | "UNHEALTHY";
                            statusReason: string | null;
                            statusDetail: {
                                code: string;
                                message: string;
                            } | null;
                            /** @enum {string} */
                            resolution: "END_USER_RECONNECT" | "PROVIDER" | "ADMIN_CONFIG" | "NONE";
                            expiring: boolean;
                            lastHealthyAt: string | null;
                            lastUnhealthyAt: string | null;
                            grantedScopes: string[];
                            tokenExpiresAt: string | null;
                            refreshTokenExpiresAt: string | null;
                            lastAuthorizedAt: string | null;
                            lastRefreshedAt: string | null;
                            lastUsedAt: string | null;
                            apiBaseUri: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            updatedAt: string;
                            endUserExternalId: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1Connections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @constant */
                    type: "SECRET_TEXT";
                    integrationName: string;
                    /** Format: uuid */
                    workspaceId: string;
                    externalId: string;
                    displayName?: string;
                    /** @enum {string} */
                    scope?: "ORGANIZATION" | "WORKSPACE" | "USER";
                    endUserId?: string;
                    verify?: boolean;
                    metadata?: {
                        [key: string]: unknown;
                    };
                    secretText: string;
                } | {
                    /** @constant */
                    type: "BASIC";
                    integrationName: string;
                    /** Format: uuid */
                    workspaceId: string;
                    externalId: string;
                    displayName?: string;
                    /** @enum {string} */
                    scope?: "ORGANIZATION" | "WORKSPACE" | "USER";
                    endUserId?: string;
                    verify?: boolean;
                    metadata?: {
                        [key: string]: unknown;
                    };
                    username: string;
                    password: string;
                } | {
                    /** @constant */
                    type: "CUSTOM";
                    integrationName: string;
                    /** Format: uuid */
                    workspaceId: string;
                    externalId: string;
                    displayName?: string;
                    /** @enum {string} */
                    scope?: "ORGANIZATION" | "WORKSPACE" | "USER";
                    endUserId?: string;
                    verify?: boolean;
                    metadata?: {
                        [key: string]: unknown;
                    };
                    fields: {
                        [key: string]: string;
                    };
                } | {
                    /** @constant */
                    type: "OAUTH2";
                    integrationName: string;
                    /** Format: uuid */
                    workspaceId: string;
                    externalId: string;
                    displayName?: string;
                    /** @enum {string} */
                    scope?: "ORGANIZATION" | "WORKSPACE" | "USER";
                    endUserId?: string;
                    verify?: boolean;
                    metadata?: {
                        [key: string]: unknown;
                    };
                    accessToken: string;
                    refreshToken?: string;
                    tokenType?: string;
                    /** Format: date-time */
                    expiresAt?: string;
                    scopes?: string[];
                    /** Format: uuid */
                    oauthAppId?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connection: {
                            id: string;
                            workspaceId: string;
                            integrationName: string;
                            /** @enum {string} */
                            type: "OAUTH2" | "SECRET_TEXT" | "BASIC" | "CUSTOM";
                            externalId: string;
                            displayName: string;
                            /** @enum {string} */
                            scope: "ORGANIZATION" | "WORKSPACE" | "USER";
                            endUserId: string | null;
                            ownerUserId: string | null;
                            oauthAppId: string | null;
                            /** @enum {string} */
                            status: "ACTIVE" | "REFRESH_FAILED" | "UNHEALTHY";
                            statusReason: string | null;
                            statusDetail: {
                                code: string;
                                message: string;
                            } | null;
                            /** @enum {string} */
                            resolution: "END_USER_RECONNECT" | "PROVIDER" | "ADMIN_CONFIG" | "NONE";
                            expiring: boolean;
                            lastHealthyAt: string | null;
                            lastUnhealthyAt: string | null;
                            grantedScopes: string[];
                            tokenExpiresAt: string | null;
                            refreshTokenExpiresAt: string | null;
                            lastAuthorizedAt: string | null;
                            lastRefreshedAt: string | null;
                            lastUsedAt: string | null;
                            apiBaseUri: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
        };
    };
    postApiV1ConnectionsResolve: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    integrationName: string;
                    /** Format: uuid */
                    workspaceId: string;
                    externalId?: string;
                    endUserId?: string;
                    /** @enum {string} */
                    scope?: "ORGANIZATION" | "WORKSPACE" | "USER";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connection: {
                            id: string;
                            workspaceId: string;
                            integrationName: string;
                            /** @enum {string} */
                            type: "OAUTH2" | "SECRET_TEXT" | "BASIC" | "CUSTOM";
                            externalId: string;
                            displayName: string;
                            /** @enum {string} */
                            scope: "ORGANIZATION" | "WORKSPACE" | "USER";
                            endUserId: string | null;
                            ownerUserId: string | null;
                            oauthAppId: string | null;
                            /** @enum {string} */
                            status: "ACTIVE" | "REFRESH_FAILED" | "UNHEALTHY";
                            statusReason: string | null;
                            statusDetail: {
                                code: string;
                                message: string;
                            } | null;
                            /** @enum {string} */
                            resolution: "END_USER_RECONNECT" | "PROVIDER" | "ADMIN_CONFIG" | "NONE";
                            expiring: boolean;
                            lastHealthyAt: string | null;
                            lastUnhealthyAt: string | null;
                            grantedScopes: string[];
                            tokenExpiresAt: string | null;
                            refreshTokenExpiresAt: string | null;
                            lastAuthorizedAt: string | null;
                            lastRefreshedAt: string | null;
                            lastUsedAt: string | null;
                            apiBaseUri: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1ConnectionsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        connection: {
                            id: string;
                            workspaceId: string;
                            integrationName: string;
                            /** @enum {string} */
                            type: "OAUTH2" | "SECRET_TEXT" | "BASIC" | "CUSTOM";
                            externalId: string;
                            displayName: string;
                            /** @enum {string} */
                            scope: "ORGANIZATION" | "WORKSPACE" | "USER";
                            endUserId: string | null;
                            ownerUserId: string | null;
                            oauthAppId: string | null;
                            /** @enum {string} */
                            status: "ACTIVE" | "REFRESH_FAILED" | "UNHEALTHY";
                            statusReason: string | null;
                            statusDetail: {
                                code: string;
                                message: string;
                            } | null;
                            /** @enum {string} */
                            resolution: "END_USER_RECONNECT" | "PROVIDER" | "ADMIN_CONFIG" | "NONE";
                            expiring: boolean;
                            lastHealthyAt: string | null;
                            lastUnhealthyAt: string | null;
                            grantedScopes: string[];
                            tokenExpiresAt: string | null;
                            refreshTokenExpiresAt: string | null;
                            lastAuthorizedAt: string | null;
                            lastRefreshedAt: string | null;
                            lastUsedAt: string | null;
                            apiBaseUri: string | null;
                            metadata: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1ConnectionsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1ConnectionsIdEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            id: string;
                            kind: string;
                            detail: string | null;
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1Integrations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        integrations: {
                            id: string;
                            name: string;
                            displayName: string;
                            logoUrl: string | null;
                            description: string | null;
                            categories: string[];
                            /** @enum {string} */
                            authType: "OAUTH2" | "SECRET_TEXT" | "BASIC" | "CUSTOM";
                            custom: boolean;
                            readiness: {
                                ready: boolean;
                                oauthApp: ("TENANT" | "PLATFORM") | null;
                                blockedBy: ("NO_OAUTH_APP" | "CUSTOM_OAUTH_APP_PLAN_REQUIRED") | null;
                            };
                            definition: {
                                [key: string]: unknown;
                            };
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1Integrations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        integration: {
                            id: string;
                            name: string;
                            displayName: string;
                            logoUrl: string | null;
                            description: string | null;
                            categories: string[];
                            /** @enum {string} */
                            authType: "OAUTH2" | "SECRET_TEXT" | "BASIC" | "CUSTOM";
                            custom: boolean;
                            readiness: {
                                ready: boolean;
                                oauthApp: ("TENANT" | "PLATFORM") | null;
                                blockedBy: ("NO_OAUTH_APP" | "CUSTOM_OAUTH_APP_PLAN_REQUIRED") | null;
                            };
                            definition: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1IntegrationsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        integration: {
                            id: string;
                            name: string;
                            displayName: string;
                            logoUrl: string | null;
                            description: string | null;
                            categories: string[];
                            /** @enum {string} */
                            authType: "OAUTH2" | "SECRET_TEXT" | "BASIC" | "CUSTOM";
                            custom: boolean;
                            readiness: {
                                ready: boolean;
                                oauthApp: ("TENANT" | "PLATFORM") | null;
                                blockedBy: ("NO_OAUTH_APP" | "CUSTOM_OAUTH_APP_PLAN_REQUIRED") | null;
                            };
                            definition: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    putApiV1IntegrationsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                    definition: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        integration: {
                            id: string;
                            name: string;
                            displayName: string;
                            logoUrl: string | null;
                            description: string | null;
                            categories: string[];
                            /** @enum {string} */
                            authType: "OAUTH2" | "SECRET_TEXT" | "BASIC" | "CUSTOM";
                            custom: boolean;
                            readiness: {
                                ready: boolean;
                                oauthApp: ("TENANT" | "PLATFORM") | null;
                                blockedBy: ("NO_OAUTH_APP" | "CUSTOM_OAUTH_APP_PLAN_REQUIRED") | null;
                            };
                            definition: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1IntegrationsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1OauthApps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        oauthApps: {
                            id: string;
                            integrationName: string;
                            clientId: string;
                            scopes: string[];
                            /** @enum {string} */
                            owner: "TENANT" | "PLATFORM";
                            createdAt: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1OauthApps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    integrationName: string;
                    clientId: string;
                    clientSecret: string;
                    scopes?: string[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        oauthApp: {
                            id: string;
                            integrationName: string;
                            clientId: string;
                            scopes: string[];
                            /** @enum {string} */
                            owner: "TENANT" | "PLATFORM";
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1OauthAppsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    patchApiV1OauthAppsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    clientId?: string;
                    clientSecret?: string;
                    scopes?: string[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        oauthApp: {
                            id: string;
                            integrationName: string;
                            clientId: string;
                            scopes: string[];
                            /** @enum {string} */
                            owner: "TENANT" | "PLATFORM";
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiIntegrationsIdConnect: {
        parameters: {
            query?: {
                successRedirectUri?: string;
                errorRedirectUri?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the provider's consent page */
            302: {
                headers: {
                    /** @description Where to go */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiIntegrationsIdConnect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        integrationId: string;
                        ownerId: string | null;
                        isShared: boolean;
                        tokenExpiresAt: string | null;
                        refreshTokenExpiresAt: string | null;
                        lastAuthorizedAt: string | null;
                        apiBaseUri: string | null;
                        data: {
                            [key: string]: unknown;
                        };
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
        };
    };
    getApiIntegrationsIdConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        integrationId: string;
                        ownerId: string | null;
                        isShared: boolean;
                        tokenExpiresAt: string | null;
                        refreshTokenExpiresAt: string | null;
                        lastAuthorizedAt: string | null;
                        apiBaseUri: string | null;
                        data: {
                            [key: string]: unknown;
                        };
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiIntegrationsIdConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiIntegrationConnections: {
        parameters: {
            query?: {
                start?: number;
                count?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/hal+json": {
                        _links: {
                            self: {
                                href: string;
                            };
                        };
                        _embedded: {
                            "inf:integration-connection": {
                                id: string;
                                integrationId: string;
                                ownerId: string | null;
                                isShared: boolean;
                                tokenExpiresAt: string | null;
                                lastAuthorizedAt: string | null;
                                _embedded: {
                                    "inf:integration": {
                                        id: string;
                                        name: string;
                                        type: string;
                                    };
                                };
                            }[];
                        };
                        start: number;
                        count: number;
                        total: number;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiIntegrationsIdRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    method?: string;
                    url: string;
                    headers?: {
                        [key: string]: string | number;
                    };
                    data?: unknown;
                    retryNonIdempotent?: boolean;
                };
            };
        };
        responses: {
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error429"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error503"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
            /** @description The upstream API's answer, as it sent it (status, headers, body, streamed) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    getApiIntegrationsIdRequestPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The rest of the path, slashes included */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error429"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error503"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
            /** @description The upstream API's answer, as it sent it (status, headers, body, streamed) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    putApiIntegrationsIdRequestPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The rest of the path, slashes included */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "*/*": unknown;
            };
        };
        responses: {
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error429"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error503"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
            /** @description The upstream API's answer, as it sent it (status, headers, body, streamed) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    postApiIntegrationsIdRequestPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The rest of the path, slashes included */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "*/*": unknown;
            };
        };
        responses: {
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error429"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error503"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
            /** @description The upstream API's answer, as it sent it (status, headers, body, streamed) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    deleteApiIntegrationsIdRequestPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The rest of the path, slashes included */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "*/*": unknown;
            };
        };
        responses: {
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error429"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error503"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
            /** @description The upstream API's answer, as it sent it (status, headers, body, streamed) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    patchApiIntegrationsIdRequestPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The rest of the path, slashes included */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "*/*": unknown;
            };
        };
        responses: {
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error429"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error503"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
            /** @description The upstream API's answer, as it sent it (status, headers, body, streamed) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    postApiV1Proxy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    connectionId?: string;
                    integrationName?: string;
                    /** Format: uuid */
                    workspaceId?: string;
                    externalId?: string;
                    endUserId?: string;
                    method?: string;
                    url: string;
                    headers?: {
                        [key: string]: string | number;
                    };
                    data?: unknown;
                    retryNonIdempotent?: boolean;
                };
            };
        };
        responses: {
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error429"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error503"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
            /** @description The upstream API's answer, as it sent it (status, headers, body, streamed) */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
        };
    };
    getApiV1ConnectionsIdToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        tokenType: string;
                        expiresAt: string | null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error502"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error503"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error504"];
                };
            };
        };
    };
    putApiV1IntegrationsIdSharing: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    sharingMode: "PER_USER" | "SHARED";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        integrationName: string;
                        /** @enum {string} */
                        sharingMode: "PER_USER" | "SHARED";
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1OauthClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        oauthClients: {
                            id: string;
                            clientId: string;
                            name: string;
                            logoUrl: string | null;
                            redirectUris: string[];
                            confidential: boolean;
                            scopes: string[];
                            /** @enum {string} */
                            tokenEndpointAuthMethod: "client_secret_basic" | "none";
                            createdAt: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1OauthClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    logoUrl?: string | null;
                    redirectUris: string[];
                    /** @default true */
                    confidential?: boolean;
                    scopes: ("connections:read" | "connections:write" | "connect:write" | "proxy" | "end-users:read" | "end-users:write" | "workspaces:read" | "offline_access")[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        oauthClient: {
                            id: string;
                            clientId: string;
                            name: string;
                            logoUrl: string | null;
                            redirectUris: string[];
                            confidential: boolean;
                            scopes: string[];
                            /** @enum {string} */
                            tokenEndpointAuthMethod: "client_secret_basic" | "none";
                            createdAt: string;
                            clientSecret: string | null;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1OauthClientsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1OauthGrants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        oauthGrants: {
                            id: string;
                            clientId: string;
                            clientName: string;
                            logoUrl: string | null;
                            userId: string;
                            userEmail: string;
                            scopes: string[];
                            createdAt: string;
                            expiresAt: string | null;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1OauthGrantsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1Events: {
        parameters: {
            query?: {
                type?: string | string[];
                connectionId?: string;
                endUserId?: string;
                workspaceId?: string;
                after?: number | string;
                limit?: number;
                order?: "desc" | "asc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            id: string;
                            seq: number;
                            workspaceId: string | null;
                            type: string;
                            occurredAt: string;
                            actor: {
                                /** @enum {string} */
                                type: "user" | "api_key" | "oauth_client" | "end_user" | "system";
                                id: string | null;
                            };
                            connectionId: string | null;
                            connectSessionId: string | null;
                            endUserId: string | null;
                            integrationId: string | null;
                            data: {
                                [key: string]: unknown;
                            };
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1Webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhooks: {
                            id: string;
                            url: string;
                            events: string[] | null;
                            workspaceIds: string[] | null;
                            description: string;
                            enabled: boolean;
                            disabledReason: string | null;
                            previousSecretExpiresAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        nextCursor: null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1Webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    events?: ("connect_session.completed" | "connect_session.failed" | "connection.created" | "connection.reconnected" | "connection.refreshed" | "connection.refresh_failed" | "connection.recovered" | "connection.expiring" | "connection.unhealthy" | "connection.deleted" | "connection.token_revealed" | "end_user.deleted" | "api_key.created" | "api_key.revoked" | "oauth_app.created" | "oauth_app.updated" | "oauth_app.deleted" | "integration.created" | "integration.updated" | "integration.deleted" | "webhook_endpoint.created" | "webhook_endpoint.updated" | "webhook_endpoint.deleted" | "webhook_endpoint.disabled" | "user.login" | "user.password_changed" | "session.revoked" | "workspace.created" | "workspace.updated" | "workspace.deleted" | "member.updated" | "member.removed" | "invite.created" | "invite.revoked" | "invite.accepted" | "sso_settings.updated")[] | null;
                    description?: string;
                    workspaceIds?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook: {
                            id: string;
                            url: string;
                            events: string[] | null;
                            workspaceIds: string[] | null;
                            description: string;
                            enabled: boolean;
                            disabledReason: string | null;
                            previousSecretExpiresAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                        };
                        secret: string;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1WebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook: {
                            id: string;
                            url: string;
                            events: string[] | null;
                            workspaceIds: string[] | null;
                            description: string;
                            enabled: boolean;
                            disabledReason: string | null;
                            previousSecretExpiresAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    deleteApiV1WebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    patchApiV1WebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url?: string;
                    events?: ("connect_session.completed" | "connect_session.failed" | "connection.created" | "connection.reconnected" | "connection.refreshed" | "connection.refresh_failed" | "connection.recovered" | "connection.expiring" | "connection.unhealthy" | "connection.deleted" | "connection.token_revealed" | "end_user.deleted" | "api_key.created" | "api_key.revoked" | "oauth_app.created" | "oauth_app.updated" | "oauth_app.deleted" | "integration.created" | "integration.updated" | "integration.deleted" | "webhook_endpoint.created" | "webhook_endpoint.updated" | "webhook_endpoint.deleted" | "webhook_endpoint.disabled" | "user.login" | "user.password_changed" | "session.revoked" | "workspace.created" | "workspace.updated" | "workspace.deleted" | "member.updated" | "member.removed" | "invite.created" | "invite.revoked" | "invite.accepted" | "sso_settings.updated")[] | null;
                    description?: string;
                    enabled?: boolean;
                    workspaceIds?: string[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook: {
                            id: string;
                            url: string;
                            events: string[] | null;
                            workspaceIds: string[] | null;
                            description: string;
                            enabled: boolean;
                            disabledReason: string | null;
                            previousSecretExpiresAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1WebhooksIdRotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, unknown>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhook: {
                            id: string;
                            url: string;
                            events: string[] | null;
                            workspaceIds: string[] | null;
                            description: string;
                            enabled: boolean;
                            disabledReason: string | null;
                            previousSecretExpiresAt: string | null;
                            createdAt: string;
                            updatedAt: string;
                        };
                        secret: string;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1WebhooksIdTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, unknown>;
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        delivery: {
                            id: string;
                            webhookId: string;
                            eventId: string;
                            eventType: string;
                            /** @enum {string} */
                            status: "PENDING" | "DELIVERING" | "DELIVERED" | "FAILED";
                            attempts: number;
                            nextAttemptAt: string | null;
                            lastAttemptAt: string | null;
                            lastStatusCode: number | null;
                            lastLatencyMs: number | null;
                            lastError: string | null;
                            lastResponse: string | null;
                            deliveredAt: string | null;
                            createdAt: string;
                            payload: unknown;
                            attemptHistory: {
                                attemptedAt: string;
                                statusCode: number | null;
                                latencyMs: number;
                                error: string | null;
                                response: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1WebhooksIdDeliveries: {
        parameters: {
            query?: {
                status?: "PENDING" | "DELIVERING" | "DELIVERED" | "FAILED";
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: {
                            id: string;
                            webhookId: string;
                            eventId: string;
                            eventType: string;
                            /** @enum {string} */
                            status: "PENDING" | "DELIVERING" | "DELIVERED" | "FAILED";
                            attempts: number;
                            nextAttemptAt: string | null;
                            lastAttemptAt: string | null;
                            lastStatusCode: number | null;
                            lastLatencyMs: number | null;
                            lastError: string | null;
                            lastResponse: string | null;
                            deliveredAt: string | null;
                            createdAt: string;
                            payload: unknown;
                            attemptHistory: {
                                attemptedAt: string;
                                statusCode: number | null;
                                latencyMs: number;
                                error: string | null;
                                response: string | null;
                            }[];
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1WebhooksIdDeliveriesDeliveryIdRetry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, unknown>;
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        delivery: {
                            id: string;
                            webhookId: string;
                            eventId: string;
                            eventType: string;
                            /** @enum {string} */
                            status: "PENDING" | "DELIVERING" | "DELIVERED" | "FAILED";
                            attempts: number;
                            nextAttemptAt: string | null;
                            lastAttemptAt: string | null;
                            lastStatusCode: number | null;
                            lastLatencyMs: number | null;
                            lastError: string | null;
                            lastResponse: string | null;
                            deliveredAt: string | null;
                            createdAt: string;
                            payload: unknown;
                            attemptHistory: {
                                attemptedAt: string;
                                statusCode: number | null;
                                latencyMs: number;
                                error: string | null;
                                response: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1WebhooksIdReplay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    since: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        replayed: number;
                        more: boolean;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error422"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1AuthSsoStart: {
        parameters: {
            query?: {
                returnTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the OpenID provider; on an error, to the sign-in page with `sso_error` */
            302: {
                headers: {
                    /** @description Where to go */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1AuthSsoCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the dashboard, signed in; on an error, to the sign-in page with `sso_error` */
            302: {
                headers: {
                    /** @description Where to go */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1OrganizationSso: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sso: {
                            available: boolean;
                            domains: string[];
                            /** @enum {string} */
                            defaultRole: "owner" | "admin" | "member" | "viewer";
                            enforced: boolean;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    patchApiV1OrganizationSso: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    domains?: string[];
                    /** @enum {string} */
                    defaultRole?: "viewer" | "member" | "admin";
                    enforced?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sso: {
                            available: boolean;
                            domains: string[];
                            /** @enum {string} */
                            defaultRole: "owner" | "admin" | "member" | "viewer";
                            enforced: boolean;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error409"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiV1OauthInteractionsUid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        interaction: {
                            uid: string;
                            loginRequired: boolean;
                            client: {
                                clientId: string;
                                name: string;
                                logoUrl: string | null;
                                developer: string;
                            };
                            scopes: {
                                scope: string;
                                description: string;
                            }[];
                            organization: {
                                id: string;
                                name: string;
                            } | null;
                            user: {
                                id: string;
                                email: string;
                            } | null;
                            loginUrl: string;
                            consentUrl: string;
                        };
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    postApiV1OauthInteractionsUid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "allow" | "deny";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        redirectTo: string;
                    };
                };
            };
            /** @description A form post (the consent page's own form): where to go next */
            303: {
                headers: {
                    /** @description Where to go */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error401"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error403"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error413"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error415"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiOpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Swagger UI over /api/openapi.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
    getApiDocsFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A script or style sheet of the viewer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                    "text/css": string;
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error400"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error404"];
                };
            };
            /** @description An error: its stable code, a message, and details when there are any */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error500"];
                };
            };
        };
    };
}
