"""Arrows one way: web and cli → services → documents, feeds, db, rules, thai (and the other plain
modules). Every ``import`` under src/prakat is read with ``ast`` (type-only and function-local imports
too: they couple as much) and checked against the layers below; a test fails, naming the file, the
line and the import, when an arrow turns back.

The contract is data: a new top-level package or module must be placed in ``LAYERS`` (the test says
so), and a rule changes by editing the tables, not the checker.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping, Set
from pathlib import Path
from typing import Final, NamedTuple

import pytest

SRC: Final = Path(__file__).resolve().parents[1] / "src" / "prakat"

# The top-level packages and modules of prakat, top layer first. A unit may import units of its own
# layer and of any layer below it, never of a layer above.
LAYERS: Final[tuple[tuple[str, frozenset[str]], ...]] = (
    ("wiring", frozenset({"app"})),
    ("interfaces", frozenset({"web", "cli"})),
    (
        "services",
        frozenset(
            {
                "annual",
                "announcements",
                "audit",
                "auth",
                "demo",
                "feedsync",
                "ita",
                "locks",
                "plans",
                "procurements",
                "readmodel",
                "schools",
                "sitepages",
                "users",
                "vendors",
                "workflow",
                "workspace",
            }
        ),
    ),
    (
        "plain",
        frozenset(
            {
                "charts",
                "clock",
                "db",
                "documents",
                "errors",
                "events",
                "exports",
                "feeds",
                "fonts",
                "keys",
                "money",
                "paths",
                "publicentry",
                "results",
                "rules",
                "settings",
                "thai",
                "urls",
                "validation",
                "webfont",
                "workbooks",
            }
        ),
    ),
)
# Units that import nothing of prakat but themselves and these: pure helpers every layer can use.
ONLY: Final[Mapping[str, frozenset[str]]] = {
    "thai": frozenset(),
    "rules": frozenset({"thai"}),
    "workbooks": frozenset(),
}
# Units that must never reach these, directly or through any chain of imports, and why.
NEVER: Final[Mapping[str, tuple[frozenset[str], str]]] = {
    "documents": (frozenset({"db"}), "documents take plain typed data and never query the database"),
    "feeds": (frozenset({"db"}), "feeds take plain typed data and never query the database"),
    "exports": (frozenset({"db"}), "exports take plain typed rows and never query the database"),
    "results": (frozenset({"db"}), "result rows are plain typed data documents and exports take"),
}
# Known violations, (importing module, imported module), each with who removes it. Keep empty.
KNOWN_VIOLATIONS: Final[frozenset[tuple[str, str]]] = frozenset()
# Units that must not import these themselves (through a service is the point), and why.
NOT_DIRECTLY: Final[Mapping[str, tuple[frozenset[str], str]]] = {
    "web": (frozenset({"db"}), "handlers hold no queries or transactions: a service does"),
}


class Import(NamedTuple):
    importer: str  # "prakat.documents.build"
    imported: str  # "prakat.announcements.wording" (a module or package of prakat)
    where: str  # "src/prakat/documents/build.py:11"

    @property
    def edge(self) -> tuple[str, str]:
        return unit(self.importer), unit(self.imported)


def unit(module: str) -> str:
    """The top-level package or module: "prakat.documents.build" -> "documents" ("" for prakat)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def modules(root: Path) -> dict[str, Path]:
    """Every module under ``root`` (a package directory) by dotted name."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(root: Path) -> list[Import]:
    """Every import of one of ``root``'s own modules, from any of them."""
    known = modules(root)
    package = root.name
    found = []
    for name, path in known.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        shown = path.relative_to(root.parent.parent)  # "src/prakat/…"
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from this package, up level-1 packages
                    anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                    for alias in node.names
                ]
            else:
                continue
            ours = [_existing(t, known) for t in targets if t.startswith(package + ".")]
            for target in dict.fromkeys(ours):  # once per statement, in order
                if unit(target) != unit(name):
                    found.append(Import(name, target, f"{shown}:{node.lineno}"))
    return found


def _existing(module: str, known: Mapping[str, Path]) -> str:
    """The module itself, or its nearest package that exists ("prakat.feeds.guid" -> "prakat.feeds")."""
    while module not in known and "." in module:
        module = module.rpartition(".")[0]
    return module


def _layer_of(layers: Iterable[tuple[str, frozenset[str]]]) -> dict[str, tuple[int, str]]:
    return {u: (rank, name) for rank, (name, units) in enumerate(layers) for u in units}


def violations(
    found: Iterable[Import],
    layers: tuple[tuple[str, frozenset[str]], ...] = LAYERS,
    only: Mapping[str, frozenset[str]] = ONLY,
    never: Mapping[str, tuple[frozenset[str], str]] = NEVER,
    allowed: Set[tuple[str, str]] = KNOWN_VIOLATIONS,
    not_directly: Mapping[str, tuple[frozenset[str], str]] = NOT_DIRECTLY,
) -> list[str]:
    """Every broken rule, one message each: unplaced units, arrows up, impure helpers, forbidden
    reaches and cycles between top-level units."""
    checked = [i for i in found if (i.importer, i.imported) not in allowed]
    layer = _layer_of(layers)
    problems = []
    for u in sorted({u for i in checked for u in i.edge} - set(layer)):
        problems.append(f"prakat.{u} is in no layer: place it in LAYERS of tests/test_architecture.py")
    for i in checked:
        a, b = i.edge
        if a in only and b not in only[a]:
            allowed_here = ", ".join(sorted(only[a])) or "nothing of prakat"
            problems.append(
                f"{i.where}: {i.importer} imports {i.imported}: {a} must not know {b} "
                f"({a} imports {allowed_here} besides itself)"
            )
        elif a in not_directly and b in not_directly[a][0]:
            problems.append(
                f"{i.where}: {i.importer} imports {i.imported}: "
                f"{a} must not import {b} ({not_directly[a][1]})"
            )
        elif a in layer and b in layer and layer[b][0] < layer[a][0]:
            problems.append(
                f"{i.where}: {i.importer} imports {i.imported}: {a} must not know {b} "
                f"({a} is {layer[a][1]}, {b} is {layer[b][1]}: arrows point down)"
            )
    problems += _forbidden_reaches(checked, never)
    problems += _cycles(checked)
    return problems


def _graph(found: Iterable[Import]) -> dict[str, dict[str, Import]]:
    """Top-level units and, for each unit it imports, its first import of it."""
    graph: dict[str, dict[str, Import]] = {}
    for i in sorted(found, key=lambda i: i.where):
        a, b = i.edge
        graph.setdefault(a, {}).setdefault(b, i)
    return graph


def _path(graph: Mapping[str, Mapping[str, Import]], start: str, goal: Set[str]) -> list[Import] | None:
    """The imports of a shortest chain from ``start`` to one of ``goal`` (breadth first)."""
    came: dict[str, list[Import]] = {start: []}
    queue = [start]
    while queue:
        current = queue.pop(0)
        for nxt, how in sorted(graph.get(current, {}).items()):
            if nxt in came:
                continue
            came[nxt] = [*came[current], how]
            if nxt in goal:
                return came[nxt]
            queue.append(nxt)
    return None


def _chain(imports_: Iterable[Import]) -> str:
    return "; ".join(f"{i.where}: {i.importer} imports {i.imported}" for i in imports_)


def _forbidden_reaches(found: Iterable[Import], never: Mapping[str, tuple[frozenset[str], str]]) -> list[str]:
    graph = _graph(found)
    problems = []
    for a, (forbidden, why) in sorted(never.items()):
        chain = _path(graph, a, forbidden)
        if chain:
            b = chain[-1].edge[1]
            problems.append(f"{a} must not know {b} ({why}): {_chain(chain)}")
    return problems


def _cycles(found: Iterable[Import]) -> list[str]:
    """One message per cycle through each unit's first import back to itself (each cycle once)."""
    graph = _graph(found)
    seen: set[frozenset[str]] = set()
    problems = []
    for start in sorted(graph):
        for nxt, how in sorted(graph[start].items()):
            back = _path(graph, nxt, {start})
            if back is None:
                continue
            chain = [how, *back]
            members = frozenset(i.edge[0] for i in chain)
            if members in seen:
                continue
            seen.add(members)
            loop = " -> ".join([*(i.edge[0] for i in chain), start])
            problems.append(f"import cycle between top-level packages {loop}: {_chain(chain)}")
    return problems


# --- the contract, on the code -----------------------------------------------------------------


@pytest.fixture(scope="module")
def project() -> list[Import]:
    return imports(SRC)


def test_arrows_point_one_way(project: list[Import]) -> None:
    problems = violations(project)
    assert not problems, "an arrow turns back:\n" + "\n".join(problems)


def test_every_unit_is_placed_once() -> None:
    placed = [u for _, units in LAYERS for u in units]
    assert len(placed) == len(set(placed)), "a unit is in two layers"
    here = {unit(m) for m in modules(SRC)} - {""}
    assert here <= set(placed), f"place these in LAYERS: {sorted(here - set(placed))}"
    assert set(placed) <= here, f"these are gone from src/prakat: {sorted(set(placed) - here)}"


def test_a_handler_that_queries_is_named(tmp_path: Path) -> None:
    root = tree(tmp_path, {"web/history.py": "from prakat.db import tables\n", "db/tables.py": ""})
    [problem] = violations(imports(root))
    assert problem.startswith("src/prakat/web/history.py:1: prakat.web.history imports prakat.db.tables")
    assert "handlers hold no queries" in problem


def test_known_violations_still_exist(project: list[Import]) -> None:
    """An allowed violation that was removed leaves the list, so that it cannot come back unseen."""
    present = {(i.importer, i.imported) for i in project}
    gone = sorted(KNOWN_VIOLATIONS - present)
    assert not gone, f"no longer imported, delete from KNOWN_VIOLATIONS: {gone}"


# --- the checker, on small trees ---------------------------------------------------------------


def tree(root: Path, files: Mapping[str, str]) -> Path:
    """A package ``prakat`` under ``root`` with these modules ("documents/build.py": source)."""
    package = root / "src" / "prakat"
    for name, source in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(package).parents:
            (package / parent / "__init__.py").touch()
        path.write_text(source)
    return package


def test_an_arrow_that_turns_back_is_named_with_its_file_and_line(tmp_path: Path) -> None:
    package = tree(
        tmp_path,
        {
            "announcements/wording.py": "from prakat.thai import digits\n",
            "thai/digits.py": "",
            "documents/build.py": '"""doc"""\n\nfrom prakat.announcements import wording\n',
        },
    )
    assert violations(imports(package), allowed=frozenset()) == [
        "src/prakat/documents/build.py:3: prakat.documents.build imports prakat.announcements.wording: "
        "documents must not know announcements (documents is plain, announcements is services: "
        "arrows point down)"
    ]
    silenced = frozenset({("prakat.documents.build", "prakat.announcements.wording")})
    assert violations(imports(package), allowed=silenced) == []  # an allowlist entry silences it


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (  # a service that knows the web
            {"schools/service.py": "import prakat.web.site\n", "web/site.py": ""},
            "prakat.schools.service imports prakat.web.site: schools must not know web",
        ),
        (  # thai imports nothing of ours
            {"thai/dates.py": "from prakat.rules import Method\n", "rules/__init__.py": "Method = 1\n"},
            "prakat.thai.dates imports prakat.rules: thai must not know rules",
        ),
        (  # a relative import counts as much
            {"rules/data.py": "from ..settings import Settings\n", "settings.py": ""},
            "prakat.rules.data imports prakat.settings: rules must not know settings",
        ),
        (  # feeds reach the database through a plain module: caught through the chain
            {
                "feeds/model.py": "from prakat.publicentry import PublicEntry\n",
                "publicentry.py": "def f() -> None:\n    from prakat.db import tables\n",
                "db/tables.py": "",
            },
            "feeds must not know db (feeds take plain typed data and never query the database): "
            "src/prakat/feeds/model.py:1: prakat.feeds.model imports prakat.publicentry; "
            "src/prakat/publicentry.py:2: prakat.publicentry imports prakat.db.tables",
        ),
        (  # two services that import each other
            {
                "plans/service.py": "from prakat.schools import service\n",
                "schools/service.py": "import prakat.plans\n",
            },
            "import cycle between top-level packages plans -> schools -> plans",
        ),
        (  # a new top-level module nobody placed
            {"ledger.py": "", "web/ledger.py": "from prakat import ledger\n"},
            "prakat.ledger is in no layer",
        ),
    ],
)
def test_each_rule_fails_when_broken(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    problems = violations(imports(tree(tmp_path, files)))
    assert any(expected in p for p in problems), problems


def test_arrows_down_pass(tmp_path: Path) -> None:
    package = tree(
        tmp_path,
        {
            "web/site.py": "from prakat import readmodel, urls\nfrom prakat.feeds import render\n",
            "readmodel.py": "from prakat.db import tables\nfrom prakat.publicentry import PublicEntry\n",
            "publicentry.py": "from prakat.rules import Method\n",
            "feeds/render.py": "from prakat.publicentry import PublicEntry\nfrom prakat import thai\n",
            "rules/__init__.py": "from prakat.thai import digits\n",
            "thai/digits.py": "",
            "urls.py": "",
            "db/tables.py": "",
        },
    )
    assert violations(imports(package)) == []


MAX_LINES: Final = 600  # small modules (the charter); migrations are generated and exempt


def long_modules(root: Path, limit: int = MAX_LINES) -> list[str]:
    """Every module under ``root`` (migrations aside) longer than ``limit`` lines, with its length."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(f"{path.relative_to(root.parent.parent)}: {lines} lines (at most {limit})")
    return found


def test_no_module_is_over_600_lines() -> None:
    assert long_modules(SRC) == []


def test_a_long_module_is_named(tmp_path: Path) -> None:
    package = tree(tmp_path, {"big.py": "x = 1\n" * 601, "db/migrations/m.py": "x = 1\n" * 700})
    assert long_modules(package) == ["src/prakat/big.py: 601 lines (at most 600)"]
