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


def started(runner: Any) -> None:
    with _LOCK:
        _RUNNING[id(runner)] = runner


def finished(runner: Any) -> None:
    with _LOCK:
        _RUNNING.pop(id(runner), None)


def running() -> List[Any]:
    """The runners whose commands have not finished yet."""
    with _LOCK:
        return list(_RUNNING.values())


def kill_all() -> int:
    """Kill every running command (process tree); returns how many there were."""
    runners = running()
    for runner in runners:
        try:
            runner.kill()
        except Exception:  # already gone, or a runner that cannot be killed
            pass
    return len(runners)
