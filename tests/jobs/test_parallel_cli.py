"""``inv -j N`` through the real ``inv``: ordering, overlap, failures, Ctrl-C, output.

Tasks log ``start``/``end`` with monotonic timestamps to a file, so the
tests check what ran when, not how long it took on a busy machine (no
wall-time thresholds beyond "these two overlapped").
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

INV = Path(sys.executable).with_name("inv")
PROJECT = Path(__file__).resolve().parent.parent / "_support" / "jobs"


def _env(log: Path) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INVOKE_")}
    env["JOBS_LOG"] = str(log)
    return env


def _inv(tmp_path: Path, *args: str, stdin: str = "") -> Tuple[subprocess.CompletedProcess, Dict[str, Dict[str, float]]]:
    log = tmp_path / "log"
    log.write_text("")
    result = subprocess.run(
        [str(INV), *args], cwd=str(PROJECT), env=_env(log), input=stdin,
        capture_output=True, text=True, timeout=60,
    )
    return result, _events(log)


def _events(log: Path) -> Dict[str, Dict[str, float]]:
    events: Dict[str, Dict[str, float]] = {}
    for line in log.read_text().splitlines():
        stamp, event, name = line.split()
        events.setdefault(name, {})[event] = float(stamp)
    return events


def _overlap(a: Dict[str, float], b: Dict[str, float]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def test_independent_tasks_overlap_and_pre_tasks_come_first(tmp_path: Path) -> None:
    result, ev = _inv(tmp_path, "-j", "4", "left", "right")
    assert result.returncode == 0, result.stderr
    # setup is shared (deduplicated): it runs once, before both.
    assert set(ev) == {"setup", "left", "right"}
    assert ev["setup"]["end"] <= ev["left"]["start"]
    assert ev["setup"]["end"] <= ev["right"]["start"]
    assert _overlap(ev["left"], ev["right"])


def test_serial_mode_is_unchanged(tmp_path: Path) -> None:
    serial, ev = _inv(tmp_path, "left", "right")
    assert serial.returncode == 0
    assert serial.stdout == "setup finished\nleft finished\nright finished\n"
    assert serial.stderr == ""
    assert not _overlap(ev["left"], ev["right"])
    one, _ = _inv(tmp_path, "-j", "1", "left", "right")
    assert (one.stdout, one.stderr) == (serial.stdout, serial.stderr)


def test_a_shared_post_task_runs_once_after_the_last_of_its_tasks(tmp_path: Path) -> None:
    result, ev = _inv(tmp_path, "-j", "4", "one", "two")
    assert result.returncode == 0, result.stderr
    assert ev["report"]["start"] >= max(ev["one"]["end"], ev["two"]["end"])
    assert result.stdout.count("report finished") == 1


def test_no_dedupe_runs_each_occurrence(tmp_path: Path) -> None:
    result, _ = _inv(tmp_path, "-j", "4", "--no-dedupe", "left", "right")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("[setup] setup finished") == 2


def test_no_more_than_n_at_once(tmp_path: Path) -> None:
    result, ev = _inv(tmp_path, "-j", "2", "one", "two", "three")
    assert result.returncode == 0, result.stderr
    spans = [ev[name] for name in ("one", "two", "three")]
    for stamp in [span["start"] for span in spans]:
        assert sum(1 for span in spans if span["start"] <= stamp < span["end"]) <= 2


def test_output_is_prefixed_with_the_task_name_and_summarised(tmp_path: Path) -> None:
    result, _ = _inv(tmp_path, "-j", "2", "chatty", "answer")
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == [
        "[answer] 42", "[chatty] first line from print", "[chatty] from a command",
    ]
    lines = result.stderr.splitlines()
    assert "[chatty] to stderr" in lines
    assert any(line.startswith("2 tasks with -j 2 in ") and line.endswith(": 2 ok") for line in lines)
    assert any(line.split()[:2] == ["chatty", "ok"] for line in lines)


def test_grouped_output_keeps_each_tasks_lines_together(tmp_path: Path) -> None:
    result, _ = _inv(tmp_path, "-j", "2", "--output-mode", "grouped", "chatty", "left")
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    at = out.index("first line from print")
    assert out[at + 1] == "from a command"
    assert "setup finished" in out and "left finished" in out


def test_raw_output_passes_through(tmp_path: Path) -> None:
    result, _ = _inv(tmp_path, "-j", "2", "--output-mode", "raw", "chatty")
    assert result.stdout.splitlines() == ["first line from print", "from a command"]


def test_bad_output_mode_and_jobs_are_one_line_errors(tmp_path: Path) -> None:
    bad, _ = _inv(tmp_path, "-j", "2", "--output-mode", "fancy", "left")
    assert (bad.returncode, bad.stderr) == (
        1, "Invalid value for --output-mode: 'fancy' (choose one of: prefixed, grouped, raw).\n"
    )
    zero, _ = _inv(tmp_path, "-j", "0", "left")
    assert (zero.returncode, zero.stderr) == (1, "Invalid value for --jobs: 0 (give 1 or more tasks at once).\n")


def test_no_stdin_for_tasks_when_several_run(tmp_path: Path) -> None:
    parallel, _ = _inv(tmp_path, "-j", "2", "reads", "answer", stdin="typed\n")
    assert "[reads] read ''" in parallel.stdout
    serial, _ = _inv(tmp_path, "reads", stdin="typed\n")
    assert "read 'typed\\n'" in serial.stdout


def test_first_failure_stops_the_rest_and_is_the_exit_code(tmp_path: Path) -> None:
    started = time.monotonic()
    result, ev = _inv(tmp_path, "-j", "4", "fails", "long", "after-fails")
    assert time.monotonic() - started < 25  # long's `sleep 30` was killed
    assert result.returncode == 3
    assert "end" not in ev["long"]
    assert "after-fails" not in ev
    table = {line.split()[0]: line.split()[1] for line in result.stderr.splitlines()[1:] if line.startswith("  ")}
    assert table == {"fails": "failed", "long": "cancelled", "after-fails": "skipped"}


def test_keep_going_runs_what_does_not_depend_on_the_failure(tmp_path: Path) -> None:
    result, ev = _inv(tmp_path, "-j", "2", "--keep-going", "fails", "after-fails", "left")
    assert result.returncode == 3
    assert "end" in ev["left"] and "after-fails" not in ev
    table = {line.split()[0]: line.split()[1] for line in result.stderr.splitlines()[1:] if line.startswith("  ")}
    assert table == {"fails": "failed", "after-fails": "skipped", "setup": "ok", "left": "ok"}


def test_a_tasks_own_exception_shows_its_traceback(tmp_path: Path) -> None:
    result, _ = _inv(tmp_path, "-j", "2", "boom", "three")
    assert result.returncode == 1
    assert "RuntimeError: the task's own error" in result.stderr
    assert "Traceback" in result.stderr


def test_ctrl_c_kills_every_command_and_exits_130(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_text("")
    proc = subprocess.Popen(
        [str(INV), "-j", "2", "long", "left"], cwd=str(PROJECT), env=_env(log),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 20
        while "long" not in _events(log) and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130
    assert "long" in err and "cancelled" in err
    assert "end" not in _events(log)["long"]


def test_env_var_and_config_set_jobs(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_text("")
    env = dict(_env(log), INVOKE_TASKS_JOBS="2")
    result = subprocess.run([str(INV), "left", "right"], cwd=str(PROJECT), env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert _overlap(_events(log)["left"], _events(log)["right"])
    assert "tasks with -j 2" in result.stderr


def test_run_task_inside_a_task_runs_pre_tasks_once(tmp_path: Path) -> None:
    result, ev = _inv(tmp_path, "setup", "nested")
    assert result.returncode == 0, result.stderr
    # setup already ran in this run: run_task("left") does not run it again.
    assert result.stdout.splitlines() == ["setup finished", "left finished", "nested: None"]


def test_cycle_through_dedupe_is_one_line(tmp_path: Path) -> None:
    project = tmp_path / "cycle"
    project.mkdir()
    (project / "tasks.py").write_text(
        "from invoke import task\n\n@task\ndef q(c):\n    pass\n\n@task(post=[q])\ndef p(c):\n    pass\n\n"
        "@task(pre=[q], post=[p])\ndef r(c):\n    pass\n"
    )
    result = subprocess.run([str(INV), "-j", "2", "p", "r"], cwd=str(project), capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == "Cycle in pre/post tasks: p, q, r wait for each other\n"


def test_one_task_with_j_runs_as_in_serial_mode(tmp_path: Path) -> None:
    result, _ = _inv(tmp_path, "-j", "4", "chatty")
    serial, _ = _inv(tmp_path, "chatty")
    assert (result.returncode, result.stdout, result.stderr) == (serial.returncode, serial.stdout, serial.stderr)


def test_a_live_status_line_on_a_terminal(tmp_path: Path) -> None:
    import pty

    log = tmp_path / "log"
    log.write_text("")
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [str(INV), "-j", "2", "left", "right"], cwd=str(PROJECT), env=_env(log),
            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL,
        )
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the other side closed
                break
            if not chunk:
                break
            seen += chunk
        assert proc.wait(timeout=30) == 0
    finally:
        os.close(master)
    text = seen.decode()
    assert "[2 running, 1 done, 0 failed of 3] left, right" in text
    assert "\r\x1b[K" in text  # the status line is cleared before the summary
    assert "3 tasks with -j 2 in " in text
