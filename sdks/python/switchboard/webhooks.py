"""Standard Webhooks verification (the server's signing, docs/webhooks.md), with hmac."""

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Mapping, Optional, Union

SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 5 * 60


class WebhookVerificationError(Exception):
    """A received webhook was refused; the message says which check failed."""


def _header(headers: Mapping[str, Any], name: str) -> Optional[str]:
    for key, value in headers.items():
        if key.lower() == name:
            if isinstance(value, (list, tuple)):
                return value[0] if value else None
            return value
    return None


def sign_webhook(secret: str, msg_id: str, timestamp: int, body: str) -> str:
    key = base64.b64decode(secret[len(SECRET_PREFIX):] if secret.startswith(SECRET_PREFIX) else secret)
    mac = hmac.new(key, f"{msg_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def verify_webhook(
    body: Union[str, bytes],
    headers: Mapping[str, Any],
    secret: str,
    now: Optional[float] = None,
    tolerance_seconds: int = TOLERANCE_SECONDS,
) -> Any:
    """Checks `webhook-signature` (any listed v1 signature) and `webhook-timestamp`, and returns
    the parsed body `{type, timestamp, data}`. Pass the body exactly as received."""
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    msg_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signatures = _header(headers, "webhook-signature")
    if not msg_id or not timestamp or not signatures:
        raise WebhookVerificationError("Missing webhook-id, webhook-timestamp or webhook-signature header")
    if not timestamp.isdigit() or len(timestamp) > 15:
        raise WebhookVerificationError("Invalid webhook-timestamp header")
    seconds = int(timestamp)
    current = int(now if now is not None else time.time())
    if current - seconds > tolerance_seconds:
        raise WebhookVerificationError("The webhook-timestamp is too old")
    if seconds - current > tolerance_seconds:
        raise WebhookVerificationError("The webhook-timestamp is in the future")
    expected = sign_webhook(secret, msg_id, seconds, text)[3:]
    if not any(
        entry.startswith("v1,") and hmac.compare_digest(entry[3:], expected) for entry in signatures.split(" ")
    ):
        raise WebhookVerificationError("No webhook-signature matches the secret")
    try:
        return json.loads(text)
    except ValueError as error:
        raise WebhookVerificationError("The body is not JSON") from error
