"""An official document as the web pages show it: the workspace's preview that the director approves,
and the public page. The kinds with a form of their own are built by the very code their PDF is
made with, from the same snapshot, so that the page says what the paper says: the monthly summary
(แบบ สขร.1: the form code, the title, the school, the date line, the nine columns, the notes, the
signer; prakat.announcements.monthly_form) and the annual report (the director's memo, บันทึกข้อความ,
that comes with it; prakat.annual.document). Other kinds are announcements, whose pages show the
announcement's own words (prakat.announcements.wording).

Web pages write numbers in Arabic digits (prakat.web.templating), paper in Thai digits: the text is
the document's, its digits the page's. A draft is dated and numbered when the director approves it,
so its page says so where the date goes."""

from __future__ import annotations

from typing import Any, Final, TypeVar

import msgspec

from prakat.announcements import monthly_form, pdf
from prakat.announcements.schemas import Announcement
from prakat.annual import document as annual_document
from prakat.audit import Actor
from prakat.auth.roles import Permission, can
from prakat.documents.model import Memo, OfficialDocument, Signer
from prakat.rules import AnnouncementKind
from prakat.schools.schemas import School
from prakat.thai import to_arabic_digits
from prakat.users import service as users
from prakat.users.schemas import User
from prakat.workflow import AnnouncementStatus

FORM_CODE: Final = "แบบ สขร.1"  # at the top right of the monthly summary's form
ON_APPROVAL: Final = "(วันที่อนุมัติ)"  # where a draft's date goes: it is dated when approved

T = TypeVar("T")


class OnScreen(msgspec.Struct, frozen=True, kw_only=True):
    """What a page shows of an announcement's document, beside its facts: nothing of its own for an
    announcement (the page shows its words), the form of a monthly summary, the memo of an annual
    report."""

    form: OfficialDocument | None = None
    memo: Memo | None = None
    form_code: str = FORM_CODE
    # The form's columns in one line each (column 9's two cells named whole), for a phone's stacked rows.
    form_labels: tuple[str, ...] = monthly_form.HEADERS


def web_digits(value: T) -> T:
    """``value`` (a string, or a document's structs and tuples of them) with Arabic digits."""
    found: Any = value
    if isinstance(found, str):
        return to_arabic_digits(found)  # type: ignore[return-value]
    if isinstance(found, tuple):
        return tuple(web_digits(v) for v in found)  # type: ignore[return-value]
    if isinstance(found, msgspec.Struct):
        fields = {name: web_digits(getattr(found, name)) for name in found.__struct_fields__}
        return msgspec.structs.replace(found, **fields)  # type: ignore[return-value]
    return value


async def approver(actor: Actor) -> User | None:
    """The signed-in user if they may approve: the director who would sign what they look at."""
    if actor.user_id is None or not can(actor.role, Permission.APPROVE):
        return None
    return await users.get_user(actor.school_id, actor.user_id)


def preview_signer(school: School, approver: User | None = None) -> Signer:
    """Who signs a document that is not published yet, as its preview shows it: the director looking
    at it (``approver``, a user who may approve), otherwise the director the school's profile names."""
    if approver is None:
        return pdf.school_signer(school)
    return Signer(
        name=approver.display_name,
        position=approver.position or school.director_position,
        delegation=school.delegation_text,
    )


def signer_of(a: Announcement, school: School, approver: User | None = None) -> Signer:
    """The published document's signer, or the preview's (:func:`preview_signer`)."""
    if a.status == AnnouncementStatus.PUBLISHED:
        return Signer(name=a.signer_name, position=a.signer_position, delegation=a.signer_delegation)
    return preview_signer(school, approver)


def on_screen(a: Announcement, school: School, approver: User | None = None) -> OnScreen:
    """What the PDF of ``a`` shows (of a draft, what its preview shows: ``a`` with its preview
    snapshot), for the kinds with a form of their own."""
    snapshot = a.snapshot or {}
    signer = signer_of(a, school, approver)
    dated = a.status == AnnouncementStatus.PUBLISHED
    if a.kind == AnnouncementKind.MONTHLY_SUMMARY.value and "month_summary" in snapshot:
        form = web_digits(monthly_form.document(a, agency=school.name, signer=signer))
        if not dated:
            form = msgspec.structs.replace(form, date_line=f"วันที่ {ON_APPROVAL}", number="")
        return OnScreen(form=form)
    if "annual" in snapshot:
        memo = annual_document.memo(
            snapshot["annual"],
            snapshot["school"],
            number=a.number if dated else "",
            day=a.announced_on,
            signer=signer,
            cited=snapshot.get("supersedes"),
        )
        memo = web_digits(memo)
        if not dated:
            memo = msgspec.structs.replace(memo, date=ON_APPROVAL, signed_on=ON_APPROVAL)
        return OnScreen(memo=memo)
    return OnScreen()
