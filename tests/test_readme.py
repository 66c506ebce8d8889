"""The README's Quickstart, its scripts and CI cannot drift apart.

The Quickstart's first two commands are ``./scripts/demo`` (install, then
run the services fleet end to end) and ``./scripts/test`` (the suite, the
last thing ``.ci/run`` does). ``scripts/demo`` is run for real here, and
what it prints must be what the README shows, up to ports, pids, timings
and the run directory.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SHOWN_RUN_DIR = "/path/to/invoke/examples/services/.run"


def _quickstart() -> str:
    text = README.read_text()
    match = re.search(r"^## Quickstart\n(.*?)(?=^## )", text, re.S | re.M)
    assert match, "README.md has no Quickstart section"
    return match.group(1)


def _console_commands(section: str) -> List[str]:
    return re.findall(r"^\$ (.+)$", "\n".join(re.findall(r"```console\n(.*?)```", section, re.S)), re.M)


def _shown_output(section: str, command: str) -> str:
    for block in re.findall(r"```console\n(.*?)```", section, re.S):
        if block.startswith(f"$ {command}\n"):
            return block[len(command) + 3 :].rstrip("\n")
    raise AssertionError(f"the Quickstart shows no output for {command}")


def _script_commands(path: Path) -> List[str]:
    """A shell script's command lines: no comments, blank lines or line continuations."""
    lines = []
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            lines.append(stripped)
    return lines


def _normalized(output: str, run_dir: str) -> str:
    output = output.replace(run_dir, SHOWN_RUN_DIR)
    output = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", output)
    output = re.sub(r"\(pid \d+\)", "(pid PID)", output)
    return re.sub(r"after \d+\.\d+s\)", "after Ts)", output)


def test_the_quickstart_starts_with_the_demo_then_the_test_script():
    assert _console_commands(_quickstart())[:2] == ["./scripts/demo", "./scripts/test"]


@pytest.mark.parametrize("script", ["scripts/demo", "scripts/test", ".ci/run"])
def test_the_scripts_exist_and_are_executable(script: str):
    path = ROOT / script
    assert path.is_file() and os.access(path, os.X_OK), script
    assert path.read_text().startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in path.read_text()


def test_ci_runs_exactly_the_readmes_test_command():
    assert _script_commands(ROOT / ".ci" / "run")[-1] == "./scripts/test"


def test_the_test_script_runs_the_whole_suite_in_the_venv():
    commands = _script_commands(ROOT / "scripts" / "test")
    assert "python -m pip install -q -r dev-requirements.txt" in commands
    assert commands[-1] == 'python -m pytest -q tests "$@"'


def test_the_demo_installs_the_project_and_drives_the_services_example():
    commands = _script_commands(ROOT / "scripts" / "demo")
    assert ".venv/bin/python -m pip install -q -e ." in commands
    fleet = [shlex.split(line)[1:] for line in commands if line.startswith("fleet ")]
    assert fleet == [["up"], ["health"], ["status"], ["down"]]
    assert '.venv/bin/inv -r examples/services "$@"' in commands


def test_the_demo_prints_what_the_readme_shows(tmp_path: Path):
    venv_python = ROOT / ".venv" / "bin" / "python"
    if not venv_python.exists():
        pytest.skip("scripts/demo installs into .venv, which scripts/test creates; run the suite through it")
    run_dir = tmp_path / "run"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("INVOKE_", "VIRTUAL_ENV"))}
    env.update(HOME=str(tmp_path), INVOKE_SERVICES_RUN_DIR=str(run_dir))
    try:
        result = subprocess.run(
            [str(ROOT / "scripts" / "demo")], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300
        )
    finally:
        _kill_by_pid_files(run_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = _normalized(_shown_output(_quickstart(), "./scripts/demo"), SHOWN_RUN_DIR)
    assert _normalized(result.stdout.rstrip("\n"), str(run_dir)) == expected
    # down ran: no pid file is left behind.
    assert list(run_dir.glob("*/*pid")) == []


def _kill_by_pid_files(run_dir: Path) -> None:
    """Kill whatever a failed demo left running (only processes of this run directory)."""
    for pid_file in run_dir.glob("*/*pid"):
        try:
            pid = int(pid_file.read_text())
        except (OSError, ValueError):
            continue
        listed = subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True)
        if str(run_dir) in listed.stdout:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
