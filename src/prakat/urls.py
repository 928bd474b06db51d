"""Every public URL, built in one place. URLs are a contract with school websites, feeds and ITA
assessors: add new ones, never change or remove an old one."""

from __future__ import annotations

from urllib.parse import quote

HOME = "/"
SCHOOL = "/s/{slug:str}/"
HEALTH = "/healthz"
STATIC = "/static"


def home() -> str:
    return HOME


def school(slug: str) -> str:
    return f"/s/{quote(slug)}/"


def static(path: str) -> str:
    return f"{STATIC}/{path}"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path
