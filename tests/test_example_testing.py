"""examples/testing, end to end: the real ``inv`` runs real unittest suites.

Every test runs the installed ``inv`` on the example in a subprocess and
checks what unittest printed and the exit code ``inv`` ended with. The
suites are unittest runs that finish on their own; nothing outlives them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "testing"
INV = Path(sys.executable).parent / "inv"


def _inv(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("INVOKE_")}
    # No bytecode in the repository's example directory from these runs.
    clean.update(HOME=str(tmp_path), PYTHONDONTWRITEBYTECODE="1", **env)
    return subprocess.run(
        [str(INV), "-r", str(EXAMPLE), *args], capture_output=True, text=True, env=clean, timeout=60
    )


def test_every_suite_passes_and_inv_exits_0(tmp_path: Path):
    result = _inv(tmp_path, "test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "calc: python -m unittest discover -s tests -t . -p test*.py",
        "calc: tests passed",
        "textkit: python -m unittest discover -s tests -t . -p test*.py",
        "textkit: tests passed",
        "test: 2 suites passed",
    ]
    assert "Ran 4 tests" in result.stderr and "Ran 2 tests" in result.stderr


def test_a_failing_suite_makes_inv_exit_with_unittests_code(tmp_path: Path):
    result = _inv(tmp_path, "calc.test", "--failing")
    assert result.returncode == 1
    assert "FAIL: test_add_is_wrong_on_purpose" in result.stderr
    assert "FAILED (failures=1)" in result.stderr
    assert result.stderr.rstrip().endswith("calc: tests failed (unittest exited 1)")
    # The same suite run by hand ends the same way: inv passes its code on.
    direct = subprocess.run(
        [sys.executable, "-m", "unittest", "discover", "-s", "tests_failing", "-t", "."],
        cwd=EXAMPLE / "projects" / "calc", capture_output=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )
    assert direct.returncode == result.returncode


def test_the_fleet_task_runs_every_suite_and_names_the_failures(tmp_path: Path):
    result = _inv(tmp_path, "test", "--failing")
    assert result.returncode == 1
    assert "FAIL: test_add_is_wrong_on_purpose" in result.stderr
    assert "FAIL: test_slug_is_wrong_on_purpose" in result.stderr
    assert result.stdout.splitlines()[-1] == "textkit: tests failed (unittest exited 1)"
    assert result.stderr.rstrip().endswith("test: 2 of 2 suites failed (calc, textkit)")
    # One passing suite and one failing one: the run still fails.
    mixed = _inv(tmp_path, "calc.test", "textkit.test", "--failing")
    assert mixed.returncode == 1
    assert "calc: tests passed" in mixed.stdout


def test_flags_and_the_remainder_reach_unittest(tmp_path: Path):
    result = _inv(tmp_path, "calc.test", "--verbose", "--", "-k", "mean")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "calc: python -m unittest discover -s tests -t . -p test*.py -v -k mean"
    assert "test_mean (tests.test_calc.TestMean" in result.stderr
    assert "test_add" not in result.stderr
    assert "Ran 2 tests" in result.stderr
    # -p chooses files; a file pattern matching nothing runs nothing.
    none = _inv(tmp_path, "textkit.test", "--pattern", "nothing*.py")
    assert "Ran 0 tests" in none.stderr
    # unittest rejecting the remainder exits 2, and so does inv.
    bad = _inv(tmp_path, "calc.test", "--", "--no-such-flag")
    assert bad.returncode == 2
    assert "unrecognized arguments: --no-such-flag" in bad.stderr
    assert bad.stderr.rstrip().endswith("calc: tests failed (unittest exited 2)")


@pytest.mark.parametrize("how", ["env", "file"])
def test_verbosity_is_a_setting_too(tmp_path: Path, how: str):
    if how == "env":
        result = _inv(tmp_path, "textkit.test", INVOKE_TESTING_VERBOSE="1")
    else:
        other = tmp_path / "verbose.yaml"
        other.write_text("testing:\n  verbose: true\n")
        result = _inv(tmp_path, "-f", str(other), "textkit.test")
    assert result.returncode == 0, result.stderr
    assert "test_slug (tests.test_textkit.TestSlug" in result.stderr
