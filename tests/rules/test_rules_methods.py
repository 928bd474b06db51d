"""Methods and kinds of procurement: stable values, Thai names, e-GP codes."""

import re

import pytest

from prakat.rules import (
    METHODS,
    AnnouncementKind,
    Method,
    MethodFamily,
    ProcurementKind,
    methods_for_egp_code,
)

THAI = re.compile(r"[\u0E00-\u0E7F]")


def test_method_values_are_the_stable_database_values() -> None:
    assert {m.value for m in Method} == {
        "e_bidding",
        "e_market",
        "price_inquiry",
        "selection",
        "specific",
        "specific_w119",
        "specific_urgent_79",
    }


def test_procurement_kind_values_and_labels() -> None:
    assert {k.value: k.label for k in ProcurementKind} == {
        "buy": "ซื้อ",
        "hire": "จ้าง",
        "rent": "เช่า",
        "construction": "จ้างก่อสร้าง",
    }


@pytest.mark.parametrize("method", list(Method))
def test_every_method_has_thai_names_and_a_subject_phrase(method: Method) -> None:
    info = METHODS[method]
    assert info.method is method
    assert method.info is info
    assert method.label == info.thai_name
    for text in (info.thai_name, info.thai_short_name, info.subject_phrase):
        assert THAI.search(text), text
    assert info.subject_phrase.startswith(("โดยวิธี", "ด้วยวิธี"))


@pytest.mark.parametrize("method", list(Method))
def test_every_method_produces_at_least_one_known_announcement_kind(method: Method) -> None:
    info = METHODS[method]
    assert info.announcement_kinds
    assert all(isinstance(kind, AnnouncementKind) for kind in info.all_announcement_kinds)
    assert not set(info.announcement_kinds) & set(info.optional_announcement_kinds)


def test_families_follow_section_55() -> None:
    families = {m: METHODS[m].family for m in Method}
    assert families == {
        Method.E_BIDDING: MethodFamily.GENERAL_INVITATION,
        Method.E_MARKET: MethodFamily.GENERAL_INVITATION,
        Method.PRICE_INQUIRY: MethodFamily.GENERAL_INVITATION,
        Method.SELECTION: MethodFamily.SELECTION,
        Method.SPECIFIC: MethodFamily.SPECIFIC,
        Method.SPECIFIC_W119: MethodFamily.SPECIFIC,
        Method.SPECIFIC_URGENT_79: MethodFamily.SPECIFIC,
    }
    assert MethodFamily.GENERAL_INVITATION.label == "วิธีประกาศเชิญชวนทั่วไป"


def test_subject_phrases_match_egp_titles() -> None:
    assert METHODS[Method.SPECIFIC].subject_phrase == "โดยวิธีเฉพาะเจาะจง"
    assert METHODS[Method.E_BIDDING].subject_phrase == "ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    assert METHODS[Method.E_MARKET].subject_phrase == "ด้วยวิธีตลาดอิเล็กทรอนิกส์ (e-market)"


def test_only_the_verified_egp_method_codes_are_marked_confirmed() -> None:
    confirmed = {m: info.egp_code for m, info in METHODS.items() if info.egp_code_confirmed}
    assert confirmed == {Method.E_MARKET: "15", Method.E_BIDDING: "16"}


def test_methods_for_egp_code() -> None:
    assert methods_for_egp_code("16") == (Method.E_BIDDING,)
    assert methods_for_egp_code(" 15 ") == (Method.E_MARKET,)
    assert Method.SPECIFIC in methods_for_egp_code("19")
    assert methods_for_egp_code("99") == ()


def test_e_bidding_produces_reference_price_invitation_and_winner_with_optional_tor_hearing() -> None:
    info = METHODS[Method.E_BIDDING]
    assert info.announcement_kinds == (
        AnnouncementKind.REFERENCE_PRICE,
        AnnouncementKind.INVITATION,
        AnnouncementKind.WINNER,
    )
    assert info.optional_announcement_kinds == (AnnouncementKind.TOR_HEARING,)


def test_specific_produces_a_winner_notice_or_the_quarterly_summary() -> None:
    kinds = METHODS[Method.SPECIFIC].all_announcement_kinds
    assert set(kinds) == {AnnouncementKind.WINNER, AnnouncementKind.QUARTERLY_WINNERS}
