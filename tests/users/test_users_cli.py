"""`prakat user add` and `prakat user list`, run as an administrator runs them: in their own process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import DemoDatabase

PRAKAT = shutil.which("prakat", path=str(Path(sys.executable).parent)) or "prakat"


def run(url: str, *args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRAKAT_DATABASE_URL": url}
    return subprocess.run(
        [PRAKAT, *args],
        env=env,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_user_add_then_list(demo_database: DemoDatabase, tmp_path: Path) -> None:
    url = demo_database(None)  # as after `prakat demo`
    added = run(
        url,
        "user",
        "add",
        "--username",
        "Somchai.K",
        "--name",
        "นายสมชาย ใจดี",
        "--position",
        "ครูชำนาญการ",
        "--password-stdin",
        cwd=tmp_path,
        stdin="ลมหนาวพัดผ่านทุ่งนา\n",
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "created user somchai.k (ผู้ดูแลระบบ) at โรงเรียนบ้านหนองบัววิทยา"

    listed = run(url, "user", "list", "--school", "demo", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    header, *rows = _lines(listed.stdout)
    assert header == "โรงเรียนบ้านหนองบัววิทยา (demo)"
    # The demo's own four accounts are listed too; the new one sits among them in name order.
    listed_rows = [row.split("\t") for row in rows]
    assert ["  somchai.k", "admin (ผู้ดูแลระบบ)", "นายสมชาย ใจดี, ครูชำนาญการ"] in listed_rows
    assert [r[0].strip() for r in listed_rows] == sorted(
        ["admin", "director", "head", "officer", "somchai.k"]
    )
    assert run(url, "user", "list", cwd=tmp_path).stdout == listed.stdout  # the only school

    again = run(
        url,
        "user",
        "add",
        "--username",
        "somchai.k",
        "--name",
        "ซ้ำ",
        "--password-stdin",
        cwd=tmp_path,
        stdin="อีกรหัสหนึ่งที่ยาวพอ\n",
    )
    assert again.returncode == 1
    assert _lines(again.stderr) == ["ชื่อผู้ใช้: มีผู้ใช้ชื่อนี้แล้ว กรุณาเลือกชื่ออื่น (--username)"]


def test_bad_input_is_one_thai_line_per_field_and_no_traceback(
    demo_database: DemoDatabase, tmp_path: Path
) -> None:
    url = demo_database(None)  # as after `prakat demo`
    bad_role = run(
        url,
        "user",
        "add",
        "--username",
        "somchai",
        "--name",
        "นายสมชาย ใจดี",
        "--role",
        "boss",
        "--password-stdin",
        cwd=tmp_path,
        stdin="ลมหนาวพัดผ่านทุ่งนา\n",
    )
    assert bad_role.returncode == 1
    assert "Traceback" not in bad_role.stderr
    assert _lines(bad_role.stderr) == [
        "บทบาท: ต้องเป็นหนึ่งใน officer (เจ้าหน้าที่พัสดุ), head (หัวหน้าเจ้าหน้าที่), "
        "director (ผู้อำนวยการ), admin (ผู้ดูแลระบบ) (--role)"
    ]
    weak = run(
        url,
        "user",
        "add",
        "--username",
        "somchai",
        "--name",
        "นายสมชาย ใจดี",
        "--password-stdin",
        cwd=tmp_path,
        stdin="short\n",
    )
    assert weak.returncode == 1
    assert "Traceback" not in weak.stderr
    assert _lines(weak.stderr) == ["รหัสผ่าน: ต้องยาวอย่างน้อย 10 ตัวอักษร ใช้เป็นวลีที่จำง่ายก็ได้ (--password)"]
    listed = run(url, "user", "list", cwd=tmp_path)
    # Only the demo's accounts: nothing half-made by the refused commands.
    assert [line.split("\t")[0].strip() for line in _lines(listed.stdout)[1:]] == [
        "admin",
        "director",
        "head",
        "officer",
    ]


def test_user_add_needs_a_school(fresh_database_url: str, tmp_path: Path) -> None:
    done = run(
        fresh_database_url,
        "user",
        "add",
        "--username",
        "somchai",
        "--name",
        "นายสมชาย ใจดี",
        "--password-stdin",
        cwd=tmp_path,
        stdin="ลมหนาวพัดผ่านทุ่งนา\n",
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert _lines(done.stderr) == ["โรงเรียน: ยังไม่มีโรงเรียนในฐานข้อมูล (--school)"]
    unknown = run(fresh_database_url, "user", "list", "--school", "nowhere", cwd=tmp_path)
    assert (unknown.returncode, _lines(unknown.stderr)) == (1, ["ไม่พบโรงเรียน"])
