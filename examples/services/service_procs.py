"""Detached processes tracked by pid files: start, check, stop, read their logs.

Plain functions, no Invoke: the template in ``service_base.py`` calls them.
A process is started in its own session (so Ctrl-C in the terminal that ran
``inv`` does not reach it, and it outlives ``inv``), and stopped by pid:
SIGTERM, then SIGKILL when it has not exited by the deadline.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Optional, Tuple

#: The line ``spawn`` writes to a log before each start.
START = "--- started"


def spawn(args: List[str], log: Path) -> subprocess.Popen:
    """Start ``python ARGS...`` detached, appending its output to ``log`` after a `START` line."""
    with open(log, "ab") as out:
        out.write(f"{START} {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode())
        out.flush()
        return subprocess.Popen(
            [sys.executable, *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            close_fds=True,
        )


def read_pid(pid_file: Path) -> Optional[int]:
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def alive(pid: int, marker: str) -> bool:
    """Whether ``pid`` is running and is still our process (``marker`` is one of its arguments).

    The marker check keeps a stale pid file from naming some unrelated
    process that got the same pid later. A zombie counts as gone.
    """
    try:
        # Reap it when it is our own child (started by this same inv run).
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False  # someone else's process: not ours
    state, argv = _describe(pid)
    return state != "Z" and marker in argv


def _describe(pid: int) -> Tuple[str, List[str]]:
    """(state letter, arguments) of a process, from /proc or else ``ps``."""
    proc = Path(f"/proc/{pid}")
    if proc.is_dir():
        try:
            stat = (proc / "stat").read_text()
            argv = (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")
            return stat.rsplit(")", 1)[1].split()[0], argv
        except (OSError, IndexError):
            return "", []
    found = subprocess.run(
        ["ps", "-o", "stat=", "-o", "command=", "-p", str(pid)], capture_output=True, text=True
    )
    state, _, command = found.stdout.strip().partition(" ")
    return state[:1], command.split()


def stop(pid: int, marker: str, timeout: float) -> str:
    """Stop ``pid``: SIGTERM, then SIGKILL after ``timeout`` seconds. Returns how it ended."""
    if not alive(pid, marker):
        return "not running"
    os.kill(pid, signal.SIGTERM)
    if _wait_gone(pid, marker, timeout):
        return "stopped"
    os.kill(pid, signal.SIGKILL)
    if _wait_gone(pid, marker, 5.0):
        return f"killed with SIGKILL, still running {timeout:g}s after SIGTERM"
    raise RuntimeError(f"pid {pid} survived SIGKILL")


def _wait_gone(pid: int, marker: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while alive(pid, marker):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


def tail(path: Path, lines: int = 10, last_start_only: bool = False) -> List[str]:
    """The last ``lines`` lines of a log (none when it does not exist), optionally of its last start only."""
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    if last_start_only:
        starts = [index for index, line in enumerate(text) if line.startswith(START)]
        text = text[starts[-1] + 1 :] if starts else text
    return text[-lines:]
