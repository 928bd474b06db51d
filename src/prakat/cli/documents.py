"""`prakat documents`: the official PDFs, for a person to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import click

from prakat.announcements import pdf, samples
from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement
from prakat.cli.common import with_database
from prakat.rules import AnnouncementKind
from prakat.schools.service import get_school_by_slug
from prakat.settings import Settings
from prakat.workflow import AnnouncementStatus


@click.group(help="Official PDF documents.")
def documents() -> None:
    pass


@documents.command(
    name="render",
    help="Write a PDF of every announcement kind, and a PNG of each first page: the school's newest "
    "announcement of each kind, or, for a kind it has not published, a sample built from its records.",
)
@click.option("--school", "slug", default="demo", show_default=True, help="The school's slug.")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/documents"),
    show_default=True,
)
def documents_render(slug: str, out: Path) -> None:
    settings = Settings.from_env()

    async def work() -> list[tuple[str, str, bytes]]:
        school = await get_school_by_slug(slug)
        found = await announcements.list_announcements(school.id, statuses=tuple(AnnouncementStatus))
        latest: dict[str, Announcement] = {}
        for a in found:  # newest first: keep each kind's newest
            latest.setdefault(a.kind, a)
        rendered = []
        for kind in AnnouncementKind:
            have = latest.get(kind.value)
            if have is not None and have.pdf_sha256:
                rendered.append(
                    (
                        kind.value,
                        AnnouncementStatus.PUBLISHED.value,
                        await pdf.stored(school.id, have.pdf_sha256),
                    )
                )
            elif have is not None:
                preview = await announcements.with_preview_snapshot(school.id, have)
                rendered.append(
                    (
                        kind.value,
                        have.status,
                        await pdf.render(school, preview, signer=pdf.school_signer(school)),
                    )
                )
            else:
                made = await samples.sample(school, kind)
                if made is None:
                    rendered.append((kind.value, "nothing to base a sample on", b""))
                else:
                    rendered.append((kind.value, "sample", await pdf.render(school, made)))
        return rendered

    out.mkdir(parents=True, exist_ok=True)
    can_draw = shutil.which("pdftoppm") is not None
    for kind, source, data in with_database(settings, work):
        if not data:
            click.echo(f"{kind}: skipped ({source})")
            continue
        target = out / f"{kind}.pdf"
        target.write_bytes(data)
        if can_draw:
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(target),
                    str(out / kind),
                ],
                check=True,
            )
        click.echo(
            f"{target} ({source}, {len(data):,} bytes)"
            + ("" if can_draw else "; no PNG: install poppler-utils")
        )
