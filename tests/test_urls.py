"""The URL table (prakat.urls) against the app: every route the app serves has one entry and every entry
is served; what the builders write resolves, through the app's own router, to the same route and the
same parameters; the route decorators and the templates take their paths from the table."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from litestar import Litestar
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute
from litestar.utils import normalize_path

from prakat import urls
from prakat.app import create_app
from prakat.settings import Settings
from prakat.urls import ROUTES, Route

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "src" / "prakat" / "web"
TEMPLATES = ROOT / "templates"

# Litestar's own routes: the OpenAPI pages and the static-files routers of the fonts and the scripts.
STATIC_ROUTERS = (urls.FONTS, urls.SCRIPTS)
FRAMEWORK = re.compile(
    "^(?:"
    + re.escape(urls.SCHEMA)
    + "(?:/.*)?|(?:"
    + "|".join(map(re.escape, STATIC_ROUTERS))
    + r")/\{file_path:path\})$"
)

# A value of each parameter for the round trip: ints by type, strings by name where the handler
# reads the segment (a feed file, a PDF, a history entity); any other string is a slug.
SAMPLE_STR = {"file": "announcements.rss", "entity": "plan"}
SAMPLE_FILE = {"announcement_pdf": "12.pdf", "feed_archive": "3.atom"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Litestar:
    """The app as served; routing needs no database, so the engine is configured but never opened."""
    tmp = tmp_path_factory.mktemp("urls")
    settings = Settings(
        database_url=f"sqlite:///{tmp / 'unused.db'}",
        shared_dir=ROOT.parent / "shared",
        feeds_dir=tmp,
        secret_key="test-secret",
        base_url="http://testserver",
    )
    return create_app(settings)


def http_routes(app: Litestar) -> Iterator[HTTPRoute]:
    for route in app.routes:
        if isinstance(route, HTTPRoute) and not FRAMEWORK.match(route.path):
            yield route


def sample(entry: Route) -> dict[str, str | int]:
    params: dict[str, str | int] = {}
    for index, (name, kind) in enumerate(entry.params.items()):
        if kind == "int":
            params[name] = 2569 if name == "year" else 7 + index
        elif name == "file":
            params[name] = SAMPLE_FILE.get(entry.name, SAMPLE_STR["file"])
        else:
            params[name] = SAMPLE_STR.get(name, "demo-school")
    return params


def test_every_served_route_has_one_entry_and_every_entry_is_served(app: Litestar) -> None:
    served = [route.path for route in http_routes(app)]
    assert len(served) == len(set(served))
    declared = [entry.matched for entry in ROUTES.values()]
    assert len(declared) == len(set(declared)), "a path is declared twice"
    assert sorted(set(served) - set(declared)) == [], "served but not in prakat.urls"
    assert sorted(set(declared) - set(served)) == [], "declared in prakat.urls but not served"


def test_the_framework_routes_are_only_the_schema_and_the_static_files(app: Litestar) -> None:
    framework = {route.path for route in app.routes if FRAMEWORK.match(route.path)}
    static = {f"{prefix}/{{file_path:path}}" for prefix in STATIC_ROUTERS}
    assert static <= framework
    assert f"{urls.SCHEMA}/openapi.json" in framework
    assert all(path in static or path.startswith(urls.SCHEMA) for path in framework)


@pytest.mark.parametrize("entry", list(ROUTES.values()), ids=list(ROUTES))
def test_a_built_url_resolves_to_its_route_and_parameters(app: Litestar, entry: Route) -> None:
    params = sample(entry)
    built = urlsplit(entry.url(**params))
    route = next(r for r in http_routes(app) if r.path == entry.matched)
    for method in sorted(route.methods - {"OPTIONS"}):
        _, handler, _, found, template = app.asgi_router.handle_routing(
            path=normalize_path(built.path), method=method
        )
        assert template == re.sub(r"\{(\w+):\w+\}", r"{\1}", entry.matched)  # Litestar drops the types
        assert isinstance(handler, HTTPRouteHandler) and handler in route.route_handlers
        assert method in handler.http_methods
        assert found == params


def test_the_builders_keep_the_public_urls() -> None:
    """URLs are a contract (feeds, PDFs, ITA links): the same strings as before the table."""
    assert urls.home() == "/"
    assert urls.school("demo") == "/s/demo/"
    assert urls.school_year("demo", 2569) == "/s/demo/2569/"
    assert urls.announcement_pdf("demo", 12) == "/s/demo/pdf/12.pdf"
    assert urls.announcements("demo", "kind=winner") == "/s/demo/announcements/?kind=winner"
    assert urls.announcement("demo", 12) == "/s/demo/announcements/12/"
    assert urls.plan("demo", 2569) == "/s/demo/plan/2569/"
    assert urls.follow("demo") == "/s/demo/follow/"
    assert urls.feed("demo", "atom", "kind=winner") == "/s/demo/feeds/announcements.atom?kind=winner"
    assert urls.feed_archive("demo", 3, "json") == "/s/demo/feeds/archive/3.json"
    assert urls.embed("demo", "n=5") == "/s/demo/embed/?n=5"
    assert urls.announcements_json("demo") == "/s/demo/announcements.json"
    assert urls.changes_json("demo", "after=4") == "/s/demo/changes.json?after=4"
    assert urls.LOGIN.url({"next": "/w/plans/?x=1"}) == "/login?next=%2Fw%2Fplans%2F%3Fx%3D1"
    assert urls.EMBED_FONT.url() == "/static/embed/sarabun-thai.woff2"
    assert urls.font("Sarabun Regular.ttf") == "/static/fonts/Sarabun%20Regular.ttf"


def test_the_workspace_builders_keep_their_urls() -> None:
    assert urls.WS_DASHBOARD.url() == "/w/"
    assert urls.WS_PLAN_YEAR.url({"revision": 2}, year=2569) == "/w/plans/2569/?revision=2"
    assert urls.WS_PROCUREMENT_NEW.url({"plan_item": 4}) == "/w/procurements/new?plan_item=4"
    assert urls.WS_BID_DELETE.url(procurement_id=3, bid_id=9) == "/w/procurements/3/bids/9/delete"
    assert urls.WS_ANNOUNCEMENTS.url({"queue": "drafts"}) == "/w/announcements/?queue=drafts"
    assert urls.WS_HISTORY.url(entity="vendor", entity_id=5) == "/w/history/vendor/5"
    assert urls.WS_ANNOUNCEMENT_DOCUMENT.url(announcement_id=8) == "/w/announcements/8/document.pdf"


def test_a_builder_refuses_missing_unknown_or_mistyped_parameters() -> None:
    with pytest.raises(TypeError):
        urls.WS_PROCUREMENT.url()
    with pytest.raises(TypeError):
        urls.WS_PROCUREMENT.url(procurement_id=1, bid_id=2)
    with pytest.raises(TypeError):
        urls.WS_PROCUREMENT.url(procurement_id="1")
    with pytest.raises(TypeError):
        urls.WS_PROCUREMENT.url(procurement_id=True)


def test_string_parameters_are_quoted() -> None:
    assert (
        urls.school("โรงเรียน ก")
        == "/s/%E0%B9%82%E0%B8%A3%E0%B8%87%E0%B9%80%E0%B8%A3%E0%B8%B5%E0%B8%A2%E0%B8%99%20%E0%B8%81/"
    )


@pytest.mark.parametrize(
    "base", ["http://testserver", "https://prakat.example.ac.th/", "https://host.example/prakat"]
)
def test_the_absolute_builders_honour_the_base_url(base: str) -> None:
    root = base.rstrip("/")
    assert (
        urls.ANNOUNCEMENT.absolute(base, slug="demo", announcement_id=3) == f"{root}/s/demo/announcements/3/"
    )
    assert urls.CHANGES_JSON.absolute(base, "after=2", slug="demo") == f"{root}/s/demo/changes.json?after=2"
    assert urls.absolute(base, urls.announcement_pdf("demo", 3)) == f"{root}/s/demo/pdf/3.pdf"
    for entry in ROUTES.values():
        params = sample(entry)
        assert entry.absolute(base, **params) == root + entry.url(**params)


def test_a_path_no_entry_names_is_not_found(app: Litestar) -> None:
    """Sanity of the round trip: a path no entry matches is not found by the same router."""
    with pytest.raises(NotFoundException):
        app.asgi_router.handle_routing(path="/s/demo/nothing/here", method="GET")


# --- paths are written only in prakat.urls ---------------------------------------------------------

ROUTE_DECORATORS = {"get", "post", "put", "patch", "delete", "route", "readable", "head"}


def _web_modules() -> list[Path]:
    return sorted(WEB.rglob("*.py"))


def test_route_decorators_take_their_path_from_the_table() -> None:
    found = 0
    for module in _web_modules():
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if isinstance(statement, ast.Assign):
                        names = [t.id for t in statement.targets if isinstance(t, ast.Name)]
                        assert "path" not in names, (
                            f"{module.name}:{statement.lineno}: a controller path prefix"
                        )
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    if not isinstance(decorator, ast.Call) or not isinstance(decorator.func, ast.Name):
                        continue
                    if decorator.func.id in ROUTE_DECORATORS:
                        path = decorator.args[0] if decorator.args else None
                        where = f"{module.name}:{decorator.lineno}"
                        assert isinstance(path, ast.Attribute) and path.attr == "path", (
                            f"{where}: not from the table"
                        )
                        assert ast.unparse(path.value).startswith("urls."), where
                        found += 1
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            if name == "Router":
                path_kw = next(k.value for k in node.keywords if k.arg == "path")
                assert isinstance(path_kw, ast.Constant) and path_kw.value == "/", (
                    f"{module.name}: a Router prefix"
                )
    assert found >= len(ROUTES)


def test_templates_write_no_paths_of_their_own() -> None:
    """Every href, action and src of a page comes from a builder (or is a fragment or a query)."""
    literal = re.compile(r"""(?:href|action|src)=["'](/[^"'{]*)""")
    joined = re.compile(r"""urls\.WORKSPACE|urls\.API|['"]/(?:w|s|api)/""")
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        assert literal.findall(text) == [], template.name
        assert joined.findall(text) == [], template.name
