"""At a real terminal, ``record`` and ``activity add`` ask for everything not given.

Each question shows its default; a blank answer takes it, and a blank answer
to a question without one asks again. Then the write is shown and confirmed
(``Write? [Y/n]``): ``n`` writes nothing and exits 0. Tested through a
pseudo-terminal (pexpect), as the officer meets them.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from track_helpers import add_activity, copy_plan, process_env

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def _spawn(*args: object, lang: str = "en", today: str = "2017-12-31") -> object:
    env = process_env()
    env["GGOV_PLAN_LANG"] = lang
    env["GGOV_PLAN_TODAY"] = today
    env["COLUMNS"] = "100"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ggov_plan", *(str(a) for a in args)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    child.logfile_read = io.StringIO()  # the whole session, for the assertions at the end
    return child


def _answer(child: object, prompt: str, answer: str) -> None:
    child.expect_exact(prompt)  # type: ignore[attr-defined]
    child.sendline(answer)  # type: ignore[attr-defined]


def _finish(child: object) -> tuple[str, int]:
    child.expect(pexpect.EOF)  # type: ignore[attr-defined]
    child.close()  # type: ignore[attr-defined]
    session = child.logfile_read.getvalue()  # type: ignore[attr-defined]
    return session.replace("\r", ""), child.exitstatus  # type: ignore[attr-defined]


@pytest.fixture
def plan(tmp_path: Path) -> tuple[Path, str]:
    path = copy_plan(tmp_path)
    ident = add_activity(
        path,
        *("--title", "Phóng sự truyền hình", "--target", "4", "--unit", "phóng sự"),
        *("--cost", "20 triệu", "--source", "ngan-sach-tinh", "--due", "2017-11-30"),
    )
    return path, ident


def test_record_asks_everything_with_what_remains(plan: tuple[Path, str]) -> None:
    path, _ = plan
    child = _spawn("record", "--by", "tester", "-p", path, lang="vi")
    _answer(child, "Hoạt động (số thứ tự, mã hoặc một phần tên):", "phong su truyen")
    _answer(child, "Ngày thực hiện [31/12/2017]:", "01/10/2017")
    _answer(child, "Số lượng đã làm (còn 4/4 phóng sự) [1]:", "3")
    _answer(
        child,
        "Số tiền đã chi, đồng (kinh phí còn 20.000.000 đ; Ngân sách tỉnh còn 163.000.000 đ) [0]:",
        "15 triệu",
    )
    _answer(child, "Minh chứng: đường dẫn hoặc văn bản (để trống: không có):", "THTG 1/10")
    _answer(child, "Ghi chú (để trống: không có):", "")
    child.expect_exact("Đã chi:     15.000.000 đ")  # type: ignore[attr-defined]
    _answer(child, "Ghi? [Y/n]:", "")
    output, status = _finish(child)
    assert status == 0, output
    text = path.read_text(encoding="utf-8")
    assert "quantity = 3" in text and "spent = 15000000" in text
    block = text.split("[[completion]]")[-1]
    assert 'evidence = "THTG 1/10"' in block and "note =" not in block
    # Then what it did, at the terminal.
    assert "3/4 phóng sự, đã chi 15.000.000 / 20.000.000 đ" in output


def test_record_asks_only_what_was_not_given(plan: tuple[Path, str]) -> None:
    path, ident = plan
    child = _spawn("record", ident, "--qty", "1", "--spent", "0", "--date", "2017-10-01",
                   "--evidence", "x", "-p", path)  # fmt: skip
    _answer(child, "Note (blank: none):", "họp")
    child.expect_exact("Quantity: 1 phóng sự")  # type: ignore[attr-defined]
    _answer(child, "Write? [Y/n]:", "y")
    output, status = _finish(child)
    assert status == 0, output
    assert "Date done" not in output and "Quantity done" not in output
    assert 'note = "họp"' in path.read_text(encoding="utf-8")


def test_everything_given_asks_nothing(plan: tuple[Path, str]) -> None:
    path, ident = plan
    child = _spawn("record", ident, "--qty", "1", "--spent", "0", "--date", "2017-10-01",
                   "--evidence", "x", "--note", "y", "-p", path)  # fmt: skip
    output, status = _finish(child)
    assert status == 0, output
    assert "Write?" not in output
    assert output.startswith(f"{ident}-"), output


def test_the_date_defaults_to_the_plans_end_once_it_is_past(plan: tuple[Path, str]) -> None:
    path, ident = plan
    child = _spawn("record", ident, "-p", path, today="2018-02-01")
    _answer(child, "Date done [2017-12-31]:", "")
    _answer(child, "Quantity done (4 of 4 phóng sự to go) [1]:", "")
    _answer(child, "[0]:", "")
    _answer(child, "Evidence", "")
    _answer(child, "Note", "")
    child.expect_exact("Date:     2017-12-31")  # type: ignore[attr-defined]
    _answer(child, "Write? [Y/n]:", "yes")
    output, status = _finish(child)
    assert status == 0, output
    block = path.read_text(encoding="utf-8").split("[[completion]]")[-1]
    assert "date = 2017-12-31" in block


def test_no_writes_nothing_and_exits_0(plan: tuple[Path, str]) -> None:
    path, ident = plan
    before = path.read_bytes()
    child = _spawn("record", ident, "--date", "2017-10-01", "-p", path, lang="vi")
    for prompt in ("Số lượng", "Số tiền", "Minh chứng", "Ghi chú"):
        _answer(child, prompt, "")
    _answer(child, "Ghi? [Y/n]:", "có chứ")  # not an answer: asked again
    _answer(child, "Ghi? [Y/n]:", "k")
    output, status = _finish(child)
    assert status == 0, output
    assert "trả lời y hoặc c (có), n hoặc k (không)" in output
    assert output.rstrip().endswith("ggov-plan: không ghi gì vào kế hoạch")
    assert path.read_bytes() == before


def test_a_bad_answer_is_asked_again_with_the_options_message(plan: tuple[Path, str]) -> None:
    path, _ = plan
    child = _spawn("record", "-p", path)
    _answer(child, "Activity (number, id or part of its name):", "no such thing")
    _answer(child, "Activity (number, id or part of its name):", "   ")
    child.expect_exact("choose 1–1")  # type: ignore[attr-defined]
    _answer(child, "Activity (number, id or part of its name):", "1")
    _answer(child, "Date done [2017-12-31]:", "31/02/2017")
    _answer(child, "Date done [2017-12-31]:", "2017-10-01")
    _answer(child, "Quantity", "")
    _answer(child, "Money spent", "lots")
    _answer(child, "Money spent", "5.000.000")
    _answer(child, "Evidence", "")
    _answer(child, "Note", "")
    _answer(child, "Write? [Y/n]:", "n")
    output, status = _finish(child)
    assert status == 0, output
    assert "no such thing" in output.split("choose 1–1")[0]
    assert "--date" in output and "--spent" in output
    assert "nothing written" in output


def test_ctrl_d_at_the_confirmation_exits_130(plan: tuple[Path, str]) -> None:
    path, ident = plan
    before = path.read_bytes()
    child = _spawn("record", ident, "--qty", "1", "--spent", "0", "--evidence", "x",
                   "--note", "y", "-p", path)  # fmt: skip
    _answer(child, "Date done", "")
    child.expect_exact("Write? [Y/n]:")  # type: ignore[attr-defined]
    child.sendeof()  # type: ignore[attr-defined]
    output, status = _finish(child)
    assert status == 130, output
    assert path.read_bytes() == before


def test_activity_add_asks_everything(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    child = _spawn("activity", "add", "-p", path, lang="vi")
    _answer(child, "Nhiệm vụ (số thứ tự, mã hoặc một phần tên):", "v1-san-xuat")
    _answer(child, "Tên hoạt động:", "   ")  # blank: asked again
    _answer(child, "Tên hoạt động:", "Tọa đàm trực tuyến")
    _answer(child, "Hạn hoàn thành (để trống: không có):", "30/11/2017")
    _answer(child, "Số lượng mục tiêu [1]:", "2")
    _answer(child, "Đơn vị tính, ví dụ 'phóng sự' (để trống: không có):", "buổi")
    _answer(child, "Kinh phí dự kiến, đồng [0]:", "1,5 triệu")
    _answer(child, "Nguồn kinh phí: ngan-sach-tinh, xa-hoi-hoa (để trống: không có):", "xa hoi")
    child.expect_exact("Nguồn kinh phí: Nguồn xã hội hóa")  # type: ignore[attr-defined]
    _answer(child, "Ghi? [Y/n]:", "c")
    output, status = _finish(child)
    assert status == 0, output
    text = path.read_text(encoding="utf-8")
    assert 'title = "Tọa đàm trực tuyến"' in text
    assert "due = 2017-11-30" in text and "target = 2" in text and 'unit = "buổi"' in text
    assert "cost = 1500000" in text and 'source = "xa-hoi-hoa"' in text
    assert "Tọa đàm trực tuyến: 0/2 buổi, đã chi 0 / 1.500.000 đ" in output


def test_activity_add_with_its_options_asks_only_the_rest(tmp_path: Path) -> None:
    path = copy_plan(tmp_path)
    child = _spawn("activity", "add", "--task", "v1-truong-hoc", "--title", "Tờ rơi",
                   "--due", "2017-11-30", "--target", "3", "--unit", "đợt", "-p", path)  # fmt: skip
    _answer(child, "Planned cost, đồng [0]:", "")
    _answer(child, "Funding source", "")
    child.expect_exact("Source: none")  # type: ignore[attr-defined]
    _answer(child, "Write? [Y/n]:", "")
    output, status = _finish(child)
    assert status == 0, output
    assert "Task" not in output.split("Planned cost")[0]
    assert 'title = "Tờ rơi"' in path.read_text(encoding="utf-8")
