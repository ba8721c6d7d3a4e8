"""The officer's daily loop at a real terminal: interrupts and blank answers at prompts.

CliRunner's stdin is no terminal, so the prompts are tested here through a
pseudo-terminal (pexpect), as the officer meets them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from track_helpers import add_activity, copy_plan, process_env

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def _spawn(*args: object, lang: str = "en") -> object:
    env = process_env()
    env["GGOV_PLAN_LANG"] = lang
    env["COLUMNS"] = "100"
    return pexpect.spawn(
        sys.executable,
        ["-m", "ggov_plan", *(str(a) for a in args)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )


def _finish(child: object) -> tuple[str, int]:
    child.expect(pexpect.EOF)  # type: ignore[attr-defined]
    child.close()  # type: ignore[attr-defined]
    return child.before, child.exitstatus  # type: ignore[attr-defined]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = copy_plan(tmp_path)
    add_activity(path, "--title", "Phóng sự truyền hình", "--due", "2017-11-30")
    return path


def test_ctrl_c_at_the_activity_prompt_exits_130_and_writes_nothing(plan: Path) -> None:
    before = plan.read_bytes()
    child = _spawn("record", "--date", "2017-10-01", "-p", plan)
    child.expect("Activity")  # type: ignore[attr-defined]
    child.sendintr()  # type: ignore[attr-defined]
    output, status = _finish(child)
    assert status == 130, output
    assert "Stopped; nothing was written to the plan." in output
    assert "Aborted!" not in output
    assert plan.read_bytes() == before


def test_ctrl_c_speaks_vietnamese_under_lang_vi(plan: Path) -> None:
    before = plan.read_bytes()
    child = _spawn("record", "--date", "2017-10-01", "-p", plan, "--lang", "vi")
    child.expect("Hoạt động")  # type: ignore[attr-defined]
    child.sendintr()  # type: ignore[attr-defined]
    output, status = _finish(child)
    assert status == 130, output
    # On a line of its own, not after the prompt.
    assert "\nĐã dừng; không ghi gì vào kế hoạch." in output.replace("\r", "")
    assert plan.read_bytes() == before


def test_ctrl_d_at_a_prompt_exits_130(plan: Path) -> None:
    before = plan.read_bytes()
    child = _spawn("record", "--date", "2017-10-01", "-p", plan)
    child.expect("Activity")  # type: ignore[attr-defined]
    child.sendeof()  # type: ignore[attr-defined]
    output, status = _finish(child)
    assert status == 130, output
    assert "Stopped; nothing was written" in output
    assert plan.read_bytes() == before


def test_a_blank_reason_is_asked_again(plan: Path) -> None:
    activity = add_activity(plan, "--title", "Tờ rơi", "--due", "2017-11-30")
    child = _spawn("activity", "cancel", activity, "--by", "tester", "-p", plan)
    child.expect("Reason")  # type: ignore[attr-defined]
    child.sendline("   ")  # type: ignore[attr-defined]
    child.expect("Reason")  # type: ignore[attr-defined]
    child.sendline("Gộp vào chuyên mục khác")  # type: ignore[attr-defined]
    output, status = _finish(child)
    assert status == 0, output
    assert "--reason" not in output
    assert "Gộp vào chuyên mục khác" in plan.read_text(encoding="utf-8")


def test_ctrl_c_at_the_reason_prompt_cancels_nothing(plan: Path) -> None:
    activity = add_activity(plan, "--title", "Tờ rơi", "--due", "2017-11-30")
    before = plan.read_bytes()
    child = _spawn("activity", "cancel", activity, "-p", plan, lang="vi")
    child.expect("Lý do")  # type: ignore[attr-defined]
    child.sendintr()  # type: ignore[attr-defined]
    output, status = _finish(child)
    assert status == 130, output
    assert "Đã dừng" in output
    assert plan.read_bytes() == before
