"""Template corner cases from issue 11, through the real CLI."""

import subprocess
import sys
from pathlib import Path

SUPPORT = Path(__file__).parent.parent / "_support" / "fidelity_tasks"


def _inv(*args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=SUPPORT, capture_output=True, text=True, timeout=60
    )


def test_override_whose_pre_names_the_base_task_is_a_reported_cycle() -> None:
    result = _inv("-c", "template_cycle", "special.start")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Cycle in pre/post tasks: special.start -> start")
    assert "binds to the override itself" in lines[0]
    assert "super().start(c)" in lines[0]
