"""``c.run_task`` inside a ``-j`` run shares the run's dedupe record with the graph.

Through the real ``inv`` on tests/_support/jobs: ``nested`` calls
``c.run_task("left")``, whose pre task ``setup`` may also be a node of the
graph. With dedupe it runs once per run whichever reaches it first (the
other waits for it); with ``--no-dedupe`` each occurrence runs. The
`RunRecord` underneath is also driven directly with real threads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import List, Tuple

import pytest

from invoke._jobs.record import RunRecord

INV = Path(sys.executable).with_name("inv")
PROJECT = Path(__file__).resolve().parent.parent / "_support" / "jobs"


def _inv(tmp_path: Path, *args: str) -> Tuple[subprocess.CompletedProcess, List[Tuple[str, str]]]:
    log = tmp_path / "log"
    log.write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INVOKE_")}
    env["JOBS_LOG"] = str(log)
    result = subprocess.run([str(INV), *args], cwd=str(PROJECT), env=env, capture_output=True, text=True, timeout=60)
    events = [(line.split()[1], line.split()[2]) for line in log.read_text().splitlines()]
    return result, events


@pytest.mark.parametrize("order", [("setup", "nested"), ("nested", "setup")])
def test_a_pre_task_reached_by_the_graph_and_by_run_task_runs_once(tmp_path: Path, order: Tuple[str, str]) -> None:
    result, events = _inv(tmp_path, "-j", "2", *order)
    assert result.returncode == 0, result.stderr
    assert events.count(("start", "setup")) == 1
    # left (run_task's target) started only after setup ended.
    assert events.index(("end", "setup")) < events.index(("start", "left"))
    assert "[nested] nested: None" in result.stdout.splitlines()
    assert "2 ok" in result.stderr


def test_without_dedupe_each_occurrence_runs(tmp_path: Path) -> None:
    result, events = _inv(tmp_path, "-j", "2", "--no-dedupe", "setup", "nested")
    assert result.returncode == 0, result.stderr
    assert events.count(("start", "setup")) == 2


def test_serial_mode_still_runs_it_once(tmp_path: Path) -> None:
    result, events = _inv(tmp_path, "setup", "nested")
    assert result.returncode == 0, result.stderr
    assert events.count(("start", "setup")) == 1
    assert result.stdout.splitlines() == ["setup finished", "left finished", "nested: None"]


# -- the record itself --------------------------------------------------------------


def test_the_first_claim_runs_and_a_later_one_waits_for_it_then_skips() -> None:
    record = RunRecord()
    assert record.claim("setup") is True
    seen: List[Tuple[bool, float]] = []
    waiter = threading.Thread(target=lambda: seen.append((record.claim("setup"), time.monotonic())))
    waiter.start()
    time.sleep(0.3)
    assert seen == []  # still waiting: setup is running
    finished_at = time.monotonic()
    record.finish("setup")
    waiter.join(5)
    assert seen and seen[0][0] is False and seen[0][1] >= finished_at
    assert record.claim("setup") is False


def test_a_waiter_gets_the_failure_of_what_it_waited_for() -> None:
    record = RunRecord()
    assert record.claim("build")
    caught: List[BaseException] = []

    def wait() -> None:
        try:
            record.claim("build")
        except RuntimeError as error:
            caught.append(error)

    waiter = threading.Thread(target=wait)
    waiter.start()
    failure = RuntimeError("build broke")
    record.finish("build", failure)
    waiter.join(5)
    assert caught == [failure]


def test_a_thread_claiming_what_it_runs_itself_does_not_wait_for_itself() -> None:
    record = RunRecord()
    assert record.claim("outer")
    assert record.claim("outer") is True  # the same thread: run again, as serial mode would


def test_unhashable_calls_are_compared_by_equality() -> None:
    record = RunRecord()
    assert record.claim(["same"]) is True
    record.finish(["same"])
    assert record.claim(["same"]) is False
    assert record.claim(["other"]) is True
