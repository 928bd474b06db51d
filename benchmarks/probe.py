"""The outside probe of issue 12, re-run against a real `prakat serve` over the demo school: what an
attacker and a careless user can send through the API, and what each role may do. Prints its numbers.

Run with ``PYTHONPATH=$PWD/src .venv/bin/python benchmarks/probe.py``. A report, not a test: it exits
0 and prints FOUND beside each defect (a 5xx, live markup, a role allowed what it must not do). It
sends traffic only to the server it starts on 127.0.0.1, and takes a few minutes.

* **Injection.** Eleven payloads (a script tag, ``"><img onerror>``, a ``javascript:`` URL, an SQL
  quote, ``{{7*7}}``/``{% %}``, U+202E, NUL, 10 KB, Thai with stacked marks, CRLF with a header, a
  ``../`` path) through every string field of every API body (read from /schema/openapi.json), one
  field at a time, with the officer's API token (the director's for a return comment). Each payload's
  accepted values are then put together on one vendor, procurement, bid, award and winner
  announcement (and one plan revision for all), which the director approves. Then the public pages,
  the embed, the feeds, the JSON, the published PDFs and the officer's workspace pages are read with
  parsers (lxml, feedparser, json, pdftotext): no injected element or attribute, no evaluated
  template, no bidi control or NUL served, no injected header; every refusal a 4xx with a Thai
  message; nothing a 5xx.
* **Roles.** Every API operation of the schema × anonymous, a bad token, officer, head, director,
  admin, each on a fresh target made for it (a new draft to approve, a new bid to delete ...), so that
  only the role decides. Compared with prakat.auth.roles.ROLE_PERMISSIONS: a role without the
  permission must get 401/403.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import feedparser
import httpx
from lxml import html

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from demo_server import SLUG, api_token, demo_server, signed_in  # noqa: E402
from report import report_anyway  # noqa: E402

from prakat import clock  # noqa: E402
from prakat.auth.roles import Permission, Role, can  # noqa: E402
from prakat.thai import fiscal_year_of, tax_id_check_digit  # noqa: E402

USERS = ("officer", "head", "director", "admin")
IDENTITIES = ("anonymous", "bad token", *USERS)
THAI = re.compile("[\u0e00-\u0e7f]")
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")  # documents write numbers in Thai digits
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def marker(n: int) -> str:
    return f"PRK{n:02d}Q"


# Each payload carries its marker, so that where it shows up (and whether it was evaluated) can be told.
PAYLOADS: dict[str, str] = {
    "script tag": f"<script>alert('{marker(1)}')</script>",
    '"><img onerror>': f"\"><img src=x onerror=alert('{marker(2)}')>",
    "javascript: URL": f"javascript:alert('{marker(3)}')",
    "SQL quote": f"{marker(4)}' OR '1'='1'; DROP TABLE vendor; --",
    "template {{ }} {% %}": f"{{{{7*7}}}}{marker(5)} {{% if 1 %}}T{marker(5)}{{% endif %}}",
    "RTL override U+202E": f"ซื้อ\u202e{marker(6)} abc",
    "NUL": f"{marker(7)}\x00ซื้อ",
    "10 KB string": marker(8) + "ก" * 10_234,
    "Thai, stacked marks": f"{marker(9)} ก่่่่้้้้๊๊๊๋๋๋ป็็็็ููู้้้",
    "CRLF header": f"{marker(10)}\r\nX-Prk-Injected: 1\r\nSet-Cookie: prk=1",
    "../ path": f"../../{marker(11)}/../etc/passwd",
}


@dataclass
class Probe:
    base: str
    tokens: dict[str, str]
    client: httpx.Client
    errors: list[str] = field(default_factory=list)  # 5xx
    headers: list[str] = field(default_factory=list)  # injected response headers
    sent: int = 0
    tax_ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def call(self, who: str, method: str, path: str, body: Any = None) -> httpx.Response:
        headers = {}
        if who == "bad token":
            headers["Authorization"] = "Bearer prk_thisIsNotAToken0000000000000000"
        elif who != "anonymous":
            headers["Authorization"] = f"Bearer {self.tokens[who]}"
        kwargs: dict[str, Any] = {"headers": headers}
        if body is not None:
            kwargs["content"] = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        answer = self.client.request(method, path, **kwargs)
        self.sent += 1
        self.look_at_headers(answer, f"{method} {path} as {who}")
        if answer.status_code >= 500:
            self.errors.append(
                f"{method} {path} as {who} {short(body)} -> {answer.status_code}: {answer.text[:300]}"
            )
        return answer

    def look_at_headers(self, answer: httpx.Response, what: str) -> None:
        for name, value in answer.headers.multi_items():
            if "prk" in name.lower() or "prk=" in value.lower():
                self.headers.append(f"{what}: header {name}: {value[:80]}")

    def ok(self, who: str, method: str, path: str, body: Any = None) -> Any:
        """A request that must succeed (the probe's own set-up)."""
        answer = self.call(who, method, path, body)
        if not answer.is_success:
            raise SystemExit(
                f"set-up {method} {path} as {who}: HTTP {answer.status_code} {answer.text[:400]}"
            )
        return answer.json() if answer.content else {}

    def tax_id(self) -> str:
        prefix = f"0994{next(self.tax_ids):08d}"
        return prefix + str(tax_id_check_digit(prefix))


def short(body: Any) -> str:
    text = json.dumps(body, ensure_ascii=False) if body is not None else ""
    return text if len(text) < 160 else text[:150] + "…"


def today() -> str:
    return clock.today_bangkok().isoformat()


def year() -> int:
    return fiscal_year_of(clock.today_bangkok())


# ---------------------------------------------------------------------------------------------
# Bodies


def vendor(probe: Probe) -> dict[str, Any]:
    return {"name": "ร้านโพรบพาณิชย์", "tax_id": probe.tax_id(), "business_type": "retail"}


def procurement() -> dict[str, Any]:
    return {
        "subject": "ซื้อวัสดุโพรบ",
        "kind": "buy",
        "method": "specific",
        "budget": "12000.00",
        "budget_source": "per_head_subsidy",
        "requested_on": today(),
    }


def plan_item() -> dict[str, Any]:
    month = clock.today_bangkok()
    return {
        "name": "ซื้อวัสดุโพรบ",
        "kind": "buy",
        "budget": "50000.00",
        "budget_source": "per_head_subsidy",
        "category": "operating",
        "planned_method": "specific",
        "expected_month": f"{month.month}/{month.year + 543}",
    }


def bid(vendor_id: int) -> dict[str, Any]:
    return {"vendor_id": vendor_id, "amount": "11500.00", "submitted_on": today()}


def award(bid_id: int) -> dict[str, Any]:
    return {"bid_id": bid_id, "agreed_price": "11400.00", "awarded_on": today(), "reason": "เสนอราคาต่ำสุด"}


def string_fields(schema: dict[str, Any], method: str, path: str) -> list[tuple[str, bool]]:
    """The body's string properties (not choices): (name, free text?). Free text has no pattern but
    the bidi/blank refusal; a formatted field (a date, an amount, a tax ID) must refuse every payload."""
    operation = schema["paths"][path][method.lower()]
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body is None:
        return []
    if "$ref" in body:
        body = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    found = []
    for name, prop in body.get("properties", {}).items():
        strings = [v for v in prop.get("anyOf", [prop]) if v.get("type") == "string" and "enum" not in v]
        if not strings or "enum" in prop:
            continue
        pattern = strings[0].get("pattern", "")
        free = "format" not in strings[0] and (not pattern or pattern.startswith("^[^\\u061c"))
        found.append((name, free))
    return found


# ---------------------------------------------------------------------------------------------
# Injection


@dataclass
class Field:
    operation: str
    name: str
    free: bool
    outcome: dict[str, int] = field(default_factory=dict)  # payload -> status


class Injection:
    def __init__(self, probe: Probe, schema: dict[str, Any]) -> None:
        self.probe = probe
        self.schema = schema
        self.fields: dict[tuple[str, str], Field] = {}
        self.unthai: list[str] = []  # refusals without a Thai message
        self.published: list[int] = []
        self.touched: dict[str, set[int]] = defaultdict(set)  # kind -> ids, for the workspace pages

    def each_field(
        self,
        payload: str,
        label: str,
        who: str,
        method: str,
        path: str,
        schema_path: str,
        base: dict[str, Any],
        undo: Callable[[], object] | None = None,
    ) -> dict[str, Any]:
        """Send ``base`` with each string field set to ``payload`` in turn; return the accepted ones.
        ``undo`` puts things back after an accepted request (an award is set once)."""
        accepted: dict[str, Any] = {}
        operation = f"{method} {schema_path}"
        for name, free in string_fields(self.schema, method, schema_path):
            body = {**base, name: payload}
            answer = self.probe.call(who, method, path, body)
            entry = self.fields.setdefault((operation, name), Field(operation, name, free))
            entry.outcome[label] = answer.status_code
            if answer.is_success:
                accepted[name] = payload
                if method == "POST" and "vendors" in path:  # a new vendor took the tax ID
                    base["tax_id"] = self.probe.tax_id()
                if undo is not None:
                    undo()
            elif 400 <= answer.status_code < 500 and not THAI.search(decoded(answer)):
                self.unthai.append(f"{operation} {name}={label}: {answer.status_code} {answer.text[:200]}")
        return accepted

    def chain(self, payload: str, label: str) -> int:
        """One vendor, procurement, bid, award and winner announcement carrying ``payload`` wherever it
        was accepted, approved by the director. Returns the announcement's id."""
        p = self.probe
        base_vendor = vendor(p)
        took = self.each_field(
            payload, label, "officer", "POST", "/api/v1/vendors", "/api/v1/vendors", base_vendor
        )
        made = p.ok("officer", "POST", "/api/v1/vendors", {**vendor(p), **took})
        vendor_id = int(made["id"])
        self.touched["vendor"].add(vendor_id)

        path = "/api/v1/procurements"
        took = self.each_field(payload, label, "officer", "POST", path, path, procurement())
        proc = p.ok("officer", "POST", path, {**procurement(), **took})
        pid = int(proc["id"])
        self.touched["procurement"].add(pid)
        one = f"/api/v1/procurements/{pid}"
        took = self.each_field(
            payload, label, "officer", "PUT", one, "/api/v1/procurements/{procurement_id}", procurement()
        )
        p.ok("officer", "PUT", one, {**procurement(), **took})

        bids = one + "/bids"
        self.each_field(
            payload,
            label,
            "officer",
            "POST",
            bids,
            "/api/v1/procurements/{procurement_id}/bids",
            bid(vendor_id),
        )
        got = p.ok("officer", "POST", bids, bid(vendor_id))
        bid_id = int(got["bids"][-1]["id"]) if "bids" in got else int(got["id"])
        took = self.each_field(
            payload,
            label,
            "officer",
            "PUT",
            one + "/award",
            "/api/v1/procurements/{procurement_id}/award",
            award(bid_id),
            undo=lambda: p.ok("officer", "DELETE", one + "/award"),
        )
        p.ok("officer", "PUT", one + "/award", {**award(bid_id), **took})

        path = "/api/v1/announcements"
        took = self.each_field(
            payload, label, "officer", "POST", path, path, {"kind": "winner", "procurement_id": pid}
        )
        if took:
            listed = p.ok("officer", "GET", f"{path}?procurement_id={pid}&status=draft")
            announcement = int(items_of(listed)[0]["id"])
        else:
            announcement = int(p.ok("officer", "POST", path, {"kind": "winner", "procurement_id": pid})["id"])
        self.touched["announcement"].add(announcement)
        one = f"{path}/{announcement}"
        took = self.each_field(
            payload, label, "officer", "PATCH", one, path + "/{announcement_id}", {"body": ""}
        )
        p.ok("officer", "PATCH", one, {"body": took.get("body", "")})
        p.ok("officer", "POST", one + "/submit")
        took = self.each_field(
            payload, label, "director", "POST", one + "/return", path + "/{announcement_id}/return", {}
        )
        if took:
            p.ok("officer", "POST", one + "/submit")
        approve(p, announcement)
        return announcement

    def plan(self) -> int:
        """One draft revision of this year's plan with an item per payload (its accepted fields), then
        its plan-revision announcement, approved."""
        p = self.probe
        made = p.ok("officer", "POST", "/api/v1/plans", {"year_be": year()})
        plan_id = int(made["id"])
        items = f"/api/v1/plans/{plan_id}/items"
        for label, payload in PAYLOADS.items():
            took = self.each_field(
                payload, label, "officer", "POST", items, "/api/v1/plans/{plan_id}/items", plan_item()
            )
            got = p.ok("officer", "POST", items, {**plan_item(), **took})
            item_id = int(got["items"][-1]["id"]) if "items" in got else int(got["id"])
            one = f"{items}/{item_id}"
            took = self.each_field(
                payload, label, "officer", "PUT", one, "/api/v1/plans/{plan_id}/items/{item_id}", plan_item()
            )
            p.ok("officer", "PUT", one, {**plan_item(), **took})
        for kind in ("plan_revision", "plan"):
            answer = p.call("officer", "POST", "/api/v1/announcements", {"kind": kind, "plan_id": plan_id})
            if answer.is_success:
                announcement = int(answer.json()["id"])
                break
        else:
            raise SystemExit(f"no plan announcement: {answer.status_code} {answer.text[:300]}")
        p.ok("officer", "POST", f"/api/v1/announcements/{announcement}/submit")
        approve(p, announcement)
        return announcement

    def run(self) -> None:
        for label, payload in PAYLOADS.items():
            self.published.append(self.chain(payload, label))
        self.published.append(self.plan())


def decoded(answer: httpx.Response) -> str:
    try:
        return json.dumps(answer.json(), ensure_ascii=False)
    except ValueError:
        return answer.text


def items_of(listed: Any) -> list[dict[str, Any]]:
    if isinstance(listed, dict):
        for key in ("items", "data", "results"):
            if isinstance(listed.get(key), list):
                return list(listed[key])
        return []
    return list(listed)


def approve(p: Probe, announcement: int) -> None:
    one = f"/api/v1/announcements/{announcement}"
    answer = p.call("director", "POST", one + "/approve")
    if answer.status_code == 409:  # the school asks for the head's review first
        p.ok("head", "POST", one + "/review")
        answer = p.call("director", "POST", one + "/approve")
    if not answer.is_success:
        raise SystemExit(f"approve {announcement}: HTTP {answer.status_code} {answer.text[:300]}")


# ---------------------------------------------------------------------------------------------
# Reading what was published


@dataclass
class Reading:
    documents: Counter[str] = field(default_factory=Counter)  # kind -> read
    live: list[str] = field(default_factory=list)
    served: list[str] = field(default_factory=list)  # bidi controls or NUL in what is served
    seen: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # marker -> kinds
    unreadable: list[str] = field(default_factory=list)

    def text(self, kind: str, where: str, text: str) -> None:
        self.documents[kind] += 1
        text = text.translate(ARABIC_DIGITS)
        for n in range(1, len(PAYLOADS) + 1):
            if marker(n) in text:
                self.seen[marker(n)].add(kind)
        # Evaluated, {{7*7}} would read 49 and {% if %}…{% endif %} would leave a bare T before the
        # marker. Line breaks and the layout of a PDF may split the payload: compare without spaces.
        flat = re.sub(r"\s+", "", text)
        if "49" + marker(5) in flat or flat.count("T" + marker(5)) > flat.count("%}T" + marker(5)):
            at = flat.find(marker(5))
            self.live.append(
                f"{where}: the template payload was evaluated: …{flat[max(0, at - 40) : at + 40]}…"
            )
        if BIDI.search(text):
            self.served.append(f"{where}: a bidi control is served")
        if "\x00" in text:
            self.served.append(f"{where}: NUL is served")

    def markup(self, kind: str, where: str, source: str | bytes) -> None:
        try:
            tree = html.fromstring(source)
        except Exception as exc:  # an empty fragment, or not HTML at all
            self.unreadable.append(f"{where}: {exc!r}")
            return
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag == "script" and "PRK" in (element.text or "") + (element.get("src") or ""):
                self.live.append(f"{where}: an injected <script>")
            for name, value in element.attrib.items():
                if name.lower().startswith("on") and "PRK" in value:
                    self.live.append(f"{where}: <{element.tag} {name}={value[:40]!r}>")
                if value.strip().lower().startswith("javascript:"):
                    self.live.append(f"{where}: <{element.tag} {name}={value[:40]!r}>")
            if element.tag == "img" and element.get("src") == "x":
                self.live.append(f"{where}: an injected <img src=x>")
        self.text(kind, where, tree.text_content())


def checker_works() -> str:
    """The checks themselves, on the payloads pasted into a page unescaped: each must be caught."""
    raw = [
        PAYLOADS["script tag"],
        PAYLOADS['"><img onerror>'],
        f'<a href="{PAYLOADS["javascript: URL"]}">x</a>',
    ]
    caught = 0
    for n, source in enumerate(raw):
        reading = Reading()
        reading.markup("self-test", str(n), f'<html><body><p title="a{source}">{source}</p></body></html>')
        caught += bool(reading.live)
    evaluated = Reading()
    evaluated.text("self-test", "template", f"49{marker(5)} T{marker(5)}")
    caught += bool(evaluated.live)
    return f"{caught}/{len(raw) + 1}"


def read_everything(probe: Probe, officer: httpx.Client, injection: Injection) -> Reading:
    reading = Reading()
    client = probe.client
    y = year()
    public = [f"/s/{SLUG}/", f"/s/{SLUG}/{y}/", f"/s/{SLUG}/announcements/", f"/s/{SLUG}/plan/{y}/"]
    public += [f"/s/{SLUG}/follow/"] + [f"/s/{SLUG}/announcements/{a}/" for a in injection.published]
    for path in public:
        got = client.get(path)
        probe.look_at_headers(got, f"GET {path}")
        check_status(probe, got, path)
        reading.markup("public pages", path, got.content)
    embed = client.get(f"/s/{SLUG}/embed/")
    reading.markup("embed", "embed", embed.content)
    for ext in ("rss", "atom"):
        path = f"/s/{SLUG}/feeds/announcements.{ext}"
        got = client.get(path)
        check_status(probe, got, path)
        feed = feedparser.parse(got.content, sanitize_html=False)
        if feed.bozo:
            reading.unreadable.append(f"{path}: {feed.bozo_exception!r}")
        for entry in feed.entries:
            for detail in [entry.get("title_detail"), entry.get("summary_detail"), *entry.get("content", [])]:
                if not detail or not detail.get("value"):
                    continue
                if "html" in detail.get("type", ""):
                    reading.markup(
                        "feeds", f"{path} entry {entry.get('id', '')}", "<div>" + detail["value"] + "</div>"
                    )
                else:
                    reading.text("feeds", path, detail["value"])
    for path in (
        f"/s/{SLUG}/feeds/announcements.json",
        f"/s/{SLUG}/announcements.json",
        f"/s/{SLUG}/changes.json",
    ):
        got = client.get(path)
        check_status(probe, got, path)
        try:
            data = got.json()
        except ValueError as exc:
            reading.unreadable.append(f"{path}: {exc!r}")
            continue
        for item in data.get("items", []) if isinstance(data, dict) else []:
            if isinstance(item, dict) and item.get("content_html"):
                reading.markup(
                    "JSON", f"{path} item {item.get('id')}", "<div>" + item["content_html"] + "</div>"
                )
        reading.text("JSON", path, strings_of(data))
    api = [f"/api/v1/announcements/{a}" for a in injection.published]
    api += [f"/api/v1/procurements/{n}" for n in injection.touched["procurement"]]
    api += [f"/api/v1/vendors/{n}" for n in injection.touched["vendor"]]
    for path in api:
        got = probe.call("officer", "GET", path)
        reading.text("JSON", path, strings_of(got.json()))
    for a in injection.published:
        path = f"/s/{SLUG}/pdf/{a}.pdf"
        got = client.get(path)
        check_status(probe, got, path)
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=got.content, capture_output=True, check=False
        ).stdout.decode("utf-8", "replace")
        reading.text("PDFs", path, text)
    workspace = ["/w/", "/w/vendors/", "/w/procurements/", "/w/announcements/", f"/w/plans/{y}/"]
    workspace += [f"/w/announcements/{a}" for a in injection.touched["announcement"]]
    workspace += [f"/w/procurements/{n}" for n in injection.touched["procurement"]]
    for path in workspace:
        got = officer.get(path)
        check_status(probe, got, path)
        reading.markup("workspace pages", path, got.content)
    return reading


def strings_of(data: Any) -> str:
    """Every string in a JSON document, decoded (a NUL or a bidi control is itself, not an escape)."""
    if isinstance(data, str):
        return data
    if isinstance(data, dict):
        return "\n".join(strings_of(k) + "\n" + strings_of(v) for k, v in data.items())
    if isinstance(data, list):
        return "\n".join(strings_of(v) for v in data)
    return ""


def check_status(probe: Probe, got: httpx.Response, path: str) -> None:
    if got.status_code >= 500:
        probe.errors.append(f"GET {path} -> {got.status_code}: {got.text[:300]}")
    elif got.status_code != 200:
        probe.errors.append(f"GET {path} -> {got.status_code} (expected 200)")


# ---------------------------------------------------------------------------------------------
# Roles


PERMISSION_OF: dict[str, Permission] = {
    "submit": Permission.SUBMIT,
    "review": Permission.REVIEW,
    "approve": Permission.APPROVE,
    "return": Permission.RETURN,
}


def permission_for(method: str, path: str) -> Permission:
    if method == "GET":
        return Permission.VIEW
    return PERMISSION_OF.get(path.rsplit("/", 1)[1], Permission.EDIT)


class Targets:
    """Fresh things for one request to act on, made by the officer (and approved by the director)."""

    def __init__(self, probe: Probe) -> None:
        self.p = probe

    def vendor(self) -> int:
        return int(self.p.ok("officer", "POST", "/api/v1/vendors", vendor(self.p))["id"])

    def procurement(self) -> int:
        return int(self.p.ok("officer", "POST", "/api/v1/procurements", procurement())["id"])

    def bid(self) -> tuple[int, int]:
        pid, vid = self.procurement(), self.vendor()
        got = self.p.ok("officer", "POST", f"/api/v1/procurements/{pid}/bids", bid(vid))
        return pid, int(got["bids"][-1]["id"]) if "bids" in got else int(got["id"])

    def awarded(self) -> int:
        pid, bid_id = self.bid()
        self.p.ok("officer", "PUT", f"/api/v1/procurements/{pid}/award", award(bid_id))
        return pid

    def draft(self) -> int:
        pid = self.awarded()
        return int(
            self.p.ok("officer", "POST", "/api/v1/announcements", {"kind": "winner", "procurement_id": pid})[
                "id"
            ]
        )

    def submitted(self) -> int:
        aid = self.draft()
        self.p.ok("officer", "POST", f"/api/v1/announcements/{aid}/submit")
        return aid

    def plans(self) -> list[dict[str, Any]]:
        return items_of(self.p.ok("officer", "GET", f"/api/v1/plans?year={year()}"))

    def no_draft_plan(self) -> tuple[str, Any]:
        """A new plan revision's request, once the draft there may be is discarded."""
        for plan in self.plans():
            if plan.get("status") == "draft":
                self.p.ok("officer", "DELETE", f"/api/v1/plans/{plan['id']}")
        return "/api/v1/plans", {"year_be": year()}

    def draft_plan(self) -> int:
        for plan in self.plans():
            if plan.get("status") == "draft":
                return int(plan["id"])
        return int(self.p.ok("officer", "POST", "/api/v1/plans", {"year_be": year()})["id"])

    def item(self) -> tuple[int, int]:
        plan_id = self.draft_plan()
        got = self.p.ok("officer", "POST", f"/api/v1/plans/{plan_id}/items", plan_item())
        return plan_id, int(got["items"][-1]["id"]) if "items" in got else int(got["id"])


def request_for(t: Targets, existing: dict[str, int], method: str, path: str) -> tuple[str, Any]:
    """The concrete path and body for one operation, its targets made fresh."""
    key = f"{method} {path}"
    fills: dict[str, Callable[[], tuple[str, Any]]] = {
        "POST /api/v1/vendors": lambda: ("/api/v1/vendors", vendor(t.p)),
        "POST /api/v1/plans": lambda: t.no_draft_plan(),
        "DELETE /api/v1/plans/{plan_id}": lambda: (f"/api/v1/plans/{t.draft_plan()}", None),
        "POST /api/v1/plans/{plan_id}/items": lambda: (f"/api/v1/plans/{t.draft_plan()}/items", plan_item()),
        "PUT /api/v1/plans/{plan_id}/items/{item_id}": lambda: (
            "/api/v1/plans/{}/items/{}".format(*t.item()),
            plan_item(),
        ),
        "DELETE /api/v1/plans/{plan_id}/items/{item_id}": lambda: (
            "/api/v1/plans/{}/items/{}".format(*t.item()),
            None,
        ),
        "POST /api/v1/plans/{plan_id}/items/{item_id}/move": lambda: (
            "/api/v1/plans/{}/items/{}/move".format(*t.item()),
            {"offset": -1},
        ),
        "POST /api/v1/procurements": lambda: ("/api/v1/procurements", procurement()),
        "PUT /api/v1/procurements/{procurement_id}": lambda: (
            f"/api/v1/procurements/{t.procurement()}",
            procurement(),
        ),
        "DELETE /api/v1/procurements/{procurement_id}": lambda: (
            f"/api/v1/procurements/{t.procurement()}",
            None,
        ),
        "POST /api/v1/procurements/{procurement_id}/bids": lambda: (
            f"/api/v1/procurements/{t.procurement()}/bids",
            bid(existing["vendor"]),
        ),
        "DELETE /api/v1/procurements/{procurement_id}/bids/{bid_id}": lambda: (
            "/api/v1/procurements/{}/bids/{}".format(*t.bid()),
            None,
        ),
        "PUT /api/v1/procurements/{procurement_id}/award": lambda: bid_award(t),
        "DELETE /api/v1/procurements/{procurement_id}/award": lambda: (
            f"/api/v1/procurements/{t.awarded()}/award",
            None,
        ),
        "POST /api/v1/announcements": lambda: (
            "/api/v1/announcements",
            {"kind": "winner", "procurement_id": t.awarded()},
        ),
        "PATCH /api/v1/announcements/{announcement_id}": lambda: (
            f"/api/v1/announcements/{t.draft()}",
            {"body": "แก้ไข"},
        ),
        "DELETE /api/v1/announcements/{announcement_id}": lambda: (
            f"/api/v1/announcements/{t.draft()}",
            None,
        ),
        "POST /api/v1/announcements/{announcement_id}/submit": lambda: (
            f"/api/v1/announcements/{t.draft()}/submit",
            None,
        ),
        "POST /api/v1/announcements/{announcement_id}/review": lambda: (
            f"/api/v1/announcements/{t.submitted()}/review",
            None,
        ),
        "POST /api/v1/announcements/{announcement_id}/approve": lambda: (
            f"/api/v1/announcements/{t.submitted()}/approve",
            None,
        ),
        "POST /api/v1/announcements/{announcement_id}/return": lambda: (
            f"/api/v1/announcements/{t.submitted()}/return",
            {"comment": "กรุณาแก้ไข"},
        ),
    }
    if key in fills:
        return fills[key]()
    concrete = path
    for name, value in (
        ("{vendor_id}", existing["vendor"]),
        ("{plan_id}", existing["plan"]),
        ("{procurement_id}", existing["procurement"]),
        ("{announcement_id}", existing["announcement"]),
        ("{item_id}", existing["item"]),
        ("{bid_id}", existing["bid"]),
    ):
        concrete = concrete.replace(name, str(value))
    return concrete, None


def bid_award(t: Targets) -> tuple[str, Any]:
    pid, bid_id = t.bid()
    return f"/api/v1/procurements/{pid}/award", award(bid_id)


@dataclass
class RoleCell:
    status: int
    flag: str = ""


def roles(probe: Probe, schema: dict[str, Any]) -> tuple[dict[str, dict[str, RoleCell]], list[str]]:
    t = Targets(probe)
    p = probe
    published = items_of(p.ok("officer", "GET", "/api/v1/announcements?status=published"))
    plan = t.plans()[0]
    shown = p.ok("officer", "GET", f"/api/v1/plans/{plan['id']}")
    pid, bid_id = t.bid()
    existing = {
        "vendor": int(items_of(p.ok("officer", "GET", "/api/v1/vendors"))[0]["id"]),
        "plan": int(plan["id"]),
        "item": int(shown["items"][0]["id"]) if shown.get("items") else 1,
        "procurement": pid,
        "bid": bid_id,
        "announcement": int(published[0]["id"]),
    }
    table: dict[str, dict[str, RoleCell]] = {}
    flags: list[str] = []
    for path, operations in schema["paths"].items():
        for method in operations:
            if method.upper() not in {"GET", "POST", "PUT", "PATCH", "DELETE"} or not path.startswith(
                "/api/"
            ):
                continue
            key = f"{method.upper()} {path}"
            permission = permission_for(method.upper(), path)
            row: dict[str, RoleCell] = {}
            for who in IDENTITIES:
                concrete, body = request_for(t, existing, method.upper(), path)
                answer = p.call(who, method.upper(), concrete, body)
                allowed = who in USERS and can(Role(who), permission)
                cell = RoleCell(answer.status_code)
                if answer.status_code >= 500:
                    cell.flag = "5xx"
                elif not allowed and answer.is_success:
                    cell.flag = "ALLOWED"
                elif not allowed and answer.status_code not in (401, 403):
                    cell.flag = "not refused by role"
                elif allowed and answer.status_code in (401, 403):
                    cell.flag = "refused to an allowed role"
                if cell.flag:
                    flags.append(
                        f"{key} as {who} ({concrete} {short(body)}): {cell.flag}, "
                        f"HTTP {answer.status_code} {answer.text[:200]}"
                    )
                row[who] = cell
            table[key] = row
    return table, flags


# ---------------------------------------------------------------------------------------------
# Report


def print_injection(injection: Injection, reading: Reading) -> None:
    fields = list(injection.fields.values())
    free = [f for f in fields if f.free]
    print(
        f"\nInjection: {len(PAYLOADS)} payloads × {len(fields)} string fields ({len(free)} free text, "
        f"{len(fields) - len(free)} formatted) of {len({f.operation for f in fields})} API operations"
    )
    head = ("payload", "accepted (free text)", "refused 4xx", "5xx", "reached")
    rows = []
    for n, label in enumerate(PAYLOADS, start=1):
        statuses = [(f, f.outcome.get(label, 0)) for f in fields]
        accepted = sum(1 for f, s in statuses if 200 <= s < 300 and f.free)
        accepted_formatted = sum(1 for f, s in statuses if 200 <= s < 300 and not f.free)
        refused = sum(1 for _, s in statuses if 400 <= s < 500)
        errors = sum(1 for _, s in statuses if s >= 500)
        text = f"{accepted}/{len(free)}" + (
            f" (+{accepted_formatted} formatted!)" if accepted_formatted else ""
        )
        rows.append(
            (
                label,
                text,
                str(refused),
                str(errors),
                ", ".join(sorted(reading.seen.get(marker(n), set()))) or "-",
            )
        )
    table(head, rows)
    print("\nWhere each free-text field refused a payload (4xx), by field:")
    for f in free:
        refusals = [label for label, s in f.outcome.items() if 400 <= s < 500]
        print(f"  {f.operation} {f.name}: {', '.join(refusals) or 'none'}")
    print(f"\nRead back with parsers: {dict(reading.documents)}")
    print(f"The checker catches the payloads when they are pasted into a page unescaped: {checker_works()}")


def print_roles(matrix: dict[str, dict[str, RoleCell]]) -> None:
    print(f"\nRoles: {len(matrix)} API operations × {len(IDENTITIES)} identities (status; ! = flagged)")
    head = ("operation", "needs", *IDENTITIES)
    rows = []
    for key, row in matrix.items():
        method, path = key.split(" ", 1)
        cells = [f"{row[w].status}{'!' if row[w].flag else ''}" for w in IDENTITIES]
        rows.append((key, permission_for(method, path).value, *cells))
    table(head, rows)


def table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    print("  " + "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print("  " + "  ".join("-" * w for w in widths))
    for cells in rows:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())


def findings(title: str, lines: list[str], limit: int = 20) -> None:
    if lines:
        print(f"\nFOUND: {title} ({len(lines)})")
        for line in lines[:limit]:
            print("  " + line)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    print(f"Prakat outside probe, {datetime.now(clock.BANGKOK):%Y-%m-%d %H:%M} (Bangkok time)")
    load = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"  Python {sys.version.split()[0]}, {len(os.sched_getaffinity(0))} CPU(s); uptime: {load}")
    with tempfile.TemporaryDirectory(prefix="prakat-probe-") as tmp:
        print("Loading the demo school (prakat demo) and starting prakat serve ...", flush=True)
        with demo_server(Path(tmp)) as server:
            tokens = {user: api_token(server.url, user) for user in USERS}
            officer = signed_in(server.url, "officer")
            with httpx.Client(base_url=server.url, timeout=120) as client:
                probe = Probe(server.url, tokens, client)
                schema = client.get("/schema/openapi.json").json()
                injection = Injection(probe, schema)
                injection.run()
                reading = read_everything(probe, officer, injection)
                matrix, flags = roles(probe, schema)
                log = server.log_tail(400)
    print_injection(injection, reading)
    print_roles(matrix)
    findings("5xx answers", probe.errors)
    findings("live markup or an evaluated template", reading.live)
    findings("bidi controls or NUL served", reading.served)
    findings("injected response headers", probe.headers)
    findings("refusals without a Thai message", injection.unthai)
    findings("role checks", flags)
    findings("unreadable documents", reading.unreadable)
    tracebacks = log.count("Traceback")
    cells = len(PAYLOADS) * len(injection.fields)
    routes = len(matrix) * len(IDENTITIES)
    print(
        f"\npayloads × fields = {cells}, routes × roles = {routes}, 5xx = {len(probe.errors)}, "
        f"live markup = {len(reading.live)}, bidi/NUL served = {len(reading.served)}, "
        f"injected headers = {len(probe.headers)}, refusals without Thai = {len(injection.unthai)}, "
        f"role flags = {len(flags)}, published = {len(injection.published)}, requests = {probe.sent}, "
        f"tracebacks in the server log = {tracebacks}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(report_anyway(main, sys.argv[1:], "the probe"))
