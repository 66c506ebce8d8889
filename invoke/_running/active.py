"""The commands running right now, so a scheduler can stop them all at once.

`Runner.run` registers itself here for the length of a command, with the
thread that started it. The parallel scheduler (``invoke/_jobs``) uses
`kill_all` when a task fails or Ctrl-C arrives: every registered runner's
``kill`` ends its command and everything the command started.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, List

_LOCK = threading.Lock()
_RUNNING: Dict[int, Any] = {}
_REFUSING = [False]


class Cancelled(Exception):
    """A command was asked to start after the run was stopped (a failure or Ctrl-C)."""


def started(runner: Any) -> None:
    with _LOCK:
        if _REFUSING[0]:
            raise Cancelled("not started: the run was stopped")
        _RUNNING[id(runner)] = runner


def refusing() -> bool:
    """True while a stopping scheduler refuses new commands."""
    return _REFUSING[0]


def refuse_new(refuse: bool) -> None:
    """While true, commands that try to start raise `Cancelled` (set by a stopping scheduler)."""
    with _LOCK:
        _REFUSING[0] = refuse


def finished(runner: Any) -> None:
    with _LOCK:
        _RUNNING.pop(id(runner), None)


def running() -> List[Any]:
    """The runners whose commands have not finished yet."""
    with _LOCK:
        return list(_RUNNING.values())


def kill_all() -> int:
    """Kill every running command (process tree) and refuse new ones; how many there were.

    The caller lifts the refusal with ``refuse_new(False)`` when its run is over.
    """
    refuse_new(True)
    runners = running()
    for runner in runners:
        try:
            runner.kill()
        except Exception:  # already gone, or a runner that cannot be killed
            pass
    return len(runners)
