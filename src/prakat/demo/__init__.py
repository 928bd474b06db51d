"""The demo school: its year of records (``data``) and the loader that enters them through the domain
services (``loader``), so the demo is built exactly as a school's own records are."""

from prakat.demo.loader import DEMO_PASSWORD, DEMO_USERS, DemoResult, load_demo

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "DemoResult", "load_demo"]
