"""The parallel engine driven directly: graph building, scheduling real commands, failures, output.

No ``inv`` here: calls are made by hand, each node runs real ``sh``
commands through a real `Context`, and the timestamps they record show
what overlapped. Whatever a test starts is killed by pid afterwards.
"""

from __future__ import annotations

import io
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest

from invoke import Call, Config, Context, task
from invoke._jobs.graph import build_graph, cycle_in
from invoke._jobs.output import Display
from invoke._jobs.run import own_context_config
from invoke._jobs.scheduler import CANCELLED, FAILED, OK, SKIPPED, run_graph, summary
from invoke.exceptions import UnexpectedExit


def _pre(call: Call) -> List[Call]:
    return [item if isinstance(item, Call) else Call(item) for item in call.task.pre]


def _post(call: Call) -> List[Call]:
    return [item if isinstance(item, Call) else Call(item) for item in call.task.post]


def _name(call: Call) -> str:
    return call.task.name


def _graph(calls: List[Call], dedupe: bool = True) -> Any:
    return build_graph(calls, dedupe, _pre, _post, _name)


def _named(name: str, pre: tuple = (), post: tuple = ()) -> Any:
    def body(c: Context) -> None:
        return None

    body.__name__ = name
    return task(pre=list(pre), post=list(post), name=name)(body)


# -- the graph ----------------------------------------------------------------


def test_a_shared_pre_task_is_one_node_with_dedupe_and_one_per_occurrence_without() -> None:
    setup = _named("setup")
    left = _named("left", pre=(setup,))
    right = _named("right", pre=(setup,))
    graph = _graph([Call(left), Call(right)])
    assert [node.name for node in graph.nodes] == ["setup", "left", "right"]
    setup_node = graph.nodes[0]
    assert {node.name for node in setup_node.needed_by} == {"left", "right"}

    apart = _graph([Call(left), Call(right)], dedupe=False)
    assert [node.name for node in apart.nodes] == ["setup", "left", "setup", "right"]
    assert all(len(node.needed_by) == 1 for node in apart.nodes if node.name == "setup")


def test_a_shared_post_task_waits_for_every_task_it_follows() -> None:
    report = _named("report")
    one = _named("one", post=(report,))
    two = _named("two", post=(report,))
    graph = _graph([Call(one), Call(two)])
    report_node = next(node for node in graph.nodes if node.name == "report")
    assert {node.name for node in report_node.needs} == {"one", "two"}
    assert len([node for node in graph.nodes if node.name == "report"]) == 1


def test_a_cycle_made_by_dedupe_is_found_and_named() -> None:
    q = _named("q")
    p = _named("p", post=(q,))
    r = _named("r", pre=(q,), post=(p,))
    graph = _graph([Call(p), Call(r)])
    assert cycle_in(graph) is not None
    assert cycle_in(_graph([Call(p)])) is None


# -- scheduling real commands ---------------------------------------------------


class _Log:
    """Start/end timestamps of nodes, written by the nodes' own threads."""

    def __init__(self) -> None:
        self.events: Dict[str, Dict[str, float]] = {}
        self.lock = threading.Lock()

    def mark(self, name: str, event: str) -> None:
        with self.lock:
            self.events.setdefault(name, {})[event] = time.monotonic()


def _runner_of(commands: Dict[str, str], log: _Log) -> Callable[[Any], Callable[[], Any]]:
    config = Config()

    def prepare(node: Any) -> Callable[[], Any]:
        context = Context(config=own_context_config(config))

        def body() -> Any:
            log.mark(node.name, "start")
            try:
                return context.run(commands[node.name], hide=True).stdout.strip()
            finally:
                log.mark(node.name, "end")

        return body

    return prepare


def _run(graph: Any, jobs: int, prepare: Any, keep_going: bool = False, mode: str = "prefixed") -> Any:
    out, err = io.StringIO(), io.StringIO()
    display = Display(mode, out=out, err=err)
    with display:
        outcomes, failure = run_graph(graph, jobs, prepare, keep_going, display, err)
    return outcomes, failure, out.getvalue(), err.getvalue()


def test_independent_sleeps_overlap_up_to_n_at_once() -> None:
    names = [f"s{index}" for index in range(4)]
    graph = _graph([Call(_named(name)) for name in names])
    log = _Log()
    began = time.monotonic()
    outcomes, failure, _, err = _run(graph, 2, _runner_of({name: "sleep 0.6; echo done" for name in names}, log))
    took = time.monotonic() - began
    assert failure is None
    assert [outcomes[node].status for node in graph.nodes] == [OK] * 4
    assert [outcomes[node].result for node in graph.nodes] == ["done"] * 4
    # Two at a time, never three: the first two overlap, and the whole takes
    # at least two rounds of sleeps.
    first, second = (log.events[name] for name in names[:2])
    assert first["start"] < second["end"] and second["start"] < first["end"]
    assert took > 1.1
    for name in names:
        at = log.events[name]["start"] + 0.01
        overlapping = [other for other in names if log.events[other]["start"] <= at <= log.events[other]["end"]]
        assert len(overlapping) <= 2
    assert "4 tasks with -j 2" in err and "4 ok" in err


def test_pre_tasks_finish_before_their_task_starts() -> None:
    setup = _named("setup")
    left = _named("left", pre=(setup,))
    right = _named("right", pre=(setup,))
    graph = _graph([Call(left), Call(right)])
    log = _Log()
    commands = {"setup": "sleep 0.3", "left": "sleep 0.4", "right": "sleep 0.4"}
    outcomes, failure, _, _ = _run(graph, 4, _runner_of(commands, log))
    assert failure is None
    events = log.events
    assert events["setup"]["end"] <= events["left"]["start"]
    assert events["setup"]["end"] <= events["right"]["start"]
    # left and right ran at the same time.
    assert events["left"]["start"] < events["right"]["end"] and events["right"]["start"] < events["left"]["end"]


def _pid_file_alive(path: Path) -> Optional[int]:
    deadline = time.monotonic() + 5
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    pid = int(path.read_text().strip())
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    state = Path(f"/proc/{pid}/stat")
    if state.exists() and state.read_text().rsplit(")", 1)[1].split()[0] == "Z":
        return None
    return pid


@pytest.fixture
def pid_dir(tmp_path: Path) -> Iterator[Path]:
    try:
        yield tmp_path
    finally:
        for pid_file in tmp_path.glob("*.pid"):
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
            except (ValueError, ProcessLookupError, OSError):
                pass


def test_the_first_failure_stops_new_starts_and_kills_running_commands_with_their_children(pid_dir: Path) -> None:
    fails = _named("fails")
    slow = _named("slow")
    later = _named("later")
    after = _named("after", pre=(fails,))
    graph = _graph([Call(slow), Call(fails), Call(after), Call(later)])
    grandchild = pid_dir / "grandchild.pid"
    commands = {
        # A grandchild in the background: only killing the whole tree ends it.
        "slow": f"sh -c 'sleep 30 & echo $! > {grandchild}; wait'",
        "fails": "sleep 0.3; sh -c 'exit 3'",
        "later": "true",
        "after": "true",
    }
    log = _Log()
    began = time.monotonic()
    outcomes, failure, _, err = _run(graph, 2, _runner_of(commands, log))
    assert time.monotonic() - began < 10
    assert isinstance(failure, UnexpectedExit) and failure.result.exited == 3
    status = {node.name: outcomes[node].status for node in graph.nodes}
    assert status == {"slow": CANCELLED, "fails": FAILED, "after": SKIPPED, "later": CANCELLED}
    assert "later" not in log.events and "after" not in log.events
    deadline = time.monotonic() + 5
    while _pid_file_alive(grandchild) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _pid_file_alive(grandchild) is None
    assert "needs fails" in err and "stopped after a failure" in err


def test_keep_going_runs_everything_that_does_not_need_the_failed_task() -> None:
    fails = _named("fails")
    other = _named("other")
    after = _named("after", pre=(fails,))
    graph = _graph([Call(fails), Call(after), Call(other)])
    commands = {"fails": "exit 3", "after": "true", "other": "sleep 0.3; echo other ran"}
    log = _Log()
    outcomes, failure, _, _ = _run(graph, 1 + 1, _runner_of(commands, log), keep_going=True)
    status = {node.name: outcomes[node].status for node in graph.nodes}
    assert status == {"fails": FAILED, "after": SKIPPED, "other": OK}
    assert isinstance(failure, UnexpectedExit) and failure.result.exited == 3


def test_ctrl_c_kills_every_running_command_and_propagates(pid_dir: Path) -> None:
    names = ["a", "b"]
    graph = _graph([Call(_named(name)) for name in names])
    commands = {name: f"sh -c 'sleep 30 & echo $! > {pid_dir / name}.pid; wait'" for name in names}
    log = _Log()
    prepare = _runner_of(commands, log)
    interrupt = threading.Timer(0.8, lambda: os.kill(os.getpid(), signal.SIGINT))
    began = time.monotonic()
    interrupt.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            _run(graph, 2, prepare)
    finally:
        interrupt.cancel()
    assert time.monotonic() - began < 10
    for name in names:
        deadline = time.monotonic() + 5
        while _pid_file_alive(pid_dir / f"{name}.pid") is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _pid_file_alive(pid_dir / f"{name}.pid") is None


# -- output ---------------------------------------------------------------------


def _printing(names: List[str]) -> Callable[[Any], Callable[[], Any]]:
    config = Config()

    def prepare(node: Any) -> Callable[[], Any]:
        context = Context(config=own_context_config(config))

        def body() -> None:
            print(f"hello from {node.name}")
            context.run(f"echo one {node.name}; sleep 0.2; echo two {node.name}")

        return body

    return prepare


def test_prefixed_output_labels_every_line_with_its_task() -> None:
    graph = _graph([Call(_named("alpha")), Call(_named("beta"))])
    _, _, out, _ = _run(graph, 2, _printing(["alpha", "beta"]))
    lines = out.splitlines()
    for name in ("alpha", "beta"):
        assert f"[{name}] hello from {name}" in lines
        assert f"[{name}] one {name}" in lines and f"[{name}] two {name}" in lines
    assert all(line.startswith(("[alpha] ", "[beta] ")) for line in lines)
    assert "\x1b[" not in out  # not a terminal: no colour


def test_grouped_output_keeps_each_tasks_lines_together() -> None:
    graph = _graph([Call(_named("alpha")), Call(_named("beta"))])
    _, _, out, _ = _run(graph, 2, _printing(["alpha", "beta"]), mode="grouped")
    lines = out.splitlines()
    assert sorted(lines) == sorted(
        [f"{what} {name}" for name in ("alpha", "beta") for what in ("hello from", "one", "two")]
    )
    for name in ("alpha", "beta"):
        mine = [number for number, line in enumerate(lines) if line.endswith(name)]
        assert mine == list(range(mine[0], mine[0] + 3))


def test_raw_output_is_unlabelled() -> None:
    graph = _graph([Call(_named("alpha"))])
    _, _, out, _ = _run(graph, 2, _printing(["alpha"]), mode="raw")
    assert out.splitlines() == ["hello from alpha", "one alpha", "two alpha"]


def test_commands_get_no_stdin_when_tasks_share_the_terminal() -> None:
    copy = own_context_config(Config())
    result = Context(config=copy).run("cat", hide=True, timeout=5)
    assert result.stdout == ""


def test_the_summary_lists_every_task_with_status_and_time() -> None:
    fails = _named("fails")
    after = _named("after", pre=(fails,))
    graph = _graph([Call(after)])
    outcomes, _, _, err = _run(graph, 2, _runner_of({"fails": "exit 3", "after": "true"}, _Log()))
    text = summary(graph, outcomes, 2, 1.5)
    lines = text.splitlines()
    assert lines[0] == "2 tasks with -j 2 in 1.50s: 1 failed, 1 skipped"
    assert lines[1].split()[:2] == ["fails", "failed"] and lines[1].strip().endswith("s")
    assert lines[2].split()[:2] == ["after", "skipped"] and "(needs fails)" in lines[2]
    assert err.splitlines()[1:] == lines[1:]


def test_ctrl_c_reaches_each_running_tasks_own_code_so_its_cleanup_runs() -> None:
    graph = _graph([Call(_named("loops")), Call(_named("waits"))])
    cleaned: List[str] = []

    def prepare(node: Any) -> Callable[[], Any]:
        def body() -> None:
            try:
                while True:  # pure Python: no command to kill
                    time.sleep(0.02)
            finally:
                cleaned.append(node.name)

        return body

    interrupt = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    interrupt.start()
    began = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            _run(graph, 2, prepare)
    finally:
        interrupt.cancel()
    assert time.monotonic() - began < 5
    assert sorted(cleaned) == ["loops", "waits"]
