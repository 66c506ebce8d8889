"""invocations 4.0.2's collections load and run through our ``inv``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import SSHServer, run_tool, write

TASKS = """\
from invoke import Collection
from invocations import checks, environment
from invocations import pytest as pytests
from invocations.packaging import release

ns = Collection(checks, environment, release, pytests)
"""


@pytest.fixture
def tasks(project: Path) -> Path:
    write(project / "tasks.py", TASKS)
    return project


def test_list_shows_every_collection(venv_bin: Path, tasks: Path, sshd: SSHServer) -> None:
    result = run_tool(venv_bin, "inv", ["--list"], tasks, sshd)
    assert result.returncode == 0, result.stderr
    names = [line.split()[0] for line in result.stdout.splitlines()[2:] if line.startswith("  ") and line.strip()
             and not line.startswith("    ")]
    for name in ("checks.all_", "checks.blacken", "checks.lint", "release.build", "release.status", "pytest.test"):
        assert name in names


def test_help_of_an_invocations_task(venv_bin: Path, tasks: Path, sshd: SSHServer) -> None:
    result = run_tool(venv_bin, "inv", ["--help", "release.build"], tasks, sshd)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: inv[oke] [--core-opts] release.build [--options] [other tasks here ...]")
    assert "Build sdist and/or wheel archives" in result.stdout


@pytest.mark.parametrize(
    "args, command",
    [
        (["--dry", "checks.blacken"], "find . -name '*.py' | xargs black -l 79"),
        (["--dry", "checks.blacken", "--check", "--folders", "src"], "find src -name '*.py' | xargs black -l 79 --check"),
        (["--dry", "checks.lint"], "flake8"),
    ],
)
def test_dry_runs_echo_what_they_would_run(venv_bin: Path, tasks: Path, sshd: SSHServer, args, command) -> None:
    result = run_tool(venv_bin, "inv", args, tasks, sshd)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"\x1b[1;37m{command}\x1b[0m\n"


def test_pytest_task_really_runs_pytest(venv_bin: Path, tasks: Path, sshd: SSHServer) -> None:
    write(tasks / "test_sample.py", "def test_fine():\n    assert 6 * 7 == 42\n")
    result = run_tool(venv_bin, "inv", ["pytest.test"], tasks, sshd)
    assert result.returncode == 0, result.stdout + result.stderr
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # it asks pytest for colour
    assert "fine" in plain.split()  # pytest-relaxed (in the venv) names tests without test_
    assert "1 passed" in plain
