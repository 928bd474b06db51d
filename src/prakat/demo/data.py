"""The content of a demo school year: a fictional OBEC school, its vendors, plan and purchases.

Plain frozen dataclasses and no database access: the demo loader feeds this through the domain
services. What the school plans and buys month by month is in :mod:`prakat.demo.calendar`; this
module turns those templates into a year's records.
``build_demo`` is deterministic. The same arguments always give an equal ``DemoYear``.
``random.Random(seed)`` varies only amounts and reference numbers (e-GP numbers, receipt
numbers), and never dates or structure. Nothing depends on today's date.

The year follows a real school's rhythm. Fiscal month 1 is October and month 12 is September.
- Semester 2 starts in November and semester 1 in May. Lunch is hired per semester.
- Textbooks are bought in March for the next academic year.
- April (the school break and Songkran) has no procurement at all, so the monthly summary
  shows a real "ไม่มีการจัดซื้อจัดจ้าง" month.
- There are three general invitations above 500,000 baht: a roof repair and a toilet renovation
  by e-bidding, and a computer laboratory by e-market. There is also one selection (student
  transport) that states its reason.
- Small event and meeting purchases use ว 119. They do not belong to the plan, and those of
  5,000 baht or less have no e-GP number.

Data uses Arabic digits; rendering converts them. Subjects and plan item names start with
the verb of their kind (ซื้อ / จ้าง / เช่า), as e-GP project names do. Machine strings are the
values of the :mod:`prakat.rules` enums (the fields are typed ``str``; StrEnum members are str).

The school, its people, its vendors and all their numbers are fictional. Contact details use
the reserved ``.example`` domain. The e-GP department codes (9999 / 9999000001) are
placeholders, so that a feed import cannot reach a real agency.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Final

from prakat.demo.calendar import CORRECTIONS, PLAN, PROCUREMENTS, SAME_DAY, SPECIFIC_SMALL, PlanSpec, Style
from prakat.rules import AnnouncementKind, BusinessType, Method, ProcurementKind
from prakat.thai import be_year, check_fiscal_year, fiscal_year_bounds, tax_id_check_digit

# --------------------------------------------------------------------------------------------
# Public interface
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSchool:
    """A believable OBEC school (ขยายโอกาส: kindergarten to Mathayom 3)."""

    slug: str
    name: str
    area_office: str
    address: str
    subdistrict: str
    district: str
    province: str
    phone: str
    email: str
    website: str
    egp_dept_id: str  # 4 digits
    egp_deptsub_id: str  # 10 digits
    director_name: str
    director_position: str
    officer_name: str
    officer_position: str
    head_name: str
    head_position: str
    postcode: str = ""


@dataclass(frozen=True)
class DemoVendor:
    key: str
    name: str
    tax_id: str  # 13 digits with a valid check digit
    business_types: tuple[BusinessType, ...]  # as the vendor registered them in e-GP
    address: str
    phone: str


@dataclass(frozen=True)
class DemoPlanItem:
    key: str
    name: str
    kind: str  # ProcurementKind value
    budget: Decimal
    budget_source: str  # BudgetSource value
    category: str  # BudgetCategory value
    planned_method: str  # Method value
    expected_month: date  # first day of the month its first procurement is requested
    egp_plan_code: str


@dataclass(frozen=True)
class DemoBid:
    vendor_key: str
    amount: Decimal
    submitted_on: date | None = None


@dataclass(frozen=True)
class DemoProcurement:
    key: str
    subject: str
    kind: str  # ProcurementKind value
    method: str  # Method value
    method_reason: str  # non-empty exactly when the method needs a stated reason (selection)
    plan_item_key: str | None
    budget: Decimal
    reference_price: Decimal | None  # None for ว 119 purchases
    budget_source: str  # BudgetSource value
    egp_project_number: str | None  # None only for ว 119 purchases of 5,000 baht or less
    requested_on: date
    bids: tuple[DemoBid, ...]
    winner_vendor_key: str | None
    agreed_price: Decimal | None
    reason: str
    contract_number: str
    contract_date: date | None
    awarded_on: date | None
    # Date of the invitation: ประกาศเชิญชวน for e-bidding and e-market, the letter of
    # invitation for selection. None for the specific method.
    invited_on: date | None = None


@dataclass(frozen=True)
class DemoCorrection:
    """An announcement that changes or cancels one published earlier for the same procurement."""

    procurement_key: str
    kind: str  # AnnouncementKind value: invitation_change or winner_cancel
    corrects: str  # AnnouncementKind value of the announcement it corrects
    announced_on: date
    body: str  # the reason it gives


@dataclass(frozen=True)
class DemoYear:
    fiscal_year_be: int
    budget_allocated_on: date
    school: DemoSchool
    vendors: tuple[DemoVendor, ...]
    plan_items: tuple[DemoPlanItem, ...]
    procurements: tuple[DemoProcurement, ...]
    # The date to publish the plan: 8 working days after allocation, before any procurement.
    plan_announced_on: date | None = None
    corrections: tuple[DemoCorrection, ...] = ()


# Reasons for choosing the winner (domain.md §3 and common e-GP wording).
REASON_QUALIFIED: Final = "เป็นผู้มีคุณสมบัติถูกต้องครบถ้วนและเสนอราคาเหมาะสมภายในวงเงินงบประมาณ"
REASON_LOWEST: Final = "เสนอราคาต่ำสุด"
REASON_LOWEST_TENDER: Final = "เสนอราคาต่ำสุดและมีคุณสมบัติถูกต้องครบถ้วนตามเงื่อนไขที่กำหนดในเอกสารประกวดราคา"
REASON_LOWEST_INVITED: Final = "เสนอราคาต่ำสุดและมีคุณสมบัติถูกต้องครบถ้วนตามเงื่อนไขที่กำหนดในหนังสือเชิญชวน"
REASONS: Final = (REASON_QUALIFIED, REASON_LOWEST, REASON_LOWEST_TENDER, REASON_LOWEST_INVITED)

# Contract or agreement references, numbered per kind of document within the fiscal year.
PURCHASE_ORDER: Final = "ใบสั่งซื้อ"
HIRE_ORDER: Final = "ใบสั่งจ้าง"
RENT_ORDER: Final = "ใบสั่งเช่า"
PURCHASE_CONTRACT: Final = "สัญญาซื้อขายเลขที่"
HIRE_CONTRACT: Final = "สัญญาจ้างเลขที่"
RENT_CONTRACT: Final = "สัญญาเช่าเลขที่"
RECEIPT: Final = "ใบเสร็จรับเงิน"  # ว 119: the vendor's receipt is the reference document
CONTRACT_PREFIXES: Final = (
    PURCHASE_ORDER,
    HIRE_ORDER,
    RENT_ORDER,
    PURCHASE_CONTRACT,
    HIRE_CONTRACT,
    RENT_CONTRACT,
)

# A written contract instead of an order above this amount (ข้อตกลงเป็นหนังสือ / ใบสั่ง) [U].
CONTRACT_ABOVE: Final = Decimal("100000")
# ว 119 purchases up to this amount are not entered in e-GP [U].
NO_EGP_UP_TO: Final = Decimal("5000")

DEFAULT_SEED: Final = 2569


def build_demo(fiscal_year_be: int, *, seed: int = DEFAULT_SEED, up_to: date | None = None) -> DemoYear:
    """The demo year ``fiscal_year_be`` (B.E.), as seen on ``up_to`` (the demo's "today").

    With ``up_to`` the result is a view of the full year:
    - procurements requested after ``up_to`` are dropped;
    - bids submitted after it are left out;
    - an award after it is left out (no winner, agreed price, reason or contract);
    - a contract signed after it is left out, but the award stays;
    - an invitation published after it is left out;
    - a correction published after it is left out.
    The plan, the vendors and the school never change with ``up_to``.
    """
    check_fiscal_year(fiscal_year_be)
    rng = random.Random(seed * 10_000 + fiscal_year_be)
    fy_start, _fy_end = fiscal_year_bounds(fiscal_year_be)
    allocated_on = _workday_on_or_after(fy_start)
    plan_announced_on = _add_workdays(allocated_on, 8)

    texts = _year_texts(fiscal_year_be)
    plans = {spec.key: spec for spec in PLAN}
    procurements = _build_procurements(fiscal_year_be, rng, plans, texts)
    plan_items = _build_plan_items(rng, plan_announced_on, procurements, texts)
    corrections = _build_corrections(procurements)
    if up_to is not None:
        procurements = tuple(cut for cut in (_as_of(p, up_to) for p in procurements) if cut is not None)
        corrections = tuple(c for c in corrections if c.announced_on <= up_to)
    return DemoYear(
        fiscal_year_be=fiscal_year_be,
        budget_allocated_on=allocated_on,
        school=SCHOOL,
        vendors=VENDORS,
        plan_items=plan_items,
        procurements=procurements,
        plan_announced_on=plan_announced_on,
        corrections=corrections,
    )


# --------------------------------------------------------------------------------------------
# The school and its vendors
# --------------------------------------------------------------------------------------------

SCHOOL: Final = DemoSchool(
    slug="demo",
    name="โรงเรียนบ้านหนองบัววิทยา",
    area_office="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 1",
    address="99 หมู่ที่ 7 บ้านหนองบัว",
    subdistrict="หนองบัว",
    district="เมืองอุดรธานี",
    province="อุดรธานี",
    postcode="41000",
    phone="042-000-100",
    email="saraban@nongbuawittaya.example",
    website="https://nongbuawittaya.example",
    egp_dept_id="9999",
    egp_deptsub_id="9999000001",
    director_name="นายวีระพงษ์ ศรีสุวรรณ",
    director_position="ผู้อำนวยการโรงเรียนบ้านหนองบัววิทยา",
    officer_name="นางสาวกมลชนก พรหมมา",
    officer_position="เจ้าหน้าที่พัสดุ",
    head_name="นางสุภาพร ทองมา",
    head_position="หัวหน้าเจ้าหน้าที่พัสดุ",
)

_UDON = "ตำบลหมากแข้ง อำเภอเมืองอุดรธานี จังหวัดอุดรธานี 41000"
_NONG_BUA = "ตำบลหนองบัว อำเภอเมืองอุดรธานี จังหวัดอุดรธานี 41000"


def _tax_id(first12: str) -> str:
    """Complete 12 digits with their check digit (juristic persons start with 0)."""
    return f"{first12}{tax_id_check_digit(first12)}"


def _vendor(
    key: str, name: str, first12: str, business: tuple[BusinessType, ...], address: str, phone: str
) -> DemoVendor:
    return DemoVendor(key, name, _tax_id(first12), business, address, phone)


# Juristic tax IDs: 0, registration province (41 Udon Thani, 40 Khon Kaen, 10 Bangkok), 3 for a
# limited partnership or 5 for a company, then the year and a serial. Shops (ร้าน) and
# individuals use their owner's citizen ID (3 + Udon Thani registry office).
_W, _R, _S, _M = BusinessType.WHOLESALE, BusinessType.RETAIL, BusinessType.SERVICE, BusinessType.MANUFACTURING
VENDORS: Final[tuple[DemoVendor, ...]] = (
    _vendor("stationery", "ห้างหุ้นส่วนจำกัด อุดรศึกษาภัณฑ์", "041355200318", (_W, _R),
            f"45/2 ถนนโพศรี {_UDON}", "042-000-111"),
    _vendor("bookshop", "บริษัท ปัญญาบุ๊คส์ อุดร จำกัด", "041555800742", (_W, _R),
            f"120 ถนนประจักษ์ศิลปาคม {_UDON}", "042-000-112"),
    _vendor("cleaning", "ร้านสมหวังพาณิชย์", "341010045218", (_R,),
            f"18 หมู่ที่ 7 {_NONG_BUA}", "042-000-113"),
    _vendor("it_local", "ห้างหุ้นส่วนจำกัด ยูดีคอมพิวเตอร์ แอนด์ เน็ตเวิร์ค", "041356100264", (_R, _S),
            f"77/9 ถนนทหาร {_UDON}", "042-000-114"),
    _vendor("it_bkk", "บริษัท ไอทีโซลูชั่น เอ็ดดูเคชั่น จำกัด", "010555902381", (_W, _R, _S),
            "99/9 ถนนรัชดาภิเษก แขวงดินแดง เขตดินแดง กรุงเทพมหานคร 10400", "02-000-1115"),
    _vendor("it_bkk2", "บริษัท สยามคอมพิวเตอร์ ซัพพลาย จำกัด", "010556204117", (_W, _R),
            "88 ถนนพระราม 9 แขวงห้วยขวาง เขตห้วยขวาง กรุงเทพมหานคร 10310", "02-000-1116"),
    _vendor("it_kk", "บริษัท อีสานไอที ดิสทริบิวชั่น จำกัด", "040555700936", (_W, _R, _S),
            "123 ถนนมิตรภาพ ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น 40000", "043-000-117"),
    _vendor("builder1", "ห้างหุ้นส่วนจำกัด ศรีอุดรการโยธา", "041354800453", (_S,),
            "5 หมู่ที่ 3 ตำบลบ้านเลื่อม อำเภอเมืองอุดรธานี จังหวัดอุดรธานี 41000", "042-000-118"),
    _vendor("builder2", "ห้างหุ้นส่วนจำกัด หนองบัวก่อสร้าง", "041356000871", (_S,),
            f"201 หมู่ที่ 7 {_NONG_BUA}", "042-000-119"),
    _vendor("builder3", "บริษัท อุดรคอนสตรัคชั่น จำกัด", "041555400219", (_S,),
            f"300 ถนนอุดรดุษฎี {_UDON}", "042-000-120"),
    _vendor("builder4", "ห้างหุ้นส่วนจำกัด ทวีทรัพย์วิศวกรรม", "040355900648", (_S,),
            "45 ถนนศรีจันทร์ ตำบลในเมือง อำเภอเมืองขอนแก่น จังหวัดขอนแก่น 40000", "043-000-121"),
    _vendor("furniture", "ห้างหุ้นส่วนจำกัด อุดรเฟอร์นิเจอร์", "041355700512", (_W, _R, _M),
            "9 หมู่ที่ 2 ตำบลนาดี อำเภอเมืองอุดรธานี จังหวัดอุดรธานี 41000", "042-000-122"),
    _vendor("furniture2", "ร้านไม้งามเฟอร์นิเจอร์", "341030062174", (_R,),
            f"61 ถนนนิตโย {_UDON}", "042-000-123"),
    _vendor("aircon", "บริษัท คูลแอร์ อุดร จำกัด", "041556000385", (_R, _S),
            f"150/4 ถนนนิตโย {_UDON}", "042-000-124"),
    _vendor("electric", "ร้านเจริญชัยการไฟฟ้า", "341010052687", (_R, _S),
            f"33 หมู่ที่ 7 {_NONG_BUA}", "042-000-125"),
    _vendor("sign", "ร้านหนองบัวป้ายและการพิมพ์", "341020067731", (_S,),
            f"8 หมู่ที่ 7 {_NONG_BUA}", "042-000-126"),
    _vendor("sport", "ร้านวัฒนาสปอร์ต", "341010088402", (_R,),
            f"12 ถนนศรีสุข {_UDON}", "042-000-127"),
    _vendor("science", "ห้างหุ้นส่วนจำกัด ทวีวิทย์ซายน์", "041356300177", (_W, _R),
            f"210 ถนนโพศรี {_UDON}", "042-000-128"),
    _vendor("uniform", "ร้านนักเรียนพาณิชย์", "341060021593", (_R,),
            f"72 ถนนประจักษ์ศิลปาคม {_UDON}", "042-000-129"),
    _vendor("uniform2", "ห้างหุ้นส่วนจำกัด ชุดนักเรียนอุดร", "041355100836", (_W, _R, _M),
            f"14 ถนนอุดรดุษฎี {_UDON}", "042-000-130"),
    _vendor("caterer", "นางบุญมี ศรีสุข", "341010073326", (_S,),
            f"41 หมู่ที่ 7 {_NONG_BUA}", "042-000-131"),
    _vendor("rice", "ร้านบุญเรือนค้าส่ง", "341050034862", (_W, _R),
            f"3 หมู่ที่ 5 {_NONG_BUA}", "042-000-132"),
    _vendor("bus1", "ห้างหุ้นส่วนจำกัด หนองบัวทรานสปอร์ต", "041355900764", (_S,),
            f"56 หมู่ที่ 7 {_NONG_BUA}", "042-000-133"),
    _vendor("bus2", "บริษัท อุดรเดินรถ จำกัด", "041556100428", (_S,),
            f"400 ถนนทหาร {_UDON}", "042-000-134"),
    _vendor("bus3", "ห้างหุ้นส่วนจำกัด ทองคำทัวร์", "041356200591", (_S,),
            "17 หมู่ที่ 1 ตำบลนาข่า อำเภอเมืองอุดรธานี จังหวัดอุดรธานี 41000", "042-000-135"),
    _vendor("copier", "บริษัท ก๊อปปี้เซ็นเตอร์ อุดร จำกัด", "041555600293", (_R, _S),
            f"88/1 ถนนศรีสุข {_UDON}", "042-000-136"),
    _vendor("event", "ร้านสมใจเต็นท์และเครื่องเสียง", "341080011459", (_S,),
            f"24 หมู่ที่ 6 {_NONG_BUA}", "042-000-137"),
)  # fmt: skip


# Bid prices as ratios (in basis points) of the reference price, or of the budget when
# there is none: (lowest, highest) for the winner; the others bid higher, up to the cap.
_WINNER_RANGE: Final[dict[Method, tuple[int, int]]] = {
    Method.E_BIDDING: (8800, 9600),
    Method.E_MARKET: (9000, 9700),
    Method.SELECTION: (9400, 9800),
    Method.SPECIFIC: (9000, 9700),
}
_GENERAL_INVITATION: Final = frozenset({Method.E_BIDDING, Method.E_MARKET, Method.SELECTION})

# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------

# Fixed-date public holidays (month, day); moving ones (Makha Bucha …) are not modelled.
_HOLIDAYS: Final = frozenset(
    {(1, 1), (4, 6), (4, 13), (4, 14), (4, 15), (5, 1), (5, 4), (6, 3), (7, 28), (8, 12), (10, 13),
     (10, 23), (12, 5), (12, 10), (12, 31)}
)  # fmt: skip
_SATANG: Final = Decimal("0.01")
_STEPS: Final[dict[str, Decimal]] = {"hundreds": Decimal(100), "baht": Decimal(1), "satang": _SATANG}


def _is_workday(d: date) -> bool:
    return d.weekday() < 5 and (d.month, d.day) not in _HOLIDAYS


def _workday_on_or_after(d: date) -> date:
    while not _is_workday(d):
        d += timedelta(days=1)
    return d


def _add_workdays(d: date, days: int) -> date:
    for _ in range(days):
        d = _workday_on_or_after(d + timedelta(days=1))
    return d


def _fiscal_month_date(fiscal_year_be: int, month: int, day: int) -> date:
    """``day`` of fiscal month ``month`` (1 = October) of ``fiscal_year_be``."""
    start, _end = fiscal_year_bounds(fiscal_year_be)
    zero_based = 9 + month - 1
    return date(start.year + zero_based // 12, zero_based % 12 + 1, day)


def _year_texts(fiscal_year_be: int) -> dict[str, int]:
    """Placeholders for subjects: academic years and calendar B.E. years of the fiscal year."""
    return {
        "ay_prev": fiscal_year_be - 1,
        "ay": fiscal_year_be,
        "y_start": fiscal_year_be - 1,
        "y_end": fiscal_year_be,
    }


def _money(amount: Decimal, style: str) -> Decimal:
    """``amount`` rounded down to whole hundreds, whole baht or satang."""
    step = _STEPS[style]
    return ((amount / step).to_integral_value(rounding=ROUND_DOWN) * step).quantize(_SATANG)


def _ratio(rng: random.Random, low_bp: int, high_bp: int) -> Decimal:
    return Decimal(rng.randint(low_bp, high_bp)) / Decimal(10_000)


@dataclass
class _Prices:
    reference: Decimal | None
    bids: list[Decimal] = field(default_factory=list)  # the winner's first
    agreed: Decimal = Decimal(0)


def _prices(rng: random.Random, method: Method, kind: ProcurementKind, budget: Decimal, bidders: int,
            style: Style) -> _Prices:  # fmt: skip
    if method is Method.SPECIFIC_W119:
        paid = budget if rng.random() < 0.3 else _money(budget * _ratio(rng, 9000, 9990), style)
        return _Prices(None, [paid], paid)
    if method in _GENERAL_INVITATION:
        ref_style = "satang" if kind is ProcurementKind.CONSTRUCTION else "hundreds"
        reference = _money(budget * _ratio(rng, 9650, 9950), ref_style)
    else:
        reference = budget  # small purchases: the budget is the price found on the market
    if bidders == 1:
        bid = budget if rng.random() < 0.4 else _money(budget * _ratio(rng, 9500, 9990), style)
        agreed = bid if rng.random() < 0.75 else _money(bid * _ratio(rng, 9800, 9950), style)
        return _Prices(reference, [bid], agreed)
    low, high = _WINNER_RANGE[method]
    winner_bp = rng.randint(low, high)
    winner = _money(reference * Decimal(winner_bp) / 10_000, style)
    bids = [winner]
    step = _STEPS[style]
    for _ in range(bidders - 1):
        other = _money(reference * _ratio(rng, winner_bp + 150, 10_000), style)
        if other <= winner:
            other = winner + step
        if other > reference:
            raise AssertionError(f"no room for a losing bid under {reference}")  # a template error
        bids.append(other)
    return _Prices(reference, bids, winner)


def _reason(method: Method, bidders: int) -> str:
    if method in (Method.E_BIDDING, Method.E_MARKET):
        return REASON_LOWEST_TENDER
    if method is Method.SELECTION:
        return REASON_LOWEST_INVITED
    return REASON_LOWEST if bidders > 1 else REASON_QUALIFIED


def _contract_prefix(kind: ProcurementKind, method: Method, budget: Decimal) -> str:
    formal = method in _GENERAL_INVITATION or budget > CONTRACT_ABOVE
    if kind is ProcurementKind.BUY:
        return PURCHASE_CONTRACT if formal else PURCHASE_ORDER
    if kind is ProcurementKind.RENT:
        return RENT_CONTRACT if formal else RENT_ORDER
    return HIRE_CONTRACT if formal or kind is ProcurementKind.CONSTRUCTION else HIRE_ORDER


def _egp_number(rng: random.Random, created_on: date, taken: set[str]) -> str:
    prefix = f"{be_year(created_on.year) % 100:02d}{created_on.month:02d}"
    while True:
        number = f"{prefix}{rng.randrange(10**7):07d}"
        if number not in taken:
            taken.add(number)
            return number


def _build_procurements(
    fiscal_year_be: int, rng: random.Random, plans: dict[str, PlanSpec], texts: dict[str, int]
) -> tuple[DemoProcurement, ...]:
    taken: set[str] = set()
    built: list[DemoProcurement] = []
    for spec in PROCUREMENTS:
        plan = plans[spec.plan] if spec.plan is not None else None
        kind = plan.kind if plan is not None else spec.kind
        method = plan.method if plan is not None else spec.method
        source = plan.source if plan is not None else spec.source
        if kind is None or method is None or source is None:
            raise AssertionError(f"procurement template {spec.key} lacks kind, method or source")
        budget = Decimal(spec.budget).quantize(_SATANG)
        requested_on = _workday_on_or_after(_fiscal_month_date(fiscal_year_be, spec.month, spec.day))
        schedule = spec.schedule or (SAME_DAY if method is Method.SPECIFIC_W119 else SPECIFIC_SMALL)
        bids_on = _add_workdays(requested_on, schedule.bids)
        awarded_on = _add_workdays(requested_on, schedule.award)
        contract_date = _add_workdays(requested_on, schedule.contract)
        invited_on = None if schedule.invite is None else _add_workdays(requested_on, schedule.invite)

        prices = _prices(rng, method, kind, budget, len(spec.vendors), spec.style)
        no_egp = method is Method.SPECIFIC_W119 and budget <= NO_EGP_UP_TO
        egp_number = None if no_egp else _egp_number(rng, requested_on, taken)
        if method is Method.SPECIFIC_W119:
            contract_number = f"{RECEIPT} เล่มที่ {rng.randint(1, 40)} เลขที่ {rng.randint(1, 2000)}"
        else:
            contract_number = _contract_prefix(kind, method, budget)  # numbered below
        built.append(
            DemoProcurement(
                key=spec.key,
                subject=spec.subject.format(**texts),
                kind=kind,
                method=method,
                method_reason=spec.method_reason,
                plan_item_key=spec.plan,
                budget=budget,
                reference_price=prices.reference,
                budget_source=source,
                egp_project_number=egp_number,
                requested_on=requested_on,
                bids=tuple(
                    DemoBid(v, amount, bids_on) for v, amount in zip(spec.vendors, prices.bids, strict=True)
                ),
                winner_vendor_key=spec.vendors[0],
                agreed_price=prices.agreed,
                reason=_reason(method, len(spec.vendors)),
                contract_number=contract_number,
                contract_date=contract_date,
                awarded_on=awarded_on,
                invited_on=invited_on,
            )
        )
    return _number_contracts(fiscal_year_be, built)


def _number_contracts(fiscal_year_be: int, built: list[DemoProcurement]) -> tuple[DemoProcurement, ...]:
    """Number orders and contracts per kind of document, in the order they were signed."""
    counters = dict.fromkeys(CONTRACT_PREFIXES, 0)
    numbered: dict[str, DemoProcurement] = {}
    for p in sorted(built, key=lambda p: (p.contract_date or date.max, p.requested_on, p.key)):
        if p.contract_number in counters:
            counters[p.contract_number] += 1
            p = replace(
                p, contract_number=f"{p.contract_number} {counters[p.contract_number]}/{fiscal_year_be}"
            )
        numbered[p.key] = p
    return tuple(sorted(numbered.values(), key=lambda p: (p.requested_on, p.key)))


def _build_plan_items(
    rng: random.Random, announced_on: date, procurements: tuple[DemoProcurement, ...], texts: dict[str, int]
) -> tuple[DemoPlanItem, ...]:
    """Plan items with their e-GP plan codes (created when the plan is published) [U: code format]."""
    first_request: dict[str, date] = {}
    for p in procurements:
        if p.plan_item_key is not None and p.plan_item_key not in first_request:
            first_request[p.plan_item_key] = p.requested_on
    codes: set[str] = set()
    items: list[DemoPlanItem] = []
    for spec in PLAN:
        while True:
            code = (
                f"P{be_year(announced_on.year) % 100:02d}{announced_on.month:02d}{rng.randrange(10**7):07d}"
            )
            if code not in codes:
                codes.add(code)
                break
        items.append(
            DemoPlanItem(
                key=spec.key,
                name=spec.name.format(**texts),
                kind=spec.kind,
                budget=Decimal(spec.budget).quantize(_SATANG),
                budget_source=spec.source,
                category=spec.category,
                planned_method=spec.method,
                expected_month=first_request[spec.key].replace(day=1),
                egp_plan_code=code,
            )
        )
    # The plan table lists items in the order they are expected to be announced.
    return tuple(sorted(items, key=lambda item: item.expected_month))


def _as_of(p: DemoProcurement, up_to: date) -> DemoProcurement | None:
    """The procurement as it stood at the end of ``up_to``; None if not yet requested."""
    if p.requested_on > up_to:
        return None
    bids = tuple(b for b in p.bids if b.submitted_on is None or b.submitted_on <= up_to)
    invited_on = p.invited_on if p.invited_on is not None and p.invited_on <= up_to else None
    if p.awarded_on is None or p.awarded_on > up_to:
        return replace(
            p, bids=bids, invited_on=invited_on, winner_vendor_key=None, agreed_price=None, reason="",
            contract_number="", contract_date=None, awarded_on=None,
        )  # fmt: skip
    if p.contract_date is None or p.contract_date > up_to:
        return replace(p, bids=bids, invited_on=invited_on, contract_number="", contract_date=None)
    return replace(p, bids=bids, invited_on=invited_on)


def _build_corrections(procurements: tuple[DemoProcurement, ...]) -> tuple[DemoCorrection, ...]:
    """The corrections of the year, dated after the announcement each corrects (the invitation or
    the winner announcement of its procurement)."""
    by_key = {p.key: p for p in procurements}
    built = []
    for spec in CORRECTIONS:
        p = by_key[spec.procurement]
        corrected_on = p.invited_on if spec.corrects is AnnouncementKind.INVITATION else p.awarded_on
        if corrected_on is None:
            raise AssertionError(f"correction of {spec.procurement} corrects nothing")  # a template error
        built.append(
            DemoCorrection(
                procurement_key=p.key,
                kind=spec.kind.value,
                corrects=spec.corrects.value,
                announced_on=_add_workdays(corrected_on, spec.after),
                body=spec.body,
            )
        )
    return tuple(built)
