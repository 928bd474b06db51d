"""The school's own administration: its users and their API tokens, its profile, and each person's
account page (own password, own API tokens)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, Response, post
from litestar.params import FromPath
from litestar.response import Redirect, Template
from markupsafe import Markup

from prakat import urls
from prakat.auth import sessions, tokens
from prakat.auth.passwords import check_password_strength
from prakat.auth.roles import Permission, Role, can
from prakat.errors import Conflict, InvalidInput
from prakat.ita import criteria
from prakat.readmodel import GROUP_LABELS, GROUPS, Filters
from prakat.schools import service as schools
from prakat.schools.schemas import School
from prakat.settings import Settings
from prakat.users import service as users
from prakat.users.schemas import User
from prakat.validation import Fields
from prakat.web import embed
from prakat.web.auth import CurrentActor, requires
from prakat.web.forms import FormData, options, ticked
from prakat.web.pages import done, form_values, page
from prakat.web.routing import readable
from prakat.web.signin import client_address

USER_FIELDS = ("display_name", "position", "role", "active")
ROLE_LABELS = {role.value: role.label for role in Role}
OWN_PASSWORD_HERE = "เปลี่ยนรหัสผ่านของตนเองที่หน้า “บัญชีของฉัน” ซึ่งจะถามรหัสผ่านปัจจุบันก่อน"
CURRENT_PASSWORD = "รหัสผ่านปัจจุบัน"
NEW_PASSWORD = "รหัสผ่านใหม่"
NEW_PASSWORD_AGAIN = "พิมพ์รหัสผ่านใหม่อีกครั้ง"


def _without_passwords(values: Mapping[str, Any]) -> dict[str, Any]:
    """What a form may show again after an error: never a password."""
    return {k: v for k, v in values.items() if "password" not in k}


def _user_form(user: User) -> dict[str, Any]:
    return {
        "display_name": user.display_name,
        "position": user.position,
        "role": user.role,
        "active": user.active,
    }


def _school_form(school: School) -> dict[str, Any]:
    return {name: getattr(school, name) or "" for name in schools.EDITABLE}


EMBED_HEIGHT = (240, 2000, 480)  # pixels: lowest, highest, default


def _embed_choices(params: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The snippet builder's kind group, item count and frame height; a bad value is reported in
    Thai and replaced by the default."""
    f = Fields(params)
    kind = f.read("kind", "ประเภทประกาศ", False, _embed_kind) or ""
    n = f.integer("n", "จำนวนรายการ", required=False, low=1, high=embed.COUNT_MAX)
    low, high, default_height = EMBED_HEIGHT
    height = f.integer("height", "ความสูงของกรอบ (พิกเซล)", required=False, low=low, high=high)
    values = {"kind": kind, "n": n or embed.COUNT_DEFAULT, "height": height or default_height}
    return values, f.errors


def _embed_kind(value: Any) -> str:
    if str(value) not in GROUPS:
        raise ValueError("ไม่อยู่ในรายการที่เลือกได้")
    return str(value)


class UserAdminController(Controller):
    """Accounts of the school, and every API token made at it."""

    guards = (requires(Permission.MANAGE_USERS),)

    async def _list(self, request: Request[Any, Any, Any], actor: CurrentActor, **ctx: Any) -> Template:
        people = await users.list_users(actor.school_id)
        ctx.setdefault("values", {"role": Role.OFFICER.value})
        return await page(
            request,
            actor,
            "admin_users.html",
            people=people,
            owners={u.id: u for u in people},
            roles=options(Role),
            role_labels=ROLE_LABELS,
            tokens=await tokens.list_school_tokens(actor),
            **ctx,
        )

    async def _detail(
        self, request: Request[Any, Any, Any], actor: CurrentActor, person: User, **ctx: Any
    ) -> Template:
        ctx.setdefault("values", _user_form(person))
        ctx.setdefault("refused", None)
        return await page(
            request,
            actor,
            "admin_user.html",
            person=person,
            roles=options(Role),
            role_labels=ROLE_LABELS,
            **ctx,
        )

    @readable(urls.WS_USERS.path, name="admin_users")
    async def index(self, request: Request[Any, Any, Any], actor: CurrentActor) -> Template:
        return await self._list(request, actor)

    @post(urls.WS_USERS.path, name="admin_user_create")
    async def create(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: FormData
    ) -> Template | Redirect:
        try:
            await users.create_user(actor, users.parse_user(form_values(data)))
        except InvalidInput as invalid:
            return await self._list(
                request,
                actor,
                errors=invalid.errors,
                values=_without_passwords(form_values(data)),
                status_code=400,
            )
        return done(urls.WS_USERS.url(), "user_created")

    @readable(urls.WS_USER.path, name="admin_user")
    async def show(
        self, request: Request[Any, Any, Any], actor: CurrentActor, user_id: FromPath[int]
    ) -> Template:
        return await self._detail(request, actor, await users.get_user(actor.school_id, user_id))

    @post(urls.WS_USER.path, name="admin_user_update")
    async def update(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        user_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        person = await users.get_user(actor.school_id, user_id)
        values = ticked(form_values(data), "active", "active_shown")
        try:
            updated = await users.update_user(
                actor, user_id, {k: values[k] for k in USER_FIELDS if k in values}
            )
        except InvalidInput as invalid:
            return await self._detail(
                request, actor, person, errors=invalid.errors, values=values, status_code=400
            )
        except Conflict as refused:
            return await self._detail(
                request, actor, person, refused=refused.message, values=values, status_code=409
            )
        if user_id == actor.user_id and not can(updated.role, Permission.MANAGE_USERS):
            # They have just handed this page over to someone else.
            return done(urls.WS_DASHBOARD.url(), "saved")
        code = "user_deactivated" if person.active and not updated.active else "saved"
        return done(urls.WS_USER.url(user_id=user_id), code)

    @post(urls.WS_USER_PASSWORD.path, name="admin_user_password")
    async def reset_password(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        user_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        person = await users.get_user(actor.school_id, user_id)
        if user_id == actor.user_id:
            return await self._detail(request, actor, person, refused=OWN_PASSWORD_HERE, status_code=409)
        try:
            await users.set_password(actor, user_id, str(data.get("password", "")))
        except InvalidInput as invalid:
            return await self._detail(request, actor, person, errors=invalid.errors, status_code=400)
        return done(urls.WS_USER.url(user_id=user_id), "password_reset")

    @post(urls.WS_USER_TOKEN_REVOKE.path, name="admin_token_revoke")
    async def revoke_token(self, actor: CurrentActor, token_id: FromPath[int]) -> Redirect:
        await tokens.revoke_token(actor, token_id)
        return done(urls.WS_USERS.url(), "revoked")


class SchoolAdminController(Controller):
    """The school's profile (what every official document prints, and which websites may show its
    announcements) and the builder of the code a school website pastes to show them."""

    guards = (requires(Permission.MANAGE_SCHOOL),)

    @readable(urls.WS_SCHOOL.path, name="admin_school")
    async def show(self, request: Request[Any, Any, Any], actor: CurrentActor) -> Template:
        school = await schools.get_school(actor.school_id)
        return await page(
            request,
            actor,
            "admin_school.html",
            values=_school_form(school),
            ita_variants=await criteria.variant_codes(actor.school_id),
        )

    @readable(urls.WS_EMBED.path, name="admin_embed")
    async def embed(self, request: Request[Any, Any, Any], actor: CurrentActor) -> Template:
        """The iframe snippet and the plain HTML list for the school website, with a live preview.
        A GET form: the choices are in the URL, so the page can be bookmarked and shared."""
        school = await schools.get_school(actor.school_id)
        chosen, errors = _embed_choices(request.query_params)
        settings: Settings = request.app.state.settings
        query = urlencode({k: v for k, v in (("kind", chosen["kind"]), ("n", chosen["n"])) if v})
        filters = Filters(kind=str(chosen["kind"]) or None)
        found = await embed.latest(school, filters, int(chosen["n"]))
        context = embed.list_context(settings, school, filters, found)
        src = urls.absolute(settings.base_url, urls.embed(school.slug, query))
        snippet = embed.render(
            request,
            "embed/snippet.html",
            src=src,
            title=f"{context['heading']} {school.name}",
            height=chosen["height"],
        ).strip()
        fragment = embed.render(request, "embed/fragment.html", **context).strip()
        return await page(
            request,
            actor,
            "admin_embed.html",
            values=chosen,
            errors=errors,
            kinds=list(GROUP_LABELS.items()),
            embed_url=src,
            snippet=snippet,
            preview=Markup(snippet),
            fragment=fragment,
            fragment_preview=Markup(fragment),
            json_url=urls.absolute(settings.base_url, urls.announcements_json(school.slug, query)),
            changes_url=urls.absolute(settings.base_url, urls.changes_json(school.slug)),
            frame_ancestors=embed.frame_ancestors(school.embed_origins),
            status_code=400 if errors else 200,
        )

    @post(urls.WS_SCHOOL.path, name="admin_school_update")
    async def update(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: FormData
    ) -> Template | Redirect:
        values = ticked(form_values(data), "review_by_head", "review_shown")
        try:
            # Only the profile's own fields: the slug is shown on the page but never sent, never changed.
            await schools.update_school(actor, {k: v for k, v in values.items() if k in schools.EDITABLE})
        except InvalidInput as invalid:
            return await page(
                request,
                actor,
                "admin_school.html",
                errors=invalid.errors,
                values=values,
                ita_variants=await criteria.variant_codes(actor.school_id),
                status_code=400,
            )
        return done(urls.WS_SCHOOL.url(), "school_saved")


def _keep_signed_in(request: Request[Any, Any, Any], response: Response[Any], token: str) -> None:
    """The session cookie, set as signing in sets it."""
    settings: Settings = request.app.state.settings
    response.set_cookie(
        sessions.COOKIE,
        token,
        max_age=int(sessions.LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings.https or request.url.scheme == "https",
        path="/",
    )


class AccountController(Controller):
    """Every signed-in person's own page: their password and their personal API tokens."""

    async def _page(self, request: Request[Any, Any, Any], actor: CurrentActor, **ctx: Any) -> Template:
        return await page(
            request,
            actor,
            "account.html",
            tokens=await tokens.list_tokens(actor),
            **{"new_token": None, "new_token_info": None, **ctx},
        )

    @readable(urls.WS_ACCOUNT.path, name="account")
    async def show(self, request: Request[Any, Any, Any], actor: CurrentActor) -> Template:
        return await self._page(request, actor)

    @post(urls.WS_ACCOUNT_PASSWORD.path, name="account_password")
    async def change_password(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: FormData
    ) -> Template | Redirect:
        assert actor.user_id is not None  # a browser session always belongs to a user
        current = str(data.get("current_password", ""))
        new = str(data.get("new_password", ""))
        again = str(data.get("new_password_again", ""))
        errors: dict[str, str] = {}
        status = 400
        if not current:
            errors["current_password"] = f"{CURRENT_PASSWORD}: กรุณากรอกข้อมูล"
        else:
            try:
                if not await users.verify_own_password(actor, current, client_address(request)):
                    errors["current_password"] = f"{CURRENT_PASSWORD}: ไม่ถูกต้อง"
            except users.SignInError as refused:
                errors["current_password"] = f"{CURRENT_PASSWORD}: {refused.message}"
                status = 429
        me = await users.get_user(actor.school_id, actor.user_id)
        problem = check_password_strength(new, username=me.username) if new else "กรุณากรอกข้อมูล"
        if problem is not None:
            errors["new_password"] = f"{NEW_PASSWORD}: {problem}"
        elif current and new == current:
            errors["new_password"] = f"{NEW_PASSWORD}: ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน"
        if not again:
            errors["new_password_again"] = f"{NEW_PASSWORD_AGAIN}: กรุณากรอกข้อมูล"
        elif new != again:
            errors["new_password_again"] = f"{NEW_PASSWORD_AGAIN}: ไม่ตรงกับรหัสผ่านใหม่ กรุณาพิมพ์ให้เหมือนกัน"
        if not errors:
            try:
                await users.set_password(actor, actor.user_id, new)  # ends every session of this user
            except InvalidInput as invalid:
                errors = {"new_password": " ".join(invalid.errors.values())}
        if errors:
            return await self._page(request, actor, errors=errors, status_code=status)
        # The other sessions are gone; this browser stays signed in with a new one.
        response = done(urls.WS_ACCOUNT.url(), "password")
        _keep_signed_in(request, response, await sessions.start(actor.school_id, actor.user_id))
        return response

    @post(urls.WS_ACCOUNT_TOKENS.path, name="account_token_create")
    async def create_token(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: FormData
    ) -> Template:
        try:
            info, plaintext = await tokens.create_token(actor, str(data.get("name", "")))
        except InvalidInput as invalid:
            return await self._page(
                request, actor, errors=invalid.errors, values=form_values(data), status_code=400
            )
        # Shown in this response only: no redirect that would put the secret in a URL or history.
        response = await self._page(request, actor, new_token=plaintext, new_token_info=info, status_code=201)
        response.headers["Cache-Control"] = "no-store"
        return response

    @post(urls.WS_ACCOUNT_TOKEN_REVOKE.path, name="account_token_revoke")
    async def revoke_token(self, actor: CurrentActor, token_id: FromPath[int]) -> Redirect:
        await tokens.revoke_token(actor, token_id)
        return done(urls.WS_ACCOUNT.url(), "revoked")
