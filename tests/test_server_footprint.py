"""What a server process loads: only what serving needs. WeasyPrint and the Thai dictionary live in
the render worker, fontTools in the short-lived process that cuts the embed's font, openpyxl loads
when a plan file is uploaded, and `prakat serve`'s supervising process loads no command but
serve. Each would otherwise stay in every server process (benchmarks/README.md: memory)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("weasyprint", "pydyf", "pythainlp", "fontTools", "openpyxl", "PIL")


def loaded(code: str) -> set[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.mark.parametrize(
    "code",
    [
        "from prakat.app import served_app; served_app()",
        "from prakat.app import app_from_env; app_from_env()",
    ],
    ids=["granian", "uvicorn"],
)
def test_a_server_process_loads_no_renderer(code: str) -> None:
    assert heavy(loaded(code)) == []


def test_the_supervising_process_loads_only_serve() -> None:
    modules = loaded("from prakat.cli import main\nmain.get_command(None, 'serve')")
    assert "prakat.cli.serve" in modules
    assert {m for m in modules if m.startswith("prakat.cli.")} == {"prakat.cli.serve"}
    assert "prakat.app" not in modules and "litestar" not in modules
    assert heavy(modules) == []


def test_every_command_loads_when_asked() -> None:
    from prakat.cli import COMMANDS, main

    ctx = main.make_context("prakat", ["--help"], resilient_parsing=True)
    assert main.list_commands(ctx) == list(COMMANDS)
    assert all(main.get_command(ctx, name) is not None for name in COMMANDS)
    assert main.get_command(ctx, "no-such") is None
