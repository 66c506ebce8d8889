"""examples/services, end to end: the real ``inv`` drives real detached HTTP servers.

Every test runs the example through the installed ``inv`` executable in a
subprocess, with its run directory in a temporary directory (set through
``INVOKE_SERVICES_RUN_DIR``, as a user would). Whatever a test started is
killed by pid in the fixture's finalizer, also when the test fails: every
pid any ``inv`` run printed and every pid file under the run directory.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "services"
INV = Path(sys.executable).parent / "inv"
SERVICES = ("web", "api", "worker")
_STARTED = re.compile(r"^(\w+): started on 127\.0\.0\.1:(\d+) \(pid (\d+)\)$", re.M)
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the example manages POSIX processes")


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a live (not zombie) process."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout
    return bool(state.strip()) and not state.strip().startswith("Z")


def _cmdline(pid: int) -> str:
    proc = Path(f"/proc/{pid}/cmdline")
    if proc.exists():
        try:
            return proc.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return ""
    return subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True).stdout


def _port_is_free(port: int) -> bool:
    """Nothing listens on 127.0.0.1:port (connecting is refused and it can be bound and listened on)."""
    with socket.socket() as probe:
        probe.settimeout(2)
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket() as binder:
        # SO_REUSEADDR tolerates TIME_WAIT left by closed connections, not a listener.
        binder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            binder.bind(("127.0.0.1", port))
            binder.listen()
        except OSError:
            return False
    return True


def _get(url: str) -> Dict[str, object]:
    with _OPENER.open(url, timeout=5) as response:
        assert response.status == 200
        return json.loads(response.read())


class Fleet:
    """Runs ``inv`` on the example with a private run directory; remembers every pid it saw."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path
        self.run_dir = tmp_path / "run"
        self.env = {key: value for key, value in os.environ.items() if not key.startswith("INVOKE_")}
        self.env.update(HOME=str(tmp_path), INVOKE_SERVICES_RUN_DIR=str(self.run_dir))
        self.pids: Set[int] = set()

    def inv(self, *args: str, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(INV), "-r", str(EXAMPLE), *args],
            capture_output=True, text=True, env=dict(self.env, **(env or {})), timeout=90,
        )
        self.note(result.stdout + result.stderr)
        return result

    def popen(self, *args: str, env: Optional[Dict[str, str]] = None) -> subprocess.Popen:
        return subprocess.Popen(
            [str(INV), "-r", str(EXAMPLE), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(self.env, **(env or {})),
            # Whatever started pytest may have ignored SIGINT; inv must see the default.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )

    def note(self, output: str) -> None:
        self.pids.update(int(pid) for pid in re.findall(r"\(pid (\d+)\)", output))

    def pid_files(self) -> List[Path]:
        return sorted(self.run_dir.glob("*/*pid")) if self.run_dir.exists() else []

    def live_pids(self) -> Set[int]:
        """Every pid seen or recorded that is still running one of this fleet's processes."""
        recorded = set(self.pids)
        for pid_file in self.pid_files():
            try:
                recorded.add(int(pid_file.read_text()))
            except (OSError, ValueError):
                pass
        # Only processes run from this test's directory (a run directory under it).
        return {pid for pid in recorded if _alive(pid) and str(self.root) in _cmdline(pid)}

    def kill_leftovers(self) -> None:
        for pid in self.live_pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.fixture
def fleet(tmp_path: Path) -> Iterator[Fleet]:
    made = Fleet(tmp_path)
    try:
        yield made
    finally:
        made.kill_leftovers()


def _started(output: str) -> Dict[str, Dict[str, int]]:
    return {name: {"port": int(port), "pid": int(pid)} for name, port, pid in _STARTED.findall(output)}


def _assert_nothing_left(fleet: Fleet, ports: List[int]) -> None:
    deadline = time.monotonic() + 5
    while fleet.live_pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert fleet.live_pids() == set()
    assert fleet.pid_files() == []
    for port in ports:
        assert _port_is_free(port), port


def test_up_serves_every_service_then_down_leaves_nothing(fleet: Fleet):
    up = fleet.inv("up")
    assert up.returncode == 0, up.stdout + up.stderr
    started = _started(up.stdout)
    assert sorted(started) == sorted(SERVICES)
    for name in SERVICES:
        assert re.search(rf"^{name}: healthy \(http://127\.0\.0\.1:{started[name]['port']}/health answered 200", up.stdout, re.M)
    sidekick = int(re.search(r"^worker: sidekick started \(pid (\d+)\)$", up.stdout, re.M).group(1))
    assert up.stdout.rstrip().endswith("up: 3 services running")
    assert all(_alive(info["pid"]) for info in started.values()) and _alive(sidekick)

    # Every service answers with its own generated configuration.
    web = _get(f"http://127.0.0.1:{started['web']['port']}/")
    api = _get(f"http://127.0.0.1:{started['api']['port']}/")
    assert web == {"name": "web", "greeting": "hello", "warmup": 0.0}
    assert api == {"name": "api", "version": "v1", "port": 0}
    # The worker reports its sidekick's ticks, which keep coming.
    first = _get(f"http://127.0.0.1:{started['worker']['port']}/")["ticks"]
    time.sleep(0.6)
    assert _get(f"http://127.0.0.1:{started['worker']['port']}/")["ticks"] > first

    status = fleet.inv("status")
    assert status.returncode == 0
    assert status.stdout.splitlines() == [
        f"web: running on 127.0.0.1:{started['web']['port']} (pid {started['web']['pid']})",
        f"api: running on 127.0.0.1:{started['api']['port']} (pid {started['api']['pid']})",
        f"worker: running on 127.0.0.1:{started['worker']['port']} (pid {started['worker']['pid']})",
        f"worker: sidekick running (pid {sidekick})",
    ]
    assert fleet.inv("health").returncode == 0

    down = fleet.inv("down")
    assert down.returncode == 0, down.stderr
    assert down.stdout.splitlines() == [
        f"worker: stopped (pid {started['worker']['pid']})",
        f"worker: sidekick stopped (pid {sidekick})",
        f"api: stopped (pid {started['api']['pid']})",
        f"web: stopped (pid {started['web']['pid']})",
    ]
    _assert_nothing_left(fleet, [info["port"] for info in started.values()])
    assert fleet.inv("status").stdout.splitlines() == [
        "web: stopped", "api: stopped", "worker: stopped", "worker: sidekick stopped",
    ]


def test_up_twice_reports_already_running_and_keeps_the_same_processes(fleet: Fleet):
    first = fleet.inv("up")
    assert first.returncode == 0, first.stderr
    started = _started(first.stdout)
    again = fleet.inv("up")
    assert again.returncode == 0, again.stderr
    assert _started(again.stdout) == {}
    for name, info in started.items():
        assert f"{name}: already running on 127.0.0.1:{info['port']} (pid {info['pid']})" in again.stdout
    assert "worker: sidekick already running" in again.stdout
    assert fleet.inv("down").returncode == 0
    _assert_nothing_left(fleet, [info["port"] for info in started.values()])


def test_a_service_that_dies_on_start_shows_its_log_and_up_stops_the_rest(fleet: Fleet):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = fleet.inv("api.configure", "--port", str(port), "up")
    assert result.returncode == 1
    assert f"api: exited with code 1 while starting; its log ({fleet.run_dir / 'api' / 'service.log'}) says:" in result.stderr
    assert f"api: cannot listen on 127.0.0.1:{port}:" in result.stderr
    assert "Address already in use" in result.stderr
    assert "Traceback" not in result.stderr
    # web was up already; up does not leave the fleet half-started.
    web = _started(result.stdout)["web"]
    assert "up: stopping what this run started: web" in result.stdout
    assert f"web: stopped (pid {web['pid']})" in result.stdout
    _assert_nothing_left(fleet, [web["port"]])


def test_the_health_check_retries_until_a_slow_service_answers(fleet: Fleet):
    result = fleet.inv("web.configure", "--warmup", "0.8", "web.start", "web.health")
    assert result.returncode == 0, result.stderr
    waited = float(re.search(r"^web: healthy \(.* answered 200 after ([\d.]+)s\)$", result.stdout, re.M).group(1))
    assert waited >= 0.7
    assert fleet.inv("web.stop").returncode == 0
    _assert_nothing_left(fleet, [_started(result.stdout)["web"]["port"]])


def test_a_service_that_never_answers_fails_the_health_check_with_one_line(fleet: Fleet):
    result = fleet.inv("web.configure", "--warmup", "60", "up", env={"INVOKE_SERVICES_HEALTH_TIMEOUT": "1"})
    assert result.returncode == 1
    web = _started(result.stdout)["web"]
    # Exactly one line on stderr (``.`` never matches a newline).
    assert re.fullmatch(
        rf"web: no answer from http://127\.0\.0\.1:{web['port']}/health within 1s \(\d+ tries, last: .+\)\n",
        result.stderr,
    ), result.stderr
    assert "api:" not in result.stdout  # up stopped at the first unhealthy service
    _assert_nothing_left(fleet, [web["port"]])


def test_ctrl_c_during_up_leaves_nothing_half_started(fleet: Fleet):
    # web takes a minute to answer, so up is still waiting for it when Ctrl-C comes.
    assert fleet.inv("web.configure", "--warmup", "60").returncode == 0
    process = fleet.popen("up")
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        seen = [line]
        while line and " started on " not in line:
            line = process.stdout.readline()
            seen.append(line)
        fleet.note("".join(seen))
        assert " started on " in line, seen
        time.sleep(0.3)  # now inside the health check's retries
        process.send_signal(signal.SIGINT)
        rest, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    fleet.note(rest)
    assert process.returncode == 130, errors
    web = _started("".join(seen))["web"]
    assert "up: stopping what this run started: web" in rest
    assert f"web: stopped (pid {web['pid']})" in rest
    assert "Traceback" not in errors
    _assert_nothing_left(fleet, [web["port"]])
    assert fleet.inv("status").stdout.splitlines()[0] == "web: stopped"


def test_each_configure_shows_its_own_flags(fleet: Fleet):
    flags = {}
    for name in SERVICES:
        result = fleet.inv("--help", f"{name}.configure")
        assert result.returncode == 0, result.stderr
        options = result.stdout.split("Options:", 1)[1]
        flags[name] = set(re.findall(r"--([\w-]+)=", options))
    assert flags == {"web": {"greeting", "warmup"}, "api": {"version", "port"}, "worker": {"interval"}}


def test_the_run_directory_comes_from_a_flag_a_config_file_or_the_environment(fleet: Fleet, tmp_path: Path):
    by_flag = tmp_path / "by-flag"
    up = fleet.inv("up", "--run-dir", str(by_flag))
    try:
        assert up.returncode == 0, up.stderr
        assert (by_flag / "web" / "pid").exists() and not fleet.run_dir.exists()
        assert fleet.inv("status", "--run-dir", str(by_flag)).stdout.startswith("web: running on")
    finally:
        down = fleet.inv("down", "--run-dir", str(by_flag))
    assert down.returncode == 0
    assert not (by_flag / "web" / "pid").exists()
    _assert_nothing_left(fleet, [info["port"] for info in _started(up.stdout).values()])

    by_file = tmp_path / "by-file"
    config = tmp_path / "services.yaml"
    config.write_text(f"services:\n  run_dir: {by_file}\n")
    assert fleet.inv("-f", str(config), "web.install").returncode == 0
    assert (by_file / "web" / "app.py").exists()
    assert fleet.inv("web.install").returncode == 0  # the environment's run directory
    assert (fleet.run_dir / "web" / "app.py").exists()


def test_logs_and_clean(fleet: Fleet):
    started = fleet.inv("web.start")
    assert started.returncode == 0, started.stderr
    logs = fleet.inv("web.logs", "--lines", "5")
    assert logs.returncode == 0
    assert re.search(r"^web: bound 127\.0\.0\.1:\d+$", logs.stdout, re.M) and "web: serving" in logs.stdout
    clean = fleet.inv("web.clean")
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.splitlines()[0].startswith("web: stopped (pid ")
    assert not (fleet.run_dir / "web").exists()
    _assert_nothing_left(fleet, [_started(started.stdout)["web"]["port"]])
    missing = fleet.inv("web.logs")
    assert (missing.returncode, missing.stderr.count("\n")) == (1, 1)
    assert "web: no log yet" in missing.stderr


def _docs_sessions() -> List[List[str]]:
    """The console blocks of the example's docs page, each as its ``$ ...`` chunks."""
    text = (ROOT / "sites" / "docs" / "examples" / "services.rst").read_text()
    blocks = re.findall(r"^\.\. code-block:: console\n\n((?:   .*\n|\n)+)", text, re.M)
    sessions = []
    for block in blocks:
        body = "\n".join(line[3:] for line in block.splitlines())
        sessions.append([chunk for chunk in re.split(r"^\$ ", body, flags=re.M)[1:]])
    return sessions


def _normalized(output: str, run_dir: Path) -> str:
    output = output.replace(str(run_dir), "/path/to/invoke/examples/services/.run")
    output = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", output)
    output = re.sub(r"\(pid \d+\)", "(pid PID)", output)
    return re.sub(r"after \d+\.\d+s\)", "after Ts)", output).rstrip("\n")


def test_the_docs_page_shows_what_the_example_prints(fleet: Fleet):
    sessions = _docs_sessions()
    commands = [chunk.partition("\n")[0] for session in sessions for chunk in session]
    assert commands == [
        "cd examples/services", "inv up", "inv status", "inv down",
        "inv --help web.configure", "inv --help api.configure",
    ]
    for session in sessions:
        for chunk in session:
            command, _, shown = chunk.partition("\n")
            if command.startswith("cd "):
                continue
            # Run from the example's directory, as the page does.
            result = subprocess.run(
                [str(INV), *command.split()[1:]], cwd=EXAMPLE, capture_output=True, text=True,
                env=fleet.env, timeout=90,
            )
            fleet.note(result.stdout)
            assert result.returncode == 0, result.stderr
            assert _normalized(result.stdout, fleet.run_dir) == _normalized(shown, fleet.run_dir), command


def test_stop_escalates_to_sigkill_when_sigterm_is_not_obeyed(fleet: Fleet):
    started = fleet.inv("web.start")
    assert started.returncode == 0, started.stderr
    web = _started(started.stdout)["web"]
    os.kill(web["pid"], signal.SIGSTOP)  # a stopped process cannot act on SIGTERM
    stop = fleet.inv("web.stop", env={"INVOKE_SERVICES_STOP_TIMEOUT": "0.5"})
    assert stop.returncode == 0, stop.stderr
    assert stop.stdout == f"web: killed with SIGKILL, still running 0.5s after SIGTERM (pid {web['pid']})\n"
    _assert_nothing_left(fleet, [web["port"]])
