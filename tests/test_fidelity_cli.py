"""``inv`` whose stdout reader goes away exits like a shell tool (issue 11 item 17).

Each test runs the real ``inv`` with stdout on a pipe, reads one line and
closes its end, as ``inv big | head -1`` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

INV = Path(sys.executable).with_name("inv")
PIPES = Path(__file__).parent / "_support" / "fidelity_cli" / "pipes"


def _read_one_line_then_close(task: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("INVOKE_")}
    proc = subprocess.Popen(
        [str(INV), task], cwd=str(PIPES), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, code, first, err)


@pytest.mark.parametrize("task", ["big", "forever", "prints"])
def test_closed_stdout_stops_quietly_with_status_141(task: str) -> None:
    result = _read_one_line_then_close(task)
    assert result.stdout.strip() in (b"0", b"1", b"line")
    assert result.stderr == b""
    assert result.returncode == 141


def test_a_tasks_own_broken_pipe_still_shows_its_traceback() -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("INVOKE_")}
    result = subprocess.run(
        [str(INV), "own-broken-pipe"], cwd=str(PIPES), env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1
    assert result.stdout == "fine so far\n"
    assert "Traceback" in result.stderr
    assert "BrokenPipeError: [Errno 32] the task's own socket went away" in result.stderr
