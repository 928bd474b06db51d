"""The API fuzzed from its own OpenAPI schema by schemathesis, against a real `prakat serve` over a copy
of the demo school, with the officer's and the director's tokens: no answer is ever a 5xx.

Bounded by a number of generated cases per operation and role (derandomized, so every run sends the
same requests), never by a clock. Both valid and invalid data are sent (schemathesis' positive and
negative modes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode

from prakat import urls
from tests.conftest import demo_copy, drop_database
from tests.serving import Server, serving

pytestmark = [pytest.mark.db, pytest.mark.server]

# For each role and mode: 27 operations x 2 roles x 2 modes x 12, about 1,300 requests.
CASES_PER_OPERATION = 12
ROLES = ("officer", "director")
PASSWORD = "prakat-demo"


def token_for(base: str, username: str) -> str:
    """A personal API token made as the person would: signed in, on their account page."""
    with httpx.Client(base_url=base, timeout=30) as browser:
        login = browser.get(urls.LOGIN.url())
        csrf = html.fromstring(login.text).find(".//input[@name='_csrf_token']")
        assert csrf is not None
        signed_in = browser.post(
            urls.LOGIN.url(),
            data={
                "username": username,
                "password": PASSWORD,
                "next": "/w/",
                "_csrf_token": csrf.get("value"),
            },
        )
        assert signed_in.status_code == 303, signed_in.text
        account = browser.get(urls.WS_ACCOUNT.url())
        form_token = html.fromstring(account.text).find(".//input[@name='_csrf_token']")
        assert form_token is not None
        made = browser.post(
            urls.WS_ACCOUNT_TOKENS.url(),
            data={"name": "fuzz", "_csrf_token": form_token.get("value")},
            follow_redirects=True,
        )
        value = html.fromstring(made.text).get_element_by_id("token-value").get("value")
        assert value and value.startswith("prk_"), made.text
        return str(value)


@pytest.fixture(scope="module")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    work = tmp_path_factory.mktemp("fuzz")
    url = demo_copy(work)
    try:
        with serving(url, work) as server:
            yield server, {role: token_for(server.url, role) for role in ROLES}
    finally:
        drop_database(url)


def operations(server: Server) -> list[Any]:
    schema = schemathesis.openapi.from_url(server.url + "/schema/openapi.json")
    found = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # the schema itself must be valid
        found.append(result.ok())
    return found


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_request_gets_a_server_error(
    api_server: tuple[Server, dict[str, str]], role: str, mode: GenerationMode, tmp_path: Path
) -> None:
    server, tokens = api_server
    auth = {"Authorization": f"Bearer {tokens[role]}"}
    found = operations(server)
    assert len(found) >= 20, [op.label for op in found]
    sent: list[str] = []
    errors: list[str] = []

    for operation in found:
        try:
            strategy = operation.as_strategy(generation_mode=mode)
        except Exception as exc:  # an operation with nothing invalid to send in this mode
            if mode is GenerationMode.NEGATIVE:
                continue
            raise AssertionError(f"{operation.label}: {exc}") from exc

        @settings(
            max_examples=CASES_PER_OPERATION,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy, _=st.just(None))
        def send(case: Any, _: None) -> None:
            response = case.call(base_url=server.url, headers=auth, timeout=30)
            sent.append(case.operation.label)
            if response.status_code >= 500:
                what = f"{case.method} {case.formatted_path}"
                errors.append(f"{what} -> {response.status_code}: {response.text[:200]}")

        send()
    assert sent, "no request was sent"
    assert not errors, "\n".join(errors[:10]) + "\n" + server.log_tail()
