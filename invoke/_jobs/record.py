"""What one parallel run has run, shared by the graph's threads and ``run_task``.

With dedupe, a call runs once per run however it is reached: as a node of
the graph, or through ``c.run_task(...)`` inside a running task. The first
to claim a call runs it; whoever claims it later skips it, waiting first
when it is still running elsewhere (and re-raising its failure, since what
needed it cannot go on). A thread claiming a call it is itself running
(a task whose ``run_task`` target needs it) runs it again, as serial mode
would, rather than wait for itself. Calls are compared the way dedupe compares them
(equal `Call` objects are the same call).
"""

from __future__ import annotations

import threading
from typing import Any, Dict, List, Optional, Tuple

_RUNNING, _DONE = "running", "done"


class RunRecord:
    """Which calls of the run are running or done, behind one lock."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        # Calls bucketed by a hashable key (the call itself, else its task:
        # `Call` has no hash but equal calls have equal tasks), then compared.
        self._buckets: Dict[Any, List[Tuple[Any, List[Any]]]] = {}

    @staticmethod
    def _key(call: Any) -> Any:
        for candidate in (call, getattr(call, "task", None)):
            try:
                hash(candidate)
            except TypeError:
                continue
            return (candidate is call, candidate)
        return None

    def _entry(self, call: Any) -> Optional[List[Any]]:
        for other, entry in self._buckets.get(self._key(call), ()):
            if other is call or other == call:
                return entry
        return None

    def _add(self, call: Any, entry: List[Any]) -> None:
        self._buckets.setdefault(self._key(call), []).append((call, entry))

    def claim(self, call: Any) -> bool:
        """True when the caller is to run ``call`` (now marked running); False when it already ran.

        Waits while another thread runs it; if that run failed, raises its error.
        """
        with self._cond:
            entry = self._entry(call)
            me = threading.get_ident()
            if entry is None:
                self._add(call, [_RUNNING, None, me])
                return True
            if entry[0] == _RUNNING and entry[2] == me:
                return True
            while entry[0] == _RUNNING:
                self._cond.wait()
            if entry[1] is not None:
                raise entry[1]
            return False

    def start(self, call: Any) -> None:
        """Mark ``call`` running without asking (``run_task``'s own target always runs)."""
        with self._cond:
            entry = self._entry(call)
            if entry is None:
                self._add(call, [_RUNNING, None, threading.get_ident()])
            else:
                entry[:] = [_RUNNING, None, threading.get_ident()]

    def finish(self, call: Any, error: Optional[BaseException] = None) -> None:
        """``call`` has ended (with ``error`` when it failed); wake whoever waits for it."""
        with self._cond:
            entry = self._entry(call)
            if entry is None:
                entry = [_DONE, error, None]
                self._add(call, entry)
            entry[:] = [_DONE, error, None]
            self._cond.notify_all()
