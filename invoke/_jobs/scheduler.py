"""Run a call graph with up to N tasks at once (``inv -j N``).

Every node whose pre tasks (and, for a post task, the tasks it follows)
have finished is started, lowest serial position first, each in a thread
of its own with its own `Context` (the caller's ``prepare`` builds it, in
the main thread, from a copy of the run's config). The first failure stops
new starts and kills the running commands (their whole process trees);
``keep_going`` runs everything that does not depend on a failed task
instead. Ctrl-C kills every running command, raises KeyboardInterrupt in
every running task's thread (as serial mode's task would see it), waits
for them, and re-raises. A summary of
every task's status and wall time ends the run.
"""

from __future__ import annotations

import ctypes
import heapq
import threading
import time
from typing import IO, Any, Callable, Dict, List, Optional, Set, Tuple

from .._running import active
from .graph import CallGraph, Node
from .output import Display

OK, FAILED, SKIPPED, CANCELLED = "ok", "failed", "skipped", "cancelled"


class Outcome:
    """How one node's run ended."""

    __slots__ = ("status", "seconds", "result", "error", "reason")

    def __init__(self, status: str, seconds: Optional[float] = None, result: Any = None,
                 error: Optional[BaseException] = None, reason: str = "") -> None:
        self.status = status
        self.seconds = seconds
        self.result = result
        self.error = error
        self.reason = reason


class _Run:
    """The state of one parallel run, driven from the main thread."""

    def __init__(self, graph: CallGraph, jobs: int, prepare: Callable[[Node], Callable[[], Any]],
                 keep_going: bool, display: Display) -> None:
        self.graph = graph
        self.jobs = jobs
        self.prepare = prepare
        self.keep_going = keep_going
        self.display = display
        self.outcomes: Dict[Node, Outcome] = {}
        self.waiting = {node: len(node.needs) for node in graph.nodes}
        self.ready: List[Tuple[int, int]] = [(n.index, n.index) for n in graph.nodes if not n.needs]
        heapq.heapify(self.ready)
        self.running: Dict[Node, Tuple[threading.Thread, float]] = {}
        self.finished: List[Tuple[Node, Optional[BaseException], Any, float]] = []
        self.cond = threading.Condition()
        self.first_error: Optional[BaseException] = None
        self.stopping = False
        # Nodes whose thread is inside the task's own code (interruptible).
        self.in_task: Set[Node] = set()

    # -- worker side ------------------------------------------------------

    def _work(self, node: Node, thunk: Callable[[], Any]) -> None:
        started = time.monotonic()
        error: Optional[BaseException] = None
        result: Any = None
        try:
            with self.cond:
                self.in_task.add(node)
            result = thunk()
        except BaseException as caught:  # the task's own failure, reported by the main thread
            error = caught
        # An interrupt aimed at the task (see ``_interrupt_tasks``) may land
        # after it ended; whatever happens, the node is reported exactly once.
        reported = False
        while not reported:
            try:
                with self.cond:
                    self.in_task.discard(node)
                job = getattr(threading.current_thread(), "invoke_job", None)
                if job is not None:
                    job.close()
                with self.cond:
                    if not reported:
                        self.finished.append((node, error, result, time.monotonic() - started))
                        reported = True
                    self.cond.notify()
            except KeyboardInterrupt:
                if error is None:
                    error = KeyboardInterrupt()

    # -- main side ---------------------------------------------------------

    def run(self) -> None:
        try:
            while True:
                self._start_ready()
                self._show_status()
                if not self.running:
                    break
                with self.cond:
                    while not self.finished:
                        self.cond.wait()
                    done, self.finished = self.finished, []
                for item in done:
                    self._record(*item)
        except KeyboardInterrupt:
            self._stop()
            self._interrupt_tasks()
            self._drain()
            self._close_unstarted(CANCELLED, "interrupted")
            raise
        self._close_unstarted(CANCELLED, "stopped after a failure")

    def _start_ready(self) -> None:
        while self.ready and len(self.running) < self.jobs and not self.stopping:
            _, index = heapq.heappop(self.ready)
            node = self.graph.nodes[index]
            thunk = self.prepare(node)
            thread = threading.Thread(target=self._work, args=(node, thunk), name=f"invoke-job-{node.name}")
            thread.daemon = True
            thread.invoke_job = self.display.job(node.name, node.index)  # type: ignore[attr-defined]
            self.running[node] = (thread, time.monotonic())
            thread.start()

    def _record(self, node: Node, error: Optional[BaseException], result: Any, seconds: float) -> None:
        thread, _ = self.running.pop(node)
        thread.join()
        if error is None:
            self.outcomes[node] = Outcome(OK, seconds, result)
            for after in node.needed_by:
                self.waiting[after] -= 1
                if self.waiting[after] == 0 and after not in self.outcomes:
                    heapq.heappush(self.ready, (after.index, after.index))
            return
        if self.stopping and not isinstance(error, KeyboardInterrupt) and self.first_error is not None:
            # Killed (or stopped) because another task failed first.
            self.outcomes[node] = Outcome(CANCELLED, seconds, error=error, reason="stopped after a failure")
        else:
            self.outcomes[node] = Outcome(FAILED, seconds, error=error)
            if self.first_error is None:
                self.first_error = error
            if not self.keep_going:
                self._stop()
        self._skip_dependents(node)

    def _skip_dependents(self, failed: Node) -> None:
        todo = list(failed.needed_by)
        while todo:
            node = todo.pop()
            if node in self.outcomes or node in self.running:
                continue
            self.outcomes[node] = Outcome(SKIPPED, reason=f"needs {failed.name}")
            todo.extend(node.needed_by)

    def _stop(self) -> None:
        self.stopping = True
        active.kill_all()

    def _interrupt_tasks(self) -> None:
        """Raise KeyboardInterrupt in every running task's thread, as Ctrl-C does in serial mode.

        So a task's own cleanup (``try``/``finally``, ``except
        KeyboardInterrupt``) runs; it arrives when the thread next runs
        Python code (a task waiting on a killed command gets it as the
        command ends).
        """
        with self.cond:
            threads = [thread for node, (thread, _) in self.running.items() if node in self.in_task]
        raise_in = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
        if raise_in is None:  # not CPython: the tasks end when their commands do
            return
        for thread in threads:
            if thread.ident is not None:
                raise_in(ctypes.c_ulong(thread.ident), ctypes.py_object(KeyboardInterrupt))

    def _drain(self) -> None:
        """Wait for the running tasks after a stop (a second Ctrl-C kills again)."""
        while self.running:
            try:
                with self.cond:
                    while not self.finished:
                        self.cond.wait()
                    done, self.finished = self.finished, []
            except KeyboardInterrupt:
                active.kill_all()
                continue
            for node, error, result, seconds in done:
                self.running.pop(node)
                status = OK if error is None else CANCELLED
                self.outcomes[node] = Outcome(status, seconds, result, error, "interrupted")

    def _close_unstarted(self, status: str, reason: str) -> None:
        for node in self.graph.nodes:
            if node not in self.outcomes:
                self.outcomes[node] = Outcome(status, reason=reason)

    def _show_status(self) -> None:
        counts = {OK: 0, FAILED: 0}
        for outcome in self.outcomes.values():
            if outcome.status in counts:
                counts[outcome.status] += 1
        names = ", ".join(node.name for node in self.running)
        self.display.status(
            f"[{len(self.running)} running, {counts[OK]} done, {counts[FAILED]} failed"
            f" of {len(self.graph.nodes)}] {names}"
        )


def run_graph(graph: CallGraph, jobs: int, prepare: Callable[[Node], Callable[[], Any]],
              keep_going: bool, display: Display, report: IO[str]) -> Tuple[Dict[Node, Outcome], Optional[BaseException]]:
    """Run ``graph`` with up to ``jobs`` tasks at once: every node's `Outcome`, and the first failure.

    ``prepare(node)`` runs in the calling thread just before the node starts
    and returns what the node's thread calls. The summary goes to ``report``
    however the run ends; Ctrl-C propagates after the running commands are
    killed and every node has an outcome.
    """
    state = _Run(graph, jobs, prepare, keep_going, display)
    began = time.monotonic()
    try:
        state.run()
    finally:
        active.refuse_new(False)
        display.status("")
        if len(graph.nodes) > 1:
            _write(report, summary(graph, state.outcomes, jobs, time.monotonic() - began))
    return state.outcomes, state.first_error


def summary(graph: CallGraph, outcomes: Dict[Node, Outcome], jobs: int, seconds: float) -> str:
    """The table printed at the end of a parallel run."""
    counts: Dict[str, int] = {}
    for outcome in outcomes.values():
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    parts = [f"{counts[s]} {s}" for s in (OK, FAILED, SKIPPED, CANCELLED) if counts.get(s)]
    lines = [f"{len(graph.nodes)} tasks with -j {jobs} in {seconds:.2f}s: {', '.join(parts)}"]
    width = max((len(node.name) for node in graph.nodes), default=4)
    for node in graph.nodes:
        outcome = outcomes.get(node) or Outcome(CANCELLED, reason="interrupted")
        took = f"{outcome.seconds:7.2f}s" if outcome.seconds is not None else " " * 8
        note = f"  ({outcome.reason})" if outcome.reason and outcome.status != OK else ""
        lines.append(f"  {node.name:<{width}}  {outcome.status:<9} {took}{note}".rstrip())
    return "\n".join(lines) + "\n"


def _write(stream: IO[str], text: str) -> None:
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        pass
