"""examples/services with ``inv -j 4``: the fleet's instances start and stop at the same time.

Runs the real ``inv`` on the example like ``test_example_services.py`` (whose
``Fleet`` helper it uses): up, an HTTP GET of every service, down, then no
process or port left; and a failing start that stops what the run started.
"""

from __future__ import annotations

import re
import socket
from typing import Dict

from test_example_services import Fleet, _assert_nothing_left, _get, fleet  # noqa: F401  (fixture)

_PREFIXED = re.compile(r"^\[(\w+)\.ready\] (\w+): started on 127\.0\.0\.1:(\d+) \(pid (\d+)\)$", re.M)


def _started(output: str) -> Dict[str, Dict[str, int]]:
    found = {}
    for task, name, port, pid in _PREFIXED.findall(output):
        assert task == name  # each line is labelled with its own instance's task
        found[name] = {"port": int(port), "pid": int(pid)}
    return found


def test_up_and_down_run_the_instances_concurrently(fleet: Fleet) -> None:  # noqa: F811
    up = fleet.inv("-j", "4", "up")
    assert up.returncode == 0, up.stdout + up.stderr
    started = _started(up.stdout)
    assert sorted(started) == ["api", "web", "worker"]
    assert up.stdout.rstrip().endswith("up: 3 services running")
    summary = up.stderr.splitlines()
    assert summary[0].startswith("3 tasks with -j 4 in ") and summary[0].endswith(": 3 ok")
    assert sorted(line.split()[0] for line in summary[1:]) == ["api.ready", "web.ready", "worker.ready"]
    assert _get(f"http://127.0.0.1:{started['web']['port']}/")["name"] == "web"
    assert _get(f"http://127.0.0.1:{started['api']['port']}/")["name"] == "api"
    assert "ticks" in _get(f"http://127.0.0.1:{started['worker']['port']}/")

    down = fleet.inv("-j", "4", "down")
    assert down.returncode == 0, down.stderr
    for name, info in started.items():
        assert f"[{name}.stop] {name}: stopped (pid {info['pid']})" in down.stdout
    _assert_nothing_left(fleet, [info["port"] for info in started.values()])


def test_a_failing_start_stops_what_the_parallel_up_started(fleet: Fleet) -> None:  # noqa: F811
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        configured = fleet.inv("api.configure", "--port", str(port))
        assert configured.returncode == 0, configured.stderr
        result = fleet.inv("-j", "4", "up")
    assert result.returncode == 1
    assert "Address already in use" in result.stderr
    assert "Traceback" not in result.stderr
    assert "up: stopping what this run started" in result.stdout
    _assert_nothing_left(fleet, [info["port"] for info in _started(result.stdout).values()])
