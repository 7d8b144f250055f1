"""The client: one transport (urllib) and the seed's namespaces in snake_case."""

import email.utils
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Dict, Mapping, Optional, Union, cast

from .types import (
    ConnectionAnswer,
    ConnectionList,
    ConnectToken,
    EndUserAnswer,
    EndUserList,
    EventList,
    IntegrationAnswer,
    IntegrationList,
    PollAnswer,
    SessionAnswer,
    SharingAnswer,
    WorkspaceAnswer,
    WorkspaceList,
)

RETRY_STATUSES = (429, 503)


class SwitchboardError(Exception):
    """A failed call: the API's `{error: {code, message, details?}}` with its HTTP status, or the
    network (`status` 0, `code` "NETWORK_ERROR"). Branch on `code`, never on the message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        request_id: Optional[str] = None,
        details: Any = None,
        retry_after: Optional[int] = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.details = details
        self.retry_after = retry_after


class ProxyAnswer(Dict[str, Any]):
    """`{"status", "headers", "data"}`: the upstream's answer to a proxied call."""


class RawProxyAnswer(Dict[str, Any]):
    """`{"status", "headers", "body"}`: the raw answer to `proxy.fetch`, its body as bytes (the
    upstream's, or Switchboard's own JSON error envelope when it refused)."""


class _Null:
    """The type of `NULL`."""

    _instance: Optional["_Null"] = None

    def __new__(cls) -> "_Null":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "switchboard.NULL"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "NULL"


NULL = _Null()
"""Sends JSON `null`: `client.end_users.update(id, email=NULL)` clears the email, where
`email=None` (or leaving it out) leaves it as it is. Anywhere in a body, nested included."""


def _encode(value: Any) -> None:
    if value is NULL:
        return None
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _json(body: Any) -> bytes:
    return json.dumps(body, default=_encode).encode()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _body(fields: Mapping[str, Any]) -> Dict[str, Any]:
    """snake_case keyword arguments → the API's camelCase fields (None means "not given"; NULL
    sends JSON null)."""
    return {_camel(k): v for k, v in fields.items() if v is not None}


def _retry_after(value: Optional[str]) -> Optional[int]:
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        at = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0, int(at - time.time() + 0.999))


def _error_envelope(body: Any) -> Optional[Dict[str, Any]]:
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        if isinstance(error.get("code"), str) and isinstance(error.get("message"), str):
            return cast(Dict[str, Any], error)
    return None


class _Response:
    def __init__(self, status: int, headers: Mapping[str, str], raw: bytes) -> None:
        self.status = status
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.raw = raw

    def body(self) -> Any:
        if not self.raw:
            return None
        text = self.raw.decode("utf-8", errors="replace")
        if "json" in self.headers.get("content-type", ""):
            try:
                return json.loads(text)
            except ValueError:
                return text
        return text

    def error(self) -> SwitchboardError:
        body = self.body()
        envelope = _error_envelope(body) or {}
        return SwitchboardError(
            status=self.status,
            code=envelope.get("code", f"HTTP_{self.status}"),
            message=envelope.get("message", f"HTTP {self.status}"),
            request_id=self.headers.get("x-request-id") or self.headers.get("request-id"),
            details=envelope.get("details"),
            retry_after=_retry_after(self.headers.get("retry-after")),
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class _Transport:
    def __init__(
        self, base_url: str, api_key: Optional[str], timeout: float, max_retries: int, max_delay: float
    ) -> None:
        if not base_url:
            raise ValueError("base_url is required")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.max_retries = max(0, max_retries)
        self.max_delay = max(0.0, max_delay)
        self._opener = urllib.request.build_opener(_NoRedirect())

    def url(self, path: str, query: Optional[Mapping[str, Any]] = None) -> str:
        if any(v is NULL for v in (query or {}).values()):
            raise ValueError("NULL is a JSON body value: a query parameter is given or left out (None)")
        items = [(_camel(k), str(v).lower() if isinstance(v, bool) else str(v)) for k, v in (query or {}).items() if v is not None]
        return self.base_url + path + ("?" + urllib.parse.urlencode(items) if items else "")

    def send(
        self,
        method: str,
        url: str,
        body: Optional[bytes],
        headers: Dict[str, str],
        retryable: bool,
    ) -> _Response:
        attempt = 0
        while True:
            req = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with self._opener.open(req, timeout=self.timeout) as res:
                    answer = _Response(res.status, dict(res.headers), res.read())
            except urllib.error.HTTPError as res:
                answer = _Response(res.code, dict(res.headers or {}), res.read())
            except (urllib.error.URLError, OSError) as error:
                raise SwitchboardError(0, "NETWORK_ERROR", f"Could not reach Switchboard at {self.base_url}") from error
            if not retryable or answer.status not in RETRY_STATUSES or attempt >= self.max_retries:
                return answer
            wait = _retry_after(answer.headers.get("retry-after"))
            delay = 0.5 * 2**attempt if wait is None else float(wait)
            if delay > self.max_delay:
                return answer
            time.sleep(delay)
            attempt += 1

    def headers(self, anonymous: bool = False) -> Dict[str, str]:
        headers = {"accept": "application/json", "user-agent": "switchboard-python/0.1"}
        if self.api_key and not anonymous:
            headers["authorization"] = f"Bearer {self.api_key}"
        return headers

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        query: Optional[Mapping[str, Any]] = None,
        idempotency_key: Optional[str] = None,
        create: bool = False,
        anonymous: bool = False,
        retryable: Optional[bool] = None,
    ) -> Any:
        headers = self.headers(anonymous)
        data = None
        if body is not None:
            headers["content-type"] = "application/json"
            data = _json(body)
        if create:
            headers["idempotency-key"] = idempotency_key or str(uuid.uuid4())
        if retryable is None:
            retryable = method in ("GET", "PUT", "DELETE") or create
        answer = self.send(method, self.url(path, query), data, headers, retryable)
        if answer.status >= 400:
            raise answer.error()
        return answer.body()


def _id(value: str) -> str:
    if not value:
        raise ValueError("an id is required")
    return urllib.parse.quote(value, safe="")


class ConnectApi:
    """Seed 000: the hosted connect flow."""

    def __init__(self, t: _Transport) -> None:
        self._t = t

    def create_token(self, idempotency_key: Optional[str] = None, **fields: Any) -> ConnectToken:
        """POST /api/v1/connect/token → {token, connectUrl, expiresAt, sessionId, …}."""
        return cast(ConnectToken, self._t.request("POST", "/api/v1/connect/token", _body(fields), create=True, idempotency_key=idempotency_key))

    def get_session(self, session_id: str) -> SessionAnswer:
        """GET /api/v1/connect/session/:sessionId → {session}."""
        return cast(SessionAnswer, self._t.request("GET", f"/api/v1/connect/session/{_id(session_id)}"))

    def poll(self, token: str) -> PollAnswer:
        """POST /api/v1/connect/session/poll with the cst_ token (no API key needed)."""
        return cast(PollAnswer, self._t.request("POST", "/api/v1/connect/session/poll", {"token": token}, anonymous=True, retryable=True))

    def submit(self, token: str, credentials: Mapping[str, Any]) -> Any:
        """POST /api/v1/connect/submit: what the hosted page sends for a non-OAuth integration."""
        return self._t.request("POST", "/api/v1/connect/submit", {"token": token, "credentials": dict(credentials)}, anonymous=True)


class EndUsersApi:
    """Seed 001: a customer's users."""

    def __init__(self, t: _Transport) -> None:
        self._t = t

    def create(self, idempotency_key: Optional[str] = None, **fields: Any) -> EndUserAnswer:
        """POST /api/v1/end-users (workspace_id, external_id, display_name, email, metadata) → {endUser}."""
        return cast(EndUserAnswer, self._t.request("POST", "/api/v1/end-users", _body(fields), create=True, idempotency_key=idempotency_key))

    def list(self, **query: Any) -> EndUserList:
        """GET /api/v1/end-users (workspace_id, external_id, search, cursor, limit) → {endUsers, nextCursor}."""
        return cast(EndUserList, self._t.request("GET", "/api/v1/end-users", query=query))

    def get(self, end_user_id: str) -> EndUserAnswer:
        return cast(EndUserAnswer, self._t.request("GET", f"/api/v1/end-users/{_id(end_user_id)}"))

    def update(self, end_user_id: str, **fields: Any) -> EndUserAnswer:
        return cast(EndUserAnswer, self._t.request("PATCH", f"/api/v1/end-users/{_id(end_user_id)}", _body(fields)))

    def delete(self, end_user_id: str) -> None:
        self._t.request("DELETE", f"/api/v1/end-users/{_id(end_user_id)}")

    def create_connect_token(self, end_user_id: str, idempotency_key: Optional[str] = None, **fields: Any) -> ConnectToken:
        """POST /api/v1/end-users/:id/connect-token (integration_name, …) → {token, connectUrl, …}."""
        return cast(
            ConnectToken,
            self._t.request("POST", f"/api/v1/end-users/{_id(end_user_id)}/connect-token", _body(fields), create=True, idempotency_key=idempotency_key),
        )


class ConnectionsApi:
    """Seed 001: stored credentials."""

    def __init__(self, t: _Transport) -> None:
        self._t = t

    def create(self, idempotency_key: Optional[str] = None, **fields: Any) -> ConnectionAnswer:
        """POST /api/v1/connections (type, integration_name, workspace_id, external_id, secret_text, …) → {connection}."""
        return cast(ConnectionAnswer, self._t.request("POST", "/api/v1/connections", _body(fields), create=True, idempotency_key=idempotency_key))

    def list(self, **query: Any) -> ConnectionList:
        return cast(ConnectionList, self._t.request("GET", "/api/v1/connections", query=query))

    def get(self, connection_id: str) -> ConnectionAnswer:
        return cast(ConnectionAnswer, self._t.request("GET", f"/api/v1/connections/{_id(connection_id)}"))

    def resolve(self, **fields: Any) -> ConnectionAnswer:
        """POST /api/v1/connections/resolve (integration_name, workspace_id, external_id | end_user_id) → {connection}."""
        return cast(ConnectionAnswer, self._t.request("POST", "/api/v1/connections/resolve", _body(fields), retryable=True))

    def delete(self, connection_id: str) -> None:
        self._t.request("DELETE", f"/api/v1/connections/{_id(connection_id)}")

    def get_token(self, connection_id: str) -> Dict[str, Any]:
        """GET /api/v1/connections/:id/token: the current access token (logged as an event)."""
        return cast(Dict[str, Any], self._t.request("GET", f"/api/v1/connections/{_id(connection_id)}/token"))


class IntegrationsApi:
    def __init__(self, t: _Transport) -> None:
        self._t = t

    def list(self) -> IntegrationList:
        return cast(IntegrationList, self._t.request("GET", "/api/v1/integrations"))

    def get(self, integration: str) -> IntegrationAnswer:
        return cast(IntegrationAnswer, self._t.request("GET", f"/api/v1/integrations/{_id(integration)}"))

    def create(self, definition: Mapping[str, Any], idempotency_key: Optional[str] = None) -> IntegrationAnswer:
        """POST /api/v1/integrations: a custom integration, in the catalog's (camelCase) shape."""
        return cast(IntegrationAnswer, self._t.request("POST", "/api/v1/integrations", dict(definition), create=True, idempotency_key=idempotency_key))

    def update(self, integration: str, definition: Mapping[str, Any]) -> IntegrationAnswer:
        return cast(IntegrationAnswer, self._t.request("PUT", f"/api/v1/integrations/{_id(integration)}", dict(definition)))

    def delete(self, integration: str) -> None:
        self._t.request("DELETE", f"/api/v1/integrations/{_id(integration)}")

    def set_sharing(self, integration: str, sharing_mode: str) -> SharingAnswer:
        """PUT /api/v1/integrations/:id/sharing {sharingMode: "PER_USER" | "SHARED"} → {integrationName, sharingMode}:
        SHARED lets the workspace's connection serve every user acting in it (seed 002)."""
        return cast(
            SharingAnswer,
            self._t.request("PUT", f"/api/v1/integrations/{_id(integration)}/sharing", {"sharingMode": sharing_mode}),
        )


class ProxyApi:
    def __init__(self, t: _Transport) -> None:
        self._t = t

    def request(self, **fields: Any) -> ProxyAnswer:
        """POST /api/v1/proxy (connection_id | integration_name + workspace_id + external_id | end_user_id,
        method, url, headers, data) → {"status", "headers", "data"}: the upstream's answer whatever its
        status. Raises SwitchboardError when Switchboard itself refused (its error envelope)."""
        headers = self._t.headers()
        headers["content-type"] = "application/json"
        answer = self._t.send("POST", self._t.url("/api/v1/proxy"), _json(_body(fields)), headers, False)
        data = answer.body()
        envelope = _error_envelope(data)
        if answer.status >= 400 and envelope and envelope["code"].replace("_", "").isupper():
            raise answer.error()
        return ProxyAnswer(status=answer.status, headers=answer.headers, data=data)

    def fetch(
        self,
        integration: str,
        path: str,
        method: str = "GET",
        headers: Optional[Mapping[str, str]] = None,
        body: Union[bytes, str, None] = None,
        workspace_id: Optional[str] = None,
        end_user_id: Optional[str] = None,
    ) -> RawProxyAnswer:
        """The raw proxy, seed 002's `/api/integrations/:integration/request/<path>`: the caller's
        method, headers and body go upstream as they are (Switchboard adds the credentials), for
        the connection of the actor (`workspace_id` → X-Workspace-Id, `end_user_id`, an end user's
        externalId → X-End-User-Id). → {"status", "headers", "body": bytes}, whatever the status:
        nothing is raised for an HTTP status (Switchboard's own refusals are its JSON error
        envelope with its status). GET and HEAD are retried on 429/503 like other reads."""
        method = method.upper()
        sent = self._t.headers()
        del sent["accept"]
        for name, value in (headers or {}).items():
            sent[name.lower()] = value
        if workspace_id:
            sent["x-workspace-id"] = workspace_id
        if end_user_id:
            sent["x-end-user-id"] = end_user_id
        url = f"{self._t.base_url}/api/integrations/{_id(integration)}/request/{path.lstrip('/')}"
        data = body.encode() if isinstance(body, str) else body
        answer = self._t.send(method, url, data, sent, method in ("GET", "HEAD"))
        return RawProxyAnswer(status=answer.status, headers=answer.headers, body=answer.raw)


class EventsApi:
    def __init__(self, t: _Transport) -> None:
        self._t = t

    def list(self, **query: Any) -> EventList:
        """GET /api/v1/events (type, connection_id, end_user_id, after, limit, order) → {events, nextCursor}."""
        return cast(EventList, self._t.request("GET", "/api/v1/events", query=query))


class WebhooksApi:
    """Webhook endpoints and their deliveries (docs/webhooks.md); check what they receive with
    `verify_webhook`."""

    def __init__(self, t: _Transport) -> None:
        self._t = t

    def list(self) -> Dict[str, Any]:
        """GET /api/v1/webhooks → {webhooks, nextCursor}."""
        return cast(Dict[str, Any], self._t.request("GET", "/api/v1/webhooks"))

    def create(self, idempotency_key: Optional[str] = None, **fields: Any) -> Dict[str, Any]:
        """POST /api/v1/webhooks (url, events, description) → {webhook, secret}: the secret shown once."""
        return cast(Dict[str, Any], self._t.request("POST", "/api/v1/webhooks", _body(fields), create=True, idempotency_key=idempotency_key))

    def get(self, webhook_id: str) -> Dict[str, Any]:
        """GET /api/v1/webhooks/:id → {webhook}."""
        return cast(Dict[str, Any], self._t.request("GET", f"/api/v1/webhooks/{_id(webhook_id)}"))

    def update(self, webhook_id: str, **fields: Any) -> Dict[str, Any]:
        """PATCH /api/v1/webhooks/:id (url, events, description, enabled) → {webhook}."""
        return cast(Dict[str, Any], self._t.request("PATCH", f"/api/v1/webhooks/{_id(webhook_id)}", _body(fields)))

    def delete(self, webhook_id: str) -> None:
        """DELETE /api/v1/webhooks/:id (204)."""
        self._t.request("DELETE", f"/api/v1/webhooks/{_id(webhook_id)}")

    def rotate_secret(self, webhook_id: str, idempotency_key: Optional[str] = None) -> Dict[str, Any]:
        """POST /api/v1/webhooks/:id/rotate-secret → {webhook, secret}; the former secret keeps
        signing beside the new one for 24 h."""
        return cast(
            Dict[str, Any],
            self._t.request("POST", f"/api/v1/webhooks/{_id(webhook_id)}/rotate-secret", create=True, idempotency_key=idempotency_key),
        )

    def test(self, webhook_id: str, idempotency_key: Optional[str] = None) -> Dict[str, Any]:
        """POST /api/v1/webhooks/:id/test → {delivery} (202): a webhook.test event to this endpoint."""
        return cast(
            Dict[str, Any],
            self._t.request("POST", f"/api/v1/webhooks/{_id(webhook_id)}/test", create=True, idempotency_key=idempotency_key),
        )

    def deliveries(self, webhook_id: str, **query: Any) -> Dict[str, Any]:
        """GET /api/v1/webhooks/:id/deliveries (status, after, limit) → {deliveries, nextCursor}, newest first."""
        return cast(Dict[str, Any], self._t.request("GET", f"/api/v1/webhooks/{_id(webhook_id)}/deliveries", query=query))

    def retry(self, webhook_id: str, delivery_id: str, idempotency_key: Optional[str] = None) -> Dict[str, Any]:
        """POST /api/v1/webhooks/:id/deliveries/:deliveryId/retry → {delivery} (202), sent again now."""
        return cast(
            Dict[str, Any],
            self._t.request(
                "POST",
                f"/api/v1/webhooks/{_id(webhook_id)}/deliveries/{_id(delivery_id)}/retry",
                create=True,
                idempotency_key=idempotency_key,
            ),
        )

    def replay(self, webhook_id: str, since: str, idempotency_key: Optional[str] = None) -> Dict[str, Any]:
        """POST /api/v1/webhooks/:id/replay {since} → {replayed, more} (202)."""
        return cast(
            Dict[str, Any],
            self._t.request("POST", f"/api/v1/webhooks/{_id(webhook_id)}/replay", {"since": since}, create=True, idempotency_key=idempotency_key),
        )


class WorkspacesApi:
    """An organization's workspaces (end users and connections live in one)."""

    def __init__(self, t: _Transport) -> None:
        self._t = t

    def list(self) -> WorkspaceList:
        """GET /api/v1/workspaces → {workspaces, nextCursor}."""
        return cast(WorkspaceList, self._t.request("GET", "/api/v1/workspaces"))

    def get(self, workspace_id: str) -> WorkspaceAnswer:
        """GET /api/v1/workspaces/:id → {workspace}."""
        return cast(WorkspaceAnswer, self._t.request("GET", f"/api/v1/workspaces/{_id(workspace_id)}"))

    def create(self, name: str, idempotency_key: Optional[str] = None) -> WorkspaceAnswer:
        """POST /api/v1/workspaces {name} → {workspace} (201)."""
        return cast(
            WorkspaceAnswer,
            self._t.request("POST", "/api/v1/workspaces", {"name": name}, create=True, idempotency_key=idempotency_key),
        )

    def update(self, workspace_id: str, name: str) -> WorkspaceAnswer:
        """PATCH /api/v1/workspaces/:id {name} → {workspace}."""
        return cast(WorkspaceAnswer, self._t.request("PATCH", f"/api/v1/workspaces/{_id(workspace_id)}", {"name": name}))

    def delete(self, workspace_id: str, force: Optional[bool] = None) -> None:
        """DELETE /api/v1/workspaces/:id (204); a workspace that still has connections is refused
        (409 CONFLICT) unless `force=True`, which revokes them at their providers first."""
        self._t.request("DELETE", f"/api/v1/workspaces/{_id(workspace_id)}", query={"force": force})


class Switchboard:
    """`Switchboard(base_url=..., api_key=...)`: each call returns the REST answer's JSON as a dict
    (camelCase keys, e.g. `["endUser"]`) or raises SwitchboardError. Retries 429/503 honouring
    Retry-After (at most `max_retries` times, never waiting longer than `max_retry_delay` s)."""

    def __init__(
        self,
        base_url: str,
        api_key: Optional[str] = None,
        timeout: float = 30.0,
        max_retries: int = 2,
        max_retry_delay: float = 10.0,
    ) -> None:
        t = _Transport(base_url, api_key, timeout, max_retries, max_retry_delay)
        self.connect = ConnectApi(t)
        self.end_users = EndUsersApi(t)
        self.connections = ConnectionsApi(t)
        self.integrations = IntegrationsApi(t)
        self.proxy = ProxyApi(t)
        self.events = EventsApi(t)
        self.workspaces = WorkspacesApi(t)
        self.webhooks = WebhooksApi(t)
