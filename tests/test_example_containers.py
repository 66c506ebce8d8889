"""examples/containers, end to end on the simulated backend, through the real ``inv``.

The backend is always forced to ``sim`` (``INVOKE_CONTAINERS_BACKEND``), so
the tests do not depend on docker or podman, and its state directory is a
temporary one. Every process the backend started (each container's pid
file) is killed by pid in the fixture's finalizer, also when a test fails.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, List

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "containers"
INV = Path(sys.executable).parent / "inv"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the simulated backend manages POSIX processes")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


class Units:
    def __init__(self, tmp_path: Path) -> None:
        self.state = tmp_path / "containers"
        self.env = {key: value for key, value in os.environ.items() if not key.startswith("INVOKE_")}
        self.env.update(
            HOME=str(tmp_path), PYTHONDONTWRITEBYTECODE="1",
            INVOKE_CONTAINERS_BACKEND="sim", INVOKE_CONTAINERS_STATE_DIR=str(self.state),
        )
        self.seen: List[int] = []

    def inv(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(INV), "-r", str(EXAMPLE), *args], capture_output=True, text=True,
            env=dict(self.env, **env), timeout=60,
        )
        self.seen.extend(self.pids())
        return result

    def pids(self) -> List[int]:
        found = []
        for pid_file in sorted(self.state.glob("*/pid")) if self.state.exists() else []:
            try:
                found.append(int(pid_file.read_text()))
            except (OSError, ValueError):
                pass
        return found

    def kill_leftovers(self) -> None:
        for pid in set(self.seen + self.pids()):
            if _alive(pid):
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


@pytest.fixture
def units(tmp_path: Path) -> Iterator[Units]:
    made = Units(tmp_path)
    try:
        yield made
    finally:
        made.kill_leftovers()


def _wait_for(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_up_status_logs_down_with_real_processes_and_nothing_left(units: Units):
    up = units.inv("up")
    assert up.returncode == 0, up.stderr
    assert up.stdout.splitlines() == [
        "clock: started python:3-alpine as invoke-example-clock",
        "greeter: started python:3-alpine as invoke-example-greeter",
    ]
    pids = units.pids()
    assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    # The containers are real background processes writing their logs.
    log = units.state / "invoke-example-greeter" / "log"
    assert _wait_for(lambda: log.exists() and log.read_text() == "hello, world!\n")
    clock_log = units.state / "invoke-example-clock" / "log"
    assert _wait_for(lambda: clock_log.exists() and "tick 2" in clock_log.read_text())

    again = units.inv("up")
    assert again.stdout.splitlines() == ["clock: already running", "greeter: already running"]
    assert units.pids() == pids

    status = units.inv("status")
    assert status.returncode == 0, status.stderr
    lines = status.stdout.splitlines()
    assert lines[0] == "clock: running" and lines[2] == "greeter: running"
    # Clock's status is its super().status() plus its latest tick.
    assert lines[1].startswith("clock: last tick ")
    assert units.inv("greeter.logs").stdout == "hello, world!\n"

    down = units.inv("down")
    assert down.returncode == 0, down.stderr
    assert down.stdout.splitlines() == ["greeter: stopped", "clock: stopped"]
    assert _wait_for(lambda: not any(_alive(pid) for pid in pids))
    assert units.pids() == [] and list(units.state.iterdir()) == []
    assert units.inv("status").stdout.splitlines() == ["clock: stopped", "greeter: stopped"]
    assert units.inv("down").stdout.splitlines() == ["greeter: not running", "clock: not running"]


def test_per_unit_settings_reach_the_containers_environment(units: Units):
    result = units.inv("greeter.start", INVOKE_UNITS_GREETER_ENV_WHO="tests")
    assert result.returncode == 0, result.stderr
    log = units.state / "invoke-example-greeter" / "log"
    assert _wait_for(lambda: log.exists() and log.read_text() == "hello, tests!\n")
    other = units.state.parent / "other.yaml"
    other.write_text("units:\n  greeter:\n    env:\n      GREETING: hi\n")
    restarted = units.inv("-f", str(other), "greeter.restart")
    assert restarted.stdout.splitlines() == [
        "greeter: stopped", "greeter: started python:3-alpine as invoke-example-greeter",
    ]
    assert _wait_for(lambda: log.exists() and log.read_text() == "hi, world!\n")
    assert units.inv("greeter.stop").returncode == 0


def test_the_greeters_start_override_refuses_an_empty_greeting(units: Units):
    result = units.inv("greeter.start", INVOKE_UNITS_GREETER_ENV_GREETING=" ")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "greeter: units.greeter.env.GREETING is empty; set a greeting\n"
    assert units.pids() == []


def test_a_bad_backend_setting_is_one_line_and_exit_1(units: Units):
    result = units.inv("up", INVOKE_CONTAINERS_BACKEND="vagrant")
    assert result.returncode == 1
    assert result.stderr == "containers: unknown backend 'vagrant' (choose from auto, docker, podman, sim)\n"
    # Asking for the simulated backend's logs of a container that does not exist: its error, its code.
    missing = units.inv("clock.logs")
    assert missing.returncode == 1
    assert missing.stderr == "clock: logs failed: Error: No such container: invoke-example-clock\n"
