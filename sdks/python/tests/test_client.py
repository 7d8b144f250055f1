"""The Python SDK against a running Switchboard (SWITCHBOARD_URL, SWITCHBOARD_API_KEY,
SWITCHBOARD_WORKSPACE_ID: `node scripts/with-server.mjs -- python3 -m unittest discover -s
sdks/python/tests` starts one), with a real API-key upstream and a 429-then-200 server on
loopback. The suite fails, never skips, when the server is not given."""

import http.server
import json
import os
import sys
import threading
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from switchboard import NULL, Switchboard, SwitchboardError, WebhookVerificationError, verify_webhook  # noqa: E402
from switchboard.webhooks import sign_webhook  # noqa: E402

API_KEY = "sk-upstream-secret"


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run the tests with node scripts/with-server.mjs -- …")
    return value


class _Loopback:
    """An HTTP server on 127.0.0.1 whose handler is `respond(handler) -> (status, headers, body)`."""

    def __init__(self, respond):
        self.requests = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                outer.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body})
                status, headers, payload = respond(self)
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(raw)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class AgainstServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = Switchboard(base_url=_env("SWITCHBOARD_URL"), api_key=_env("SWITCHBOARD_API_KEY"))
        cls.workspace_id = _env("SWITCHBOARD_WORKSPACE_ID")

        def upstream(handler):
            if handler.headers.get("x-api-key") != API_KEY:
                return 401, {}, {"error": "invalid_token"}
            return 200, {}, {"ok": True, "path": handler.path, "method": handler.command}

        cls.upstream = _Loopback(upstream)
        cls.integration = f"py-keyed-{uuid.uuid4().hex[:8]}"
        cls.client.integrations.create(
            {
                "name": cls.integration,
                "displayName": "Keyed API (Python)",
                "authType": "SECRET_TEXT",
                "api": {"baseUrl": cls.upstream.url, "auth": {"in": "header", "name": "x-api-key", "value": "{apiKey}"}},
                "fields": [{"key": "apiKey", "label": "API key", "secret": True}],
            }
        )

    @classmethod
    def tearDownClass(cls):
        cls.upstream.close()

    def test_end_users_seed_001(self):
        result = self.client.end_users.create(
            workspace_id=self.workspace_id, external_id="user_456", display_name="Alice Johnson"
        )
        end_user = result["endUser"]
        self.assertEqual(end_user["externalId"], "user_456")
        self.assertEqual(end_user["displayName"], "Alice Johnson")
        ids = [u["id"] for u in self.client.end_users.list(workspace_id=self.workspace_id)["endUsers"]]
        self.assertIn(end_user["id"], ids)
        self.assertEqual(self.client.end_users.get(end_user["id"])["endUser"]["id"], end_user["id"])
        updated = self.client.end_users.update(end_user["id"], display_name="Alice J.")
        self.assertEqual(updated["endUser"]["displayName"], "Alice J.")

        result = self.client.end_users.create_connect_token(end_user["id"], integration_name=self.integration)
        self.assertTrue(result["token"].startswith("cst_"))
        self.assertIn("/connect?token=", result["connectUrl"])

        self.client.end_users.delete(end_user["id"])
        with self.assertRaises(SwitchboardError) as caught:
            self.client.end_users.get(end_user["id"])
        self.assertEqual(caught.exception.status, 404)
        self.assertRegex(caught.exception.request_id or "", r"^[0-9a-f-]{36}$")

    def test_connect_flow_submit_and_poll(self):
        created = self.client.connect.create_token(
            integration_name=self.integration,
            connection_name="Project key",
            external_id="py_conn_connect",
            workspace_id=self.workspace_id,
        )
        self.assertEqual(self.client.connect.get_session(created["sessionId"])["session"]["status"], "PENDING")
        self.assertEqual(self.client.connect.poll(created["token"])["status"], "PENDING")
        self.client.connect.submit(created["token"], {"apiKey": API_KEY})
        done = self.client.connect.poll(created["token"])
        self.assertEqual(done["status"], "COMPLETED")
        self.assertEqual(self.client.connections.get(done["connectionId"])["connection"]["externalId"], "py_conn_connect")

    def test_connections_seed_001_resolve_and_proxy(self):
        self.client.connections.create(
            type="SECRET_TEXT",
            integration_name=self.integration,
            workspace_id=self.workspace_id,
            external_id="conn_project_alpha_py",
            display_name="Project Alpha key",
            secret_text=API_KEY,
        )
        result = self.client.connections.resolve(
            integration_name=self.integration, workspace_id=self.workspace_id, external_id="conn_project_alpha_py"
        )
        connection = result["connection"]
        self.assertEqual(connection["externalId"], "conn_project_alpha_py")
        self.assertNotIn(API_KEY, json.dumps(connection))
        listed = self.client.connections.list(workspace_id=self.workspace_id)["connections"]
        self.assertIn(connection["id"], [c["id"] for c in listed])

        answer = self.client.proxy.request(connection_id=connection["id"], method="GET", url="/me")
        self.assertEqual(answer["status"], 200)
        self.assertEqual(answer["data"], {"ok": True, "path": "/me", "method": "GET"})
        self.assertEqual(self.upstream.requests[-1]["headers"].get("x-api-key"), API_KEY)

        self.client.connections.delete(connection["id"])
        with self.assertRaises(SwitchboardError) as caught:
            self.client.proxy.request(connection_id=connection["id"], url="/me")
        self.assertEqual(caught.exception.status, 404)

    def test_null_sends_json_null_where_none_omits(self):
        end_user = self.client.end_users.create(
            workspace_id=self.workspace_id, external_id="py_null", display_name="Nulled", email="n@example.com"
        )["endUser"]
        # None leaves a field out (unchanged); NULL sends null (cleared).
        kept = self.client.end_users.update(end_user["id"], display_name=None, email="m@example.com")["endUser"]
        self.assertEqual((kept["displayName"], kept["email"]), ("Nulled", "m@example.com"))
        cleared = self.client.end_users.update(end_user["id"], email=NULL)["endUser"]
        self.assertEqual((cleared["displayName"], cleared["email"]), ("Nulled", None))
        self.assertIsNone(self.client.end_users.get(end_user["id"])["endUser"]["email"])
        # Nested too: a metadata value of NULL is JSON null inside the object.
        nested = self.client.end_users.update(end_user["id"], metadata={"plan": NULL, "tier": 2})["endUser"]
        self.assertEqual(nested["metadata"], {"plan": None, "tier": 2})
        with self.assertRaises(ValueError):
            self.client.end_users.list(search=NULL)
        self.assertFalse(NULL)
        self.assertEqual(repr(NULL), "switchboard.NULL")

    def test_workspaces_namespace(self):
        created = self.client.workspaces.create(name="Py workspace")["workspace"]
        self.assertEqual(created["name"], "Py workspace")
        self.assertEqual(self.client.workspaces.get(created["id"])["workspace"]["id"], created["id"])
        self.assertIn(created["id"], [w["id"] for w in self.client.workspaces.list()["workspaces"]])
        self.assertEqual(self.client.workspaces.update(created["id"], name="Py renamed")["workspace"]["name"], "Py renamed")

        key = f"py-ws-{uuid.uuid4()}"
        once = self.client.workspaces.create(name="Py keyed", idempotency_key=key)
        self.assertEqual(self.client.workspaces.create(name="Py keyed", idempotency_key=key), once)

        # A workspace with a connection is refused unless forced.
        self.client.connections.create(
            type="SECRET_TEXT", integration_name=self.integration, workspace_id=created["id"],
            external_id="py_ws_conn", display_name="In the workspace", secret_text=API_KEY,
        )
        with self.assertRaises(SwitchboardError) as caught:
            self.client.workspaces.delete(created["id"])
        self.assertEqual(caught.exception.status, 409)
        self.client.workspaces.delete(created["id"], force=True)
        with self.assertRaises(SwitchboardError) as caught:
            self.client.workspaces.get(created["id"])
        self.assertEqual(caught.exception.status, 404)
        self.client.workspaces.delete(once["workspace"]["id"])

    def test_set_sharing_and_the_raw_proxy_fetch(self):
        self.client.connections.create(
            type="SECRET_TEXT", integration_name=self.integration, workspace_id=self.workspace_id,
            external_id="py_shared_conn", display_name="Shared key", secret_text=API_KEY,
        )
        shared = self.client.integrations.set_sharing(self.integration, "SHARED")
        self.assertEqual(shared, {"integrationName": self.integration, "sharingMode": "SHARED"})
        self.addCleanup(self.client.integrations.set_sharing, self.integration, "PER_USER")

        answer = self.client.proxy.fetch(
            self.integration, "/echo?x=1", method="POST", body='{"chunk":1}',
            headers={"content-type": "application/json", "x-trace": "py"},
            workspace_id=self.workspace_id, end_user_id="py_stream_user",
        )
        self.assertEqual(answer["status"], 200)
        self.assertIsInstance(answer["body"], bytes)
        self.assertEqual(json.loads(answer["body"]), {"ok": True, "path": "/echo?x=1", "method": "POST"})
        self.assertIn("json", answer["headers"]["content-type"])
        sent = self.upstream.requests[-1]
        self.assertEqual((sent["method"], sent["body"]), ("POST", '{"chunk":1}'))
        self.assertEqual(sent["headers"].get("x-api-key"), API_KEY)
        self.assertEqual(sent["headers"].get("x-trace"), "py")
        # Ours, never forwarded: the caller's API key and the actor headers.
        self.assertNotIn("x-workspace-id", {k.lower() for k in sent["headers"]})
        self.assertNotIn(_env("SWITCHBOARD_API_KEY"), json.dumps(sent["headers"]))

        # Switchboard's own refusal is an answer too (its envelope), never an exception.
        missing = self.client.proxy.fetch("py-no-such-integration", "/me", workspace_id=self.workspace_id)
        self.assertEqual(missing["status"], 404)
        self.assertEqual(json.loads(missing["body"])["error"]["code"], "INTEGRATION_NOT_FOUND")

    def test_errors_have_status_code_message(self):
        with self.assertRaises(SwitchboardError) as caught:
            self.client.end_users.create(workspace_id="not-a-uuid", external_id="x")
        self.assertEqual(caught.exception.status, 400)
        self.assertEqual(caught.exception.code, "VALIDATION_ERROR")
        self.assertTrue(caught.exception.message)
        stranger = Switchboard(base_url=_env("SWITCHBOARD_URL"), api_key="sk_not_a_key")
        with self.assertRaises(SwitchboardError) as caught:
            stranger.end_users.list()
        self.assertEqual((caught.exception.status, caught.exception.code), (401, "UNAUTHORIZED"))

    def test_idempotency_key_replays_and_refuses_another_body(self):
        key = f"py-{uuid.uuid4()}"
        first = self.client.end_users.create(workspace_id=self.workspace_id, external_id="py_idem", idempotency_key=key)
        again = self.client.end_users.create(workspace_id=self.workspace_id, external_id="py_idem", idempotency_key=key)
        self.assertEqual(first, again)
        with self.assertRaises(SwitchboardError) as caught:
            self.client.end_users.create(workspace_id=self.workspace_id, external_id="py_other", idempotency_key=key)
        self.assertEqual((caught.exception.status, caught.exception.code), (422, "IDEMPOTENCY_KEY_REUSED"))

    def test_events_list(self):
        events = self.client.events.list(limit=5)
        self.assertIsInstance(events["events"], list)
        self.assertLessEqual(len(events["events"]), 5)
        self.assertTrue(any(e["type"] == "integration.created" for e in self.client.events.list(type="integration.created")["events"]))


class Retries(unittest.TestCase):
    def test_429_then_503_then_200_honouring_retry_after(self):
        script = [(429, {"retry-after": "1"}), (503, {"retry-after": "0"})]

        def respond(_handler):
            if script:
                status, headers = script.pop(0)
                return status, headers, {"error": {"code": "RATE_LIMITED", "message": "Slow down"}}
            return 200, {}, {"endUsers": [], "nextCursor": None}

        server = _Loopback(respond)
        try:
            client = Switchboard(base_url=server.url, api_key="sk_test")
            started = time.monotonic()
            self.assertEqual(client.end_users.list(), {"endUsers": [], "nextCursor": None})
            self.assertGreaterEqual(time.monotonic() - started, 0.95)
            self.assertEqual(len(server.requests), 3)
        finally:
            server.close()

    def test_a_retried_create_keeps_its_idempotency_key_and_retries_are_bounded(self):
        def respond(_handler):
            return 503, {"retry-after": "0"}, {"error": {"code": "UNAVAILABLE", "message": "Try later"}}

        server = _Loopback(respond)
        try:
            client = Switchboard(base_url=server.url, api_key="sk_test", max_retries=2)
            with self.assertRaises(SwitchboardError) as caught:
                client.end_users.create(workspace_id=str(uuid.uuid4()), external_id="u")
            self.assertEqual(caught.exception.status, 503)
            keys = {r["headers"].get("Idempotency-Key") for r in server.requests}
            self.assertEqual(len(server.requests), 3)
            self.assertEqual(len(keys), 1)
            self.assertIsNotNone(keys.pop())
        finally:
            server.close()


class Webhooks(unittest.TestCase):
    def test_verify_webhook(self):
        import base64

        secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
        body = json.dumps({"type": "connection.created", "timestamp": "2026-01-01T00:00:00Z", "data": {}})
        ts = int(time.time())
        headers = {"webhook-id": "evt_1", "webhook-timestamp": str(ts), "webhook-signature": sign_webhook(secret, "evt_1", ts, body)}
        self.assertEqual(verify_webhook(body, headers, secret)["type"], "connection.created")
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(body + " ", headers, secret)
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(body, headers, secret, now=ts + 3600)

    def test_signs_exactly_as_the_server(self):
        # The vector from the server's signWebhook (packages/core/src/webhooks/signature.ts).
        import base64

        secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
        self.assertEqual(
            sign_webhook(secret, "evt_1", 1700000000, '{"type":"x"}'),
            "v1,yONzfXtkVJH5O2ncr6kAISksTAJcvhG5zwZCx1uwvtQ=",
        )


class WebhooksAgainstServer(unittest.TestCase):
    """client.webhooks against the running server and its delivery worker."""

    @classmethod
    def setUpClass(cls):
        cls.client = Switchboard(base_url=_env("SWITCHBOARD_URL"), api_key=_env("SWITCHBOARD_API_KEY"))

    def _wait_for(self, receiver, count, timeout=10.0):
        deadline = time.time() + timeout
        while len(receiver.requests) < count:
            if time.time() > deadline:
                self.fail(f"{count} webhook deliveries expected, {len(receiver.requests)} received")
            time.sleep(0.05)
        return receiver.requests[:count]

    def test_webhooks_namespace_against_real_deliveries(self):
        # A real loopback receiver; the server's delivery worker sends to it, and what arrives
        # verifies with verify_webhook (with the first secret, then with both after a rotation).
        receiver = _Loopback(lambda handler: (200, {}, {"ok": True}))
        self.addCleanup(receiver.close)
        created = self.client.webhooks.create(url=receiver.url, events=["webhook_endpoint.updated"], description="py")
        secret = created["secret"]
        self.assertTrue(secret.startswith("whsec_"))
        webhook_id = created["webhook"]["id"]
        self.assertIn(webhook_id, [w["id"] for w in self.client.webhooks.list()["webhooks"]])
        self.assertEqual(self.client.webhooks.get(webhook_id)["webhook"]["url"], created["webhook"]["url"])
        self.assertEqual(self.client.webhooks.update(webhook_id, description="py, renamed")["webhook"]["description"], "py, renamed")

        tested = self.client.webhooks.test(webhook_id)
        self.assertEqual(tested["delivery"]["eventType"], "webhook.test")
        received = self._wait_for(receiver, 2)
        types = sorted(verify_webhook(r["body"], r["headers"], secret)["type"] for r in received)
        self.assertEqual(types, ["webhook.test", "webhook_endpoint.updated"])
        with self.assertRaises(WebhookVerificationError):
            verify_webhook(received[0]["body"], received[0]["headers"], "whsec_" + "A" * 43 + "=")

        deadline = time.time() + 10
        while len(self.client.webhooks.deliveries(webhook_id, status="DELIVERED")["deliveries"]) < 2:
            self.assertLess(time.time(), deadline, "deliveries not recorded as DELIVERED")
            time.sleep(0.05)
        test_delivery = next(d for d in self.client.webhooks.deliveries(webhook_id)["deliveries"] if d["eventType"] == "webhook.test")
        self.assertEqual(self.client.webhooks.retry(webhook_id, test_delivery["id"])["delivery"]["id"], test_delivery["id"])
        self._wait_for(receiver, 3)

        before = len(receiver.requests)
        since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600))
        replayed = self.client.webhooks.replay(webhook_id, since=since)
        self.assertFalse(replayed["more"])
        self.assertGreaterEqual(replayed["replayed"], 1)
        self._wait_for(receiver, before + replayed["replayed"])

        rotated = self.client.webhooks.rotate_secret(webhook_id)
        self.assertNotEqual(rotated["secret"], secret)
        before = len(receiver.requests)
        self.client.webhooks.test(webhook_id)
        after = self._wait_for(receiver, before + 2)[before:]
        for key in (rotated["secret"], secret):
            self.assertEqual(
                sorted(verify_webhook(r["body"], r["headers"], key)["type"] for r in after),
                ["webhook.test", "webhook_endpoint.updated"],
            )

        self.client.webhooks.delete(webhook_id)
        with self.assertRaises(SwitchboardError) as caught:
            self.client.webhooks.get(webhook_id)
        self.assertEqual(caught.exception.status, 404)
        self.assertEqual(caught.exception.code, "NOT_FOUND")


if __name__ == "__main__":
    unittest.main()
