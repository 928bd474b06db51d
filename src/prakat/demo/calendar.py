"""What the demo school plans and buys in a fiscal year, as templates: the plan items and the
procurements month by month, with their schedules. ``prakat.demo.data`` turns them into a year's
records (dates, prices, numbers); this module holds no randomness and no dates of its own.

Subjects may use the placeholders of ``data._year_texts`` ({ay}, {ay_prev}, {y_start}, {y_end}).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from prakat.rules import AnnouncementKind, BudgetCategory, BudgetSource, Method, ProcurementKind

Style = Literal["hundreds", "baht", "satang"]
_K, _BS, _BC, _Mth = ProcurementKind, BudgetSource, BudgetCategory, Method


@dataclass(frozen=True)
class PlanSpec:
    key: str
    name: str  # may use the placeholders of _year_texts
    kind: ProcurementKind
    budget: str
    source: BudgetSource
    category: BudgetCategory
    method: Method


@dataclass(frozen=True)
class Schedule:
    """Working days after the request: invitation (or None), bids, award, contract."""

    invite: int | None
    bids: int
    award: int
    contract: int


SPECIFIC_SMALL: Final = Schedule(None, 1, 2, 3)
SPECIFIC_CONTRACT: Final = Schedule(None, 2, 4, 6)
SAME_DAY: Final = Schedule(None, 0, 0, 0)


@dataclass(frozen=True)
class ProcSpec:
    key: str
    plan: str | None
    subject: str  # may use the placeholders of _year_texts
    budget: str
    month: int  # fiscal month of the request: 1 = October … 12 = September
    day: int  # day of the request, moved forward to a working day
    vendors: tuple[str, ...]  # the winner first
    style: Style = "baht"
    # Only for procurements outside the plan; a planned one takes these from its plan item.
    kind: ProcurementKind | None = None
    method: Method | None = None
    source: BudgetSource | None = None
    method_reason: str = ""
    schedule: Schedule | None = None


def w119(
    key: str,
    subject: str,
    kind: ProcurementKind,
    budget: str,
    month: int,
    day: int,
    vendor: str,
    style: Style,
) -> ProcSpec:
    """A ว 119 purchase for an event, training or meeting: bought, receipted and approved the same day."""
    return ProcSpec(
        key, None, subject, budget, month, day, (vendor,), style,
        kind=kind, method=Method.SPECIFIC_W119, source=BudgetSource.PER_HEAD_SUBSIDY,
    )  # fmt: skip


_OP, _INV = BudgetCategory.OPERATING, BudgetCategory.INVESTMENT
PLAN: Final[tuple[PlanSpec, ...]] = (
    PlanSpec("paper", "ซื้อกระดาษถ่ายเอกสาร A4", _K.BUY, "60000", _BS.PER_HEAD_SUBSIDY, _OP, _Mth.SPECIFIC),
    PlanSpec("ink", "ซื้อหมึกพิมพ์และวัสดุคอมพิวเตอร์", _K.BUY, "40000", _BS.PER_HEAD_SUBSIDY, _OP, _Mth.SPECIFIC),
    PlanSpec("office", "ซื้อวัสดุสำนักงาน", _K.BUY, "50000", _BS.PER_HEAD_SUBSIDY, _OP, _Mth.SPECIFIC),
    PlanSpec("cleaning", "ซื้อวัสดุทำความสะอาด", _K.BUY, "30000", _BS.PER_HEAD_SUBSIDY, _OP, _Mth.SPECIFIC),
    PlanSpec("copier", "เช่าเครื่องถ่ายเอกสาร", _K.RENT, "36300", _BS.PER_HEAD_SUBSIDY, _OP, _Mth.SPECIFIC),
    PlanSpec("lunch_s2", "จ้างเหมาประกอบอาหารกลางวันนักเรียน ภาคเรียนที่ 2 ปีการศึกษา {ay_prev}",
              _K.HIRE, "344520", _BS.LUNCH, _OP, _Mth.SPECIFIC),
    PlanSpec("lunch_s1", "จ้างเหมาประกอบอาหารกลางวันนักเรียน ภาคเรียนที่ 1 ปีการศึกษา {ay}",
              _K.HIRE, "407000", _BS.LUNCH, _OP, _Mth.SPECIFIC),
    PlanSpec("rice", "ซื้อวัตถุดิบประกอบอาหารกลางวัน (ข้าวสาร)", _K.BUY, "80000", _BS.LUNCH, _OP, _Mth.SPECIFIC),
    PlanSpec("textbooks", "ซื้อหนังสือเรียน ปีการศึกษา {ay}", _K.BUY, "186400",
              _BS.FREE_EDUCATION_TEXTBOOKS, _OP, _Mth.SPECIFIC),
    PlanSpec("uniforms", "ซื้อเครื่องแบบนักเรียน ปีการศึกษา {ay}", _K.BUY, "121500",
              _BS.FREE_EDUCATION_UNIFORMS, _OP, _Mth.SPECIFIC),
    PlanSpec("supplies", "ซื้ออุปกรณ์การเรียน ปีการศึกษา {ay}", _K.BUY, "92800",
              _BS.FREE_EDUCATION_LEARNING_MATERIALS, _OP, _Mth.SPECIFIC),
    PlanSpec("fieldtrip", "เช่ารถโดยสารไปทัศนศึกษา (กิจกรรมพัฒนาผู้เรียน)", _K.RENT, "48000",
              _BS.FREE_EDUCATION_ACTIVITIES, _OP, _Mth.SPECIFIC),
    PlanSpec("sports", "ซื้ออุปกรณ์กีฬา", _K.BUY, "25000", _BS.PER_HEAD_SUBSIDY, _OP, _Mth.SPECIFIC),
    PlanSpec("science", "ซื้อวัสดุวิทยาศาสตร์", _K.BUY, "30000", _BS.PER_HEAD_SUBSIDY, _OP, _Mth.SPECIFIC),
    PlanSpec("signs", "จ้างทำป้ายไวนิลประชาสัมพันธ์", _K.HIRE, "12000", _BS.PER_HEAD_SUBSIDY, _OP, _Mth.SPECIFIC),
    PlanSpec("ac_service", "จ้างซ่อมบำรุงเครื่องปรับอากาศ", _K.HIRE, "15000", _BS.PER_HEAD_SUBSIDY, _OP,
              _Mth.SPECIFIC),
    PlanSpec("electric", "ซื้อวัสดุไฟฟ้าและวิทยุ", _K.BUY, "15000", _BS.PER_HEAD_SUBSIDY, _OP, _Mth.SPECIFIC),
    PlanSpec("desks", "ซื้อโต๊ะเก้าอี้นักเรียน ระดับประถมศึกษา จำนวน 60 ชุด", _K.BUY, "96000",
              _BS.GOVERNMENT_BUDGET, _INV, _Mth.SPECIFIC),
    PlanSpec("meeting", "ซื้อชุดโต๊ะประชุม จำนวน 1 ชุด", _K.BUY, "45000", _BS.SCHOOL_INCOME, _INV, _Mth.SPECIFIC),
    PlanSpec("aircon", "ซื้อเครื่องปรับอากาศ แบบแยกส่วน ขนาด 24,000 บีทียู จำนวน 4 เครื่อง", _K.BUY, "140000",
              _BS.GOVERNMENT_BUDGET, _INV, _Mth.SPECIFIC),
    PlanSpec("cctv", "ซื้อกล้องวงจรปิดพร้อมติดตั้ง จำนวน 8 จุด", _K.BUY, "78000", _BS.SCHOOL_INCOME, _INV,
              _Mth.SPECIFIC),
    PlanSpec("wifi", "จ้างติดตั้งระบบเครือข่ายอินเทอร์เน็ตไร้สายภายในโรงเรียน", _K.HIRE, "65000", _BS.OTHER,
              _INV, _Mth.SPECIFIC),
    PlanSpec("roof", "จ้างซ่อมแซมหลังคาอาคารเรียน (อาคารแบบ สปช.105/29)", _K.CONSTRUCTION, "1250000",
              _BS.GOVERNMENT_BUDGET, _INV, _Mth.E_BIDDING),
    PlanSpec("bathroom", "จ้างปรับปรุงห้องน้ำนักเรียน จำนวน 1 หลัง", _K.CONSTRUCTION, "585000",
              _BS.GOVERNMENT_BUDGET, _INV, _Mth.E_BIDDING),
    PlanSpec("complab", "ซื้อครุภัณฑ์คอมพิวเตอร์สำหรับห้องปฏิบัติการคอมพิวเตอร์ จำนวน 41 ชุด", _K.BUY, "754000",
              _BS.GOVERNMENT_BUDGET, _INV, _Mth.E_MARKET),
    PlanSpec("bus", "จ้างเหมาบริการรถรับส่งนักเรียน ปีการศึกษา {ay}", _K.HIRE, "520000",
              _BS.GOVERNMENT_BUDGET, _OP, _Mth.SELECTION),
)  # fmt: skip

_BUS_REASON: Final = (
    "เนื่องจากผู้ประกอบการที่มีรถโดยสารตามคุณลักษณะที่กำหนดและให้บริการในพื้นที่มีจำนวนจำกัด ตามมาตรา 56 วรรคหนึ่ง (1) (ข)"
)

PROCUREMENTS: Final[tuple[ProcSpec, ...]] = (
    # October: the plan is out by mid-month; semester 2 is being prepared.
    w119("training", "ซื้อวัสดุอุปกรณ์สำหรับการอบรมเชิงปฏิบัติการพัฒนาครู", _K.BUY, "4850", 1, 16,
          "stationery", "satang"),
    ProcSpec("cleaning-1", "cleaning", "ซื้อวัสดุทำความสะอาด ภาคเรียนที่ 2 ปีการศึกษา {ay_prev}", "12000", 1, 17,
              ("cleaning",), "baht"),
    ProcSpec("rice-1", "rice", "ซื้อข้าวสารสำหรับประกอบอาหารกลางวันนักเรียน ภาคเรียนที่ 2 ปีการศึกษา {ay_prev} "
              "จำนวน 35 กระสอบ", "38500", 1, 20, ("rice",), "hundreds"),
    ProcSpec("copier", "copier", "เช่าเครื่องถ่ายเอกสาร จำนวน 1 เครื่อง ระยะเวลา 11 เดือน "
              "(พฤศจิกายน {y_start} - กันยายน {y_end})", "36300", 1, 21, ("copier",), "hundreds"),
    # November: semester 2 opens.
    ProcSpec("lunch-s2", "lunch_s2", "จ้างเหมาประกอบอาหารกลางวันนักเรียนระดับอนุบาลและประถมศึกษา "
              "ภาคเรียนที่ 2 ปีการศึกษา {ay_prev}", "344520", 2, 3, ("caterer",), "baht",
              schedule=SPECIFIC_CONTRACT),
    ProcSpec("paper-1", "paper", "ซื้อกระดาษถ่ายเอกสาร A4 80 แกรม จำนวน 150 รีม", "19800", 2, 10,
              ("stationery",), "hundreds"),
    ProcSpec("ink-1", "ink", "ซื้อหมึกพิมพ์เลเซอร์และหมึกเติมเครื่องพิมพ์", "14500", 2, 12, ("it_local",),
              "satang"),
    ProcSpec("wifi", "wifi", "จ้างติดตั้งระบบเครือข่ายอินเทอร์เน็ตไร้สาย (Wi-Fi) ภายในโรงเรียน จำนวน 12 จุด",
              "65000", 2, 17, ("it_local", "electric", "it_kk"), "baht"),
    # December: sports day.
    ProcSpec("sports", "sports", "ซื้ออุปกรณ์กีฬาสำหรับการเรียนการสอนและการแข่งขันกีฬาสี", "25000", 3, 1,
              ("sport",), "hundreds"),
    ProcSpec("cctv", "cctv", "ซื้อกล้องวงจรปิดพร้อมติดตั้ง จำนวน 8 จุด", "78000", 3, 8,
              ("it_local", "electric", "it_kk"), "baht"),
    w119("sportsday-tent", "เช่าเต็นท์และเครื่องเสียงสำหรับงานกีฬาสีภายในโรงเรียน", _K.RENT, "9500", 3, 15,
          "event", "hundreds"),
    ProcSpec("office-1", "office", "ซื้อวัสดุสำนักงาน ภาคเรียนที่ 2 ปีการศึกษา {ay_prev}", "18000", 3, 16,
              ("stationery",), "satang"),
    # January: children's day, furniture from the investment budget, the field trip, admissions.
    w119("childrensday-sign", "จ้างทำป้ายไวนิลงานวันเด็กแห่งชาติ ประจำปี {y_end}", _K.HIRE, "1800", 4, 6,
          "sign", "hundreds"),
    ProcSpec("desks", "desks", "ซื้อโต๊ะเก้าอี้นักเรียน ระดับประถมศึกษา จำนวน 60 ชุด", "96000", 4, 12,
              ("furniture", "furniture2"), "hundreds"),
    ProcSpec("fieldtrip", "fieldtrip", "เช่ารถโดยสารปรับอากาศไม่ประจำทาง จำนวน 3 คัน เพื่อนำนักเรียนไปทัศนศึกษา",
              "48000", 4, 14, ("bus1",), "hundreds"),
    ProcSpec("admissions-sign", "signs", "จ้างทำป้ายไวนิลประชาสัมพันธ์รับสมัครนักเรียน ปีการศึกษา {ay}", "8500",
              4, 20, ("sign",), "hundreds"),
    # February: the roof repair goes out to e-bidding; open house.
    ProcSpec("roof", "roof", "จ้างซ่อมแซมหลังคาอาคารเรียน (อาคารแบบ สปช.105/29) จำนวน 1 หลัง", "1250000", 5, 2,
              ("builder1", "builder2", "builder3", "builder4"), "baht", schedule=Schedule(5, 15, 22, 31)),
    ProcSpec("paper-2", "paper", "ซื้อกระดาษถ่ายเอกสาร A4 80 แกรม จำนวน 150 รีม", "19800", 5, 9,
              ("stationery",), "hundreds"),
    ProcSpec("ac-service", "ac_service", "จ้างซ่อมบำรุงและล้างเครื่องปรับอากาศ จำนวน 12 เครื่อง", "15000", 5, 11,
              ("aircon",), "hundreds"),
    w119("openhouse", "ซื้อวัสดุตกแต่งสถานที่งานวันวิชาการ", _K.BUY, "7250", 5, 16, "stationery", "satang"),
    # March: textbooks for the next academic year; graduation.
    ProcSpec("textbooks", "textbooks", "ซื้อหนังสือเรียน ปีการศึกษา {ay}", "186400", 6, 2, ("bookshop",), "satang",
              schedule=SPECIFIC_CONTRACT),
    w119("graduation", "ซื้อวัสดุจัดงานปัจฉิมนิเทศและมอบประกาศนียบัตรนักเรียน", _K.BUY, "5600", 6, 9,
          "stationery", "baht"),
    ProcSpec("office-2", "office", "ซื้อวัสดุสำนักงาน", "15000", 6, 16, ("stationery",), "baht"),
    # April: school break; nothing.
    # May: the new academic year.
    ProcSpec("bus", "bus", "จ้างเหมาบริการรถรับส่งนักเรียน ปีการศึกษา {ay}", "520000", 8, 4,
              ("bus1", "bus2", "bus3"), "hundreds", method_reason=_BUS_REASON,
              schedule=Schedule(2, 7, 9, 17)),
    ProcSpec("lunch-s1", "lunch_s1", "จ้างเหมาประกอบอาหารกลางวันนักเรียนระดับอนุบาลและประถมศึกษา "
              "ภาคเรียนที่ 1 ปีการศึกษา {ay}", "407000", 8, 7, ("caterer",), "baht", schedule=SPECIFIC_CONTRACT),
    ProcSpec("rice-2", "rice", "ซื้อข้าวสารสำหรับประกอบอาหารกลางวันนักเรียน ภาคเรียนที่ 1 ปีการศึกษา {ay} "
              "จำนวน 35 กระสอบ", "38500", 8, 8, ("rice",), "hundreds"),
    ProcSpec("uniforms", "uniforms", "ซื้อเครื่องแบบนักเรียน ปีการศึกษา {ay}", "121500", 8, 12,
              ("uniform", "uniform2"), "hundreds", schedule=SPECIFIC_CONTRACT),
    ProcSpec("supplies", "supplies", "ซื้ออุปกรณ์การเรียน ปีการศึกษา {ay}", "92800", 8, 13, ("stationery",),
              "satang"),
    ProcSpec("cleaning-2", "cleaning", "ซื้อวัสดุทำความสะอาด ภาคเรียนที่ 1 ปีการศึกษา {ay}", "12000", 8, 18,
              ("cleaning",), "baht"),
    # June: the computer laboratory by e-market.
    ProcSpec("complab", "complab", "ซื้อครุภัณฑ์คอมพิวเตอร์สำหรับห้องปฏิบัติการคอมพิวเตอร์ จำนวน 41 ชุด", "754000",
              9, 1, ("it_bkk", "it_bkk2", "it_kk"), "satang", schedule=Schedule(2, 6, 8, 16)),
    ProcSpec("science", "science", "ซื้อวัสดุวิทยาศาสตร์", "30000", 9, 8, ("science",), "satang"),
    ProcSpec("paper-3", "paper", "ซื้อกระดาษถ่ายเอกสาร A4 80 แกรม จำนวน 150 รีม", "19800", 9, 10,
              ("stationery",), "hundreds"),
    ProcSpec("ink-2", "ink", "ซื้อหมึกพิมพ์เลเซอร์และหมึกเติมเครื่องพิมพ์", "14500", 9, 15, ("it_local",), "satang"),
    # July: the toilet renovation goes out to e-bidding.
    ProcSpec("bathroom", "bathroom", "จ้างปรับปรุงห้องน้ำนักเรียน จำนวน 1 หลัง", "585000", 10, 6,
              ("builder2", "builder4", "builder1"), "baht", schedule=Schedule(5, 14, 20, 29)),
    ProcSpec("aircon", "aircon", "ซื้อเครื่องปรับอากาศ แบบแยกส่วน ขนาด 24,000 บีทียู จำนวน 4 เครื่อง", "140000",
              10, 8, ("aircon", "electric"), "satang", schedule=SPECIFIC_CONTRACT),
    ProcSpec("electric", "electric", "ซื้อวัสดุไฟฟ้าและวิทยุ", "15000", 10, 15, ("electric",), "baht"),
    w119("thai-day", "ซื้อวัสดุจัดกิจกรรมวันภาษาไทยแห่งชาติ", _K.BUY, "3200", 10, 20, "bookshop", "baht"),
    # August: science week.
    ProcSpec("meeting-table", "meeting", "ซื้อชุดโต๊ะประชุม จำนวน 1 ชุด (โต๊ะประชุมพร้อมเก้าอี้ 12 ตัว)", "45000",
              11, 4, ("furniture", "furniture2"), "hundreds"),
    w119("science-week", "ซื้อวัสดุจัดกิจกรรมสัปดาห์วิทยาศาสตร์แห่งชาติ", _K.BUY, "6800", 11, 17, "science",
          "satang"),
    # September: the end of the fiscal year.
    ProcSpec("office-3", "office", "ซื้อวัสดุสำนักงาน", "12000", 12, 3, ("stationery",), "hundreds"),
    w119("board-meeting", "ซื้อวัสดุสำหรับการประชุมคณะกรรมการสถานศึกษาขั้นพื้นฐาน", _K.BUY, "2950", 12, 10,
          "stationery", "baht"),
)  # fmt: skip


@dataclass(frozen=True)
class CorrectionSpec:
    """A published announcement corrected or cancelled afterwards, as a real year has a few."""

    procurement: str  # ProcSpec key
    kind: AnnouncementKind  # the correction's kind
    corrects: AnnouncementKind  # the kind of the announcement it corrects
    after: int  # working days after the announcement it corrects
    body: str  # the reason, as the correction states it


CORRECTIONS: Final[tuple[CorrectionSpec, ...]] = (
    # The roof repair's invitation changes: the drawings are revised and the bidding date moves.
    CorrectionSpec(
        "roof",
        AnnouncementKind.INVITATION_CHANGE,
        AnnouncementKind.INVITATION,
        3,
        "เนื่องจากได้แก้ไขแบบรูปรายการงานก่อสร้าง (รายละเอียดโครงหลังคาและวัสดุมุง) "
        "และขยายกำหนดวันยื่นข้อเสนอและเสนอราคาออกไปอีก 7 วัน ส่วนรายละเอียดอื่นคงเดิม",
    ),
    # The field trip's bus company withdraws after its winner announcement; the trip is postponed.
    CorrectionSpec(
        "fieldtrip",
        AnnouncementKind.WINNER_CANCEL,
        AnnouncementKind.WINNER,
        1,
        "เนื่องจากผู้ได้รับการคัดเลือกแจ้งเป็นหนังสือว่าไม่สามารถจัดรถโดยสารตามวันเวลาที่กำหนดได้ "
        "และโรงเรียนเลื่อนการไปทัศนศึกษาออกไป",
    ),
)
