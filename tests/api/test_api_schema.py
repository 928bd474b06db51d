"""The OpenAPI document at /schema: every API route with its summary, tags, bodies, errors and security."""

from __future__ import annotations

from typing import Any

import httpx

from prakat import urls

V = urls.API
ROUTES: dict[str, dict[str, int]] = {
    f"{V}/vendors": {"get": 200, "post": 201},
    f"{V}/vendors/{{vendor_id}}": {"get": 200},
    f"{V}/plans": {"get": 200, "post": 201},
    f"{V}/plans/{{plan_id}}": {"get": 200, "delete": 204},
    f"{V}/plans/{{plan_id}}/items": {"post": 201},
    f"{V}/plans/{{plan_id}}/items/{{item_id}}": {"put": 200, "delete": 204},
    f"{V}/plans/{{plan_id}}/items/{{item_id}}/move": {"post": 200},
    f"{V}/procurements": {"get": 200, "post": 201},
    f"{V}/procurements/{{procurement_id}}": {"get": 200, "put": 200, "delete": 204},
    f"{V}/procurements/{{procurement_id}}/bids": {"post": 201},
    f"{V}/procurements/{{procurement_id}}/bids/{{bid_id}}": {"delete": 204},
    f"{V}/procurements/{{procurement_id}}/award": {"put": 200, "delete": 204},
    f"{V}/announcements": {"get": 200, "post": 201},
    f"{V}/announcements/{{announcement_id}}": {"get": 200, "patch": 200, "delete": 204},
    f"{V}/announcements/{{announcement_id}}/submit": {"post": 200},
    f"{V}/announcements/{{announcement_id}}/review": {"post": 200},
    f"{V}/announcements/{{announcement_id}}/approve": {"post": 200},
    f"{V}/announcements/{{announcement_id}}/return": {"post": 200},
}
# The fields each request body must document, by (path, method).
BODIES: dict[tuple[str, str], set[str]] = {
    (f"{V}/vendors", "post"): {"name", "tax_id"},
    (f"{V}/plans", "post"): {"year_be"},
    (f"{V}/plans/{{plan_id}}/items", "post"): {"name", "kind", "budget", "expected_month"},
    (f"{V}/plans/{{plan_id}}/items/{{item_id}}", "put"): {"name", "kind", "budget", "expected_month"},
    (f"{V}/plans/{{plan_id}}/items/{{item_id}}/move", "post"): {"offset"},
    (f"{V}/procurements", "post"): {"subject", "method", "budget", "requested_on"},
    (f"{V}/procurements/{{procurement_id}}", "put"): {"subject", "method", "budget", "requested_on"},
    (f"{V}/procurements/{{procurement_id}}/bids", "post"): {"vendor_id", "amount"},
    (f"{V}/procurements/{{procurement_id}}/award", "put"): {"bid_id", "agreed_price", "awarded_on", "reason"},
    (f"{V}/announcements", "post"): {"kind"},
    (f"{V}/announcements/{{announcement_id}}", "patch"): {"body"},
    (f"{V}/announcements/{{announcement_id}}/return", "post"): {"comment"},
}
TAGS = {"vendors", "plans", "procurements", "announcements"}


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    found: dict[str, Any] = document
    for part in ref.removeprefix("#/").split("/"):
        found = found[part]
    return found


async def test_the_schema_lists_every_api_route_with_its_documentation(client: httpx.AsyncClient) -> None:
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    document = response.json()

    schemes = document["components"]["securitySchemes"]
    assert {k: schemes["bearer"][k] for k in ("type", "scheme")} == {"type": "http", "scheme": "bearer"}
    declared_tags = {tag["name"]: tag["description"] for tag in document["tags"]}
    assert set(declared_tags) >= TAGS
    assert all(any("\u0e00" <= ch <= "\u0e7f" for ch in declared_tags[name]) for name in TAGS)  # Thai too

    api_paths = {path: ops for path, ops in document["paths"].items() if path.startswith(V)}
    listed = {
        path: {m for m in ops if m in {"get", "post", "put", "patch", "delete"}}
        for path, ops in api_paths.items()
    }
    assert listed == {path: set(methods) for path, methods in ROUTES.items()}

    for path, methods in ROUTES.items():
        for method, success in methods.items():
            operation = api_paths[path][method]
            where = (method, path)
            assert operation["summary"].strip(), where
            assert len(operation["tags"]) == 1 and operation["tags"][0] in TAGS, where
            assert path.removeprefix(V + "/").startswith(operation["tags"][0]), where
            assert operation["security"] == [{"bearer": []}], where
            responses = operation["responses"]
            assert str(success) in responses, where
            for code in ("401", "403"):
                error = _resolve(document, responses[code]["content"]["application/json"]["schema"])
                assert set(error["properties"]) == {"error", "detail"}, where
            if "{" in path:
                assert "404" in responses, where
            fields = BODIES.get((path, method))
            if fields is None:
                assert "requestBody" not in operation, where
                continue
            invalid = _resolve(document, responses["400"]["content"]["application/json"]["schema"])
            assert set(invalid["properties"]) == {"error", "fields"}, where
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            assert fields <= set(body["properties"]), where
            assert set(body["required"]) <= set(body["properties"]), where
            assert body["examples"], where
    assert set(BODIES) <= {(p, m) for p, ms in ROUTES.items() for m in ms}


async def test_money_is_documented_as_a_string_or_a_number(client: httpx.AsyncClient) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    body = document["paths"][f"{V}/procurements"]["post"]["requestBody"]["content"]["application/json"]
    budget = body["schema"]["properties"]["budget"]
    assert [choice["type"] for choice in budget["anyOf"]] == ["string", "number"]
    assert body["schema"]["properties"]["method"]["enum"]  # the choices are listed
    response = _resolve(
        document,
        document["paths"][f"{V}/procurements"]["post"]["responses"]["201"]["content"]["application/json"][
            "schema"
        ],
    )
    assert response["properties"]["budget"]["type"] == "string"
