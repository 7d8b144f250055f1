"""Switchboard's Python SDK: the REST API with the standard library only (urllib, json, hmac).

    from switchboard import Switchboard
    client = Switchboard(base_url="http://localhost:3000", api_key="sk_...")
    end_user = client.end_users.create(workspace_id=..., external_id="user_456")["endUser"]
"""

from .client import (
    NULL,
    ProxyAnswer,
    RawProxyAnswer,
    Switchboard,
    SwitchboardError,
)
from .webhooks import WebhookVerificationError, verify_webhook

__all__ = [
    "NULL",
    "ProxyAnswer",
    "RawProxyAnswer",
    "Switchboard",
    "SwitchboardError",
    "WebhookVerificationError",
    "verify_webhook",
]
