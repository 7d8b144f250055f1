#!/usr/bin/env python3
"""Writes sdks/python/switchboard/types.py from Switchboard's OpenAPI document, so the Python
SDK's types come from the route table exactly as the TypeScript SDK's do (packages/sdk).

    python3 sdks/python/scripts/generate_types.py            # runs `pnpm --silent openapi`
    python3 sdks/python/scripts/generate_types.py doc.json   # or a saved document ("-": stdin)
    python3 sdks/python/scripts/generate_types.py --check    # exit 1 when types.py has drifted

Per operation: `<OperationId>Answer` (its success JSON) and `<OperationId>Body` (its JSON
request body), TypedDicts in camelCase exactly as the JSON; nested objects are named after the
key holding them (`endUser` → `EndUser`, `endUsers[]` → `EndUser`), one class per shape.
`ALIASES` gives the short names the client uses. Standard library only; the output is
deterministic (the same document gives the same bytes), so the drift test can compare.
"""

import json
import os
import re
import subprocess
import sys
from typing import Any, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
TARGET = os.path.join(HERE, "..", "switchboard", "types.py")

# Short names for the answers the client's methods return: (path, method, "Answer" | "Body").
ALIASES: List[Tuple[str, str, str, str]] = [
    ("ConnectToken", "/api/v1/connect/token", "post", "Answer"),
    ("SessionAnswer", "/api/v1/connect/session/{sessionId}", "get", "Answer"),
    ("PollAnswer", "/api/v1/connect/session/poll", "post", "Answer"),
    ("EndUserAnswer", "/api/v1/end-users/{id}", "get", "Answer"),
    ("EndUserList", "/api/v1/end-users", "get", "Answer"),
    ("ConnectionAnswer", "/api/v1/connections/{id}", "get", "Answer"),
    ("ConnectionList", "/api/v1/connections", "get", "Answer"),
    ("IntegrationAnswer", "/api/v1/integrations/{id}", "get", "Answer"),
    ("IntegrationList", "/api/v1/integrations", "get", "Answer"),
    ("SharingAnswer", "/api/v1/integrations/{id}/sharing", "put", "Answer"),
    ("EventList", "/api/v1/events", "get", "Answer"),
    ("WorkspaceAnswer", "/api/v1/workspaces/{id}", "get", "Answer"),
    ("WorkspaceList", "/api/v1/workspaces", "get", "Answer"),
    ("WebhookList", "/api/v1/webhooks", "get", "Answer"),
    ("WebhookAnswer", "/api/v1/webhooks/{id}", "get", "Answer"),
    ("WebhookWithSecret", "/api/v1/webhooks", "post", "Answer"),
    ("DeliveryAnswer", "/api/v1/webhooks/{id}/test", "post", "Answer"),
    ("DeliveryList", "/api/v1/webhooks/{id}/deliveries", "get", "Answer"),
    ("ReplayAnswer", "/api/v1/webhooks/{id}/replay", "post", "Answer"),
]

HEADER = '''"""Shapes of the REST answers and bodies (camelCase keys, exactly as the JSON), for type checkers.

Generated from the Switchboard OpenAPI document by `python3 sdks/python/scripts/generate_types.py`.
Do not edit: the Python SDK's tests fail when this file differs from what the server's document
generates.
"""

from typing import Any, Dict, List, Literal, Optional, TypedDict, Union  # noqa: F401
'''


def pascal(text: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^A-Za-z0-9]+", text) if p)


def literal(value: Any) -> str:
    """A JSON constant as Python source: strings as JSON strings, true/false/null as Python's."""
    return json.dumps(value) if isinstance(value, str) else repr(value)


def singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("ses") or name.endswith("xes"):
        return name[:-2]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name


class Generator:
    def __init__(self, document: Dict[str, Any]) -> None:
        self.document = document
        # name → (structural key, source text); kept in definition order (children first).
        self.classes: Dict[str, Tuple[str, str]] = {}
        self.by_shape: Dict[str, str] = {}

    def resolve(self, schema: Dict[str, Any]) -> Dict[str, Any]:
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            node: Any = self.document
            for part in ref[2:].split("/"):
                node = node[part]
            return self.resolve(node)
        return schema

    def type_of(self, schema: Any, name: str) -> str:
        """The Python annotation of a JSON Schema; objects with properties become classes."""
        if not isinstance(schema, dict) or schema == {}:
            return "Any"
        schema = self.resolve(schema)
        if "const" in schema:
            return f"Literal[{literal(schema['const'])}]"
        if "enum" in schema and all(isinstance(v, (str, int, bool)) for v in schema["enum"]):
            return "Literal[" + ", ".join(literal(v) for v in schema["enum"]) + "]"
        for key in ("anyOf", "oneOf"):
            if key in schema:
                return self.union([self.type_of(s, name) for s in schema[key]])
        kind = schema.get("type")
        if isinstance(kind, list):
            return self.union([self.type_of({**schema, "type": k}, name) for k in kind])
        if kind == "string":
            return "str"
        if kind == "integer":
            return "int"
        if kind == "number":
            return "float"
        if kind == "boolean":
            return "bool"
        if kind == "null":
            return "None"
        if kind == "array":
            return f"List[{self.type_of(schema.get('items'), singular(name))}]"
        if kind == "object" or "properties" in schema:
            props = schema.get("properties")
            if props:
                return self.typed_dict(pascal(name) or "Object", schema)
            extra = schema.get("additionalProperties")
            value = self.type_of(extra, singular(name)) if isinstance(extra, dict) else "Any"
            return f"Dict[str, {value}]"
        return "Any"

    @staticmethod
    def union(types: List[str]) -> str:
        seen: List[str] = []
        for t in types:
            if t not in seen:
                seen.append(t)
        if "Any" in seen:
            return "Any"
        nullable = "None" in seen
        rest = [t for t in seen if t != "None"]
        if not rest:
            return "None"
        # Literal["a"] | Literal["b"] → Literal["a", "b"]
        if len(rest) > 1 and all(t.startswith("Literal[") for t in rest):
            rest = ["Literal[" + ", ".join(t[len("Literal[") : -1] for t in rest) + "]"]
        inner = rest[0] if len(rest) == 1 else "Union[" + ", ".join(rest) + "]"
        return f"Optional[{inner}]" if nullable else inner

    def typed_dict(self, name: str, schema: Dict[str, Any], parent: str = "") -> str:
        required = set(schema.get("required") or [])
        fields: List[Tuple[str, str, bool]] = []
        for key, sub in schema["properties"].items():
            fields.append((key, self.type_of(sub, key), key in required))
        shape = json.dumps(fields)
        if shape in self.by_shape:
            return self.by_shape[shape]
        final = name
        n = 2
        while final in self.classes:
            final = f"{name}{n}"
            n += 1
        self.by_shape[shape] = final
        self.classes[final] = (shape, self.render(final, fields, schema.get("description")))
        return final

    @staticmethod
    def render(name: str, fields: List[Tuple[str, str, bool]], description: Optional[str]) -> str:
        def block(cls: str, items: List[Tuple[str, str, bool]], total: bool) -> str:
            body = "".join(f"    {json.dumps(k)}: {t},\n" for k, t, _ in items)
            suffix = "" if total else ", total=False"
            return f'{cls} = TypedDict("{cls}", {{\n{body}}}{suffix})\n'

        req = [f for f in fields if f[2]]
        opt = [f for f in fields if not f[2]]
        doc = f'    """{description}"""\n' if description and '"""' not in description else "    pass\n"
        if opt and req:
            return (
                block(f"_{name}Required", req, True)
                + block(f"_{name}Optional", opt, False)
                + f"\n\nclass {name}(_{name}Required, _{name}Optional):\n{doc}"
            )
        return block(name, fields, not opt)

    def operations(self) -> List[Tuple[str, str, Dict[str, Any]]]:
        out = []
        for path in sorted(self.document.get("paths", {})):
            for method in sorted(self.document["paths"][path]):
                out.append((path, method, self.document["paths"][path][method]))
        return out

    def generate(self) -> str:
        names: Dict[Tuple[str, str, str], str] = {}
        for path, method, op in self.operations():
            base = pascal(op.get("operationId") or f"{method} {path}")
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if isinstance(body, dict) and self.resolve(body).get("properties"):
                names[(path, method, "Body")] = self.named(f"{base}Body", body)
            for status in sorted(op.get("responses", {})):
                if not status.startswith("2"):
                    continue
                content = op["responses"][status].get("content", {}).get("application/json")
                if content and isinstance(content.get("schema"), dict) and self.resolve(content["schema"]).get("properties"):
                    names[(path, method, "Answer")] = self.named(f"{base}Answer", content["schema"])
                    break
        out = [HEADER]
        for _name, (_shape, text) in self.classes.items():
            out.append("\n\n" + text)
        out.append("\n\n# The client's names for its answers.\n")
        for alias, path, method, kind in ALIASES:
            target = names.get((path, method, kind))
            if target is None:
                raise SystemExit(f"generate_types: {method.upper()} {path} has no JSON {kind.lower()} in the document")
            out.append(f"{alias} = {target}\n")
        return "".join(out)

    def named(self, name: str, schema: Dict[str, Any]) -> str:
        """The operation's own class: always its operation's name, even when its shape is shared."""
        schema = self.resolve(schema)
        inner = self.typed_dict(name, schema)
        if inner != name and name not in self.classes:
            # The same shape as an earlier class: the operation's name is an alias of it.
            self.classes[name] = ("", f"{name} = {inner}\n")
        return name


def generate(document: Dict[str, Any]) -> str:
    return Generator(document).generate()


def load_document(source: Optional[str]) -> Dict[str, Any]:
    if source == "-":
        return json.load(sys.stdin)
    if source:
        with open(source, encoding="utf-8") as f:
            return json.load(f)
    text = subprocess.run(
        ["pnpm", "--silent", "openapi"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(text)


def main(argv: List[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    fresh = generate(load_document(args[0] if args else None))
    target = os.path.normpath(TARGET)
    if check:
        with open(target, encoding="utf-8") as f:
            committed = f.read()
        if committed != fresh:
            sys.stderr.write(
                "sdks/python/switchboard/types.py is out of date with the route table: "
                "run `python3 sdks/python/scripts/generate_types.py` and commit it\n"
            )
            return 1
        print("sdks/python/switchboard/types.py matches the OpenAPI document")
        return 0
    with open(target, "w", encoding="utf-8") as f:
        f.write(fresh)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
