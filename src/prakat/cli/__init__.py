"""The `prakat` command.

A click group whose commands are loaded when they are used (click's "lazily loading subcommands"):
`prakat serve` then holds only what serving needs in the process that runs it, which with granian
does nothing but watch the server processes it starts. Loading every command up front cost that
process, and every server process it starts, about 60 MB.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

import click

# Command name -> "module:attribute", in the order `prakat --help` lists them.
COMMANDS: Mapping[str, str] = {
    "migrate": "prakat.cli.database:migrate",
    "demo": "prakat.cli.database:demo",
    "serve": "prakat.cli.serve:serve",
    "publish-feeds": "prakat.cli.database:publish_feeds",
    "documents": "prakat.cli.documents:documents",
    "user": "prakat.cli.users:user",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module, attribute = where.split(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{where} is not a click command")
        return command


@click.group(cls=LazyGroup, help="Prakat (ประกาศ): procurement disclosure for Thai public schools.")
def main() -> None:
    pass
