"""Piccolo tables for the whole Prakat model.

Conventions, because both engines must behave the same:
- every row belongs to a school (``school`` foreign key), so one database can host an area office;
- money is stored as integer satang (``*_satang`` BigInt): SQLite keeps Numeric as REAL and loses
  scale and precision, integers are exact on both engines (see prakat.money);
- timestamps are Timestamptz and must be timezone-aware when written (prakat.clock refuses naive ones);
- foreign keys RESTRICT deletes: published and audited records must never vanish by cascade;
- nullable columns say ``default=None`` or Piccolo silently stores 0 / ''.
- ``id`` is declared on each table (Piccolo would add the same Serial itself) so mypy sees it;
- uniqueness over several columns is a unique index made by a hand-written migration
  (UNIQUE_INDEXES below): SQLite cannot ALTER TABLE ADD CONSTRAINT, which Piccolo's Unique emits.
"""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    BigInt,
    Boolean,
    Bytea,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    SmallInt,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table


def _fk(table: type[Table] | str, *, null: bool = False) -> ForeignKey:  # type: ignore[type-arg]
    return ForeignKey(references=table, on_delete=OnDelete.restrict, null=null, default=None)


class School(Table, tablename="school"):
    id = Serial(primary_key=True)
    slug = Varchar(length=64, unique=True)  # appears in every public URL: never changes
    name = Varchar(length=255)  # โรงเรียน…
    agency_type = Varchar(length=100, default="สถานศึกษา")
    ministry = Varchar(length=255, default="กระทรวงศึกษาธิการ")
    area_office = Varchar(length=255, default="")  # สำนักงานเขตพื้นที่การศึกษา…
    address = Text(default="")
    subdistrict = Varchar(length=100, default="")
    district = Varchar(length=100, default="")
    province = Varchar(length=100, default="")
    phone = Varchar(length=100, default="")
    email = Varchar(length=255, default="")
    website = Varchar(length=255, default="")
    egp_dept_id = Varchar(length=10, default="")
    egp_deptsub_id = Varchar(length=10, default="")
    director_name = Varchar(length=255, default="")
    director_position = Varchar(length=255, default="ผู้อำนวยการโรงเรียน")
    delegation_text = Text(default="")  # e.g. "ปฏิบัติราชการแทน…" when signing under delegation
    officer_name = Varchar(length=255, default="")
    officer_position = Varchar(length=255, default="เจ้าหน้าที่")
    head_name = Varchar(length=255, default="")
    head_position = Varchar(length=255, default="หัวหน้าเจ้าหน้าที่")
    emblem_path = Varchar(length=500, null=True, default=None)
    review_by_head = Boolean(default=False)
    created_at = Timestamptz()
    # Which websites may show the embed in a frame: "" = any site, else origins one per line
    # (https://www.school.ac.th); becomes the embed's CSP frame-ancestors.
    embed_origins = Text(default="")
    # The ITA criteria the school is assessed under (an ItaVariant.code, e.g. "agency", "vocational"),
    # and how many days after a month ends the dashboard starts warning that its summary is missing.
    ita_variant = Varchar(length=30, default="agency")
    summary_grace_days = Integer(default=15)


class FiscalYear(Table, tablename="fiscal_year"):
    id = Serial(primary_key=True)
    school = _fk(School)
    year_be = Integer()
    budget_allocated_on = Date(null=True, default=None)  # starts the 30-working-day plan clock


class Plan(Table, tablename="plan"):
    """One revision of a fiscal year's procurement plan; revision 0 is the original."""

    id = Serial(primary_key=True)

    school = _fk(School)
    fiscal_year = _fk(FiscalYear)
    revision = Integer(default=0)
    status = Varchar(length=20, default="draft")
    note = Text(default="")
    created_at = Timestamptz()
    published_at = Timestamptz(null=True, default=None)


class PlanItem(Table, tablename="plan_item"):
    id = Serial(primary_key=True)
    school = _fk(School)
    plan = _fk(Plan)
    position = Integer()  # order in the plan table (ลำดับ)
    egp_plan_code = Varchar(length=30, default="")  # รหัสแผนจัดซื้อจัดจ้าง
    name = Varchar(length=500)
    kind = Varchar(length=20, default="buy")
    budget_satang = BigInt()
    budget_source = Varchar(length=40, default="")
    category = Varchar(length=40, default="")
    planned_method = Varchar(length=40, default="")
    expected_month = Date()  # first day of the month it is expected to be announced


class Vendor(Table, tablename="vendor"):
    id = Serial(primary_key=True)
    school = _fk(School)
    name = Varchar(length=255)
    tax_id = Varchar(length=13)
    business_type = Varchar(length=20, default="retail")  # the first of business_types (before 0008: the one)
    business_types = Varchar(length=100, default="")  # BusinessType values, comma-separated (rules.vendors)
    address = Text(default="")
    phone = Varchar(length=100, default="")
    created_at = Timestamptz()


class Procurement(Table, tablename="procurement"):
    id = Serial(primary_key=True)
    school = _fk(School)
    fiscal_year = _fk(FiscalYear)
    plan_item = _fk(PlanItem, null=True)
    kind = Varchar(length=20, default="buy")
    subject = Varchar(length=500)
    method = Varchar(length=40)
    method_reason = Text(default="")  # required when the method needs a stated reason
    legal_clause = Text(default="")  # filled from the dated rules when the method is chosen
    budget_satang = BigInt()
    reference_price_satang = BigInt(null=True, default=None)
    budget_source = Varchar(length=40, default="")
    egp_project_number = Varchar(length=11, null=True, default=None)
    requested_on = Date()
    status = Varchar(length=20, default="draft")
    created_at = Timestamptz()
    updated_at = Timestamptz()
    # What the invitation, the draft hearing and the reference-price form print, typed by the officer
    # (prakat.procurements.requirements says which announcement needs which). Lists: one item a line.
    bidder_qualifications = Text(default="")
    bid_on = Date(null=True, default=None)  # the day bids are submitted through e-GP
    bid_from = Varchar(length=5, default="")  # "09:00"
    bid_until = Varchar(length=5, default="")
    documents_from = Date(null=True, default=None)  # the tender documents can be downloaded from…
    documents_until = Date(null=True, default=None)
    inquiry = Text(default="")  # how to ask questions
    hearing_from = Date(null=True, default=None)  # the draft TOR is open for comment from…
    hearing_until = Date(null=True, default=None)
    draft_location = Text(default="")
    comment_channel = Text(default="")
    price_set_on = Date(null=True, default=None)  # the day the reference price was set
    price_setters = Text(default="")  # who set it (the committee), one a line
    price_sources = Text(default="")  # where it comes from, one a line
    work_outline = Text(default="")  # ลักษณะงานโดยสังเขป (construction, บก.01)


class Bid(Table, tablename="bid"):
    id = Serial(primary_key=True)
    school = _fk(School)
    procurement = _fk(Procurement)
    vendor = _fk(Vendor)
    amount_satang = BigInt()
    submitted_on = Date(null=True, default=None)


class Award(Table, tablename="award"):
    id = Serial(primary_key=True)
    school = _fk(School)
    procurement = ForeignKey(references=Procurement, on_delete=OnDelete.restrict, unique=True)
    bid = _fk(Bid)  # the winner is always one of the procurement's bids
    vendor = _fk(Vendor)
    agreed_price_satang = BigInt()
    vat_included = Boolean(default=True)
    reason = Text(default="")
    contract_number = Varchar(length=100, default="")
    contract_date = Date(null=True, default=None)
    awarded_on = Date()
    created_at = Timestamptz()


class User(Table, tablename="app_user"):
    """An account at one school; ``role`` is officer, head, director or admin."""

    id = Serial(primary_key=True)

    school = _fk(School)
    username = Varchar(length=100, unique=True)
    display_name = Varchar(length=255)
    position = Varchar(length=255, default="")
    role = Varchar(length=20)
    password_hash = Varchar(length=255, default="")
    active = Boolean(default=True)
    created_at = Timestamptz()


class Announcement(Table, tablename="announcement"):
    """An announcement from its draft to its publication; the unit the director approves.

    Workflow: draft -> submitted -> (reviewed, when the school asks its head to review) -> published,
    or back to returned (with a comment) and on again. ``snapshot`` is the canonical content taken at
    submission: the director approves exactly that, and it is what stays public, whatever happens to
    the live records afterwards.
    """

    id = Serial(primary_key=True)
    school = _fk(School)
    fiscal_year = _fk(FiscalYear)
    kind = Varchar(length=30)  # prakat.rules AnnouncementKind; maps to the e-GP code
    procurement = _fk(Procurement, null=True)
    plan = _fk(Plan, null=True)
    supersedes = _fk("self", null=True)
    # The fiscal quarter (1-4) a quarterly winners announcement covers; None for every other kind.
    quarter = SmallInt(null=True, default=None)
    # The calendar month (1-12) a monthly summary (แบบ สขร.1) covers, inside its fiscal year; None for
    # every other kind.
    month = SmallInt(null=True, default=None)
    number = Varchar(length=50, default="")  # เลขที่ประกาศ, e.g. "12/2569", given at publication
    subject = Varchar(length=500)
    body = Text(default="")  # the officer's own words where the kind has any (reason of a change…)
    announced_on = Date()
    status = Varchar(length=20, default="draft")
    signer_name = Varchar(length=255, default="")
    signer_position = Varchar(length=255, default="")
    signer_delegation = Text(default="")
    snapshot = JSON(null=True, default=None)
    pdf_sha256 = Varchar(length=64, null=True, default=None)
    sequence = Integer(null=True, default=None)  # per-school publication order, gap-free
    published_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    prepared_by = _fk(User, null=True)
    submitted_at = Timestamptz(null=True, default=None)
    reviewed_by = _fk(User, null=True)
    reviewed_at = Timestamptz(null=True, default=None)
    approved_by = _fk(User, null=True)
    return_comment = Text(default="")


class AuditEvent(Table, tablename="audit_event"):
    id = Serial(primary_key=True)
    school = _fk(School)
    user = _fk(User, null=True)  # None for the command line and the system itself
    at = Timestamptz()
    action = Varchar(length=50)  # create, update, delete, submit, approve, return, publish…
    entity = Varchar(length=50)  # table name
    entity_id = Integer()
    before = JSON(null=True, default=None)
    after = JSON(null=True, default=None)
    note = Text(default="")


class PdfFile(Table, tablename="pdf_file"):
    """Rendered PDF bytes, stored once per content: announcements refer to them by SHA-256. Written at
    publication and never updated (rendering runs once; the bytes are what was published)."""

    id = Serial(primary_key=True)
    school = _fk(School)
    sha256 = Varchar(length=64, unique=True)
    data = Bytea()
    size = Integer()
    created_at = Timestamptz()


class ItaVariant(Table, tablename="ita_variant"):
    """One list of ITA criteria: an assessment year (B.E.) and a variant (agency, vocational…), as
    the school's admin keeps it. Seeded from prakat.ita.seed on first use; edited in the workspace."""

    id = Serial(primary_key=True)
    school = _fk(School)
    year_be = Integer()  # the ITA assessment year
    code = Varchar(length=30)  # "agency", "vocational": what the school profile chooses
    title = Varchar(length=255)
    created_at = Timestamptz()


class ItaItem(Table, tablename="ita_item"):
    """One item of a criteria list (O11, O19…): which fiscal year it covers and what evidence satisfies
    it (prakat.ita.evidence: a closed set the check knows)."""

    id = Serial(primary_key=True)
    school = _fk(School)
    variant = _fk(ItaVariant)
    position = Integer()
    code = Varchar(length=20)  # O11
    title = Varchar(length=500)
    covers = Varchar(length=20, default="current")  # "current" or "previous" fiscal year
    evidence = Varchar(length=200)  # evidence kinds, space-separated
    months_from = SmallInt(default=1)  # fiscal months (1 = October) the monthly summaries must cover
    months_to = SmallInt(default=12)
    opens_on = Date(null=True, default=None)  # when the assessment window opens (the dashboard warns)
    note = Text(default="")


# The ITA tables' own unique indexes, made by the migration "ita criteria" (prakat_0011_ita):
# (school, year_be, code) of ita_variant and (variant, code) of ita_item.


class AnnualReportText(Table, tablename="annual_report_text"):
    """A part of the annual procurement report that the school writes itself (risk analysis, problems
    and obstacles, budget savings, improvements for next year), one row per school, fiscal year and
    part; written through prakat.reports.texts (audited). Submitting the report copies the text into
    its snapshot: what is published never changes with this row."""

    id = Serial(primary_key=True)
    school = _fk(School)
    fiscal_year = _fk(FiscalYear)
    part = Varchar(length=30)  # prakat.reports.texts.Part
    text = Text(default="")
    updated_at = Timestamptz()
    updated_by = _fk(User, null=True)


# (index name, table, columns): created by the migration "unique indexes", checked by the tests.
UNIQUE_INDEXES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fiscal_year_school_year", "fiscal_year", ("school", "year_be")),
    ("plan_year_revision", "plan", ("fiscal_year", "revision")),
    ("plan_item_plan_position", "plan_item", ("plan", "position")),
    ("vendor_school_tax_id", "vendor", ("school", "tax_id")),
    ("bid_procurement_vendor", "bid", ("procurement", "vendor")),
    ("announcement_school_sequence", "announcement", ("school", "sequence")),
)


class UserSession(Table, tablename="user_session"):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    id = Serial(primary_key=True)
    school = _fk(School)
    user = _fk(User)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    last_seen_at = Timestamptz()


class ApiToken(Table, tablename="api_token"):
    """A personal token for scripts and other systems; acts with its user's role."""

    id = Serial(primary_key=True)
    school = _fk(School)
    user = _fk(User)
    name = Varchar(length=100)
    token_hash = Varchar(length=64, unique=True)
    prefix = Varchar(length=16)  # shown in lists so a person can tell tokens apart
    created_at = Timestamptz()
    last_used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)


class LoginAttempt(Table, tablename="login_attempt"):
    """Failed sign-ins, for rate limiting. Not school data: the school is unknown before sign-in."""

    id = Serial(primary_key=True)
    key = Varchar(length=64, index=True)  # SHA-256 of the normalised username and client address
    at = Timestamptz()


# In dependency order (a table after every table it references).
ALL_TABLES: tuple[type[Table], ...] = (
    School,
    FiscalYear,
    Plan,
    PlanItem,
    Vendor,
    Procurement,
    Bid,
    Award,
    User,
    Announcement,
    AuditEvent,
    UserSession,
    ApiToken,
    LoginAttempt,
    PdfFile,
    ItaVariant,
    ItaItem,
    AnnualReportText,
)
