"""Building workspace pages: every page gets the school, the signed-in user and what they may do."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from litestar import Request
from litestar.response import Redirect, Template

from prakat.audit import Actor
from prakat.auth.roles import Permission, Role, can
from prakat.schools.service import get_school
from prakat.users import service as users
from prakat.web.messages import ok_message


async def page(
    request: Request[Any, Any, Any],
    actor: Actor,
    template: str,
    *,
    status_code: int = 200,
    **context: Any,
) -> Template:
    """Render ``pages/workspace/<template>``; pass errors= and values= to show a form again after an
    InvalidInput, with what the user typed and a message beside each bad field."""
    school = await get_school(actor.school_id)
    me = await users.get_user(actor.school_id, actor.user_id) if actor.user_id is not None else None
    allowed = {p.value for p in Permission if can(actor.role, p)}
    return Template(
        f"pages/workspace/{template}",
        context={
            "actor": actor,
            "me": me,
            "role_label": Role(actor.role).label if actor.role in set(Role) else "",
            "school": school,
            "allowed": allowed,
            "ok": ok_message(request.query_params.get("ok")),
            "errors": {},
            "values": {},
            **context,
        },
        status_code=status_code,
    )


def done(path: str, code: str) -> Redirect:
    """Post/redirect/get: after a write, send the browser to a page that says what happened."""
    return Redirect(f"{path}{'&' if '?' in path else '?'}ok={code}", status_code=303)


def form_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the user typed, without the CSRF token, to put back into a form after an error."""
    return {k: v for k, v in data.items() if k != "_csrf_token"}
