"""Shapes of the REST answers and bodies (camelCase keys, exactly as the JSON), for type checkers.

Generated from the Switchboard OpenAPI document by `python3 sdks/python/scripts/generate_types.py`.
Do not edit: the Python SDK's tests fail when this file differs from what the server's document
generates.
"""

from typing import Any, Dict, List, Literal, Optional, TypedDict, Union  # noqa: F401


PostApiIntegrationsIdConnectAnswer = TypedDict("PostApiIntegrationsIdConnectAnswer", {
    "id": str,
    "integrationId": str,
    "ownerId": Optional[str],
    "isShared": bool,
    "tokenExpiresAt": Optional[str],
    "refreshTokenExpiresAt": Optional[str],
    "lastAuthorizedAt": Optional[str],
    "apiBaseUri": Optional[str],
    "data": Dict[str, Any],
    "createdAt": str,
    "updatedAt": str,
})


GetApiIntegrationsIdConnectionAnswer = PostApiIntegrationsIdConnectAnswer


_PostApiIntegrationsIdRequestBodyRequired = TypedDict("_PostApiIntegrationsIdRequestBodyRequired", {
    "url": str,
})
_PostApiIntegrationsIdRequestBodyOptional = TypedDict("_PostApiIntegrationsIdRequestBodyOptional", {
    "method": str,
    "headers": Dict[str, Union[str, float]],
    "data": Any,
    "retryNonIdempotent": bool,
}, total=False)


class PostApiIntegrationsIdRequestBody(_PostApiIntegrationsIdRequestBodyRequired, _PostApiIntegrationsIdRequestBodyOptional):
    pass


PostApiV1AccountPasswordBody = TypedDict("PostApiV1AccountPasswordBody", {
    "currentPassword": str,
    "newPassword": str,
})


PostApiV1AccountPasswordAnswer = TypedDict("PostApiV1AccountPasswordAnswer", {
    "revokedSessions": int,
})


Session = TypedDict("Session", {
    "id": str,
    "createdAt": str,
    "lastSeenAt": Optional[str],
    "expiresAt": str,
    "userAgent": Optional[str],
    "current": bool,
})


GetApiV1AccountSessionsAnswer = TypedDict("GetApiV1AccountSessionsAnswer", {
    "sessions": List[Session],
    "nextCursor": None,
})


PostApiV1AccountSessionsRevokeOthersAnswer = TypedDict("PostApiV1AccountSessionsRevokeOthersAnswer", {
    "revoked": int,
})


ApiKey = TypedDict("ApiKey", {
    "id": str,
    "name": str,
    "prefix": str,
    "createdAt": str,
    "lastUsedAt": Optional[str],
    "revokedAt": Optional[str],
    "scopes": Optional[List[str]],
    "workspaceIds": Optional[List[str]],
    "expiresAt": Optional[str],
})


GetApiV1ApiKeysAnswer = TypedDict("GetApiV1ApiKeysAnswer", {
    "apiKeys": List[ApiKey],
    "nextCursor": None,
})


PostApiV1ApiKeysBody = TypedDict("PostApiV1ApiKeysBody", {
    "name": str,
    "scopes": List[Literal["connections:read", "connections:write", "connect:write", "proxy", "end-users:read", "end-users:write", "workspaces:read", "connections:token", "integrations:read", "integrations:write", "webhooks:read", "webhooks:write", "events:read", "workspaces:write", "members:read", "members:write", "api-keys:read", "api-keys:write", "settings:read", "settings:write"]],
    "workspaceIds": List[str],
    "expiresAt": str,
}, total=False)


PostApiV1ApiKeysAnswer = TypedDict("PostApiV1ApiKeysAnswer", {
    "apiKey": ApiKey,
    "key": str,
})


_PostApiV1ConnectSessionPollAnswerRequired = TypedDict("_PostApiV1ConnectSessionPollAnswerRequired", {
    "status": Literal["PENDING", "CONNECTING", "COMPLETED", "FAILED"],
    "connectionId": Optional[str],
    "integrationName": str,
    "externalId": str,
    "error": Optional[str],
})
_PostApiV1ConnectSessionPollAnswerOptional = TypedDict("_PostApiV1ConnectSessionPollAnswerOptional", {
    "sessionId": str,
}, total=False)


class PostApiV1ConnectSessionPollAnswer(_PostApiV1ConnectSessionPollAnswerRequired, _PostApiV1ConnectSessionPollAnswerOptional):
    pass


Session2 = TypedDict("Session2", {
    "id": str,
    "integrationName": str,
    "connectionName": str,
    "externalId": str,
    "status": Literal["PENDING", "CONNECTING", "COMPLETED", "FAILED"],
    "connectionId": Optional[str],
    "error": Optional[str],
    "expiresAt": str,
    "createdAt": str,
})


GetApiV1ConnectSessionSessionIdAnswer = TypedDict("GetApiV1ConnectSessionSessionIdAnswer", {
    "session": Session2,
})


_PostApiV1ConnectSubmitBodyRequired = TypedDict("_PostApiV1ConnectSubmitBodyRequired", {
    "credentials": Dict[str, Any],
})
_PostApiV1ConnectSubmitBodyOptional = TypedDict("_PostApiV1ConnectSubmitBodyOptional", {
    "token": str,
}, total=False)


class PostApiV1ConnectSubmitBody(_PostApiV1ConnectSubmitBodyRequired, _PostApiV1ConnectSubmitBodyOptional):
    pass


PostApiV1ConnectSubmitAnswer = TypedDict("PostApiV1ConnectSubmitAnswer", {
    "status": Literal["COMPLETED"],
    "connectionId": str,
})


_PostApiV1ConnectTokenBodyRequired = TypedDict("_PostApiV1ConnectTokenBodyRequired", {
    "integrationName": str,
    "connectionName": str,
    "externalId": str,
    "workspaceId": str,
})
_PostApiV1ConnectTokenBodyOptional = TypedDict("_PostApiV1ConnectTokenBodyOptional", {
    "endUserId": str,
    "scope": Literal["ORGANIZATION", "WORKSPACE", "USER"],
    "oauthAppId": str,
    "successRedirectUri": str,
    "errorRedirectUri": str,
    "connectionId": str,
    "metadata": Dict[str, Any],
}, total=False)


class PostApiV1ConnectTokenBody(_PostApiV1ConnectTokenBodyRequired, _PostApiV1ConnectTokenBodyOptional):
    pass


PostApiV1ConnectTokenAnswer = TypedDict("PostApiV1ConnectTokenAnswer", {
    "token": str,
    "connectUrl": str,
    "expiresAt": str,
    "sessionId": str,
})


StatusDetail = TypedDict("StatusDetail", {
    "code": str,
    "message": str,
})


Connection = TypedDict("Connection", {
    "id": str,
    "workspaceId": str,
    "integrationName": str,
    "type": Literal["OAUTH2", "SECRET_TEXT", "BASIC", "CUSTOM"],
    "externalId": str,
    "displayName": str,
    "scope": Literal["ORGANIZATION", "WORKSPACE", "USER"],
    "endUserId": Optional[str],
    "ownerUserId": Optional[str],
    "oauthAppId": Optional[str],
    "status": Literal["ACTIVE", "REFRESH_FAILED", "UNHEALTHY"],
    "statusReason": Optional[str],
    "statusDetail": Optional[StatusDetail],
    "resolution": Literal["END_USER_RECONNECT", "PROVIDER", "ADMIN_CONFIG", "NONE"],
    "expiring": bool,
    "lastHealthyAt": Optional[str],
    "lastUnhealthyAt": Optional[str],
    "grantedScopes": List[str],
    "tokenExpiresAt": Optional[str],
    "refreshTokenExpiresAt": Optional[str],
    "lastAuthorizedAt": Optional[str],
    "lastRefreshedAt": Optional[str],
    "lastUsedAt": Optional[str],
    "apiBaseUri": Optional[str],
    "metadata": Dict[str, Any],
    "createdAt": str,
    "updatedAt": str,
    "endUserExternalId": Optional[str],
})


GetApiV1ConnectionsAnswer = TypedDict("GetApiV1ConnectionsAnswer", {
    "connections": List[Connection],
    "nextCursor": Optional[str],
})


Connection2 = TypedDict("Connection2", {
    "id": str,
    "workspaceId": str,
    "integrationName": str,
    "type": Literal["OAUTH2", "SECRET_TEXT", "BASIC", "CUSTOM"],
    "externalId": str,
    "displayName": str,
    "scope": Literal["ORGANIZATION", "WORKSPACE", "USER"],
    "endUserId": Optional[str],
    "ownerUserId": Optional[str],
    "oauthAppId": Optional[str],
    "status": Literal["ACTIVE", "REFRESH_FAILED", "UNHEALTHY"],
    "statusReason": Optional[str],
    "statusDetail": Optional[StatusDetail],
    "resolution": Literal["END_USER_RECONNECT", "PROVIDER", "ADMIN_CONFIG", "NONE"],
    "expiring": bool,
    "lastHealthyAt": Optional[str],
    "lastUnhealthyAt": Optional[str],
    "grantedScopes": List[str],
    "tokenExpiresAt": Optional[str],
    "refreshTokenExpiresAt": Optional[str],
    "lastAuthorizedAt": Optional[str],
    "lastRefreshedAt": Optional[str],
    "lastUsedAt": Optional[str],
    "apiBaseUri": Optional[str],
    "metadata": Dict[str, Any],
    "createdAt": str,
    "updatedAt": str,
})


PostApiV1ConnectionsAnswer = TypedDict("PostApiV1ConnectionsAnswer", {
    "connection": Connection2,
})


_PostApiV1ConnectionsResolveBodyRequired = TypedDict("_PostApiV1ConnectionsResolveBodyRequired", {
    "integrationName": str,
    "workspaceId": str,
})
_PostApiV1ConnectionsResolveBodyOptional = TypedDict("_PostApiV1ConnectionsResolveBodyOptional", {
    "externalId": str,
    "endUserId": str,
    "scope": Literal["ORGANIZATION", "WORKSPACE", "USER"],
}, total=False)


class PostApiV1ConnectionsResolveBody(_PostApiV1ConnectionsResolveBodyRequired, _PostApiV1ConnectionsResolveBodyOptional):
    pass


PostApiV1ConnectionsResolveAnswer = PostApiV1ConnectionsAnswer


GetApiV1ConnectionsIdAnswer = PostApiV1ConnectionsAnswer


Event = TypedDict("Event", {
    "id": str,
    "kind": str,
    "detail": Optional[str],
    "createdAt": str,
})


GetApiV1ConnectionsIdEventsAnswer = TypedDict("GetApiV1ConnectionsIdEventsAnswer", {
    "events": List[Event],
})


GetApiV1ConnectionsIdTokenAnswer = TypedDict("GetApiV1ConnectionsIdTokenAnswer", {
    "accessToken": str,
    "tokenType": str,
    "expiresAt": Optional[str],
})


EndUser = TypedDict("EndUser", {
    "id": str,
    "workspaceId": str,
    "externalId": str,
    "displayName": Optional[str],
    "email": Optional[str],
    "metadata": Dict[str, Any],
    "createdAt": str,
})


GetApiV1EndUsersAnswer = TypedDict("GetApiV1EndUsersAnswer", {
    "endUsers": List[EndUser],
    "nextCursor": Optional[str],
})


_PostApiV1EndUsersBodyRequired = TypedDict("_PostApiV1EndUsersBodyRequired", {
    "workspaceId": str,
    "externalId": str,
})
_PostApiV1EndUsersBodyOptional = TypedDict("_PostApiV1EndUsersBodyOptional", {
    "displayName": str,
    "email": str,
    "metadata": Dict[str, Any],
}, total=False)


class PostApiV1EndUsersBody(_PostApiV1EndUsersBodyRequired, _PostApiV1EndUsersBodyOptional):
    pass


PostApiV1EndUsersAnswer = TypedDict("PostApiV1EndUsersAnswer", {
    "endUser": EndUser,
})


GetApiV1EndUsersIdAnswer = PostApiV1EndUsersAnswer


PatchApiV1EndUsersIdBody = TypedDict("PatchApiV1EndUsersIdBody", {
    "displayName": Optional[str],
    "email": Optional[str],
    "metadata": Dict[str, Any],
}, total=False)


PatchApiV1EndUsersIdAnswer = PostApiV1EndUsersAnswer


_PostApiV1EndUsersIdConnectTokenBodyRequired = TypedDict("_PostApiV1EndUsersIdConnectTokenBodyRequired", {
    "integrationName": str,
})
_PostApiV1EndUsersIdConnectTokenBodyOptional = TypedDict("_PostApiV1EndUsersIdConnectTokenBodyOptional", {
    "scope": Literal["ORGANIZATION", "WORKSPACE", "USER"],
    "oauthAppId": str,
    "successRedirectUri": str,
    "errorRedirectUri": str,
    "connectionId": str,
    "metadata": Dict[str, Any],
    "connectionName": str,
    "externalId": str,
}, total=False)


class PostApiV1EndUsersIdConnectTokenBody(_PostApiV1EndUsersIdConnectTokenBodyRequired, _PostApiV1EndUsersIdConnectTokenBodyOptional):
    pass


PostApiV1EndUsersIdConnectTokenAnswer = PostApiV1ConnectTokenAnswer


Actor = TypedDict("Actor", {
    "type": Literal["user", "api_key", "oauth_client", "end_user", "system"],
    "id": Optional[str],
})


Event2 = TypedDict("Event2", {
    "id": str,
    "seq": float,
    "workspaceId": Optional[str],
    "type": str,
    "occurredAt": str,
    "actor": Actor,
    "connectionId": Optional[str],
    "connectSessionId": Optional[str],
    "endUserId": Optional[str],
    "integrationId": Optional[str],
    "data": Dict[str, Any],
})


GetApiV1EventsAnswer = TypedDict("GetApiV1EventsAnswer", {
    "events": List[Event2],
    "nextCursor": Optional[str],
})


Readiness = TypedDict("Readiness", {
    "ready": bool,
    "oauthApp": Optional[Literal["TENANT", "PLATFORM"]],
    "blockedBy": Optional[Literal["NO_OAUTH_APP", "CUSTOM_OAUTH_APP_PLAN_REQUIRED"]],
})


Integration = TypedDict("Integration", {
    "id": str,
    "name": str,
    "displayName": str,
    "logoUrl": Optional[str],
    "description": Optional[str],
    "categories": List[str],
    "authType": Literal["OAUTH2", "SECRET_TEXT", "BASIC", "CUSTOM"],
    "custom": bool,
    "readiness": Readiness,
    "definition": Dict[str, Any],
})


GetApiV1IntegrationsAnswer = TypedDict("GetApiV1IntegrationsAnswer", {
    "integrations": List[Integration],
    "nextCursor": None,
})


PostApiV1IntegrationsAnswer = TypedDict("PostApiV1IntegrationsAnswer", {
    "integration": Integration,
})


GetApiV1IntegrationsIdAnswer = PostApiV1IntegrationsAnswer


PutApiV1IntegrationsIdBody = TypedDict("PutApiV1IntegrationsIdBody", {
    "id": str,
    "definition": Dict[str, Any],
})


PutApiV1IntegrationsIdAnswer = PostApiV1IntegrationsAnswer


PutApiV1IntegrationsIdSharingBody = TypedDict("PutApiV1IntegrationsIdSharingBody", {
    "sharingMode": Literal["PER_USER", "SHARED"],
})


PutApiV1IntegrationsIdSharingAnswer = TypedDict("PutApiV1IntegrationsIdSharingAnswer", {
    "integrationName": str,
    "sharingMode": Literal["PER_USER", "SHARED"],
})


Invite = TypedDict("Invite", {
    "id": str,
    "email": str,
    "role": Literal["owner", "admin", "member", "viewer"],
    "workspaceIds": Optional[List[str]],
    "expiresAt": str,
    "createdAt": str,
    "acceptedAt": Optional[str],
    "revokedAt": Optional[str],
})


GetApiV1InvitesAnswer = TypedDict("GetApiV1InvitesAnswer", {
    "invites": List[Invite],
})


_PostApiV1InvitesBodyRequired = TypedDict("_PostApiV1InvitesBodyRequired", {
    "email": str,
    "role": Literal["owner", "admin", "member", "viewer"],
})
_PostApiV1InvitesBodyOptional = TypedDict("_PostApiV1InvitesBodyOptional", {
    "workspaceIds": Optional[List[str]],
}, total=False)


class PostApiV1InvitesBody(_PostApiV1InvitesBodyRequired, _PostApiV1InvitesBodyOptional):
    pass


PostApiV1InvitesAnswer = TypedDict("PostApiV1InvitesAnswer", {
    "invite": Invite,
    "url": str,
    "emailed": bool,
})


_PostApiV1InvitesAcceptBodyRequired = TypedDict("_PostApiV1InvitesAcceptBodyRequired", {
    "token": str,
})
_PostApiV1InvitesAcceptBodyOptional = TypedDict("_PostApiV1InvitesAcceptBodyOptional", {
    "password": str,
    "name": str,
}, total=False)


class PostApiV1InvitesAcceptBody(_PostApiV1InvitesAcceptBodyRequired, _PostApiV1InvitesAcceptBodyOptional):
    pass


User = TypedDict("User", {
    "id": str,
    "email": str,
    "role": Literal["owner", "admin", "member", "viewer"],
    "isSuperuser": bool,
    "organizationId": str,
})


PostApiV1InvitesAcceptAnswer = TypedDict("PostApiV1InvitesAcceptAnswer", {
    "ok": Literal[True],
    "user": User,
})


GetApiV1InvitesAcceptTokenAnswer = TypedDict("GetApiV1InvitesAcceptTokenAnswer", {
    "organizationName": str,
    "email": str,
    "role": Literal["owner", "admin", "member", "viewer"],
    "userExists": bool,
})


Member = TypedDict("Member", {
    "userId": str,
    "email": str,
    "name": Optional[str],
    "role": Literal["owner", "admin", "member", "viewer"],
    "workspaceIds": Optional[List[str]],
    "createdAt": str,
})


GetApiV1MembersAnswer = TypedDict("GetApiV1MembersAnswer", {
    "members": List[Member],
})


PatchApiV1MembersUserIdBody = TypedDict("PatchApiV1MembersUserIdBody", {
    "role": Literal["owner", "admin", "member", "viewer"],
    "workspaceIds": Optional[List[str]],
}, total=False)


PatchApiV1MembersUserIdAnswer = TypedDict("PatchApiV1MembersUserIdAnswer", {
    "member": Member,
})


OauthApp = TypedDict("OauthApp", {
    "id": str,
    "integrationName": str,
    "clientId": str,
    "scopes": List[str],
    "owner": Literal["TENANT", "PLATFORM"],
    "createdAt": str,
})


GetApiV1OauthAppsAnswer = TypedDict("GetApiV1OauthAppsAnswer", {
    "oauthApps": List[OauthApp],
    "nextCursor": None,
})


_PostApiV1OauthAppsBodyRequired = TypedDict("_PostApiV1OauthAppsBodyRequired", {
    "integrationName": str,
    "clientId": str,
    "clientSecret": str,
})
_PostApiV1OauthAppsBodyOptional = TypedDict("_PostApiV1OauthAppsBodyOptional", {
    "scopes": List[str],
}, total=False)


class PostApiV1OauthAppsBody(_PostApiV1OauthAppsBodyRequired, _PostApiV1OauthAppsBodyOptional):
    pass


PostApiV1OauthAppsAnswer = TypedDict("PostApiV1OauthAppsAnswer", {
    "oauthApp": OauthApp,
})


PatchApiV1OauthAppsIdBody = TypedDict("PatchApiV1OauthAppsIdBody", {
    "clientId": str,
    "clientSecret": str,
    "scopes": List[str],
}, total=False)


PatchApiV1OauthAppsIdAnswer = PostApiV1OauthAppsAnswer


OauthClient = TypedDict("OauthClient", {
    "id": str,
    "clientId": str,
    "name": str,
    "logoUrl": Optional[str],
    "redirectUris": List[str],
    "confidential": bool,
    "scopes": List[str],
    "tokenEndpointAuthMethod": Literal["client_secret_basic", "none"],
    "createdAt": str,
})


GetApiV1OauthClientsAnswer = TypedDict("GetApiV1OauthClientsAnswer", {
    "oauthClients": List[OauthClient],
    "nextCursor": None,
})


_PostApiV1OauthClientsBodyRequired = TypedDict("_PostApiV1OauthClientsBodyRequired", {
    "name": str,
    "redirectUris": List[str],
    "scopes": List[Literal["connections:read", "connections:write", "connect:write", "proxy", "end-users:read", "end-users:write", "workspaces:read", "offline_access"]],
})
_PostApiV1OauthClientsBodyOptional = TypedDict("_PostApiV1OauthClientsBodyOptional", {
    "logoUrl": Optional[str],
    "confidential": bool,
}, total=False)


class PostApiV1OauthClientsBody(_PostApiV1OauthClientsBodyRequired, _PostApiV1OauthClientsBodyOptional):
    pass


OauthClient2 = TypedDict("OauthClient2", {
    "id": str,
    "clientId": str,
    "name": str,
    "logoUrl": Optional[str],
    "redirectUris": List[str],
    "confidential": bool,
    "scopes": List[str],
    "tokenEndpointAuthMethod": Literal["client_secret_basic", "none"],
    "createdAt": str,
    "clientSecret": Optional[str],
})


PostApiV1OauthClientsAnswer = TypedDict("PostApiV1OauthClientsAnswer", {
    "oauthClient": OauthClient2,
})


OauthGrant = TypedDict("OauthGrant", {
    "id": str,
    "clientId": str,
    "clientName": str,
    "logoUrl": Optional[str],
    "userId": str,
    "userEmail": str,
    "scopes": List[str],
    "createdAt": str,
    "expiresAt": Optional[str],
})


GetApiV1OauthGrantsAnswer = TypedDict("GetApiV1OauthGrantsAnswer", {
    "oauthGrants": List[OauthGrant],
    "nextCursor": None,
})


Client = TypedDict("Client", {
    "clientId": str,
    "name": str,
    "logoUrl": Optional[str],
    "developer": str,
})


Scope = TypedDict("Scope", {
    "scope": str,
    "description": str,
})


Organization = TypedDict("Organization", {
    "id": str,
    "name": str,
})


User2 = TypedDict("User2", {
    "id": str,
    "email": str,
})


Interaction = TypedDict("Interaction", {
    "uid": str,
    "loginRequired": bool,
    "client": Client,
    "scopes": List[Scope],
    "organization": Optional[Organization],
    "user": Optional[User2],
    "loginUrl": str,
    "consentUrl": str,
})


GetApiV1OauthInteractionsUidAnswer = TypedDict("GetApiV1OauthInteractionsUidAnswer", {
    "interaction": Interaction,
})


PostApiV1OauthInteractionsUidBody = TypedDict("PostApiV1OauthInteractionsUidBody", {
    "decision": Literal["allow", "deny"],
})


PostApiV1OauthInteractionsUidAnswer = TypedDict("PostApiV1OauthInteractionsUidAnswer", {
    "redirectTo": str,
})


Branding = TypedDict("Branding", {
    "logoUrl": str,
    "primaryColor": str,
}, total=False)


Organization2 = TypedDict("Organization2", {
    "id": str,
    "name": str,
    "plan": Literal["FREE", "TEAM", "SCALE", "ENTERPRISE"],
    "allowedRedirectOrigins": List[str],
    "branding": Branding,
    "createdAt": str,
})


GetApiV1OrganizationAnswer = TypedDict("GetApiV1OrganizationAnswer", {
    "organization": Organization2,
})


PatchApiV1OrganizationBody = TypedDict("PatchApiV1OrganizationBody", {
    "name": str,
    "allowedRedirectOrigins": List[str],
    "branding": Branding,
}, total=False)


PatchApiV1OrganizationAnswer = GetApiV1OrganizationAnswer


Sso = TypedDict("Sso", {
    "available": bool,
    "domains": List[str],
    "defaultRole": Literal["owner", "admin", "member", "viewer"],
    "enforced": bool,
})


GetApiV1OrganizationSsoAnswer = TypedDict("GetApiV1OrganizationSsoAnswer", {
    "sso": Sso,
})


PatchApiV1OrganizationSsoBody = TypedDict("PatchApiV1OrganizationSsoBody", {
    "domains": List[str],
    "defaultRole": Literal["viewer", "member", "admin"],
    "enforced": bool,
}, total=False)


PatchApiV1OrganizationSsoAnswer = GetApiV1OrganizationSsoAnswer


_PostApiV1ProxyBodyRequired = TypedDict("_PostApiV1ProxyBodyRequired", {
    "url": str,
})
_PostApiV1ProxyBodyOptional = TypedDict("_PostApiV1ProxyBodyOptional", {
    "connectionId": str,
    "integrationName": str,
    "workspaceId": str,
    "externalId": str,
    "endUserId": str,
    "method": str,
    "headers": Dict[str, Union[str, float]],
    "data": Any,
    "retryNonIdempotent": bool,
}, total=False)


class PostApiV1ProxyBody(_PostApiV1ProxyBodyRequired, _PostApiV1ProxyBodyOptional):
    pass


Webhook = TypedDict("Webhook", {
    "id": str,
    "url": str,
    "events": Optional[List[str]],
    "workspaceIds": Optional[List[str]],
    "description": str,
    "enabled": bool,
    "disabledReason": Optional[str],
    "previousSecretExpiresAt": Optional[str],
    "createdAt": str,
    "updatedAt": str,
})


GetApiV1WebhooksAnswer = TypedDict("GetApiV1WebhooksAnswer", {
    "webhooks": List[Webhook],
    "nextCursor": None,
})


_PostApiV1WebhooksBodyRequired = TypedDict("_PostApiV1WebhooksBodyRequired", {
    "url": str,
})
_PostApiV1WebhooksBodyOptional = TypedDict("_PostApiV1WebhooksBodyOptional", {
    "events": Optional[List[Literal["connect_session.completed", "connect_session.failed", "connection.created", "connection.reconnected", "connection.refreshed", "connection.refresh_failed", "connection.recovered", "connection.expiring", "connection.unhealthy", "connection.deleted", "connection.token_revealed", "end_user.deleted", "api_key.created", "api_key.revoked", "oauth_app.created", "oauth_app.updated", "oauth_app.deleted", "integration.created", "integration.updated", "integration.deleted", "webhook_endpoint.created", "webhook_endpoint.updated", "webhook_endpoint.deleted", "webhook_endpoint.disabled", "user.login", "user.password_changed", "session.revoked", "workspace.created", "workspace.updated", "workspace.deleted", "member.updated", "member.removed", "invite.created", "invite.revoked", "invite.accepted", "sso_settings.updated"]]],
    "description": str,
    "workspaceIds": Optional[List[str]],
}, total=False)


class PostApiV1WebhooksBody(_PostApiV1WebhooksBodyRequired, _PostApiV1WebhooksBodyOptional):
    pass


PostApiV1WebhooksAnswer = TypedDict("PostApiV1WebhooksAnswer", {
    "webhook": Webhook,
    "secret": str,
})


GetApiV1WebhooksIdAnswer = TypedDict("GetApiV1WebhooksIdAnswer", {
    "webhook": Webhook,
})


PatchApiV1WebhooksIdBody = TypedDict("PatchApiV1WebhooksIdBody", {
    "url": str,
    "events": Optional[List[Literal["connect_session.completed", "connect_session.failed", "connection.created", "connection.reconnected", "connection.refreshed", "connection.refresh_failed", "connection.recovered", "connection.expiring", "connection.unhealthy", "connection.deleted", "connection.token_revealed", "end_user.deleted", "api_key.created", "api_key.revoked", "oauth_app.created", "oauth_app.updated", "oauth_app.deleted", "integration.created", "integration.updated", "integration.deleted", "webhook_endpoint.created", "webhook_endpoint.updated", "webhook_endpoint.deleted", "webhook_endpoint.disabled", "user.login", "user.password_changed", "session.revoked", "workspace.created", "workspace.updated", "workspace.deleted", "member.updated", "member.removed", "invite.created", "invite.revoked", "invite.accepted", "sso_settings.updated"]]],
    "description": str,
    "enabled": bool,
    "workspaceIds": Optional[List[str]],
}, total=False)


PatchApiV1WebhooksIdAnswer = GetApiV1WebhooksIdAnswer


AttemptHistory = TypedDict("AttemptHistory", {
    "attemptedAt": str,
    "statusCode": Optional[float],
    "latencyMs": float,
    "error": Optional[str],
    "response": Optional[str],
})


Delivery = TypedDict("Delivery", {
    "id": str,
    "webhookId": str,
    "eventId": str,
    "eventType": str,
    "status": Literal["PENDING", "DELIVERING", "DELIVERED", "FAILED"],
    "attempts": float,
    "nextAttemptAt": Optional[str],
    "lastAttemptAt": Optional[str],
    "lastStatusCode": Optional[float],
    "lastLatencyMs": Optional[float],
    "lastError": Optional[str],
    "lastResponse": Optional[str],
    "deliveredAt": Optional[str],
    "createdAt": str,
    "payload": Any,
    "attemptHistory": List[AttemptHistory],
})


GetApiV1WebhooksIdDeliveriesAnswer = TypedDict("GetApiV1WebhooksIdDeliveriesAnswer", {
    "deliveries": List[Delivery],
    "nextCursor": Optional[str],
})


PostApiV1WebhooksIdDeliveriesDeliveryIdRetryAnswer = TypedDict("PostApiV1WebhooksIdDeliveriesDeliveryIdRetryAnswer", {
    "delivery": Delivery,
})


PostApiV1WebhooksIdReplayBody = TypedDict("PostApiV1WebhooksIdReplayBody", {
    "since": str,
})


PostApiV1WebhooksIdReplayAnswer = TypedDict("PostApiV1WebhooksIdReplayAnswer", {
    "replayed": float,
    "more": bool,
})


PostApiV1WebhooksIdRotateSecretAnswer = PostApiV1WebhooksAnswer


PostApiV1WebhooksIdTestAnswer = PostApiV1WebhooksIdDeliveriesDeliveryIdRetryAnswer


Workspace = TypedDict("Workspace", {
    "id": str,
    "name": str,
    "createdAt": str,
})


GetApiV1WorkspacesAnswer = TypedDict("GetApiV1WorkspacesAnswer", {
    "workspaces": List[Workspace],
    "nextCursor": None,
})


PostApiV1WorkspacesBody = TypedDict("PostApiV1WorkspacesBody", {
    "name": str,
})


PostApiV1WorkspacesAnswer = TypedDict("PostApiV1WorkspacesAnswer", {
    "workspace": Workspace,
})


GetApiV1WorkspacesIdAnswer = PostApiV1WorkspacesAnswer


PatchApiV1WorkspacesIdBody = PostApiV1WorkspacesBody


PatchApiV1WorkspacesIdAnswer = PostApiV1WorkspacesAnswer


# The client's names for its answers.
ConnectToken = PostApiV1ConnectTokenAnswer
SessionAnswer = GetApiV1ConnectSessionSessionIdAnswer
PollAnswer = PostApiV1ConnectSessionPollAnswer
EndUserAnswer = GetApiV1EndUsersIdAnswer
EndUserList = GetApiV1EndUsersAnswer
ConnectionAnswer = GetApiV1ConnectionsIdAnswer
ConnectionList = GetApiV1ConnectionsAnswer
IntegrationAnswer = GetApiV1IntegrationsIdAnswer
IntegrationList = GetApiV1IntegrationsAnswer
SharingAnswer = PutApiV1IntegrationsIdSharingAnswer
EventList = GetApiV1EventsAnswer
WorkspaceAnswer = GetApiV1WorkspacesIdAnswer
WorkspaceList = GetApiV1WorkspacesAnswer
WebhookList = GetApiV1WebhooksAnswer
WebhookAnswer = GetApiV1WebhooksIdAnswer
WebhookWithSecret = PostApiV1WebhooksAnswer
DeliveryAnswer = PostApiV1WebhooksIdTestAnswer
DeliveryList = GetApiV1WebhooksIdDeliveriesAnswer
ReplayAnswer = PostApiV1WebhooksIdReplayAnswer
