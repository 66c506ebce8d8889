"""The services example's fleet ``up`` with ``inv -j 4``: what overlaps, and Ctrl-C.

(tests/test_example_services_parallel.py covers up/down and a failing start.)

Runs the real ``inv`` on examples/services with a temporary run directory;
whatever it started is killed by pid afterwards, also when a test fails
(the `Fleet` helper of the example's own tests).
"""

from __future__ import annotations

import re
import signal
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from test_example_services import Fleet, _assert_nothing_left, _started

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the example manages POSIX processes")


@pytest.fixture
def fleet(tmp_path: Path) -> Iterator[Fleet]:
    made = Fleet(tmp_path)
    try:
        yield made
    finally:
        made.kill_leftovers()


def _lines(output: str) -> list:
    return [line for line in output.splitlines() if line.strip()]


def _index(lines: list, text: str) -> int:
    return next(number for number, line in enumerate(lines) if text in line)


def test_with_jobs_the_other_services_start_while_web_still_warms_up(fleet: Fleet) -> None:
    # web needs 2 s before it answers its health check; serially nothing
    # else starts before web is healthy.
    assert fleet.inv("web.configure", "--warmup", "2").returncode == 0
    up = fleet.inv("-j", "4", "up")
    assert up.returncode == 0, up.stdout + up.stderr
    lines = _lines(up.stdout)
    assert _index(lines, "api: started on") < _index(lines, "web: healthy")
    assert _index(lines, "worker: started on") < _index(lines, "web: healthy")
    assert fleet.inv("-j", "4", "down").returncode == 0


def test_serial_up_keeps_its_order(fleet: Fleet) -> None:
    assert fleet.inv("web.configure", "--warmup", "0.5").returncode == 0
    up = fleet.inv("up")
    assert up.returncode == 0, up.stdout + up.stderr
    lines = _lines(up.stdout)
    assert _index(lines, "web: healthy") < _index(lines, "api: started on") < _index(lines, "worker: started on")
    assert "[" not in up.stdout and "tasks with -j" not in up.stderr
    assert fleet.inv("down").returncode == 0


def test_ctrl_c_during_up_with_jobs_stops_every_service_it_started(fleet: Fleet) -> None:
    # web takes a minute to answer: up is still waiting for it when Ctrl-C comes,
    # while api and worker (started at the same time) are already healthy.
    assert fleet.inv("web.configure", "--warmup", "60").returncode == 0
    process = fleet.popen("-j", "4", "up")
    try:
        assert process.stdout is not None
        seen = []
        while sum(" healthy " in line for line in seen) < 2 or sum(" started on " in line for line in seen) < 3:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
        fleet.note("".join(seen))
        assert sum(" started on " in line for line in seen) == 3, seen
        time.sleep(0.3)
        began = time.monotonic()
        process.send_signal(signal.SIGINT)
        rest, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    fleet.note(rest)
    assert process.returncode == 130, errors
    assert time.monotonic() - began < 15
    started = _started(re.sub(r"^\[[\w.]+\] ", "", "".join(seen), flags=re.M))
    assert "up: stopping what this run started:" in rest
    for name in ("web", "api", "worker"):
        assert f"{name}: stopped (pid {started[name]['pid']})" in rest
    assert "Traceback" not in errors
    assert "cancelled" in errors  # the summary of the instances' tasks
    _assert_nothing_left(fleet, [entry["port"] for entry in started.values()])
