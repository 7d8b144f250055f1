"""Shapes of the REST answers (camelCase keys, exactly as the JSON), for type checkers."""

from typing import Any, Dict, List, Optional, TypedDict


class EndUser(TypedDict, total=False):
    id: str
    workspaceId: str
    externalId: str
    displayName: Optional[str]
    email: Optional[str]
    metadata: Dict[str, Any]
    createdAt: str


class EndUserAnswer(TypedDict):
    endUser: EndUser


class EndUserList(TypedDict):
    endUsers: List[EndUser]
    nextCursor: Optional[str]


class ConnectToken(TypedDict, total=False):
    token: str
    connectUrl: str
    expiresAt: str
    sessionId: str


class ConnectSession(TypedDict, total=False):
    id: str
    status: str
    connectionId: Optional[str]
    error: Optional[str]


class SessionAnswer(TypedDict):
    session: ConnectSession


class PollAnswer(TypedDict, total=False):
    status: str
    connectionId: Optional[str]
    error: Optional[str]


class Connection(TypedDict, total=False):
    id: str
    integrationName: str
    workspaceId: str
    externalId: str
    displayName: Optional[str]
    type: str
    scope: str
    status: str
    createdAt: str


class ConnectionAnswer(TypedDict):
    connection: Connection


class ConnectionList(TypedDict):
    connections: List[Connection]
    nextCursor: Optional[str]


class Integration(TypedDict, total=False):
    id: str
    name: str
    displayName: str
    authType: str


class IntegrationAnswer(TypedDict):
    integration: Integration


class IntegrationList(TypedDict):
    integrations: List[Integration]
    nextCursor: Optional[str]


class EventList(TypedDict):
    events: List[Dict[str, Any]]
    nextCursor: Optional[str]
