"""switchboard/types.py is generated from the OpenAPI document the running server serves
(scripts/generate_types.py): these tests fail when the committed file has drifted from the route
table, so the Python SDK's types never disagree with the server."""

import copy
import json
import os
import sys
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scripts"))

import generate_types  # noqa: E402

TYPES = os.path.join(HERE, "..", "switchboard", "types.py")


def _served_document():
    url = os.environ.get("SWITCHBOARD_URL")
    if not url:
        raise RuntimeError("SWITCHBOARD_URL is not set: run the tests with node scripts/with-server.mjs -- …")
    with urllib.request.urlopen(f"{url}/api/openapi.json", timeout=30) as res:
        return json.load(res)


class GeneratedTypes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.document = _served_document()

    def test_committed_types_are_what_the_document_generates(self):
        with open(TYPES, encoding="utf-8") as f:
            committed = f.read()
        fresh = generate_types.generate(self.document)
        self.assertTrue(
            committed == fresh,
            "sdks/python/switchboard/types.py is out of date: run `python3 sdks/python/scripts/generate_types.py`",
        )

    def test_a_changed_route_output_changes_the_generated_types(self):
        # The drift check can fail: rename the workspace answer's `name`, as a changed route
        # `output:` would, and the generated file no longer matches (and has the new key).
        changed = copy.deepcopy(self.document)
        schema = changed["paths"]["/api/v1/workspaces/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        workspace = schema["properties"]["workspace"]
        workspace["properties"]["title"] = workspace["properties"].pop("name")
        workspace["required"] = ["title" if k == "name" else k for k in workspace["required"]]
        fresh = generate_types.generate(changed)
        self.assertNotEqual(fresh, generate_types.generate(self.document))
        self.assertIn('"title": str', fresh)

    def test_the_generated_module_runs_and_has_the_clients_names(self):
        namespace = {}
        exec(compile(generate_types.generate(self.document), "types.py", "exec"), namespace)
        for name, *_ in generate_types.ALIASES:
            self.assertIn(name, namespace)
        self.assertIn("endUser", namespace["EndUserAnswer"].__annotations__)
        self.assertEqual(namespace["EndUserAnswer"].__required_keys__, frozenset({"endUser"}))


if __name__ == "__main__":
    unittest.main()
